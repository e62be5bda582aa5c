import { describe, expect, it } from 'vitest';
import { labelledFor, type MultiTaskDataset, type Split } from '@transferbench/core';
import { generateSynthetic } from '../synthetic/generate.ts';
import { randomSplit } from './random.ts';
import { foldAssignment, kFoldSplit, kFoldSplits } from './kfold.ts';
import { makeSplit, splitters } from './make-split.ts';
import { assertPartition } from './indices.ts';

const ds = generateSynthetic();
const N = ds.samples.length;

function expectPartition(split: Split, n: number): void {
  const seen = new Uint8Array(n);
  for (const part of [split.train, split.val, split.test]) {
    expect(part).toBeInstanceOf(Int32Array);
    for (let i = 1; i < part.length; i++) expect(part[i]).toBeGreaterThan(part[i - 1]);
    for (const r of part) {
      expect(seen[r]).toBe(0);
      seen[r] = 1;
    }
  }
  expect(seen.every((v) => v === 1)).toBe(true);
}

describe('randomSplit', () => {
  it('partitions the compounds: disjoint, covering, sorted, with the requested sizes', () => {
    const s = randomSplit(ds, { seed: 3, testFraction: 0.25, valFraction: 0.1 });
    expectPartition(s, N);
    expect(s.test.length).toBe(750);
    expect(s.val.length).toBe(300);
    expect(s.train.length).toBe(1950);
    expect(s).toMatchObject({ kind: 'random', seed: 3 });
  });

  it('is deterministic by seed and differs between seeds', () => {
    expect(randomSplit(ds, { seed: 3 })).toEqual(randomSplit(ds, { seed: 3 }));
    expect(randomSplit(ds, { seed: 4 }).test).not.toEqual(randomSplit(ds, { seed: 3 }).test);
  });

  it('leaves about 100 test labels per task on the default synthetic data', () => {
    for (const seed of [0, 1, 2]) {
      const s = randomSplit(ds, { seed });
      for (let t = 0; t < ds.tasks.length; t++) expect(labelledFor(ds, s.test, t).length).toBeGreaterThan(75);
      const mean = ds.tasks.reduce((a, _, t) => a + labelledFor(ds, s.test, t).length, 0) / ds.tasks.length;
      expect(mean).toBeGreaterThan(90);
      expect(mean).toBeLessThan(110);
    }
  });

  it('rejects fractions that leave no train pool', () => {
    expect(() => randomSplit(ds, { testFraction: 0.6, valFraction: 0.4 })).toThrow(/testFraction \+ valFraction < 1/);
  });
});

describe('k-fold split (grouped by compound)', () => {
  it('puts every compound in exactly one test fold; folds differ in size by at most one', () => {
    const folds = kFoldSplits(ds, { folds: 7, seed: 2, valFraction: 0.1 });
    expect(folds).toHaveLength(7);
    const testCount = new Uint8Array(N);
    for (const [f, s] of folds.entries()) {
      expectPartition(s, N);
      expect(s).toMatchObject({ kind: 'kfold', fold: f, seed: 2 });
      for (const r of s.test) testCount[r]++;
      expect(s.val.length).toBe(Math.round(0.1 * (N - s.test.length)));
    }
    expect(testCount.every((c) => c === 1)).toBe(true);
    const sizes = folds.map((s) => s.test.length);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
  });

  it('a single fold equals that fold of the full set; deterministic by seed', () => {
    const all = kFoldSplits(ds, { seed: 5 });
    expect(all).toHaveLength(10);
    expect(kFoldSplit(ds, { seed: 5, fold: 3 })).toEqual(all[3]);
    expect(kFoldSplit(ds, { seed: 6, fold: 3 }).test).not.toEqual(all[3].test);
    expect(foldAssignment(20, 4, 1)).toEqual(foldAssignment(20, 4, 1));
  });

  it('rejects a fold outside [0, folds)', () => {
    expect(() => kFoldSplit(ds, { folds: 5, fold: 5 })).toThrow(/fold in \[0, 4\]/);
  });
});

describe('makeSplit', () => {
  it('dispatches on kind with validated defaults', () => {
    expect(makeSplit(ds, { seed: 1 })).toEqual(randomSplit(ds, { seed: 1, testFraction: 0.25, valFraction: 0.1 }));
    expect(makeSplit(ds, { kind: 'kfold', seed: 1, fold: 2 })).toEqual(kFoldSplits(ds, { seed: 1 })[2]);
    expect(Object.keys(splitters)).toEqual(expect.arrayContaining(['random', 'kfold']));
  });

  it('names the offending option', () => {
    expect(() => makeSplit(ds, { kind: 'stratified' as never })).toThrow(/expected one of .*"holdout"\n {2}→ at kind/);
    expect(() => makeSplit(ds, { kind: 'kfold', folds: 5, fold: 7 })).toThrow(/✖ expected a fold index in \[0, 4\], got 7\n {2}→ at fold/);
    expect(() => makeSplit(ds, { testFraction: 0.7, valFraction: 0.3 })).toThrow(
      /✖ expected testFraction \+ valFraction < 1.*\n {2}→ at valFraction/,
    );
    expect(() => makeSplit(ds, { testFraction: 1.5 })).toThrow(/→ at testFraction/);
  });
});

describe('assertPartition', () => {
  const tiny = { samples: [{ id: 'a' }, { id: 'b' }, { id: 'c' }] } as MultiTaskDataset;
  const part = (train: number[], val: number[], test: number[]): Split => ({
    kind: 'random',
    seed: 0,
    train: Int32Array.from(train),
    val: Int32Array.from(val),
    test: Int32Array.from(test),
  });
  it('catches overlaps, gaps and unsorted parts', () => {
    expect(() => assertPartition(part([0, 1], [1], [2]), tiny.samples.length)).toThrow(/sample 1 is in two parts/);
    expect(() => assertPartition(part([0], [], [2]), 3)).toThrow(/sample 1 is in no part/);
    expect(() => assertPartition(part([1, 0], [], [2]), 3)).toThrow(/strictly increasing/);
    expect(assertPartition(part([0], [1], [2]), 3).train).toEqual(Int32Array.from([0]));
  });
});
