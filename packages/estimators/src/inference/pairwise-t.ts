/**
 * Inference for estimators without their own: per ordered pair, a one-sample two-sided t-test (or limma's
 * moderated t, cell-tests.ts) of the per-replicate effects against 0, then Benjamini–Hochberg across the
 * off-diagonal pairs (core's `bhAdjust`).
 *
 * Contract of the output (documented in every estimate that uses it):
 * - `effect` = mean over the replicates that estimated the pair;
 * - `pValue` = the RAW two-sided p-value (the bench applies BH itself across pairs); the BH-adjusted
 *   values are in `pAdjustedBH` (off-diagonal only);
 * - the diagonal gets effect, CI and se but no p-value (it is not a transfer pair and must not enter
 *   any multiple-testing family);
 * - with fewer than 2 replicates for a pair (e.g. `replicates: 1`) CI, se and p are null (not tested).
 */
import { bhAdjust, type Matrix } from '@transferbench/core';
import { testCells, type InferenceMethod } from './cell-tests.ts';

export interface PairwiseInference {
  effect: Matrix;
  lower: Matrix;
  upper: Matrix;
  se: Matrix;
  /** raw two-sided p of effect = 0; null on the diagonal and where untestable */
  pValue: Matrix;
  /** Benjamini–Hochberg adjusted p across off-diagonal pairs; null where pValue is null */
  pAdjustedBH: Matrix;
  /** replicates contributing to each pair */
  n: number[][];
  level: number;
}

export function pairwiseTTests(effects: readonly Matrix[], level = 0.95, method: InferenceMethod = 't'): PairwiseInference {
  if (effects.length === 0) throw new Error('pairwiseTTests: no replicate effects to summarise');
  const K = effects[0].length;
  for (const [r, m] of effects.entries()) {
    if (m.length !== K || m.some((row) => row.length !== K)) throw new Error(`pairwiseTTests: replicate ${r} is not ${K}×${K}`);
  }
  const blank = (): Matrix => Array.from({ length: K }, () => new Array<number | null>(K).fill(null));
  const out: PairwiseInference = {
    effect: blank(),
    lower: blank(),
    upper: blank(),
    se: blank(),
    pValue: blank(),
    pAdjustedBH: blank(),
    n: Array.from({ length: K }, () => new Array<number>(K).fill(0)),
    level,
  };
  const cells: { t: number; s: number }[] = [];
  for (let t = 0; t < K; t++) for (let s = 0; s < K; s++) cells.push({ t, s });
  const values = cells.map(({ t, s }) => effects.map((m) => m[t][s]).filter((v): v is number => v !== null && Number.isFinite(v)));
  const tests = testCells(
    values,
    cells.map(({ t, s }) => t !== s),
    level,
    method,
  );
  const offDiagonal: { t: number; s: number; p: number }[] = [];
  cells.forEach(({ t, s }, k) => {
    const c = tests[k];
    out.n[t][s] = c.n;
    if (c.n === 0) return;
    out.effect[t][s] = c.estimate;
    out.lower[t][s] = c.lower;
    out.upper[t][s] = c.upper;
    out.se[t][s] = c.se;
    if (t !== s) {
      out.pValue[t][s] = c.pValue;
      offDiagonal.push({ t, s, p: c.pValue ?? NaN });
    }
  });
  const adjusted = bhAdjust(offDiagonal.map((c) => c.p));
  offDiagonal.forEach((c, i) => {
    out.pAdjustedBH[c.t][c.s] = Number.isFinite(adjusted[i]) ? adjusted[i] : null;
  });
  return out;
}
