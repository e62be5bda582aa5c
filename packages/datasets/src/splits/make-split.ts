/**
 * `makeSplit(ds, options)`: validates the options and dispatches on `kind` through a map, so a new kind
 * is one entry in `splitters` (scaffold kinds are registered there by `scaffold*.ts`).
 */
import { parseOptions, type MultiTaskDataset, type Split, type SplitKind } from '@transferbench/core';
import { splitOptionsSchema, type SplitOptions, type SplitOptionsInput } from './options.ts';
import { randomSplit } from './random.ts';
import { kFoldSplit } from './kfold.ts';
import { scaffoldKFoldSplit, scaffoldSplit } from './scaffold.ts';
import { holdoutSplit } from './holdout.ts';

export type Splitter = (ds: MultiTaskDataset, options: SplitOptions) => Split;

export const splitters: Partial<Record<SplitKind, Splitter>> = {
  random: (ds, o) => randomSplit(ds, o),
  kfold: (ds, o) => kFoldSplit(ds, o),
  scaffold: (ds, o) => scaffoldSplit(ds, o),
  'scaffold-kfold': (ds, o) => scaffoldKFoldSplit(ds, o),
  holdout: (ds, o) => holdoutSplit(ds, o),
};

export function makeSplit(ds: MultiTaskDataset, options: SplitOptionsInput = {}): Split {
  const o = parseOptions('split', splitOptionsSchema, options);
  const splitter = splitters[o.kind];
  if (!splitter) throw new Error(`split: option "kind": "${o.kind}" is not available; available: ${Object.keys(splitters).join(', ')}`);
  return splitter(ds, o);
}
