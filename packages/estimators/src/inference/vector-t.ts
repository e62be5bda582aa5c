/**
 * Inference for a per-target vector (the contextual effect) over replicates — the vector analogue of
 * inference/pairwise-t.ts: per target a one-sample two-sided t-test of the replicate values against 0
 * (core's tTestOneSample), RAW p in `pValue`, Benjamini–Hochberg across targets in `pAdjustedBH`; with
 * fewer than 2 replicates CI, se and p are null.
 */
import { bhAdjust, tTestOneSample } from '@transferbench/core';

export interface VectorInference {
  effect: (number | null)[];
  lower: (number | null)[];
  upper: (number | null)[];
  se: (number | null)[];
  pValue: (number | null)[];
  pAdjustedBH: (number | null)[];
  n: number[];
}

const cell = (v: number): number | null => (Number.isFinite(v) ? v : null);

export function vectorTTests(replicates: readonly (readonly (number | null)[])[], K: number, level = 0.95): VectorInference {
  const blank = () => new Array<number | null>(K).fill(null);
  const out: VectorInference = {
    effect: blank(),
    lower: blank(),
    upper: blank(),
    se: blank(),
    pValue: blank(),
    pAdjustedBH: blank(),
    n: new Array<number>(K).fill(0),
  };
  const tested: { t: number; p: number }[] = [];
  for (let t = 0; t < K; t++) {
    const values = replicates.map((r) => r[t]).filter((v): v is number => v !== null && Number.isFinite(v));
    out.n[t] = values.length;
    if (values.length === 0) continue;
    const test = tTestOneSample(values, { level });
    out.effect[t] = test.estimate;
    out.lower[t] = cell(test.ciLower);
    out.upper[t] = cell(test.ciUpper);
    out.se[t] = cell(test.se);
    out.pValue[t] = cell(test.pValue);
    tested.push({ t, p: Number.isFinite(test.pValue) ? test.pValue : NaN });
  }
  const adjusted = bhAdjust(tested.map((c) => c.p));
  tested.forEach((c, i) => {
    out.pAdjustedBH[c.t] = cell(adjusted[i]);
  });
  return out;
}
