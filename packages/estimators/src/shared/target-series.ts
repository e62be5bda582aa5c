/**
 * A bounded record of how one training run's probes evolved, for `details` (tag, gradient-cosine): for
 * at most `max` probes spread evenly over the run, the rows of a few `targets` (their value from every
 * source) and their contextual values — O(max·targets·K) numbers — or, only when asked (`full`), each
 * kept probe's whole K×K matrix, O(max·K²): at hundreds of tasks the full matrices are what made results
 * too large to serialise.
 *
 * Probes stream in and their number is not known in advance, so the series holds every stride-th probe
 * and doubles the stride whenever 2·max are held (memory stays O(max) points, whatever the run's
 * length); at the end `max` of the held points are picked evenly, the last probe always included.
 */
import type { Matrix } from '@transferbench/core';

export interface SeriesPoint {
  step: number;
  epoch: number;
  /** rows[k][source] = the value for target targets[k] (null where not measured at this probe) */
  rows: (number | null)[][];
  /** contextual value of each of `targets` (null where not measured) */
  contextual?: (number | null)[];
  /** the whole matrix [target][source], only in a `full` series */
  matrix?: Matrix;
}

export interface TargetSeriesDetails {
  /** probes recorded in total */
  total: number;
  /** probes kept */
  kept: number;
  /** task indices whose rows are kept */
  targets: number[];
  /** whether each point has the whole matrix */
  full: boolean;
  points: SeriesPoint[];
}

export class TargetSeries {
  private held: SeriesPoint[] = [];
  private stride = 1;
  private total = 0;
  private last: SeriesPoint | null = null;
  private readonly pos: Int32Array;

  constructor(
    private readonly K: number,
    private readonly targets: readonly number[],
    private readonly max: number,
    private readonly full: boolean,
  ) {
    if (!(Number.isInteger(max) && max >= 0)) throw new Error(`TargetSeries: max = ${max}; expected an integer ≥ 0`);
    for (const t of targets) if (!(Number.isInteger(t) && t >= 0 && t < K)) throw new Error(`TargetSeries: target ${t} outside [0, ${K})`);
    this.pos = new Int32Array(K);
  }

  get length(): number {
    return this.total;
  }

  /**
   * One probe over the tasks `present`: values[a·n + b] = value of (target present[a], source present[b]);
   * contextual[a] = target present[a]'s contextual value. NaN = not measured.
   */
  push(step: number, epoch: number, present: readonly number[], values: Float64Array, contextual?: Float64Array): void {
    const index = this.total++;
    if (this.max === 0) return;
    this.pos.fill(-1);
    present.forEach((t, a) => (this.pos[t] = a));
    const n = present.length;
    const rowOf = (t: number): (number | null)[] => {
      const row = new Array<number | null>(this.K).fill(null);
      const a = this.pos[t];
      if (a >= 0) for (let b = 0; b < n; b++) row[present[b]] = round(values[a * n + b]);
      return row;
    };
    const point: SeriesPoint = { step, epoch, rows: this.targets.map(rowOf) };
    if (contextual) point.contextual = this.targets.map((t) => (this.pos[t] >= 0 ? round(contextual[this.pos[t]]) : null));
    if (this.full) point.matrix = Array.from({ length: this.K }, (_, t) => rowOf(t));
    this.last = point;
    if (index % this.stride !== 0) return;
    this.held.push(point);
    if (this.held.length >= 2 * this.max) {
      this.held = this.held.filter((_, i) => i % 2 === 0);
      this.stride *= 2;
    }
  }

  details(): TargetSeriesDetails {
    const all = this.held.slice();
    if (this.last && all[all.length - 1] !== this.last) all.push(this.last);
    let points = all;
    if (all.length > this.max) {
      const keep = new Set<number>();
      if (this.max === 1) keep.add(all.length - 1);
      else for (let i = 0; i < this.max; i++) keep.add(Math.round((i * (all.length - 1)) / (this.max - 1)));
      points = [...keep].sort((a, b) => a - b).map((i) => all[i]);
    }
    return { total: this.total, kept: points.length, targets: [...this.targets], full: this.full, points };
  }
}

/** 6 significant digits: the series is for inspection, not for re-analysis at full precision. */
function round(v: number): number | null {
  return Number.isFinite(v) ? Number(v.toPrecision(6)) : null;
}
