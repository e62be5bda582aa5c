/**
 * Wald inference at the least-squares optimum, matching scipy.optimize.curve_fit's default
 * (absolute_sigma=False): pcov = (JᵀJ)⁻¹ · s², s² = RSS / (n − p), with (JᵀJ)⁻¹ formed from the SVD of J and
 * singular values below eps·max(n, p)·s_max dropped exactly as scipy does. The covariance is computed in the
 * scaled parametrisation and mapped back to raw units (a_k = a'_k / s_k ⇒ cov = D cov' D, D = diag(1,1,1/s)).
 *
 * Confidence intervals and p-values use Student's t with n − p degrees of freedom (not the normal):
 *   CI = θ ± t_{(1+level)/2, n−p} · SE,  p = 2·P(T_{n−p} > |θ/SE|).
 */
import { tCdf, tQuantile } from '../stats/stdlib.ts';
import { Matrix, SingularValueDecomposition } from 'ml-matrix';
import { curveGradient } from './model.ts';

export interface JacobianConditioning {
  /** singular values of the (scaled) Jacobian, descending */
  singularValues: number[];
  /** s_max / s_min (∞ when rank deficient) */
  condition: number;
  /** number of singular values kept by scipy's cut-off */
  rank: number;
}

/** Unscaled covariance (JᵀJ)⁻¹ by SVD pseudo-inverse with scipy's threshold, plus conditioning. */
export function jacobianCovariance(xs: readonly number[][], theta: number[]): { cov: number[][]; conditioning: JacobianConditioning } {
  const p = theta.length;
  const J = new Matrix(xs.map((x) => curveGradient(theta, x, new Array(p))));
  const svd = new SingularValueDecomposition(J, { autoTranspose: true });
  const s = svd.diagonal;
  const V = svd.rightSingularVectors;
  const threshold = Number.EPSILON * Math.max(xs.length, p) * s[0];
  const cov = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  let rank = 0;
  for (let m = 0; m < s.length; m++) {
    if (!(s[m] > threshold)) continue;
    rank++;
    const w = 1 / (s[m] * s[m]);
    for (let a = 0; a < p; a++) for (let b = 0; b < p; b++) cov[a][b] += V.get(a, m) * V.get(b, m) * w;
  }
  const sMin = s[s.length - 1];
  return { cov, conditioning: { singularValues: s.slice(), condition: sMin > 0 ? s[0] / sMin : Infinity, rank } };
}

export interface WaldSummary {
  se: number[];
  lower: number[];
  upper: number[];
  tValue: number[];
  pValue: number[];
}

/** Two-sided p-value of a t statistic with df degrees of freedom. */
export function twoSidedTPValue(t: number, df: number): number {
  if (!Number.isFinite(t) || !(df > 0)) return NaN;
  return Math.min(1, 2 * tCdf(-Math.abs(t), df));
}

/** SEs, t-based CIs and two-sided p-values from a covariance matrix (raw units). */
export function waldSummary(values: number[], cov: number[][], df: number, level: number): WaldSummary {
  const q = df > 0 ? tQuantile((1 + level) / 2, df) : NaN;
  const se = values.map((_, k) => Math.sqrt(cov[k][k]));
  return {
    se,
    lower: values.map((v, k) => v - q * se[k]),
    upper: values.map((v, k) => v + q * se[k]),
    tValue: values.map((v, k) => v / se[k]),
    pValue: values.map((v, k) => twoSidedTPValue(v / se[k], df)),
  };
}
