/**
 * Reusable shared-trunk-sized arrays for the probes of one training run (tag, data-lookahead,
 * gradient-cosine). Each is 4·sharedSize bytes (2 MB at the default shape), and a probe needs one per
 * source gradient plus a snapshot: allocated fresh per probe they cost page faults and frequent
 * full garbage collections that dominated the probes' overhead. The engine contract's optional `out`
 * arguments (`sharedGradients(batch, tasks, out)`, `snapshotShared(out)`) let the engine write into
 * these instead.
 *
 * Contents live until the next probe asks for the same arrays: a probe must finish with them (and
 * must use the arrays the engine RETURNS, which may or may not be these) before the next one starts.
 */
export class ProbeBuffers {
  private readonly grads: Float32Array[] = [];
  private snap: Float32Array | null = null;
  private readonly extras: Float32Array[] = [];

  constructor(readonly sharedSize: number) {
    if (!(Number.isInteger(sharedSize) && sharedSize > 0))
      throw new Error(`ProbeBuffers: sharedSize ${sharedSize}: expected a positive integer`);
  }

  /** `n` distinct arrays for `sharedGradients`' `out` (the first n of a pool grown on demand). */
  gradients(n: number): Float32Array[] {
    while (this.grads.length < n) this.grads.push(new Float32Array(this.sharedSize));
    return this.grads.slice(0, n);
  }

  /** The array for `snapshotShared`' `out`. */
  snapshot(): Float32Array {
    return (this.snap ??= new Float32Array(this.sharedSize));
  }

  /** Work array number `i` (distinct from the gradients and the snapshot), with stale contents. */
  extra(i: number): Float32Array {
    while (this.extras.length <= i) this.extras.push(new Float32Array(this.sharedSize));
    return this.extras[i];
  }
}
