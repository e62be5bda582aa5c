/**
 * Per-replicate re-draw of a split's partition (same compounds, same part sizes), used by estimators whose
 * replicates would otherwise all read the same held-out rows.
 *
 * Why: with one fixed test (or validation) set, every replicate measures on the same ~100 labels per task,
 * so a t-test over seeds sees training noise only — the sampling of those labels becomes a bias shared by
 * all seeds. For the oracle a label-permuted control target then "received" significant transfer by chance;
 * for data-lookahead the target's validation gradient is fixed across replicates. Re-drawing the partition
 * per replicate puts that sampling into the replicate variance, so the CIs describe the population of
 * compounds rather than one held-out set.
 *
 * `keepTest`: only train and validation are re-drawn; the test rows stay where they are and are never moved
 * into training (for estimators, which must not see the benchmark's test set).
 * A `holdout` split's test part is the data set's independent test sample: it is always kept (re-drawing it
 * would put fully labelled compounds into training and change every task's label distribution).
 * Groups stay whole: by scaffold for scaffold splits (no scaffold in two parts), by compound otherwise.
 */
import { Rng, type MultiTaskDataset, type Split } from '@transferbench/core';

export function resampleSplit(ds: MultiTaskDataset, split: Split, seed: number, opts: { keepTest?: boolean } = {}): Split {
  const keepTest = (opts.keepTest ?? false) || split.kind === 'holdout';
  const rows = keepTest ? [...split.train, ...split.val] : [...split.train, ...split.val, ...split.test];
  const byScaffold = split.kind === 'scaffold' || split.kind === 'scaffold-kfold';
  const groups = new Map<string, number[]>();
  for (const r of rows) {
    const key = byScaffold ? `s:${ds.samples[r].scaffold ?? ''}` : `c:${r}`;
    const g = groups.get(key);
    if (g) g.push(r);
    else groups.set(key, [r]);
  }
  const order = new Rng(seed).stream(keepTest ? 'train-val-split' : 'oracle-split').shuffle([...groups.values()]);
  const parts: number[][] = [[], [], []];
  const want = [keepTest ? 0 : split.test.length, split.val.length];
  for (const g of order) {
    // fill test, then validation, up to their original sizes; the rest is the train pool
    const p = parts[0].length < want[0] ? 0 : parts[1].length < want[1] ? 1 : 2;
    parts[p].push(...g);
  }
  const sorted = (xs: number[]) => Int32Array.from(xs).sort();
  const test = keepTest ? split.test : sorted(parts[0]);
  return { kind: split.kind, seed, fold: split.fold, test, val: sorted(parts[1]), train: sorted(parts[2]) };
}
