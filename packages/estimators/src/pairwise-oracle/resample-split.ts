/**
 * Per-replicate re-draw of the train/validation/test partition for the oracle.
 *
 * Why: with one fixed test set, every replicate scores Δ on the same ~100 test labels, so a t-test over
 * seeds sees training noise only — test-set sampling becomes a bias shared by all seeds, and a label-
 * permuted control target then "receives" significant transfer by chance. Re-drawing the partition per
 * replicate (same compounds, same part sizes) puts test-set sampling into the replicate variance, so the
 * CIs describe transfer on the population of compounds rather than on one test set.
 * Groups stay whole: by scaffold for scaffold splits (no scaffold in two parts), by compound otherwise.
 */
import { Rng, type MultiTaskDataset, type Split } from '@transferbench/core';

export function resampleSplit(ds: MultiTaskDataset, split: Split, seed: number): Split {
  const rows = [...split.train, ...split.val, ...split.test];
  const byScaffold = split.kind === 'scaffold' || split.kind === 'scaffold-kfold';
  const groups = new Map<string, number[]>();
  for (const r of rows) {
    const key = byScaffold ? `s:${ds.samples[r].scaffold ?? ''}` : `c:${r}`;
    const g = groups.get(key);
    if (g) g.push(r);
    else groups.set(key, [r]);
  }
  const order = new Rng(seed).stream('oracle-split').shuffle([...groups.values()]);
  const parts: number[][] = [[], [], []];
  const want = [split.test.length, split.val.length];
  for (const g of order) {
    // fill test, then validation, up to their original sizes; the rest is the train pool
    const p = parts[0].length < want[0] ? 0 : parts[1].length < want[1] ? 1 : 2;
    parts[p].push(...g);
  }
  const sorted = (xs: number[]) => Int32Array.from(xs).sort();
  return { kind: split.kind, seed, fold: split.fold, test: sorted(parts[0]), val: sorted(parts[1]), train: sorted(parts[2]) };
}
