/**
 * Descriptive statistics (`summarize` and its primitives; not named `describe` to avoid clashing with vitest): mean, sample sd (n − 1), standard error, t-based confidence interval, median and
 * quantiles (R's default type 7 = numpy's 'linear').
 *
 * NaN contract: the primitives (`mean`, `sampleVariance`, `sampleSd`, `standardError`) propagate NaN like
 * ordinary arithmetic; `quantile`/`median` throw on NaN (an order statistic of NaN is meaningless);
 * `summarize` drops NaN entries (e.g. AUCs of one-class tasks) and reports how many it dropped in `nNaN`.
 * Degenerate sizes give NaN where the quantity is undefined: n = 0 → all NaN; n = 1 → sd, se, CI NaN.
 */
import { tQuantile } from './stdlib.ts';

export function mean(x: ArrayLike<number>): number {
  const n = x.length;
  if (n === 0) return Number.NaN;
  let s = 0;
  for (let i = 0; i < n; i++) s += x[i];
  return s / n;
}

/** Sample variance with the n − 1 denominator (two-pass for accuracy); NaN for n < 2. */
export function sampleVariance(x: ArrayLike<number>): number {
  const n = x.length;
  if (n < 2) return Number.NaN;
  const m = mean(x);
  let ss = 0,
    comp = 0;
  for (let i = 0; i < n; i++) {
    const d = x[i] - m;
    ss += d * d;
    comp += d; // corrected two-pass: removes the rounding error left in m
  }
  return Math.max(0, ss - (comp * comp) / n) / (n - 1);
}

export function sampleSd(x: ArrayLike<number>): number {
  return Math.sqrt(sampleVariance(x));
}

/** sd / √n; NaN for n < 2. */
export function standardError(x: ArrayLike<number>): number {
  return sampleSd(x) / Math.sqrt(x.length);
}

function checkLevel(fn: string, level: number): void {
  if (!(level > 0 && level < 1)) throw new Error(`${fn}: level = ${level}; expected a confidence level in (0, 1), e.g. 0.95`);
}

/** Two-sided t critical value for a confidence level: qt(1 − (1 − level)/2, df). */
export function tCritical(level: number, df: number): number {
  checkLevel('tCritical', level);
  return tQuantile(1 - (1 - level) / 2, df);
}

/** Sorted copy; throws on NaN. */
function sortedCopy(fn: string, x: ArrayLike<number>): Float64Array {
  const s = Float64Array.from(x as ArrayLike<number>);
  for (let i = 0; i < s.length; i++) if (Number.isNaN(s[i])) throw new Error(`${fn}: x[${i}] is NaN; drop NaN entries first`);
  return s.sort();
}

function quantileSorted(s: Float64Array, p: number): number {
  const n = s.length;
  if (n === 0) return Number.NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h),
    hi = Math.ceil(h);
  return s[lo] + (h - lo) * (s[hi] - s[lo]);
}

/** Quantiles at probabilities ps (each in [0, 1]), R type 7 / numpy 'linear'. NaN for an empty sample. */
export function quantiles(x: ArrayLike<number>, ps: readonly number[]): number[] {
  for (const p of ps) if (!(p >= 0 && p <= 1)) throw new Error(`quantiles: probability ${p}; expected a number in [0, 1]`);
  const s = sortedCopy('quantiles', x);
  return ps.map((p) => quantileSorted(s, p));
}

export function quantile(x: ArrayLike<number>, p: number): number {
  return quantiles(x, [p])[0];
}

export function median(x: ArrayLike<number>): number {
  return quantile(x, 0.5);
}

export interface Summary {
  /** Number of non-NaN values used. */
  n: number;
  /** Number of NaN values dropped. */
  nNaN: number;
  mean: number;
  /** Sample standard deviation (n − 1). */
  sd: number;
  /** Standard error of the mean, sd / √n. */
  se: number;
  /** Confidence level of [ciLower, ciUpper]. */
  level: number;
  /** mean ∓ t_{(1+level)/2, n−1} · se. */
  ciLower: number;
  ciUpper: number;
  min: number;
  q25: number;
  median: number;
  q75: number;
  max: number;
}

/** Summary of a sample with a t-based CI of the mean; NaN entries are dropped (counted in nNaN). */
export function summarize(x: ArrayLike<number>, level = 0.95): Summary {
  checkLevel('summarize', level);
  const values: number[] = [];
  let nNaN = 0;
  for (let i = 0; i < x.length; i++) {
    if (Number.isNaN(x[i])) nNaN++;
    else values.push(x[i]);
  }
  const n = values.length;
  const m = mean(values);
  const sd = sampleSd(values);
  const se = sd / Math.sqrt(n);
  const half = n >= 2 ? tCritical(level, n - 1) * se : Number.NaN;
  const [min, q25, med, q75, max] = quantiles(values, [0, 0.25, 0.5, 0.75, 1]);
  return { n, nNaN, mean: m, sd, se, level, ciLower: m - half, ciUpper: m + half, min, q25, median: med, q75, max };
}
