/**
 * How much the other tasks' label count n_Σ = Σ_{j≠i} n_j varies over the runs that fit target i's EXP3.2
 * curve — what identifies its contextual rate a_iΣ. With every task in every run at independent fractions,
 * n_Σ is a sum of K − 1 independent counts and its coefficient of variation shrinks like 1/√(K−1): a_iΣ then
 * rests on the runs where n_Σ = 0 (solo runs) alone. Reported per target, split into the runs with n_Σ = 0
 * and the rest, so a reader sees which of the two carries the estimate.
 */
import type { CurveRun } from './design-fits.ts';

export interface NSigmaSpread {
  task: string;
  /** runs in the target's EXP3.2 fit (target present and scored) */
  runs: number;
  /** runs among them with n_Σ = 0 (the target alone) */
  alone: number;
  mean: number | null;
  sd: number | null;
  /** sd / mean over all the fit's runs */
  cv: number | null;
  /** sd / mean over the runs with n_Σ > 0 (what is left without the runs alone) */
  cvWithOthers: number | null;
}

function meanSd(xs: readonly number[]): { mean: number | null; sd: number | null; cv: number | null } {
  if (xs.length < 2) return { mean: xs[0] ?? null, sd: null, cv: null };
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const sd = Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (xs.length - 1));
  return { mean, sd, cv: mean > 0 ? sd / mean : null };
}

export function nSigmaSpread(runs: readonly CurveRun[], tasks: readonly string[]): NSigmaSpread[] {
  return tasks.map((task, i) => {
    const nSigma = runs
      .filter((r) => r.counts[i] > 0 && r.metric[i] !== null)
      .map((r) => r.counts.reduce((s, n, j) => (j === i ? s : s + n), 0));
    const all = meanSd(nSigma);
    const withOthers = meanSd(nSigma.filter((n) => n > 0));
    return { task, runs: nSigma.length, alone: nSigma.filter((n) => n === 0).length, ...all, cvWithOthers: withOthers.cv };
  });
}

/** Median of the non-null values (null when there are none). */
export function medianOf(xs: readonly (number | null)[]): number | null {
  const v = xs.filter((x): x is number => x !== null).sort((a, b) => a - b);
  if (v.length === 0) return null;
  return v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
}
