/**
 * Box bounds for the fit, in scaled units (covariate k divided by its scale s_k, so rate a'_k = a_k·s_k).
 * - c ∈ [min y − R, min(upperAsymptote, max y + 100·R)], R = range of y: the curve approaches c from below,
 *   and an asymptote 100 ranges above the data means it is not identified (curve still near-linear).
 * - b ∈ [log R − 40, log R + 40]: b at its lower bound means the exponential term vanished (flat curve).
 * - own rates ∈ [0, maxScaledRate], transfer rates ∈ [−maxScaledRate, maxScaledRate]: rates stay finite;
 *   a rate at a bound means the fit degenerated.
 * The data-driven bounds (all but a user `upperAsymptote`) are meant never to bind at a good optimum, so
 * hitting one is reported as a failure; hitting the user's c cap is a legitimate constrained optimum.
 */
import type { CurveFamily } from './family.ts';

export interface CurveBounds {
  lower: number[];
  upper: number[];
  /** true where the upper bound of c is the user's `upperAsymptote` (binding there is allowed) */
  cCapIsUser: boolean;
}

export function curveBounds(
  family: CurveFamily,
  y: readonly number[],
  upperAsymptote: number | undefined,
  maxScaledRate: number,
): CurveBounds {
  let lo = Infinity,
    hi = -Infinity;
  for (const v of y) {
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  const R = hi - lo;
  const dataCap = hi + 100 * R;
  const cCapIsUser = upperAsymptote !== undefined && upperAsymptote < dataCap;
  const cUpper = cCapIsUser ? upperAsymptote! : dataCap;
  const logR = Math.log(R);
  const lower = [Math.min(lo - R, cUpper - R), logR - 40];
  const upper = [cUpper, logR + 40];
  for (const r of family.rates) {
    lower.push(r.kind === 'own' ? 0 : -maxScaledRate);
    upper.push(maxScaledRate);
  }
  return { lower, upper, cCapIsUser };
}
