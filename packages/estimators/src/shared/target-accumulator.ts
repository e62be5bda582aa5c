/**
 * Running mean per target over probes (the contextual effect of one replicate). Targets never observed
 * stay `null` ("not estimated"), as in PairAccumulator.
 */
export class TargetAccumulator {
  private readonly sum: Float64Array;
  private readonly count: Int32Array;

  constructor(readonly K: number) {
    this.sum = new Float64Array(K);
    this.count = new Int32Array(K);
  }

  /** values[a] is target present[a]'s value; non-finite values are skipped. */
  addPresent(present: readonly number[], values: Float64Array): void {
    if (values.length !== present.length)
      throw new Error(`TargetAccumulator.addPresent: ${values.length} values for ${present.length} tasks`);
    present.forEach((t, a) => {
      const v = values[a];
      if (!Number.isFinite(v)) return;
      this.sum[t] += v;
      this.count[t]++;
    });
  }

  counts(): number[] {
    return Array.from(this.count);
  }

  mean(): (number | null)[] {
    return Array.from(this.sum, (s, t) => (this.count[t] > 0 ? s / this.count[t] : null));
  }
}
