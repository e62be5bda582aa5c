/**
 * The truth of a cross-validation group (a suite dataset entry with `folds: each`): each fold's truth trial gives
 * one effect per cell (its oracle's mean over that fold's replicates); the group's effect is their mean over the
 * k folds. The folds' training sets overlap, so the plain t interval over folds is too narrow: the interval is the
 * corrected resampled t of Nadeau & Bengio (2003, "Inference for the generalization error"), variance
 * (1/k + n_test/n_train)·s² instead of s²/k, with n_test/n_train = 1/(k − 1) for k equal folds and k − 1 degrees
 * of freedom. A cell counts only where every fold estimates it: a fold without it would bias the mean.
 * Its classes then follow the same rule (δ) as any truth (cells.ts).
 */
import { squareMatrix, tCritical, type Matrix, type TransferEstimate } from '@transferbench/core';

interface Interval {
  effect: number | null;
  lower: number | null;
  upper: number | null;
  se: number | null;
}

function foldInterval(values: (number | null | undefined)[], level: number): Interval {
  const k = values.length;
  if (k < 2 || values.some((v) => v == null || !Number.isFinite(v))) return { effect: null, lower: null, upper: null, se: null };
  const x = values as number[];
  const mean = x.reduce((a, b) => a + b, 0) / k;
  const s2 = x.reduce((a, v) => a + (v - mean) ** 2, 0) / (k - 1);
  const se = Math.sqrt((1 / k + 1 / (k - 1)) * s2);
  const half = tCritical(level, k - 1) * se;
  return { effect: mean, lower: mean - half, upper: mean + half, se };
}

/** The group's truth estimate from its folds' truth estimates (same tasks, same order). */
export function crossValidatedTruth(folds: readonly TransferEstimate[], level = 0.95): TransferEstimate {
  if (folds.length < 2) throw new Error(`a cross-validated truth needs at least 2 folds, got ${folds.length}`);
  const tasks = folds[0].tasks;
  for (const [f, est] of folds.entries())
    if (est.tasks.length !== tasks.length || est.tasks.some((t, i) => t !== tasks[i]))
      throw new Error(`fold ${f}'s truth has other tasks than fold 0's: the folds of a group must share one dataset`);
  const K = tasks.length;
  const pair = { effect: squareMatrix(K), lower: squareMatrix(K), upper: squareMatrix(K), se: squareMatrix(K) };
  for (let i = 0; i < K; i++)
    for (let j = 0; j < K; j++) {
      const c = foldInterval(
        folds.map((e) => e.pairwise.effect[i]?.[j]),
        level,
      );
      for (const key of ['effect', 'lower', 'upper', 'se'] as const) (pair[key] as Matrix)[i][j] = c[key];
    }
  const withContextual = folds.every((e) => e.contextual);
  const ctx = withContextual
    ? tasks.map((_, i) =>
        foldInterval(
          folds.map((e) => e.contextual!.effect[i]),
          level,
        ),
      )
    : [];
  const sum = (key: keyof TransferEstimate['cost']) => folds.reduce((a, e) => a + e.cost[key], 0);
  return {
    estimator: folds[0].estimator,
    tasks,
    unit: folds[0].unit,
    pairwise: pair,
    ...(withContextual
      ? {
          contextual: {
            effect: ctx.map((c) => c.effect),
            lower: ctx.map((c) => c.lower),
            upper: ctx.map((c) => c.upper),
            se: ctx.map((c) => c.se),
            ...(folds[0].contextual!.unit ? { unit: folds[0].contextual!.unit } : {}),
          },
        }
      : {}),
    cost: {
      wallMs: sum('wallMs'),
      cpuMs: sum('cpuMs'),
      peakRssMb: Math.max(...folds.map((e) => e.cost.peakRssMb)),
      trainings: sum('trainings'),
      probes: sum('probes'),
      samplePasses: sum('samplePasses'),
      flops: sum('flops'),
    },
    diagnostics: { warnings: [], fitFailures: 0, fitAttempts: 0, notes: [`mean of ${folds.length} folds; corrected resampled t interval`] },
    details: { folds: folds.length, level, interval: 'corrected resampled t (Nadeau & Bengio 2003)' },
  };
}
