/**
 * Running mean per ordered pair (target, source) over probes. Pairs never observed stay `null`
 * ("not estimated") rather than 0, so a missing probe is never mistaken for "no transfer".
 */
import type { Matrix } from '@transferbench/core';

export class PairAccumulator {
  private readonly sum: Float64Array;
  private readonly count: Int32Array;

  constructor(readonly K: number) {
    this.sum = new Float64Array(K * K);
    this.count = new Int32Array(K * K);
  }

  add(target: number, source: number, value: number): void {
    if (!Number.isFinite(value)) return;
    const k = target * this.K + source;
    this.sum[k] += value;
    this.count[k]++;
  }

  /** Adds every finite entry of m[target][source]. */
  addMatrix(m: Matrix): void {
    for (let t = 0; t < this.K; t++)
      for (let s = 0; s < this.K; s++) {
        const v = m[t][s];
        if (v !== null) this.add(t, s, v);
      }
  }

  /**
   * Adds a probe over a subset of tasks without building a K×K matrix: values[a·n + b] is the value of
   * (target present[a], source present[b]), n = present.length; non-finite values are skipped.
   */
  addPresent(present: readonly number[], values: Float64Array): void {
    const n = present.length;
    if (values.length !== n * n) throw new Error(`PairAccumulator.addPresent: ${values.length} values for ${n} tasks; expected ${n * n}`);
    for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) this.add(present[a], present[b], values[a * n + b]);
  }

  /** Number of observations of each pair, [target][source]. */
  counts(): number[][] {
    return Array.from({ length: this.K }, (_, t) => Array.from(this.count.subarray(t * this.K, (t + 1) * this.K)));
  }

  /** Mean per pair, null where nothing was observed. */
  mean(): Matrix {
    return Array.from({ length: this.K }, (_, t) =>
      Array.from({ length: this.K }, (_, s) => {
        const n = this.count[t * this.K + s];
        return n > 0 ? this.sum[t * this.K + s] / n : null;
      }),
    );
  }
}
