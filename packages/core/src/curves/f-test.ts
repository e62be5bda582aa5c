/**
 * Nested-model F test of one transfer rate = 0: fit the reduced family without that rate (its covariate
 * dropped) and compare residual sums of squares,
 *   F = (RSS_reduced − RSS_full) / (RSS_full / (n − p_full)),  df = (1, n − p_full).
 * With one restriction F = t², so the p-value is computed as 2·P(T_{n−p} > √F), which keeps precision for
 * tiny p-values (1 − F-cdf would round to 0).
 */
import type { CurvePoint } from './data.ts';
import { parameterNames, withoutRate, type CurveFamily } from './family.ts';
import { fitCurve, type CurveFit, type CurveFitOptions } from './fit.ts';
import { twoSidedTPValue } from './inference.ts';

export interface NestedFTest {
  /** the rate fixed at 0 in the reduced model */
  rate: string;
  F: number;
  df1: number;
  df2: number;
  /** NaN when either fit failed (see reason) */
  pValue: number;
  rssFull: number;
  rssReduced: number;
  valid: boolean;
  reason: string | null;
}

/** F test of `rate` = 0 given the full fit (same points and options as the full fit). */
export function transferFTest(
  family: CurveFamily,
  points: readonly CurvePoint[],
  rate: string,
  full: CurveFit,
  options: CurveFitOptions = {},
): NestedFTest {
  const reducedFamily = withoutRate(family, rate);
  const k = family.rates.findIndex((r) => r.name === rate);
  const reducedPoints = points.map((p) => ({ ...p, x: p.x.filter((_, j) => j !== k) }));
  const fullNames = parameterNames(family);
  // start the reduced fit from the full estimate without the tested rate
  const start = full.values.every(Number.isFinite) ? full.values.filter((_, j) => fullNames[j] !== rate) : undefined;
  const reduced = fitCurve(reducedFamily, reducedPoints, {
    ...options,
    start,
    scales: full.scales.filter((_, j) => j !== k),
    rng: options.rng?.stream(`f-test:${rate}`),
  });
  const df1 = 1,
    df2 = full.df;
  const base = { rate, df1, df2, rssFull: full.rss, rssReduced: reduced.rss };
  if (!full.converged) return { ...base, F: NaN, pValue: NaN, valid: false, reason: `full fit failed: ${full.reason}` };
  if (!reduced.converged)
    return { ...base, F: NaN, pValue: NaN, valid: false, reason: `reduced fit (${rate} = 0) failed: ${reduced.reason}` };
  // the reduced model is nested, so RSS_reduced ≥ RSS_full at exact optima; clamp rounding-level negatives
  const F = Math.max(0, reduced.rss - full.rss) / df1 / (full.rss / df2);
  return { ...base, F, pValue: twoSidedTPValue(Math.sqrt(F), df2), valid: true, reason: null };
}
