/**
 * Evaluation and analytic Jacobian of the linear-in-exponent curve m(x) = c − exp(b − Σ_k a_k·x_k),
 * θ = [c, b, a_1 … a_K]:
 *   ∂m/∂c = 1,   ∂m/∂b = −E,   ∂m/∂a_k = x_k·E,   with E = exp(b − Σ_k a_k·x_k).
 */

/** E = exp(b − Σ a_k x_k) for θ = [c, b, a…]. */
export function curveExpTerm(theta: ArrayLike<number>, x: ArrayLike<number>): number {
  let e = theta[1];
  for (let k = 0; k < x.length; k++) e -= theta[2 + k] * x[k];
  return Math.exp(e);
}

/** m(x) for θ = [c, b, a…]. */
export function curveValue(theta: ArrayLike<number>, x: ArrayLike<number>): number {
  return theta[0] - curveExpTerm(theta, x);
}

/** ∂m/∂θ at x, written into `out` (length 2 + K) and returned. */
export function curveGradient(theta: ArrayLike<number>, x: ArrayLike<number>, out: number[] = new Array(2 + x.length)): number[] {
  const e = curveExpTerm(theta, x);
  out[0] = 1;
  out[1] = -e;
  for (let k = 0; k < x.length; k++) out[2 + k] = x[k] * e;
  return out;
}
