/**
 * Learning-curve points and their validation. A point is one trained model: its covariates x (sample counts,
 * in the family's covariate order), its score y (e.g. test AUC) and optionally the replicate it came from
 * (`group`, used by the bootstrap). Invalid input (wrong arity, NaN/∞, negative counts) throws a
 * `CurveDataError` naming the point and field; data that are valid but cannot support a fit (too few points,
 * flat) give a fit result with `converged: false` instead (see fit.ts).
 */
import type { CurveFamily } from './family.ts';
import { covariateNames } from './family.ts';

export interface CurvePoint {
  /** covariates in the family's covariate order (raw sample counts) */
  x: readonly number[];
  /** the metric at those counts */
  y: number;
  /** replicate id (e.g. subsample permutation seed); points of one replicate are resampled together */
  group?: string | number;
}

export class CurveDataError extends Error {
  override name = 'CurveDataError';
}

/** Throws a CurveDataError for the first invalid point; `origin` prefixes the message (e.g. a file name). */
export function validateCurvePoints(family: CurveFamily, points: readonly CurvePoint[], origin = 'curve data'): void {
  const cov = covariateNames(family);
  if (!Array.isArray(points)) throw new CurveDataError(`${origin}: expected an array of points`);
  points.forEach((p, i) => {
    if (!p || !Array.isArray(p.x))
      throw new CurveDataError(`${origin}: point ${i} has no covariate array x; expected x = [${cov.join(', ')}]`);
    if (p.x.length !== cov.length) {
      throw new CurveDataError(
        `${origin}: point ${i} has ${p.x.length} covariates; family ${family.name} expects ${cov.length} (${cov.join(', ')})`,
      );
    }
    p.x.forEach((v: unknown, k: number) => {
      if (typeof v !== 'number' || !Number.isFinite(v))
        throw new CurveDataError(`${origin}: point ${i} ${cov[k]} = ${v}; expected a finite number`);
      if (v < 0) throw new CurveDataError(`${origin}: point ${i} ${cov[k]} = ${v}; expected a sample count ≥ 0`);
    });
    if (typeof p.y !== 'number' || !Number.isFinite(p.y))
      throw new CurveDataError(`${origin}: point ${i} y = ${p.y}; expected a finite number`);
  });
}

/** Per-covariate scale used internally (max |x_k|, or 1 when the column is all zero). */
export function covariateScales(points: readonly CurvePoint[], nCovariates: number): number[] {
  const s = new Array<number>(nCovariates).fill(0);
  for (const p of points) for (let k = 0; k < nCovariates; k++) s[k] = Math.max(s[k], Math.abs(p.x[k]));
  return s.map((v) => (v > 0 ? v : 1));
}
