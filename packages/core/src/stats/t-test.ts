/**
 * Student t-tests: one-sample, paired (one-sample on differences) and Welch two-sample, as R's t.test.
 * Distribution functions come from @stdlib (t CDF and quantile); nothing is approximated here.
 *
 * Degenerate inputs (documented results, flagged in `status`):
 * - 'too-few': fewer than 2 values (in either sample for Welch). Nothing can be tested: t, pValue, se, df and the
 *   CI are NaN (estimate is still the mean when defined). Benjamini–Hochberg (`bhAdjust`) passes NaN p-values
 *   through and leaves them out of m, so such pairs are simply "not tested".
 * - 'constant': the standard error is 0 up to rounding (R's rule: se < 10·ε·|mean|, where R stops with
 *   "data are essentially constant"). se = 0 and the CI collapses to [estimate, estimate]; if the estimate
 *   equals mu (same tolerance) t = 0 and p = 1, else t = ±Infinity and p = 0 (or 1 for a one-sided alternative
 *   pointing the other way).
 * NaN inputs are an error (drop missing values first, deliberately).
 */
import { tCdf, tQuantile } from './stdlib.ts';
import { mean, sampleVariance } from './describe.ts';

export type Alternative = 'two-sided' | 'greater' | 'less';
export type TTestStatus = 'ok' | 'too-few' | 'constant';

export interface TTestOptions {
  /** Null value of the mean (one-sample, paired) or of the mean difference x − y (Welch). Default 0. */
  mu?: number;
  /** Confidence level of the CI. Default 0.95. */
  level?: number;
  /** Default 'two-sided'. 'greater': H1 mean > mu. */
  alternative?: Alternative;
}

export interface TTestResult {
  status: TTestStatus;
  /** Mean (one-sample), mean of differences (paired) or mean(x) − mean(y) (Welch). */
  estimate: number;
  mu: number;
  /** Standard error of the estimate. */
  se: number;
  t: number;
  /** Degrees of freedom (Welch–Satterthwaite for Welch; may be fractional). */
  df: number;
  pValue: number;
  alternative: Alternative;
  level: number;
  /** CI of the estimate (not of estimate − mu); one-sided alternatives give a half-infinite interval. */
  ciLower: number;
  ciUpper: number;
  /** Sample sizes: [n] for one-sample/paired, [nx, ny] for Welch. */
  n: number[];
}

const EPS = Number.EPSILON;

function resolve(fn: string, opts: TTestOptions): Required<TTestOptions> {
  const mu = opts.mu ?? 0,
    level = opts.level ?? 0.95,
    alternative = opts.alternative ?? 'two-sided';
  if (!Number.isFinite(mu)) throw new Error(`${fn}: mu = ${mu}; expected a finite number`);
  if (!(level > 0 && level < 1)) throw new Error(`${fn}: level = ${level}; expected a confidence level in (0, 1), e.g. 0.95`);
  if (alternative !== 'two-sided' && alternative !== 'greater' && alternative !== 'less') {
    throw new Error(`${fn}: alternative = ${String(alternative)}; expected 'two-sided', 'greater' or 'less'`);
  }
  return { mu, level, alternative };
}

function checkNoNaN(fn: string, name: string, x: ArrayLike<number>): void {
  for (let i = 0; i < x.length; i++) {
    if (Number.isNaN(x[i])) throw new Error(`${fn}: ${name}[${i}] is NaN; drop missing values before testing`);
  }
}

/** Shared tail: t statistic, p-value and CI from (estimate, se, df), including the degenerate branches. */
function finish(o: Required<TTestOptions>, estimate: number, se: number, df: number, scale: number, n: number[]): TTestResult {
  const base = { estimate, mu: o.mu, alternative: o.alternative, level: o.level, n };
  if (!(df > 0) || Number.isNaN(se)) {
    return { ...base, status: 'too-few', se: NaN, t: NaN, df: NaN, pValue: NaN, ciLower: NaN, ciUpper: NaN };
  }
  if (se <= 10 * EPS * scale) {
    // "<=" so that all-zero data (se = 0 = scale) is constant too
    const diff = estimate - o.mu;
    const same = Math.abs(diff) <= 10 * EPS * Math.max(Math.abs(estimate), Math.abs(o.mu));
    const t = same ? 0 : diff > 0 ? Infinity : -Infinity;
    let pValue: number;
    if (same) pValue = 1;
    else if (o.alternative === 'two-sided') pValue = 0;
    else pValue = (o.alternative === 'greater') === diff > 0 ? 0 : 1;
    return { ...base, status: 'constant', se: 0, t, df, pValue, ciLower: estimate, ciUpper: estimate };
  }
  const t = (estimate - o.mu) / se;
  let pValue: number, ciLower: number, ciUpper: number;
  if (o.alternative === 'two-sided') {
    pValue = Math.min(1, 2 * tCdf(-Math.abs(t), df));
    const q = tQuantile(1 - (1 - o.level) / 2, df);
    ciLower = estimate - q * se;
    ciUpper = estimate + q * se;
  } else if (o.alternative === 'greater') {
    pValue = tCdf(-t, df);
    ciLower = estimate - tQuantile(o.level, df) * se;
    ciUpper = Infinity;
  } else {
    pValue = tCdf(t, df);
    ciLower = -Infinity;
    ciUpper = estimate + tQuantile(o.level, df) * se;
  }
  return { ...base, status: 'ok', se, t, df, pValue, ciLower, ciUpper };
}

/** One-sample t-test of mean(x) = mu. */
export function tTestOneSample(x: ArrayLike<number>, opts: TTestOptions = {}): TTestResult {
  const o = resolve('tTestOneSample', opts);
  checkNoNaN('tTestOneSample', 'x', x);
  const n = x.length;
  const m = mean(x);
  if (n < 2) return finish(o, m, NaN, NaN, 0, [n]);
  const se = Math.sqrt(sampleVariance(x) / n);
  return finish(o, m, se, n - 1, Math.abs(m), [n]);
}

/** Paired t-test: one-sample t-test of the differences x[i] − y[i]. */
export function tTestPaired(x: ArrayLike<number>, y: ArrayLike<number>, opts: TTestOptions = {}): TTestResult {
  if (x.length !== y.length) {
    throw new Error(`tTestPaired: x has length ${x.length} but y has length ${y.length}; expected equal lengths`);
  }
  checkNoNaN('tTestPaired', 'x', x);
  checkNoNaN('tTestPaired', 'y', y);
  const d = Float64Array.from({ length: x.length }, (_, i) => x[i] - y[i]);
  return tTestOneSample(d, opts);
}

/** Welch two-sample t-test of mean(x) − mean(y) = mu (unequal variances, Welch–Satterthwaite df). */
export function tTestWelch(x: ArrayLike<number>, y: ArrayLike<number>, opts: TTestOptions = {}): TTestResult {
  const o = resolve('tTestWelch', opts);
  checkNoNaN('tTestWelch', 'x', x);
  checkNoNaN('tTestWelch', 'y', y);
  const nx = x.length,
    ny = y.length;
  const mx = mean(x),
    my = mean(y);
  const estimate = mx - my;
  if (nx < 2 || ny < 2) return finish(o, estimate, NaN, NaN, 0, [nx, ny]);
  const vx = sampleVariance(x) / nx,
    vy = sampleVariance(y) / ny;
  const v = vx + vy;
  const se = Math.sqrt(v);
  // Both variances 0 → df is 0/0; any positive value will do since the 'constant' branch ignores it.
  const df = v > 0 ? (v * v) / ((vx * vx) / (nx - 1) + (vy * vy) / (ny - 1)) : nx + ny - 2;
  return finish(o, estimate, se, df, Math.max(Math.abs(mx), Math.abs(my)), [nx, ny]);
}
