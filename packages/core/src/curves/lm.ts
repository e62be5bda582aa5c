/**
 * Bounded Levenberg–Marquardt (projected, Marquardt-scaled damping, no geodesic acceleration) for
 * m(x) = c − exp(b − Σ a_k x_k) in scaled units.
 *
 * Why hand-written: ml-levenberg-marquardt 5.1 was evaluated first. With its analytic `jacobianFunction` it
 * reaches interior optima to machine precision (noisy EXP3.2 fit equal to scipy's to ~1e-9), but (1) it
 * accepts every step, even uphill ones, and only remembers the best point; (2) it clamps the full step to the
 * box, so with a parameter pressing against a bound — the common AUC case c ≤ 1 — the other parameters get
 * the wrong step: on linear data capped at c ≤ 1, 5 of 9 starts stalled short of the constrained optimum;
 * (3) its only stopping rule is RSS ≤ errorTolerance, so it cannot say whether it converged. Honest failure
 * reporting needs all three, so this is a small textbook LM instead (Nielsen's damping update):
 * - step on the free parameters: (JᵀJ + λ·diag(JᵀJ))_FF δ = (Jᵀr)_F, θ' = clamp(θ + δ); parameters held at a
 *   bound by a gradient pointing outwards form the active set and do not move;
 * - a step is accepted only if RSS decreases (else λ grows and the step is retried);
 * - converged when every free parameter's gradient cosine |J_kᵀ r| / (‖J_k‖·‖r‖) ≤ gtol (MINPACK's gtol
 *   measure) or the fit is exact to rounding; otherwise "stalled" (λ blew up, or steps stopped changing θ)
 *   or "no stationary point within N iterations", with the cosine in the message.
 * Linear algebra (Cholesky) is ml-matrix.
 */
import { CholeskyDecomposition, Matrix } from 'ml-matrix';
import { curveGradient, curveValue } from './model.ts';

export interface LmProblem {
  /** scaled covariates [point][k] */
  xs: number[][];
  y: number[];
  lower: number[];
  upper: number[];
}

export interface LmOptions {
  maxIterations: number;
  /** gradient-cosine tolerance (first-order optimality), default 1e-8 */
  gtol?: number;
}

export interface LmResult {
  theta: number[];
  rss: number;
  iterations: number;
  converged: boolean;
  reason: string | null;
  /** largest gradient cosine over free parameters at the returned point */
  gradientCosine: number;
}

export function residualSumOfSquares(problem: LmProblem, theta: number[]): number {
  let s = 0;
  for (let i = 0; i < problem.y.length; i++) {
    const r = problem.y[i] - curveValue(theta, problem.xs[i]);
    s += r * r;
  }
  return s;
}

interface Linearisation {
  rss: number;
  /** Jᵀr (r = y − m): RSS decreases along +θ_k when positive */
  jr: number[];
  /** JᵀJ */
  jj: number[][];
  /** parameters held at a bound by a gradient pointing outwards */
  active: boolean[];
  /** largest gradient cosine over free parameters */
  cosine: number;
  /** RSS at rounding level */
  exact: boolean;
}

function linearise(problem: LmProblem, theta: number[]): Linearisation {
  const p = theta.length,
    n = problem.y.length;
  const jr = new Array<number>(p).fill(0);
  const jj = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  const g = new Array<number>(p);
  let rss = 0,
    yScale = 1;
  for (let i = 0; i < n; i++) {
    const r = problem.y[i] - curveValue(theta, problem.xs[i]);
    rss += r * r;
    yScale = Math.max(yScale, Math.abs(problem.y[i]));
    curveGradient(theta, problem.xs[i], g);
    for (let a = 0; a < p; a++) {
      jr[a] += g[a] * r;
      for (let b = 0; b <= a; b++) jj[a][b] += g[a] * g[b];
    }
  }
  for (let a = 0; a < p; a++) for (let b = a + 1; b < p; b++) jj[a][b] = jj[b][a];
  const active = new Array<boolean>(p).fill(false);
  let cosine = 0;
  for (let k = 0; k < p; k++) {
    const span = problem.upper[k] - problem.lower[k];
    const tol = 1e-12 * (Number.isFinite(span) ? span : Math.abs(theta[k]) + 1);
    if ((theta[k] >= problem.upper[k] - tol && jr[k] > 0) || (theta[k] <= problem.lower[k] + tol && jr[k] < 0)) {
      active[k] = true;
      continue;
    }
    const denom = Math.sqrt(jj[k][k] * rss);
    if (denom > 0) cosine = Math.max(cosine, Math.abs(jr[k]) / denom);
  }
  return { rss, jr, jj, active, cosine, exact: rss <= n * (1e-12 * yScale) ** 2 };
}

/** First-order optimality at θ (exported for tests and diagnostics). */
export function stationarity(problem: LmProblem, theta: number[]): { cosine: number; exact: boolean; rss: number; active: boolean[] } {
  const { cosine, exact, rss, active } = linearise(problem, theta);
  return { cosine, exact, rss, active };
}

/** Damped Gauss–Newton step on the free parameters, or null when the damped system is not positive definite. */
function dampedStep(lin: Linearisation, lambda: number): number[] | null {
  const p = lin.jr.length;
  const free = lin.active.map((a, k) => (a ? -1 : k)).filter((k) => k >= 0);
  if (free.length === 0) return new Array<number>(p).fill(0);
  let maxDiag = 0;
  for (const k of free) maxDiag = Math.max(maxDiag, lin.jj[k][k]);
  const A = new Matrix(free.map((a) => free.map((b) => lin.jj[a][b] + (a === b ? lambda * Math.max(lin.jj[a][a], 1e-12 * maxDiag) : 0))));
  const chol = new CholeskyDecomposition(A);
  if (!chol.isPositiveDefinite()) return null;
  const d = chol.solve(Matrix.columnVector(free.map((k) => lin.jr[k]))).to1DArray();
  const step = new Array<number>(p).fill(0);
  free.forEach((k, j) => (step[k] = d[j]));
  return step;
}

export function boundedLevenbergMarquardt(problem: LmProblem, start: number[], options: LmOptions): LmResult {
  const gtol = options.gtol ?? 1e-8;
  const p = start.length;
  const clamp = (v: number, k: number) => Math.min(problem.upper[k], Math.max(problem.lower[k], v));
  let theta = start.map(clamp);
  let lin = linearise(problem, theta);
  if (!Number.isFinite(lin.rss)) {
    return {
      theta,
      rss: lin.rss,
      iterations: 0,
      converged: false,
      reason: 'the start gives a non-finite residual sum of squares',
      gradientCosine: NaN,
    };
  }
  let lambda = 1e-3,
    nu = 2,
    iterations = 0,
    tinySteps = 0;
  const fail = (reason: string): LmResult => ({ theta, rss: lin.rss, iterations, converged: false, reason, gradientCosine: lin.cosine });
  while (!(lin.exact || lin.cosine <= gtol)) {
    if (iterations >= options.maxIterations) {
      return fail(
        `no stationary point within ${options.maxIterations} iterations (gradient cosine ${lin.cosine.toExponential(2)} > ${gtol})`,
      );
    }
    if (lambda > 1e16) return fail(`stalled: no downhill step left though not stationary (gradient cosine ${lin.cosine.toExponential(2)})`);
    iterations++;
    const step = dampedStep(lin, lambda);
    if (!step) {
      lambda *= nu;
      nu *= 2;
      continue;
    }
    const next = theta.map((v, k) => clamp(v + step[k], k));
    const s = next.map((v, k) => v - theta[k]);
    const rssNext = residualSumOfSquares(problem, next);
    // predicted reduction of the quadratic model for the (projected) step: 2 sᵀJᵀr − sᵀJᵀJ s
    let predicted = 0;
    for (let a = 0; a < p; a++) {
      predicted += 2 * s[a] * lin.jr[a];
      for (let b = 0; b < p; b++) predicted -= s[a] * lin.jj[a][b] * s[b];
    }
    if (Number.isFinite(rssNext) && rssNext < lin.rss) {
      const rho = predicted > 0 ? (lin.rss - rssNext) / predicted : 0;
      lambda *= Math.max(1 / 3, 1 - (2 * rho - 1) ** 3);
      nu = 2;
      const moved = s.reduce((m, v, k) => Math.max(m, Math.abs(v) / (Math.abs(theta[k]) + 1e-12)), 0);
      tinySteps = moved < 1e-15 ? tinySteps + 1 : 0;
      theta = next;
      lin = linearise(problem, theta);
      if (tinySteps >= 5 && !(lin.exact || lin.cosine <= gtol)) {
        return fail(`stalled: steps no longer change the parameters (gradient cosine ${lin.cosine.toExponential(2)})`);
      }
    } else {
      lambda *= nu;
      nu *= 2;
    }
  }
  return { theta, rss: lin.rss, iterations, converged: true, reason: null, gradientCosine: lin.cosine };
}
