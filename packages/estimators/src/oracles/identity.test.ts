import { describe, expect, it } from 'vitest';
import type { MultiTaskDataset, Split } from '@transferbench/core';
import { datasetIdentity, splitIdentity } from './identity.ts';

function dataset(labels: number[]): MultiTaskDataset {
  return {
    name: 'tiny',
    tasks: [{ id: 'a' }, { id: 'b' }],
    samples: [{ id: 's0' }, { id: 's1' }],
    features: { indptr: Int32Array.from([0, 1, 2]), indices: Int32Array.from([0, 1]), dim: 2 },
    labels: Int8Array.from(labels),
    meta: { source: 'test', warnings: [], options: { seed: 3 } },
  };
}

describe('cache identities', () => {
  it('a dataset is identified by name, options and content: one changed label changes the hash', () => {
    const a = datasetIdentity(dataset([1, 0, -1, 1]));
    expect(datasetIdentity(dataset([1, 0, -1, 1]))).toEqual(a);
    expect(datasetIdentity(dataset([1, 0, 0, 1])).content).not.toBe(a.content);
    expect(a).toMatchObject({ name: 'tiny', options: { seed: 3 } });
  });

  it('a split is identified by its index arrays, not only by kind and seed', () => {
    const s = (test: number[]): Split => ({
      kind: 'random',
      seed: 1,
      train: Int32Array.from([0]),
      val: Int32Array.from([]),
      test: Int32Array.from(test),
    });
    expect(splitIdentity(s([1]))).toEqual(splitIdentity(s([1])));
    expect(splitIdentity(s([1])).content).not.toBe(splitIdentity(s([2])).content);
    // moving a row from test to val is a different split even though the union is the same
    const moved: Split = { kind: 'random', seed: 1, train: Int32Array.from([0]), val: Int32Array.from([1]), test: Int32Array.from([]) };
    expect(splitIdentity(moved).content).not.toBe(splitIdentity(s([1])).content);
  });
});
