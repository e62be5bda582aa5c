/**
 * The noise ceiling of a truth: how well two independent halves of its replicates agree. The replicates are split
 * into even and odd positions, each half averaged per cell, and the halves' Spearman ρ stepped up to the full
 * truth with Spearman–Brown, r = 2ρ/(1 + ρ). An estimator that knew the true effects exactly would still
 * correlate with this noisy truth only about √r: that is the ceiling beside every ρ.
 */
import { spearman, type TransferEstimate } from '@transferbench/core';
import type { TruthGrid } from './cells.ts';

interface ReplicateDetails {
  effect?: (number | null)[][];
  contextual?: (number | null)[];
}

export interface Reliability {
  replicates: number | null;
  reliability: number | null;
  ceiling: number | null;
}

export function truthReliability(grid: TruthGrid, truth: TransferEstimate): Reliability {
  const reps = (truth.details?.replicates ?? []) as ReplicateDetails[];
  if (!Array.isArray(reps) || reps.length === 0) return { replicates: null, reliability: null, ceiling: null };
  if (reps.length < 4) return { replicates: reps.length, reliability: null, ceiling: null };
  const pos = new Map(truth.tasks.map((t, k) => [t, k]));
  const value = (r: ReplicateDetails, target: string, source: string | null): number => {
    const i = pos.get(target)!;
    const v = source === null ? r.contextual?.[i] : r.effect?.[i]?.[pos.get(source)!];
    return typeof v === 'number' && Number.isFinite(v) ? v : Number.NaN;
  };
  const halfMean = (parity: number) =>
    grid.cells.map((c) => {
      const xs = reps
        .filter((_, k) => k % 2 === parity)
        .map((r) => value(r, c.target, c.source))
        .filter((v) => !Number.isNaN(v));
      return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : Number.NaN;
    });
  const rho = spearman(halfMean(0), halfMean(1));
  if (Number.isNaN(rho)) return { replicates: reps.length, reliability: null, ceiling: null };
  const r = rho <= -1 ? -1 : (2 * rho) / (1 + rho);
  return { replicates: reps.length, reliability: r, ceiling: Math.sqrt(Math.max(0, r)) };
}
