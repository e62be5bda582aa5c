/**
 * One transfer fit (EXP3.2, pairwise or joint, for one target) and the three readings of each transfer rate:
 *
 * - rate a (the curve parameter, 1/label), with core's Wald SE/CI (curve_fit's covariance);
 * - average marginal slope δ = mean over the fitted runs p of ∂m/∂n_source(x_p) = a·mean_p E(x_p) (metric
 *   units per label; econometrics' "average marginal effect"), with a delta-method Wald SE/CI. δ has the sign
 *   of a. Averaging over the runs, not evaluating at the centroid, keeps the evidence of a curve that
 *   saturates early in the design (steep at small n, flat at the centroid);
 * - exchange rate γ = a / a_own (own labels one source label is worth), delta-method SE/CI.
 *
 * The p-value of "no transfer" is the nested-model F test (core transferFTest), not the Wald test of a: in the
 * near-linear regime typical of small data (the curve has not bent yet) b, c and the rates are strongly
 * correlated and the Wald SE of a rate is huge even when the slope along that covariate is clearly non-zero
 * (on the planted synthetic data: Wald p ≈ 0.45 with F p ≈ 0.003 for the same rate), whereas a = 0 ⟺ δ = 0 ⟺
 * γ = 0 is one hypothesis and the F test does not depend on how it is parametrised. Wald p-values of all three
 * readings are kept for reference.
 *
 * Own rate on its bound: when the best fit has the own rate at 0 (the target does not learn from its own
 * labels within the design, e.g. a label-permuted control), core reports a failure. The fit is then repeated
 * with the own rate fixed at 0 (its covariate dropped, core `withoutRate`) so the transfer rates are still
 * estimated; γ is undefined there. When the dropped family has a single rate, its reduced model for the F test
 * is the constant m = ȳ, whose RSS Σ(y − ȳ)² is exact, so it is computed directly (a c − exp(b) fit is not
 * identified).
 */
import {
  curveExpTerm,
  fitCurve,
  parameterNames,
  transferFTest,
  twoSidedTPValue,
  withoutRate,
  type CurveFamily,
  type CurveFit,
  type CurveFitOptions,
  type CurvePoint,
  type NestedFTest,
  tCritical,
} from '@transferbench/core';
import { linearFit, type LinearFit } from './linear-fit.ts';

export interface Interval {
  estimate: number | null;
  se: number | null;
  lower: number | null;
  upper: number | null;
  /** two-sided Wald p of this reading = 0 */
  waldP: number | null;
}

export interface RateReading {
  /** transfer parameter name in the family, e.g. `a_isigma`, `a_fam0-0<-fam0-1` */
  parameter: string;
  /** covariate of the source, e.g. `n_sigma` */
  covariate: string;
  rate: Interval;
  slope: Interval;
  /** null when the own rate is fixed at 0 */
  exchangeRate: Interval;
  /** residual degrees of freedom of the fit (t quantiles and p-values) */
  df: number;
  /** test-set bootstrap sd of each reading (null: not run); rate/slope/exchangeRate then include it */
  testSetSd: { rate: number | null; slope: number | null; exchangeRate: number | null; draws: number } | null;
  /** the readings conditional on the test set (residual Wald only), kept when testSetSd was added */
  conditional?: { rate: Interval; slope: Interval; exchangeRate: Interval };
  /** nested F test of this rate = 0, conditional on the test set (null F / pValue when it could not be run) */
  fTest: { F: number | null; df1: number; df2: number; pValue: number | null; valid: boolean; reason: string | null };
}

/** The JSON-friendly summary of a core CurveFit kept in the estimate's details. */
export interface FitSummary {
  family: string;
  formula: string;
  parameters: string[];
  estimate: Record<string, number | null>;
  se: Record<string, number | null>;
  lower: Record<string, number | null>;
  upper: Record<string, number | null>;
  pValue: Record<string, number | null>;
  rss: number | null;
  nPoints: number;
  df: number;
  converged: boolean;
  reason: string | null;
  warnings: string[];
  restarts: { attempted: number; failed: number; best: number };
}

/** Which model the readings come from: the curve, the curve with the own rate fixed at 0, or its linear limit. */
export type TransferModel = 'curve' | 'curve-own-fixed' | 'linear';

export interface TransferFit {
  /** the last curve fit (the refit without the own rate if that was needed); null when only the linear limit was fitted */
  fit: FitSummary | null;
  model: TransferModel;
  /** the linear limit when the curve could not be fitted: coefficients [β₀, β per covariate] */
  linear: { coefficients: (number | null)[]; rss: number | null; df: number; reason: string | null } | null;
  /** readings are available (from the curve or its linear limit) */
  converged: boolean;
  reason: string | null;
  /** true when the own rate sat on its bound 0 and was fixed there */
  ownRateFixedAtZero: boolean;
  readings: RateReading[];
  /** every core curve fit run for this target (full, refit, F-test reduced fits) and how many failed */
  attempts: number;
  failures: number;
  /** failures with their reasons (for diagnostics.warnings) */
  failureReasons: string[];
}

const finite = (v: number): number | null => (Number.isFinite(v) ? v : null);

export function summariseFit(f: CurveFit): FitSummary {
  return {
    family: f.family,
    formula: f.formula,
    parameters: f.parameters,
    estimate: f.estimate,
    se: f.se,
    lower: f.lower,
    upper: f.upper,
    pValue: f.pValue,
    rss: finite(f.rss),
    nPoints: f.nPoints,
    df: f.df,
    converged: f.converged,
    reason: f.reason,
    warnings: f.warnings,
    restarts: f.restarts,
  };
}

/** Wald reading of g(θ) with gradient ∇g, from a raw-unit covariance and t(df) quantiles. */
function deltaReading(value: number, grad: number[], covariance: number[][] | null, df: number, level: number): Interval {
  if (!Number.isFinite(value)) return { estimate: null, se: null, lower: null, upper: null, waldP: null };
  if (!covariance || !(df > 0)) return { estimate: value, se: null, lower: null, upper: null, waldP: null };
  let v = 0;
  for (let p = 0; p < grad.length; p++) for (let q = 0; q < grad.length; q++) v += grad[p] * covariance[p][q] * grad[q];
  const se = Math.sqrt(Math.max(0, v));
  const t = tCritical(level, df);
  return {
    estimate: value,
    se: finite(se),
    lower: finite(value - t * se),
    upper: finite(value + t * se),
    waldP: finite(twoSidedTPValue(value / se, df)),
  };
}

/** mean_p E(x_p) and mean_p x_pk·E(x_p) (for the delta method of the average marginal slope). */
function meanExpTerms(theta: readonly number[], points: readonly CurvePoint[], K: number): { E: number; xE: number[] } {
  let E = 0;
  const xE = new Array<number>(K).fill(0);
  for (const p of points) {
    const e = curveExpTerm(theta, p.x) / points.length;
    E += e;
    for (let k = 0; k < K; k++) xE[k] += p.x[k] * e;
  }
  return { E, xE };
}

/** F test of `rate` = 0; exact constant-model RSS when `rate` is the family's only rate. */
function fTestOf(
  family: CurveFamily,
  points: readonly CurvePoint[],
  rate: string,
  full: CurveFit,
  options: CurveFitOptions,
): NestedFTest & { reducedFits: number; reducedFailed: boolean } {
  if (family.rates.length === 1) {
    const mean = points.reduce((s, p) => s + p.y, 0) / points.length;
    const rssReduced = points.reduce((s, p) => s + (p.y - mean) ** 2, 0);
    const base = { rate, df1: 1, df2: full.df, rssFull: full.rss, rssReduced, reducedFits: 0, reducedFailed: false };
    if (!full.converged) return { ...base, F: NaN, pValue: NaN, valid: false, reason: `full fit failed: ${full.reason}` };
    const F = Math.max(0, rssReduced - full.rss) / (full.rss / full.df);
    return { ...base, F, pValue: twoSidedTPValue(Math.sqrt(F), full.df), valid: true, reason: null };
  }
  const test = transferFTest(family, points, rate, full, options);
  const reducedFailed = full.converged && !test.valid;
  return { ...test, reducedFits: full.converged ? 1 : 0, reducedFailed };
}

export interface TransferFitOptions {
  fit: CurveFitOptions;
  level: number;
  /** run the nested F tests (one reduced fit per transfer rate) */
  fTests: boolean;
  /** label of this fit in failure messages, e.g. `EXP3.2 fam0-1` */
  label: string;
  /** reproduce a fit's model: the own rate fixed at 0 from the start, or straight to the linear limit */
  model?: TransferModel;
}

const blank: Interval = { estimate: null, se: null, lower: null, upper: null, waldP: null };

/** Readings of a converged curve fit (family `fam` on points `pts`). */
function curveReadings(
  fam: CurveFamily,
  pts: readonly CurvePoint[],
  fit: CurveFit,
  options: TransferFitOptions,
  count: (failed: string | null) => void,
): RateReading[] {
  const names = parameterNames(fam);
  const { E, xE } = meanExpTerms(fit.values, pts, fam.rates.length);
  const ownIndex = fam.rates.findIndex((r) => r.kind === 'own');
  const readings: RateReading[] = [];
  fam.rates.forEach((r, k) => {
    if (r.kind !== 'transfer') return;
    const q = 2 + k;
    const a = fit.values[q];
    const unit = names.map((_, p) => (p === q ? 1 : 0));
    const rate = deltaReading(a, unit, fit.covariance, fit.df, options.level);
    // δ = a_k·mean E(x_p); ∂δ/∂b = a_k·mean E, ∂δ/∂a_m = 1{m=k}·mean E − a_k·mean x_pm·E(x_p)
    const slopeGrad = names.map((_, p) => (p === 0 ? 0 : p === 1 ? a * E : (p === q ? E : 0) - a * xE[p - 2]));
    const slope = deltaReading(a * E, slopeGrad, fit.covariance, fit.df, options.level);
    let exchangeRate = blank;
    if (ownIndex >= 0) {
      const ao = fit.values[2 + ownIndex];
      const g = names.map((_, p) => (p === q ? 1 / ao : p === 2 + ownIndex ? -a / (ao * ao) : 0));
      exchangeRate = deltaReading(a / ao, g, fit.covariance, fit.df, options.level);
    }
    let fTest: RateReading['fTest'] = {
      F: null,
      df1: 1,
      df2: fit.df,
      pValue: null,
      valid: false,
      reason: 'F test not run (fTests: false)',
    };
    if (options.fTests) {
      const t = fTestOf(fam, pts, r.name, fit, options.fit);
      if (t.reducedFits > 0) count(t.reducedFailed ? `${options.label}: F test of ${r.name} = 0: ${t.reason}` : null);
      fTest = { F: finite(t.F), df1: t.df1, df2: t.df2, pValue: finite(t.pValue), valid: t.valid, reason: t.reason };
    }
    readings.push({ parameter: r.name, covariate: r.covariate, rate, slope, exchangeRate, df: fit.df, testSetSd: null, fTest });
  });
  return readings;
}

/** Readings of the linear limit m = β₀ + Σ β_k x_k (all covariates of the family, own included). */
function linearReadings(family: CurveFamily, lin: LinearFit, level: number): RateReading[] {
  const p = lin.beta.length;
  const ownIndex = family.rates.findIndex((r) => r.kind === 'own');
  const readings: RateReading[] = [];
  family.rates.forEach((r, k) => {
    if (r.kind !== 'transfer') return;
    const q = 1 + k;
    const unit = Array.from({ length: p }, (_, m) => (m === q ? 1 : 0));
    const slope = deltaReading(lin.beta[q], unit, lin.covariance, lin.df, level);
    let exchangeRate = blank;
    // γ = β_source/β_own is meaningful only while own labels help (β_own > 0)
    if (ownIndex >= 0 && lin.beta[1 + ownIndex] > 0) {
      const bo = lin.beta[1 + ownIndex],
        b = lin.beta[q];
      const g = Array.from({ length: p }, (_, m) => (m === q ? 1 / bo : m === 1 + ownIndex ? -b / (bo * bo) : 0));
      exchangeRate = deltaReading(b / bo, g, lin.covariance, lin.df, level);
    }
    const t = slope.se ? lin.beta[q] / slope.se : NaN;
    const fTest: RateReading['fTest'] = {
      F: finite(t * t),
      df1: 1,
      df2: lin.df,
      pValue: slope.waldP,
      valid: slope.waldP !== null,
      reason: slope.waldP === null ? 'linear fit without a standard error' : null,
    };
    readings.push({ parameter: r.name, covariate: r.covariate, rate: blank, slope, exchangeRate, df: lin.df, testSetSd: null, fTest });
  });
  return readings;
}

export function fitTransfer(family: CurveFamily, points: readonly CurvePoint[], options: TransferFitOptions): TransferFit {
  const failureReasons: string[] = [];
  let attempts = 0,
    failures = 0;
  const count = (failed: string | null) => {
    attempts++;
    if (failed) {
      failures++;
      failureReasons.push(failed);
    }
  };
  const own = family.rates.find((r) => r.kind === 'own');
  const canFixOwn = !!own && family.rates.length > 1;
  const withoutOwn = (): { fam: CurveFamily; pts: CurvePoint[] } => {
    const k = family.rates.indexOf(own!);
    return { fam: withoutRate(family, own!.name), pts: points.map((p) => ({ ...p, x: p.x.filter((_, j) => j !== k) })) };
  };

  let model: TransferModel = options.model ?? 'curve';
  let fit: CurveFit | null = null;
  let fam = family,
    pts: readonly CurvePoint[] = points;
  if (model === 'curve-own-fixed' && canFixOwn) ({ fam, pts } = withoutOwn());
  if (model !== 'linear') {
    fit = fitCurve(fam, pts, options.fit);
    const fixed = model === 'curve-own-fixed';
    count(fit.converged ? null : `${options.label}${fixed ? ' (own rate fixed at 0)' : ''}: ${fit.reason}`);
    if (!fit.converged && !fixed && canFixOwn && fit.reason?.startsWith(`no curvature: own rate ${own!.name} at its lower bound 0`)) {
      ({ fam, pts } = withoutOwn());
      const { start: _start, ...rest } = options.fit;
      fit = fitCurve(fam, pts, rest);
      model = 'curve-own-fixed';
      count(fit.converged ? null : `${options.label} (own rate fixed at 0): ${fit.reason}`);
    }
    if (!fit.converged) model = 'linear';
  }
  let readings: RateReading[];
  let linear: TransferFit['linear'] = null;
  let converged = true;
  let reason: string | null = null;
  if (model === 'linear') {
    const lin = linearFit(points);
    linear = { coefficients: lin.beta.map((b) => finite(b)), rss: finite(lin.rss), df: lin.df, reason: lin.reason };
    if (lin.ok) {
      readings = linearReadings(family, lin, options.level);
      if (fit) failureReasons[failureReasons.length - 1] += ' — transfer read from the linear limit of the curve (OLS slope)';
    } else {
      converged = false;
      reason = fit ? `${fit.reason}; ${lin.reason}` : lin.reason;
      readings = family.rates
        .filter((r) => r.kind === 'transfer')
        .map((r) => ({
          parameter: r.name,
          covariate: r.covariate,
          rate: blank,
          slope: blank,
          exchangeRate: blank,
          df: lin.df,
          testSetSd: null,
          fTest: { F: null, df1: 1, df2: lin.df, pValue: null, valid: false, reason },
        }));
      failureReasons.push(`${options.label}: ${lin.reason}`);
    }
  } else {
    readings = curveReadings(fam, pts, fit!, options, count);
  }
  return {
    fit: fit ? summariseFit(fit) : null,
    model,
    linear,
    converged,
    reason,
    ownRateFixedAtZero: model === 'curve-own-fixed',
    readings,
    attempts,
    failures,
    failureReasons,
  };
}

/** The reading with an extra independent variance component sd² added to its Wald variance. */
export function widenInterval(v: Interval, sd: number | null, df: number, level: number): Interval {
  // without either component the total variance is unknown: keep the estimate, drop the inference
  if (v.estimate === null || v.se === null || sd === null || !(df > 0))
    return { estimate: v.estimate, se: null, lower: null, upper: null, waldP: null };
  const se = Math.sqrt(v.se * v.se + sd * sd);
  const t = tCritical(level, df);
  return {
    estimate: v.estimate,
    se,
    lower: v.estimate - t * se,
    upper: v.estimate + t * se,
    waldP: finite(twoSidedTPValue(v.estimate / se, df)),
  };
}
