import { describe, expect, it } from 'vitest';
import { makeSplit, syntheticDataset } from '@transferbench/datasets';
import { LabelView, cutCounts } from './label-view.ts';

const ds = await syntheticDataset.load(syntheticDataset.options.parse({ compounds: 600, labelsPerTask: 300, seed: 2 }), { log: () => {} });
const split = makeSplit(ds, { kind: 'random', seed: 2 });
const K = ds.tasks.length;
const count = (rows: Int32Array, label: (r: number) => number) => {
  const c = { pos: 0, neg: 0, none: 0 };
  for (const r of rows) {
    const y = label(r);
    if (y === 1) c.pos++;
    else if (y === 0) c.neg++;
    else c.none++;
  }
  return c;
};

describe('oracle label views', () => {
  it('a permuted source keeps its compounds and label counts in train and validation, but not its labels', () => {
    const view = new LabelView(ds, split, 7, 1);
    const t = 1;
    for (const part of ['train', 'val'] as const) {
      const original = count(split[part], (r) => ds.labels[r * K + t]);
      const permuted = count(split[part], (r) => view.label(r, { task: t, role: 'permuted' }, part));
      expect(permuted).toEqual(original);
    }
    const moved = [...split.train].filter(
      (r) => ds.labels[r * K + t] >= 0 && view.label(r, { task: t, role: 'permuted' }, 'train') !== ds.labels[r * K + t],
    );
    expect(moved.length).toBeGreaterThan(20);
    // a full-data member sees the real labels; the same seed gives the same permutation
    expect(view.label(split.train[0], { task: t, role: 'full' }, 'train')).toBe(ds.labels[split.train[0] * K + t]);
    const again = new LabelView(ds, split, 7, 1);
    expect([...split.train].map((r) => again.label(r, { task: t, role: 'permuted' }, 'train'))).toEqual(
      [...split.train].map((r) => view.label(r, { task: t, role: 'permuted' }, 'train')),
    );
  });

  it('a cut target keeps a stratified fraction of its training labels, and all validation and test labels', () => {
    const view = new LabelView(ds, split, 7, 0.2);
    const t = 0;
    const full = count(split.train, (r) => ds.labels[r * K + t]);
    const cut = count(split.train, (r) => view.label(r, { task: t, role: 'target' }, 'train'));
    expect({ pos: cut.pos, neg: cut.neg }).toEqual({ pos: Math.round(0.2 * full.pos), neg: Math.round(0.2 * full.neg) });
    expect(count(split.val, (r) => view.label(r, { task: t, role: 'target' }, 'val'))).toEqual(
      count(split.val, (r) => ds.labels[r * K + t]),
    );
    // the kept rows are labelled rows of the task, and a source at full data is not cut
    for (const r of split.train)
      if (view.label(r, { task: t, role: 'target' }, 'train') >= 0) expect(ds.labels[r * K + t]).toBeGreaterThanOrEqual(0);
    expect(count(split.train, (r) => view.label(r, { task: t, role: 'full' }, 'train'))).toEqual(full);
    expect(cutCounts(3, 0, 0.1)).toEqual({ positives: 1, negatives: 0 });
  });
});
