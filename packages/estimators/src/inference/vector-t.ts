/**
 * Inference for a per-target vector (the contextual effect) over replicates — the vector analogue of
 * inference/pairwise-t.ts: per target a one-sample two-sided t-test (or moderated t, cell-tests.ts) of the
 * replicate values against 0, RAW p in `pValue`, Benjamini–Hochberg across targets in `pAdjustedBH`; with
 * fewer than 2 replicates CI, se and p are null.
 */
import { bhAdjust } from '@transferbench/core';
import { testCells, type InferenceMethod } from './cell-tests.ts';

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

export function vectorTTests(
  replicates: readonly (readonly (number | null)[])[],
  K: number,
  level = 0.95,
  method: InferenceMethod = 't',
): VectorInference {
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
  const values = Array.from({ length: K }, (_, t) =>
    replicates.map((r) => r[t]).filter((v): v is number => v !== null && Number.isFinite(v)),
  );
  const tests = testCells(values, new Array<boolean>(K).fill(true), level, method);
  const tested: { t: number; p: number }[] = [];
  tests.forEach((c, t) => {
    out.n[t] = c.n;
    if (c.n === 0) return;
    out.effect[t] = c.estimate;
    out.lower[t] = c.lower;
    out.upper[t] = c.upper;
    out.se[t] = c.se;
    out.pValue[t] = c.pValue;
    tested.push({ t, p: c.pValue ?? NaN });
  });
  const adjusted = bhAdjust(tested.map((c) => c.p));
  tested.forEach((c, i) => {
    out.pAdjustedBH[c.t] = cell(adjusted[i]);
  });
  return out;
}
