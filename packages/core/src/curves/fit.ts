/**
 * fitCurve: bounded least-squares fit of a learning-curve family with multi-start and Wald inference.
 *
 * - Covariates are divided by a per-covariate scale (default max n) so raw counts in the hundreds to
 *   thousands are well conditioned; everything reported is in raw units.
 * - Starts: the data-driven start (starts.ts), an optional caller start, then `restarts` seeded random
 *   starts. Every start runs the bounded LM (lm.ts); the best stationary point by RSS wins; starts that do
 *   not converge are counted as failures.
 * - Failures are never silent: too few points (n ≤ p), flat data, no stationary point, a rate or b at its
 *   (data-driven) bound, or a singular Jacobian give `converged: false` and a `reason`. Invalid input
 *   (NaN/∞, wrong arity, negative counts) throws a CurveDataError.
 * - Numbers that could not be computed are NaN in the arrays and null in the named records (JSON-friendly).
 */
import { Rng } from '../rng.ts';
import { curveBounds } from './bounds.ts';
import { covariateScales, validateCurvePoints, type CurvePoint } from './data.ts';
import { parameterNames, transferParameters, type CurveFamily } from './family.ts';
import { jacobianCovariance, waldSummary, type JacobianConditioning } from './inference.ts';
import { boundedLevenbergMarquardt, type LmProblem, type LmResult } from './lm.ts';
import { dataDrivenStart, intoBox, randomStart } from './starts.ts';

export interface CurveFitOptions {
  /** upper bound on the asymptote c, e.g. 1 for AUC-like metrics (default: none) */
  upperAsymptote?: number;
  /** seeded random restarts after the data-driven start (default 8) */
  restarts?: number;
  /** randomness for the restarts (default `new Rng(seed ?? 0)`) */
  rng?: Rng;
  seed?: number;
  /** LM iterations per start (default 500) */
  maxIterations?: number;
  /** bound on |a_k|·scale_k, i.e. rates in units of 1/max n (default 200) */
  maxScaledRate?: number;
  /** per-covariate scales (default max |x_k|, 1 for an all-zero column) */
  scales?: number[];
  /** an extra start in raw units (e.g. a previous fit), tried after the data-driven one */
  start?: readonly number[];
  /** confidence level of the Wald intervals (default 0.95) */
  level?: number;
  /** condition number of the scaled Jacobian above which parameters count as not identified (default 1e8) */
  maxCondition?: number;
}

export type NamedValues = Record<string, number | null>;

export interface CurveFit {
  family: string;
  formula: string;
  parameters: string[];
  transfer: string[];
  /** estimates in raw units, in `parameters` order (NaN when no fit was possible) */
  values: number[];
  estimate: NamedValues;
  se: NamedValues;
  lower: NamedValues;
  upper: NamedValues;
  /** two-sided Wald t-test p-value of parameter = 0 */
  pValue: NamedValues;
  /** s²·(JᵀJ)⁻¹ in raw units (curve_fit's pcov), null when not computable */
  covariance: number[][] | null;
  rss: number;
  nPoints: number;
  /** residual degrees of freedom n − p */
  df: number;
  /** s² = RSS / (n − p) */
  sigma2: number;
  level: number;
  converged: boolean;
  reason: string | null;
  warnings: string[];
  restarts: { attempted: number; failed: number; best: number };
  iterations: number;
  scales: number[];
  conditioning: JacobianConditioning | null;
}

const named = (names: string[], v: readonly number[]): NamedValues =>
  Object.fromEntries(names.map((n, k) => [n, Number.isFinite(v[k]) ? v[k] : null]));

function emptyFit(family: CurveFamily, points: readonly CurvePoint[], scales: number[], level: number, reason: string): CurveFit {
  const names = parameterNames(family);
  const nan = names.map(() => NaN);
  const df = points.length - names.length;
  return {
    family: family.name,
    formula: family.formula,
    parameters: names,
    transfer: transferParameters(family),
    values: nan,
    estimate: named(names, nan),
    se: named(names, nan),
    lower: named(names, nan),
    upper: named(names, nan),
    pValue: named(names, nan),
    covariance: null,
    rss: NaN,
    nPoints: points.length,
    df,
    sigma2: NaN,
    level,
    converged: false,
    reason,
    warnings: [],
    restarts: { attempted: 0, failed: 0, best: -1 },
    iterations: 0,
    scales,
    conditioning: null,
  };
}

/** Why a stationary point is still not an acceptable fit (parameter at a data-driven bound), or null. */
function boundFailure(family: CurveFamily, theta: number[], problem: LmProblem, cCapIsUser: boolean): string | null {
  const names = parameterNames(family);
  const at = (k: number, side: 'lower' | 'upper') => {
    const span = problem.upper[k] - problem.lower[k];
    return side === 'lower' ? theta[k] <= problem.lower[k] + 1e-7 * span : theta[k] >= problem.upper[k] - 1e-7 * span;
  };
  if (at(0, 'upper') && !cCapIsUser)
    return 'asymptote not identified: c ran to its bound (100 data ranges above max y); the data look linear, not saturating';
  if (at(1, 'lower')) return 'no curvature: the exponential term vanished (b at its lower bound); the data look flat';
  if (at(1, 'upper')) return 'degenerate fit: b at its upper bound';
  for (let k = 2; k < theta.length; k++) {
    const rate = family.rates[k - 2];
    if (rate.kind === 'own' && at(k, 'lower')) return `no curvature: own rate ${names[k]} at its lower bound 0 (flat curve)`;
    if (at(k, 'lower') || at(k, 'upper'))
      return `degenerate fit: rate ${names[k]} at its bound ±maxScaledRate (${problem.upper[k]} per max ${rate.covariate})`;
  }
  return null;
}

/** For a fit that never converged: does it creep towards a straight line (own rate → 0, c → ∞)? */
function driftHint(family: CurveFamily, theta: number[]): string {
  const k = family.rates.findIndex((r) => r.kind === 'own');
  if (k < 0 || !(theta[2 + k] < 0.1)) return '';
  return `no curvature: the fit drifts towards a straight line (own rate ${family.rates[k].name} · max ${family.rates[k].covariate} = ${theta[2 + k].toExponential(2)} → 0, c → ∞), the data show no saturation; `;
}

export function fitCurve(family: CurveFamily, points: readonly CurvePoint[], options: CurveFitOptions = {}): CurveFit {
  validateCurvePoints(family, points);
  const names = parameterNames(family);
  const p = names.length,
    n = points.length,
    K = family.rates.length;
  const level = options.level ?? 0.95;
  if (!(level > 0 && level < 1)) throw new Error(`fitCurve: level = ${level}; expected a number in (0, 1)`);
  const scales = options.scales ?? covariateScales(points, K);
  if (scales.length !== K || scales.some((s) => !(s > 0) || !Number.isFinite(s))) {
    throw new Error(`fitCurve: scales = [${scales.join(', ')}]; expected ${K} positive finite numbers`);
  }
  if (n <= p)
    return emptyFit(family, points, scales, level, `too few points: ${n} points for ${p} parameters (need n > p, i.e. at least ${p + 1})`);
  const y = points.map((pt) => pt.y);
  const yLo = Math.min(...y),
    yHi = Math.max(...y);
  if (!(yHi - yLo > 1e-12 * Math.max(1, Math.abs(yHi)))) {
    return emptyFit(family, points, scales, level, `no curvature: y is flat (all values ${yHi}); the curve parameters are not identified`);
  }

  const xs = points.map((pt) => pt.x.map((v, k) => v / scales[k]));
  const maxScaledRate = options.maxScaledRate ?? 200;
  const bounds = curveBounds(family, y, options.upperAsymptote, maxScaledRate);
  const problem: LmProblem = { xs, y, lower: bounds.lower, upper: bounds.upper };
  const lmOptions = { maxIterations: options.maxIterations ?? 500 };

  const starts: number[][] = [dataDrivenStart(xs, y, bounds)];
  if (options.start) {
    if (options.start.length !== p)
      throw new Error(`fitCurve: start has ${options.start.length} values; expected ${p} (${names.join(', ')})`);
    starts.push(
      intoBox(
        options.start.map((v, k) => (k < 2 ? v : v * scales[k - 2])),
        bounds,
      ),
    );
  }
  const rng = (options.rng ?? new Rng(options.seed ?? 0)).stream('curve-restarts');
  const nRandom = options.restarts ?? 8;
  for (let r = 0; r < nRandom; r++) starts.push(randomStart(xs, y, bounds, rng));

  const runs: LmResult[] = starts.map((s) => boundedLevenbergMarquardt(problem, s, lmOptions));
  const failed = runs.filter((r) => !r.converged).length;
  const pool = runs.some((r) => r.converged) ? runs.filter((r) => r.converged) : runs;
  const best = pool.reduce((a, b) => (b.rss < a.rss ? b : a));
  const bestIndex = runs.indexOf(best);
  const iterations = runs.reduce((s, r) => s + r.iterations, 0);

  const thetaScaled = best.theta;
  const values = thetaScaled.map((v, k) => (k < 2 ? v : v / scales[k - 2]));
  const df = n - p;
  const sigma2 = best.rss / df;
  const { cov, conditioning } = jacobianCovariance(xs, thetaScaled);
  const warnings: string[] = [];
  let reason: string | null = best.converged
    ? null
    : `${driftHint(family, thetaScaled)}no start converged (${runs.length} tried); best: ${best.reason}`;
  reason ??= boundFailure(family, thetaScaled, problem, bounds.cCapIsUser);
  const maxCondition = options.maxCondition ?? 1e8;
  if (!reason && (conditioning.rank < p || conditioning.condition > maxCondition)) {
    reason = `singular Jacobian: condition number ${conditioning.condition.toExponential(2)} (rank ${conditioning.rank} of ${p}); the parameters are not identified by these data`;
  }
  if (bounds.cCapIsUser && thetaScaled[0] >= bounds.upper[0] - 1e-9) {
    warnings.push(`c is at its upper bound ${bounds.upper[0]} (upperAsymptote): its standard error ignores the constraint`);
  }
  if (failed > 0) warnings.push(`${failed} of ${runs.length} starts did not converge`);

  let covariance: number[][] | null = null;
  let summary = { se: values.map(() => NaN), lower: values.map(() => NaN), upper: values.map(() => NaN), pValue: values.map(() => NaN) };
  if (conditioning.rank === p) {
    const d = names.map((_, k) => (k < 2 ? 1 : 1 / scales[k - 2]));
    covariance = cov.map((row, a) => row.map((v, b) => v * sigma2 * d[a] * d[b]));
    summary = waldSummary(values, covariance, df, level);
  }
  return {
    family: family.name,
    formula: family.formula,
    parameters: names,
    transfer: transferParameters(family),
    values,
    estimate: named(names, values),
    se: named(names, summary.se),
    lower: named(names, summary.lower),
    upper: named(names, summary.upper),
    pValue: named(names, summary.pValue),
    covariance,
    rss: best.rss,
    nPoints: n,
    df,
    sigma2,
    level,
    converged: reason === null,
    reason,
    warnings,
    restarts: { attempted: runs.length, failed, best: bestIndex },
    iterations,
    scales,
    conditioning,
  };
}
