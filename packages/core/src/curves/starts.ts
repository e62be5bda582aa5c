/**
 * Starting values for the curve fit (scaled units). The data-driven start puts the asymptote c a little above
 * the best observed y and fits b and the rates by linear least squares on log(c − y) = b − Σ a_k·x_k (the
 * model is exactly linear there). Random restarts draw the asymptote offset log-uniformly and jitter the
 * rates, then re-solve b; every draw comes from the caller's seeded Rng.
 */
import { Matrix, SingularValueDecomposition } from 'ml-matrix';
import type { Rng } from '../rng.ts';
import type { CurveBounds } from './bounds.ts';

/** Moves θ strictly inside the box (a start on a bound would freeze the clamped LM step there). */
export function intoBox(theta: number[], bounds: CurveBounds): number[] {
  return theta.map((v, k) => {
    const lo = bounds.lower[k],
      hi = bounds.upper[k];
    const margin = 1e-6 * (hi - lo);
    const w = Number.isFinite(v) ? v : (lo + hi) / 2;
    return Math.min(hi - margin, Math.max(lo + margin, w));
  });
}

function range(y: readonly number[]): [number, number] {
  let lo = Infinity,
    hi = -Infinity;
  for (const v of y) {
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  return [lo, hi];
}

/** log(c − y) with points at or above c left out (they carry no log-linear information). */
function logGap(xs: readonly number[][], y: readonly number[], c: number, floor: number): { rows: number[][]; z: number[] } {
  const rows: number[][] = [],
    z: number[] = [];
  for (let i = 0; i < y.length; i++) {
    const gap = c - y[i];
    if (gap > floor) {
      rows.push(xs[i]);
      z.push(Math.log(gap));
    }
  }
  return { rows, z };
}

/** b and rates from the log-linear least-squares fit for a given asymptote c (min-norm via SVD). */
export function logLinearStart(xs: readonly number[][], y: readonly number[], c: number, bounds: CurveBounds): number[] {
  const K = xs[0].length;
  const [lo, hi] = range(y);
  const { rows, z } = logGap(xs, y, c, 1e-6 * (hi - lo));
  let theta: number[];
  if (rows.length >= 2) {
    const A = new Matrix(rows.map((r) => [1, ...r.map((v) => -v)]));
    const sol = new SingularValueDecomposition(A, { autoTranspose: true }).solve(Matrix.columnVector(z)).to1DArray();
    theta = [c, ...sol];
  } else {
    theta = [c, Math.log(hi - lo), ...new Array<number>(K).fill(1)];
  }
  // a rising curve needs positive own rates; a log fit over noise can say otherwise
  for (let k = 0; k < K; k++) if (bounds.lower[2 + k] >= 0) theta[2 + k] = Math.max(theta[2 + k], 0.05);
  return intoBox(theta, bounds);
}

/** The data-driven start: c = max y + 5 % of the range (capped by the c bound). */
export function dataDrivenStart(xs: readonly number[][], y: readonly number[], bounds: CurveBounds): number[] {
  const [lo, hi] = range(y);
  const c = Math.min(bounds.upper[0], hi + 0.05 * (hi - lo));
  return logLinearStart(xs, y, c, bounds);
}

/** A random start: c offset log-uniform in [1 %, 300 %] of the range, rates jittered, b re-solved. */
export function randomStart(xs: readonly number[][], y: readonly number[], bounds: CurveBounds, rng: Rng): number[] {
  const [lo, hi] = range(y);
  const R = hi - lo;
  const c = Math.min(bounds.upper[0], hi + R * Math.exp(Math.log(0.01) + rng.next() * Math.log(300)));
  const theta = logLinearStart(xs, y, c, bounds);
  const K = xs[0].length;
  for (let k = 0; k < K; k++) {
    const own = bounds.lower[2 + k] >= 0;
    theta[2 + k] = own ? theta[2 + k] * Math.exp(rng.normal(0, 0.7)) : theta[2 + k] + rng.normal(0, 0.5 * (Math.abs(theta[2 + k]) + 0.5));
  }
  // b: least squares with c and rates fixed
  const floor = 1e-6 * R;
  let sum = 0,
    n = 0;
  for (let i = 0; i < y.length; i++) {
    const gap = c - y[i];
    if (gap <= floor) continue;
    let lin = Math.log(gap);
    for (let k = 0; k < K; k++) lin += theta[2 + k] * xs[i][k];
    sum += lin;
    n++;
  }
  if (n > 0) theta[1] = sum / n;
  return intoBox(theta, bounds);
}
