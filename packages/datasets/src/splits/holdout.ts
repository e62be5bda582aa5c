/**
 * Holdout split: the data set's own independent test sample (`meta.heldOutTest`, e.g. the synthetic generator's
 * `testCompounds`) is the test part; the other compounds are cut at random into validation and train pool.
 */
import { Rng, type MultiTaskDataset, type Split } from '@transferbench/core';
import { assertPartition, sortedIndices } from './indices.ts';

export function holdoutSplit(ds: MultiTaskDataset, { seed = 0, valFraction = 0.1 }: { seed?: number; valFraction?: number } = {}): Split {
  const held = ds.meta.heldOutTest;
  if (!held) {
    throw new Error(
      `split: option "kind": "holdout" needs a data set with an independent test sample (meta.heldOutTest); "${ds.name}" has none ` +
        '(for synthetic data set the dataset option testCompounds)',
    );
  }
  const n = ds.samples.length;
  const rest: number[] = [];
  for (let r = 0; r < n; r++) if (r < held.from || r >= held.to) rest.push(r);
  const order = new Rng(seed).stream('split/holdout').shuffle(rest);
  const nVal = Math.round(valFraction * rest.length);
  const test = Int32Array.from({ length: held.to - held.from }, (_, i) => held.from + i);
  return assertPartition(
    { kind: 'holdout', seed, test, val: sortedIndices(order.slice(0, nVal)), train: sortedIndices(order.slice(nVal)) },
    n,
  );
}
