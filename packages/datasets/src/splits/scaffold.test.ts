import { describe, expect, it } from 'vitest';
import { Rng, type MultiTaskDataset, type Split } from '@transferbench/core';
import { scaffoldGroups, scaffoldKFoldSplit, scaffoldKFoldSplits, scaffoldSplit } from './scaffold.ts';
import { makeSplit } from './make-split.ts';
import { featurizeSmiles } from '../featurize/featurize.ts';

/** A dataset whose samples carry the given scaffolds (features/labels are irrelevant to splitting). */
function withScaffolds(scaffolds: string[]): MultiTaskDataset {
  const n = scaffolds.length;
  return {
    name: 'scaffolds',
    tasks: [{ id: 't0' }],
    samples: scaffolds.map((scaffold, i) => ({ id: `c${i}`, scaffold })),
    features: { indptr: new Int32Array(n + 1), indices: new Int32Array(0), dim: 8 },
    labels: new Int8Array(n).fill(1),
    meta: { source: 'test', warnings: [], options: {} },
  };
}

/** 400 compounds over skewed scaffold groups: one of 60 acyclic (''), a few big, many singletons. */
function skewed(): MultiTaskDataset {
  const rng = new Rng(7);
  const scaffolds: string[] = [];
  for (let i = 0; i < 60; i++) scaffolds.push('');
  for (let g = 0; g < 5; g++) for (let i = 0; i < 25 - 3 * g; i++) scaffolds.push(`big${g}`);
  for (let g = 0; g < 60; g++) for (let i = 0; i < 1 + (g % 4); i++) scaffolds.push(`mid${g}`);
  while (scaffolds.length < 400) scaffolds.push(`single${scaffolds.length}`);
  return withScaffolds(rng.shuffle(scaffolds));
}

function partOf(split: Split, n: number): string[] {
  const part = new Array<string>(n);
  for (const p of ['train', 'val', 'test'] as const) for (const r of split[p]) part[r] = p;
  return part;
}

function expectNoScaffoldStraddles(ds: MultiTaskDataset, split: Split): void {
  const part = partOf(split, ds.samples.length);
  const where = new Map<string, string>();
  ds.samples.forEach((s, i) => {
    const seen = where.get(s.scaffold!);
    if (seen !== undefined) expect(`${s.scaffold}:${part[i]}`).toBe(`${s.scaffold}:${seen}`);
    else where.set(s.scaffold!, part[i]);
  });
}

describe('scaffoldSplit', () => {
  const ds = skewed();

  it('never puts one scaffold in two parts, for several seeds, and keeps the quotas', () => {
    for (const seed of [0, 1, 2, 3]) {
      const split = scaffoldSplit(ds, { seed, testFraction: 0.2, valFraction: 0.1 });
      expectNoScaffoldStraddles(ds, split);
      expect(split.train.length + split.val.length + split.test.length).toBe(400);
      expect(split.train.length).toBeLessThanOrEqual(280); // train quota is filled first, never exceeded
      expect(split.train.length).toBeGreaterThan(270);
      expect(split.val.length).toBeLessThanOrEqual(40);
      expect(split.test.length).toBeGreaterThanOrEqual(80);
    }
  });

  it('puts the largest groups (the 60 acyclic compounds) in the train pool', () => {
    const split = scaffoldSplit(ds, { seed: 5 });
    const part = partOf(split, 400);
    ds.samples.forEach((s, i) => {
      if (s.scaffold === '' || s.scaffold === 'big0') expect(part[i]).toBe('train');
    });
  });

  it('is deterministic per seed and varies across seeds', () => {
    const a = scaffoldSplit(ds, { seed: 11 });
    expect(scaffoldSplit(ds, { seed: 11 })).toEqual(a);
    expect(Array.from(scaffoldSplit(ds, { seed: 12 }).test)).not.toEqual(Array.from(a.test));
  });

  it('acyclic molecules share the empty scaffold and land on one side', async () => {
    const smiles = ['CCO', 'c1ccccc1O', 'CCCCN', 'Cc1ccccc1', 'CC(C)O', 'C1CCNCC1C', 'OCC(O)CO', 'c1ccncc1CC'];
    const { features } = await featurizeSmiles(smiles, { radius: 2, nBits: 256, cacheDir: null });
    const scaffolds = features.map((f) => f!.scaffold);
    expect(scaffolds.filter((s) => s === '').length).toBe(4);
    expect(scaffolds[1]).toBe(scaffolds[3]); // phenol and toluene: benzene
    const small = withScaffolds(scaffolds);
    expect(
      scaffoldGroups(small)
        .map((g) => g.length)
        .sort(),
    ).toEqual([1, 1, 2, 4]);
    for (const seed of [0, 1, 2]) expectNoScaffoldStraddles(small, scaffoldSplit(small, { seed, testFraction: 0.25, valFraction: 0.25 }));
  });

  it('rejects datasets without scaffolds, naming the sample', () => {
    const ds2 = withScaffolds(['a', 'b']);
    delete ds2.samples[1].scaffold;
    expect(() => scaffoldSplit(ds2)).toThrow(/sample 1 \("c1"\) has no scaffold/);
  });
});

describe('scaffold k-fold', () => {
  const ds = skewed();

  it('10 folds cover every compound exactly once as test, with no scaffold in two parts', () => {
    const splits = scaffoldKFoldSplits(ds, { seed: 3 });
    expect(splits).toHaveLength(10);
    const timesTested = new Int32Array(400);
    for (const s of splits) {
      expect(s.kind).toBe('scaffold-kfold');
      for (const r of s.test) timesTested[r]++;
      expectNoScaffoldStraddles(ds, s);
      expect(s.val.length).toBeGreaterThan(0);
    }
    expect(Array.from(timesTested).every((c) => c === 1)).toBe(true);
    // balanced: fold sizes differ by at most the largest group (60)
    const sizes = splits.map((s) => s.test.length);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(60);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(30);
  });

  it('a single fold equals the same fold of the full set, and makeSplit dispatches both kinds', () => {
    const all = scaffoldKFoldSplits(ds, { seed: 3 });
    expect(scaffoldKFoldSplit(ds, { seed: 3, fold: 4 })).toEqual(all[4]);
    expect(makeSplit(ds, { kind: 'scaffold-kfold', seed: 3, fold: 4 })).toEqual(all[4]);
    expect(makeSplit(ds, { kind: 'scaffold', seed: 2 })).toEqual(scaffoldSplit(ds, { seed: 2 }));
  });

  it('needs at least as many scaffolds as folds', () => {
    expect(() => scaffoldKFoldSplits(withScaffolds(['a', 'a', 'b']), { folds: 3 })).toThrow(/3 folds need at least 3 scaffolds; .* has 2/);
  });
});
