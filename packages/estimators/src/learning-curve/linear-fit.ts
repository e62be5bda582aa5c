/**
 * The linear limit of a learning-curve family: m = β₀ + Σ_k β_k·x_k by ordinary least squares.
 *
 * When the data show no curvature (a flat target such as a label-permuted control, or a curve still straight
 * over the design) the exponential family is not identified and core's fit fails; but c − exp(b − Σ a_k x_k)
 * → (c − e^b) + e^b·Σ a_k x_k as the curvature vanishes, so the linear fit is the family's own limit: its β_k
 * is the marginal slope ∂m/∂x_k (the slope reading), β_source/β_own is the exchange rate, and the t-test of β_k
 * is the nested F test (F = t²). Used as the fallback that keeps a transfer estimate with honest uncertainty
 * where the curve cannot be fitted. Linear algebra: ml-matrix (pseudo-inverse, so a rank-deficient design
 * is detected rather than inverted).
 */
import { Matrix, SingularValueDecomposition } from 'ml-matrix';
import type { CurvePoint } from '@transferbench/core';

export interface LinearFit {
  /** [β₀, β_1 … β_K] */
  beta: number[];
  /** covariance s²·(XᵀX)⁻¹ */
  covariance: number[][];
  rss: number;
  df: number;
  /** false when the design matrix is rank deficient (a covariate constant or collinear) or df ≤ 0 */
  ok: boolean;
  reason: string | null;
}

export function linearFit(points: readonly CurvePoint[]): LinearFit {
  const K = points[0]?.x.length ?? 0;
  const p = K + 1;
  const n = points.length;
  const fail = (reason: string): LinearFit => ({ beta: new Array(p).fill(NaN), covariance: [], rss: NaN, df: n - p, ok: false, reason });
  if (n <= p) return fail(`linear fit: ${n} points for ${p} coefficients`);
  // scale covariates (raw counts) so the SVD threshold is meaningful
  const scale = Array.from({ length: K }, (_, k) => Math.max(1, ...points.map((pt) => Math.abs(pt.x[k]))));
  const X = new Matrix(points.map((pt) => [1, ...pt.x.map((v, k) => v / scale[k])]));
  const y = Matrix.columnVector(points.map((pt) => pt.y));
  const svd = new SingularValueDecomposition(X, { autoTranspose: true });
  if (svd.rank < p)
    return fail(`linear fit: the design is rank deficient (rank ${svd.rank} of ${p}): a covariate is constant or collinear`);
  const XtXinv = svd.inverse().mmul(svd.inverse().transpose());
  const b = svd.solve(y).to1DArray();
  let rss = 0;
  points.forEach((pt) => {
    let fitted = b[0];
    for (let k = 0; k < K; k++) fitted += (b[k + 1] * pt.x[k]) / scale[k];
    rss += (pt.y - fitted) ** 2;
  });
  const df = n - p;
  const s2 = rss / df;
  const d = [1, ...scale.map((s) => 1 / s)];
  return {
    beta: b.map((v, k) => v * d[k]),
    covariance: XtXinv.to2DArray().map((row, a) => row.map((v, c) => v * s2 * d[a] * d[c])),
    rss,
    df,
    ok: true,
    reason: null,
  };
}
