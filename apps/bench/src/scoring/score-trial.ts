/**
 * One estimate (one trial, one seed) against a truth grid: the estimator's raw two-sided p-values over the
 * cells it tested are Benjamini–Hochberg adjusted (across cells: the ordered pairs, or the targets); a cell is
 * detected when its adjusted p ≤ α. Counts, not rates, so that seeds pool into proportions with honest
 * intervals (pool-seeds.ts):
 *   - power: detected with the truth's sign, over the truth's positive and negative cells (an untested cell counts
 *     as not detected);
 *   - FPR: detected, over the truth's null cells; FPR on constructed nulls: over the cells null by construction;
 *   - the same with raw p ≤ α (the calibration view: a null estimator with uniform p and random sign has
 *     raw FPR ≈ α and raw power ≈ α/2);
 *   - the raw p-values of the constructed-null cells (their uniformity is the estimator's calibration);
 *   - Spearman ρ between estimated and true effects over cells where both are numbers (indeterminate and small
 *     cells included: their point estimates still rank).
 * "small" and indeterminate cells count neither for power nor as false positives.
 */
import { bhAdjust, spearman, type ScoreScope, type TransferEstimate } from '@transferbench/core';
import { estimateCells, type TruthGrid } from './cells.ts';

export interface Count {
  hits: number;
  n: number;
}

export interface TrialScore {
  scope: ScoreScope;
  hasPValues: boolean;
  power: Count;
  fpr: Count;
  fprConstructed: Count;
  powerRaw: Count;
  fprRaw: Count;
  signErrors: number;
  /** raw p of the constructed-null cells */
  nullPValues: number[];
  spearman: number | null;
  /** per non-null cell: |true Δ| and whether it was detected with the right sign */
  detections: { magnitude: number; detected: boolean }[];
  tested: number;
}

const count = (cells: readonly boolean[]): Count => ({ hits: cells.filter(Boolean).length, n: cells.length });

export function scoreTrial(grid: TruthGrid, est: TransferEstimate, alpha: number): TrialScore {
  if (!(alpha > 0 && alpha < 1)) throw new Error(`scoreTrial: alpha = ${alpha}; expected a level in (0, 1)`);
  const cells = estimateCells(grid, est);
  const hasPValues = cells.some((c) => Number.isFinite(c.p));
  const adjusted = bhAdjust(cells.map((c) => c.p));
  const det = (k: number) => adjusted[k] <= alpha;
  const raw = (k: number) => cells[k].p <= alpha;
  const truth = grid.cells;
  const nonNull = truth.map((_, k) => k).filter((k) => truth[k].class === 'positive' || truth[k].class === 'negative');
  const nulls = truth.map((_, k) => k).filter((k) => truth[k].class === 'null');
  const constructed = truth.map((_, k) => k).filter((k) => truth[k].constructedNull);
  const rightSign = (k: number) => (truth[k].class === 'positive' ? cells[k].effect > 0 : cells[k].effect < 0);
  const rho = spearman(
    cells.map((c) => c.effect),
    truth.map((c) => c.effect ?? Number.NaN),
  );
  return {
    scope: grid.scope,
    hasPValues,
    power: count(nonNull.map((k) => det(k) && rightSign(k))),
    fpr: count(nulls.map(det)),
    fprConstructed: count(constructed.map(det)),
    powerRaw: count(nonNull.map((k) => raw(k) && rightSign(k))),
    fprRaw: count(nulls.map(raw)),
    signErrors: nonNull.filter((k) => det(k) && !rightSign(k)).length,
    nullPValues: constructed.map((k) => cells[k].p).filter(Number.isFinite),
    spearman: Number.isNaN(rho) ? null : rho,
    detections: nonNull.map((k) => ({ magnitude: Math.abs(truth[k].effect ?? 0), detected: det(k) && rightSign(k) })),
    tested: cells.filter((c) => Number.isFinite(c.p)).length,
  };
}

/** ρ per seed with the estimate's cells resampled: a helper for the bootstrap over cells (pool-seeds.ts). */
export function cellEffects(grid: TruthGrid, est: TransferEstimate): { estimate: number[]; truth: number[] } {
  const cells = estimateCells(grid, est);
  return { estimate: cells.map((c) => c.effect), truth: grid.cells.map((c) => c.effect ?? Number.NaN) };
}
