/**
 * The per-probe series of an estimator (one K×K matrix per probed step), kept for `details` so that
 * users can see how an estimate evolved over training. Long runs are thinned to at most `max` evenly
 * spaced probes (first and last always kept) so results stay small.
 */
import type { Matrix } from '@transferbench/core';

export interface ProbePoint {
  step: number;
  epoch: number;
  /** value[target][source] at this probe; null where the pair was not probed */
  value: Matrix;
}

export interface ProbeSeriesDetails {
  /** probes recorded in total */
  total: number;
  /** probes kept (evenly spaced over `total`) */
  kept: number;
  points: ProbePoint[];
}

export class ProbeSeries {
  private readonly points: ProbePoint[] = [];

  push(step: number, epoch: number, value: Matrix): void {
    this.points.push({ step, epoch, value: value.map((row) => row.map(round)) });
  }

  get length(): number {
    return this.points.length;
  }

  /** At most `max` points, evenly spaced by index, including the first and the last. */
  thinned(max: number): ProbeSeriesDetails {
    const n = this.points.length;
    if (n <= max) return { total: n, kept: n, points: this.points.slice() };
    const keep = new Set<number>();
    if (max === 1) keep.add(n - 1);
    else for (let i = 0; i < max; i++) keep.add(Math.round((i * (n - 1)) / (max - 1)));
    const points = [...keep].sort((a, b) => a - b).map((i) => this.points[i]);
    return { total: n, kept: points.length, points };
  }
}

/** 6 significant digits: the series is for inspection, not for re-analysis at full precision. */
function round(v: number | null): number | null {
  return v === null || !Number.isFinite(v) ? null : Number(v.toPrecision(6));
}
