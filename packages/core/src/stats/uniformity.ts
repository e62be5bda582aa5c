/**
 * Calibration of p-values: under a true null a valid test's p-values are uniform on [0, 1]. The one-sample
 * Kolmogorov–Smirnov test against U(0, 1) comes from @stdlib (`stats-kstest`, exact small-sample p-values).
 */
import { kstest } from './stdlib.ts';

export interface UniformityTest {
  /** KS statistic D = sup |F_n(p) − p| */
  statistic: number | null;
  pValue: number | null;
  n: number;
}

export function ksUniform(pValues: readonly number[]): UniformityTest {
  const xs = pValues.filter((p) => Number.isFinite(p));
  if (xs.some((p) => p < 0 || p > 1)) throw new Error('ksUniform: p-values must lie in [0, 1]');
  if (xs.length === 0) return { statistic: null, pValue: null, n: 0 };
  const r = kstest(xs, 'uniform', 0, 1);
  return { statistic: r.statistic, pValue: r.pValue, n: xs.length };
}
