/**
 * Inference for estimators without their own: per ordered pair, a one-sample two-sided t-test of the
 * per-replicate effects against 0 (core's `tTestOneSample`), then Benjamini–Hochberg across the
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
import { bhAdjust, tTestOneSample, type Matrix } from '@transferbench/core';

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

const cell = (v: number): number | null => (Number.isFinite(v) ? v : null);

export function pairwiseTTests(effects: readonly Matrix[], level = 0.95): PairwiseInference {
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
  const offDiagonal: { t: number; s: number; p: number }[] = [];
  for (let t = 0; t < K; t++)
    for (let s = 0; s < K; s++) {
      const values: number[] = [];
      for (const m of effects) {
        const v = m[t][s];
        if (v !== null && Number.isFinite(v)) values.push(v);
      }
      out.n[t][s] = values.length;
      if (values.length === 0) continue;
      const test = tTestOneSample(values, { level });
      out.effect[t][s] = test.estimate;
      out.lower[t][s] = cell(test.ciLower);
      out.upper[t][s] = cell(test.ciUpper);
      out.se[t][s] = cell(test.se);
      if (t !== s) {
        out.pValue[t][s] = cell(test.pValue);
        offDiagonal.push({ t, s, p: Number.isFinite(test.pValue) ? test.pValue : NaN });
      }
    }
  const adjusted = bhAdjust(offDiagonal.map((c) => c.p));
  offDiagonal.forEach((c, i) => {
    out.pAdjustedBH[c.t][c.s] = cell(adjusted[i]);
  });
  return out;
}
