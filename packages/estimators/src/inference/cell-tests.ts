/**
 * Per-cell inference over replicates, shared by the pairwise (K×K) and the contextual (per-target) outputs:
 *   - `t`: a one-sample two-sided t-test of each cell's replicate values against 0 (core `tTestOneSample`);
 *   - `moderated-t`: limma's empirical-Bayes moderated t (core `moderatedTTests`): each tested cell's variance is
 *     shrunk towards a prior fitted across all tested cells of the estimate, which adds the prior's degrees of
 *     freedom to every cell — more power from the same replicates when variances are alike across cells.
 * Cells that are not tested (the diagonal) get estimate, se and CI of the plain t but no p-value; with fewer than
 * 2 tested cells with ≥ 2 values the moderated t falls back to the plain t (no prior can be fitted).
 */
import { moderatedTTests, tTestOneSample } from '@transferbench/core';

export type InferenceMethod = 't' | 'moderated-t';

export interface CellTest {
  estimate: number | null;
  lower: number | null;
  upper: number | null;
  se: number | null;
  pValue: number | null;
  n: number;
}

const cell = (v: number): number | null => (Number.isFinite(v) ? v : null);

export function testCells(values: readonly number[][], tested: readonly boolean[], level: number, method: InferenceMethod): CellTest[] {
  const out = values.map((xs, k): CellTest => {
    if (xs.length === 0) return { estimate: null, lower: null, upper: null, se: null, pValue: null, n: 0 };
    const t = tTestOneSample(xs, { level });
    return {
      estimate: t.estimate,
      lower: cell(t.ciLower),
      upper: cell(t.ciUpper),
      se: cell(t.se),
      pValue: tested[k] ? cell(t.pValue) : null,
      n: xs.length,
    };
  });
  if (method === 'moderated-t') {
    const ks = values.map((xs, k) => k).filter((k) => tested[k] && values[k].length >= 2);
    if (ks.length >= 2) {
      const samples = ks.map((k) => {
        const xs = values[k];
        const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
        return { mean, s2: xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1), n: xs.length };
      });
      moderatedTTests(samples, level).tests.forEach((m, i) => {
        const k = ks[i];
        out[k] = {
          estimate: m.estimate,
          lower: cell(m.ciLower),
          upper: cell(m.ciUpper),
          se: cell(m.se),
          pValue: cell(m.pValue),
          n: values[k].length,
        };
      });
    }
  }
  return out;
}
