/**
 * Cost figures per seed summarised over seeds: the mean with a t-based CI (CPU-seconds, trainings, peak RSS).
 * Not for proportions: power and FPR are pooled counts with Wilson intervals (pool-seeds.ts).
 */
import { summarize } from '@transferbench/core';

const finite = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);

/** Mean over seeds with a t-based CI; nulls (undefined metrics, failed seeds) are dropped and counted. */
export interface SeedStat {
  mean: number | null;
  lower: number | null;
  upper: number | null;
  /** seeds that contributed */
  n: number;
}

export function seedStat(values: readonly (number | null | undefined)[], level = 0.95): SeedStat {
  const xs = values.filter(finite);
  if (xs.length === 0) return { mean: null, lower: null, upper: null, n: 0 };
  const d = summarize(xs, level);
  const num = (v: number) => (Number.isFinite(v) ? v : null);
  return { mean: d.mean, lower: num(d.ciLower), upper: num(d.ciUpper), n: xs.length };
}
