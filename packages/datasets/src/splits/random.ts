/** Random split by compound: a seeded permutation cut into test, validation and train pool. */
import { Rng, type MultiTaskDataset, type Split } from '@transferbench/core';
import { assertPartition, sortedIndices } from './indices.ts';

export interface RandomSplitOptions {
  seed?: number;
  testFraction?: number;
  valFraction?: number;
}

export function randomSplit(ds: MultiTaskDataset, { seed = 0, testFraction = 0.25, valFraction = 0.1 }: RandomSplitOptions = {}): Split {
  const n = ds.samples.length;
  if (!(testFraction > 0 && valFraction >= 0 && testFraction + valFraction < 1)) {
    throw new Error(
      `randomSplit: expected testFraction > 0, valFraction ≥ 0 and testFraction + valFraction < 1, got ${testFraction}, ${valFraction}`,
    );
  }
  const order = new Rng(seed).stream('split/random').permutation(n);
  const nTest = Math.round(testFraction * n);
  const nVal = Math.round(valFraction * n);
  return assertPartition(
    {
      kind: 'random',
      seed,
      test: sortedIndices(order.subarray(0, nTest)),
      val: sortedIndices(order.subarray(nTest, nTest + nVal)),
      train: sortedIndices(order.subarray(nTest + nVal)),
    },
    n,
  );
}
