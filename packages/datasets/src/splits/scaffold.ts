/**
 * Bemis–Murcko scaffold splits: compounds are grouped by `samples[i].scaffold` (acyclic molecules share
 * the empty scaffold ''), and whole groups are assigned, so no scaffold is in two parts. Duplicate
 * structures share a scaffold, so they never straddle parts either.
 *
 *  - `scaffold`: chemprop's balanced scaffold split. Groups larger than half the validation or test size go
 *    first, largest first (so big chemotypes land in the train pool, as in chemprop/DeepChem); the other
 *    groups follow in a seeded random order. Each group goes to train if it fits the train quota, else to
 *    validation if it fits, else to test. Seeds vary the small-group order only.
 *  - `scaffold-kfold`: groups dealt into `folds` folds of near-equal size (largest group first onto the
 *    currently smallest fold; equal sizes in seeded order). Fold f is the test part; validation is a seeded
 *    set of whole groups from the rest (added while they fit `valFraction` of the rest). Every compound is
 *    a test compound in exactly one fold.
 */
import { Rng, type MultiTaskDataset, type Split } from '@transferbench/core';
import { assertPartition, sortedIndices } from './indices.ts';

/** Sample indices per scaffold, groups in first-appearance order. */
export function scaffoldGroups(ds: MultiTaskDataset): number[][] {
  const groups = new Map<string, number[]>();
  ds.samples.forEach((s, i) => {
    if (s.scaffold === undefined) {
      throw new Error(
        `scaffold split: dataset "${ds.name}" sample ${i} ("${s.id}") has no scaffold (only datasets built from SMILES have scaffolds; use a random or kfold split)`,
      );
    }
    const g = groups.get(s.scaffold);
    if (g) g.push(i);
    else groups.set(s.scaffold, [i]);
  });
  return [...groups.values()];
}

export interface ScaffoldSplitOptions {
  seed?: number;
  testFraction?: number;
  valFraction?: number;
}

export function scaffoldSplit(
  ds: MultiTaskDataset,
  { seed = 0, testFraction = 0.25, valFraction = 0.1 }: ScaffoldSplitOptions = {},
): Split {
  const n = ds.samples.length;
  if (!(testFraction > 0 && valFraction >= 0 && testFraction + valFraction < 1)) {
    throw new Error(
      `scaffoldSplit: expected testFraction > 0, valFraction ≥ 0 and testFraction + valFraction < 1, got ${testFraction}, ${valFraction}`,
    );
  }
  const nTest = Math.round(testFraction * n);
  const nVal = Math.round(valFraction * n);
  const nTrain = n - nTest - nVal;
  const groups = scaffoldGroups(ds);
  const isBig = (g: number[]) => g.length > nVal / 2 || g.length > nTest / 2;
  const big = groups.filter(isBig).sort((a, b) => b.length - a.length || a[0] - b[0]);
  const small = new Rng(seed).stream('split/scaffold').shuffle(groups.filter((g) => !isBig(g)));
  const train: number[] = [],
    val: number[] = [],
    test: number[] = [];
  for (const g of [...big, ...small]) {
    if (train.length + g.length <= nTrain) train.push(...g);
    else if (val.length + g.length <= nVal) val.push(...g);
    else test.push(...g);
  }
  return assertPartition({ kind: 'scaffold', seed, train: sortedIndices(train), val: sortedIndices(val), test: sortedIndices(test) }, n);
}

/** Fold of each scaffold group (aligned with `groups`), balancing fold sizes. */
export function scaffoldFoldAssignment(groups: number[][], folds: number, seed: number): Int32Array {
  const order = new Rng(seed).stream('split/scaffold-kfold').permutation(groups.length);
  const ranked = Array.from(order).sort((a, b) => groups[b].length - groups[a].length); // stable: seeded among equals
  const size = new Array<number>(folds).fill(0);
  const foldOf = new Int32Array(groups.length);
  for (const g of ranked) {
    let best = 0;
    for (let f = 1; f < folds; f++) if (size[f] < size[best]) best = f;
    foldOf[g] = best;
    size[best] += groups[g].length;
  }
  return foldOf;
}

export interface ScaffoldKFoldOptions {
  seed?: number;
  folds?: number;
  valFraction?: number;
}

function foldOfGroups(ds: MultiTaskDataset, folds: number, valFraction: number, seed: number) {
  const groups = scaffoldGroups(ds);
  if (!Number.isInteger(folds) || folds < 2) throw new Error(`scaffoldKFold: expected folds an integer ≥ 2, got ${folds}`);
  if (folds > groups.length) {
    throw new Error(`scaffoldKFold: ${folds} folds need at least ${folds} scaffolds; dataset "${ds.name}" has ${groups.length}`);
  }
  if (!(valFraction >= 0 && valFraction < 1)) throw new Error(`scaffoldKFold: expected valFraction in [0, 1), got ${valFraction}`);
  return { groups, foldOf: scaffoldFoldAssignment(groups, folds, seed) };
}

function groupFoldSplit(groups: number[][], foldOf: Int32Array, fold: number, n: number, seed: number, valFraction: number): Split {
  const test: number[] = [];
  const rest: number[] = [];
  groups.forEach((g, i) => (foldOf[i] === fold ? test.push(...g) : rest.push(i)));
  const restSize = n - test.length;
  const target = Math.round(valFraction * restSize);
  const order = new Rng(seed).stream(`split/scaffold-kfold/val/${fold}`).shuffle(rest);
  const val: number[] = [],
    train: number[] = [];
  for (const gi of order) {
    const g = groups[gi];
    if (val.length + g.length <= target) val.push(...g);
    else train.push(...g);
  }
  return assertPartition(
    { kind: 'scaffold-kfold', seed, fold, train: sortedIndices(train), val: sortedIndices(val), test: sortedIndices(test) },
    n,
  );
}

/** Fold `fold` of a scaffold-grouped k-fold split. */
export function scaffoldKFoldSplit(
  ds: MultiTaskDataset,
  { seed = 0, folds = 10, valFraction = 0.1, fold = 0 }: ScaffoldKFoldOptions & { fold?: number } = {},
): Split {
  const { groups, foldOf } = foldOfGroups(ds, folds, valFraction, seed);
  if (!Number.isInteger(fold) || fold < 0 || fold >= folds)
    throw new Error(`scaffoldKFold: expected fold in [0, ${folds - 1}], got ${fold}`);
  return groupFoldSplit(groups, foldOf, fold, ds.samples.length, seed, valFraction);
}

/** All folds of a scaffold-grouped k-fold split. */
export function scaffoldKFoldSplits(ds: MultiTaskDataset, { seed = 0, folds = 10, valFraction = 0.1 }: ScaffoldKFoldOptions = {}): Split[] {
  const { groups, foldOf } = foldOfGroups(ds, folds, valFraction, seed);
  return Array.from({ length: folds }, (_, f) => groupFoldSplit(groups, foldOf, f, ds.samples.length, seed, valFraction));
}
