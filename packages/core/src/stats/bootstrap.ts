/**
 * Percentile bootstrap: resample the units (e.g. replicate runs, tasks, compounds) with replacement,
 * recompute the statistic, and take the (1 − level)/2 and (1 + level)/2 quantiles (R type 7) of the
 * resampled values as the CI. Deterministic for a given Rng state: draws exactly units.length × resamples
 * integers from `rng` (pass a purpose stream, e.g. `rng.stream('bootstrap')`).
 * Resamples whose statistic is NaN (e.g. an AUC of a one-class resample) are dropped and counted.
 * Hand-written: the loop is short and must use our seeded Rng.
 */
import type { Rng } from '../rng.ts';
import { quantiles, sampleSd } from './describe.ts';

export interface BootstrapOptions {
  rng: Rng;
  /** Number of bootstrap resamples. Default 2000. */
  resamples?: number;
  /** CI level. Default 0.95. */
  level?: number;
}

export interface BootstrapResult {
  /** The statistic on the original units. */
  estimate: number;
  lower: number;
  upper: number;
  level: number;
  /** Standard deviation of the valid bootstrap replicates (bootstrap standard error). */
  se: number;
  resamples: number;
  /** Resamples whose statistic was not NaN (the CI uses these only; NaN bounds if none). */
  nValid: number;
}

export function bootstrapCi<T>(units: readonly T[], statistic: (sample: T[]) => number, opts: BootstrapOptions): BootstrapResult {
  const resamples = opts.resamples ?? 2000,
    level = opts.level ?? 0.95;
  if (!Number.isInteger(resamples) || resamples < 1) {
    throw new Error(`bootstrapCi: resamples = ${resamples}; expected a positive integer, e.g. 2000`);
  }
  if (!(level > 0 && level < 1)) throw new Error(`bootstrapCi: level = ${level}; expected a confidence level in (0, 1), e.g. 0.95`);
  const n = units.length;
  if (n === 0) throw new Error('bootstrapCi: units is empty; expected at least one unit to resample');
  const estimate = statistic(units.slice());
  const values: number[] = [];
  const sample: T[] = new Array(n);
  for (let b = 0; b < resamples; b++) {
    for (let i = 0; i < n; i++) sample[i] = units[opts.rng.int(0, n - 1)];
    const v = statistic(sample.slice()); // a fresh array: the statistic may keep or mutate it
    if (!Number.isNaN(v)) values.push(v);
  }
  const [lower, upper] = values.length > 0 ? quantiles(values, [(1 - level) / 2, (1 + level) / 2]) : [NaN, NaN];
  return { estimate, lower, upper, level, se: sampleSd(values), resamples, nValid: values.length };
}
