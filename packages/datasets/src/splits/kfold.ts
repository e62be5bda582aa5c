/**
 * K-fold split grouped by compound: a seeded permutation dealt into `folds` near-equal folds; fold f is
 * the test part and the validation part is carved at random out of the remaining compounds.
 * Every compound is a test compound in exactly one fold.
 */
import { Rng, type MultiTaskDataset, type Split } from '@transferbench/core';
import { assertPartition, sortedIndices } from './indices.ts';

export interface KFoldOptions {
  seed?: number;
  folds?: number;
  /** fraction of the non-test compounds used for validation */
  valFraction?: number;
}

/** Fold of each sample: position in a seeded permutation modulo `folds` (sizes differ by at most 1). */
export function foldAssignment(n: number, folds: number, seed: number): Int32Array {
  const order = new Rng(seed).stream('split/kfold').permutation(n);
  const fold = new Int32Array(n);
  for (let i = 0; i < n; i++) fold[order[i]] = i % folds;
  return fold;
}

/**
 * Test = the samples whose group fold is `fold`; val = a seeded share of the rest. `foldOf` gives each
 * sample's fold, so compound- and scaffold-grouped k-fold share this function.
 */
export function foldSplit(foldOf: Int32Array, fold: number, opts: { seed: number; valFraction: number; kind: Split['kind'] }): Split {
  const test: number[] = [];
  const rest: number[] = [];
  for (let r = 0; r < foldOf.length; r++) (foldOf[r] === fold ? test : rest).push(r);
  const order = new Rng(opts.seed).stream(`split/${opts.kind}/val/${fold}`).permutation(rest.length);
  const nVal = Math.round(opts.valFraction * rest.length);
  const val = Array.from(order.subarray(0, nVal), (i) => rest[i]);
  const train = Array.from(order.subarray(nVal), (i) => rest[i]);
  return assertPartition(
    { kind: opts.kind, seed: opts.seed, fold, train: sortedIndices(train), val: sortedIndices(val), test: sortedIndices(test) },
    foldOf.length,
  );
}

function checkFolds(n: number, folds: number, valFraction: number): void {
  if (!Number.isInteger(folds) || folds < 2 || folds > n) throw new Error(`kFold: expected folds an integer in [2, ${n}], got ${folds}`);
  if (!(valFraction >= 0 && valFraction < 1)) throw new Error(`kFold: expected valFraction in [0, 1), got ${valFraction}`);
}

/** Fold `fold` of a compound-grouped k-fold split. */
export function kFoldSplit(
  ds: MultiTaskDataset,
  { seed = 0, folds = 10, valFraction = 0.1, fold = 0 }: KFoldOptions & { fold?: number } = {},
): Split {
  const n = ds.samples.length;
  checkFolds(n, folds, valFraction);
  if (!Number.isInteger(fold) || fold < 0 || fold >= folds) throw new Error(`kFold: expected fold in [0, ${folds - 1}], got ${fold}`);
  return foldSplit(foldAssignment(n, folds, seed), fold, { seed, valFraction, kind: 'kfold' });
}

/** All folds of a compound-grouped k-fold split (fold f's test part = fold f). */
export function kFoldSplits(ds: MultiTaskDataset, { seed = 0, folds = 10, valFraction = 0.1 }: KFoldOptions = {}): Split[] {
  const n = ds.samples.length;
  checkFolds(n, folds, valFraction);
  const foldOf = foldAssignment(n, folds, seed);
  return Array.from({ length: folds }, (_, f) => foldSplit(foldOf, f, { seed, valFraction, kind: 'kfold' }));
}
