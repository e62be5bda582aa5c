import { describe, expect, it } from 'vitest';
import type { LabelTable } from './label-table.ts';
import { withPermutedControls } from './permuted-controls.ts';

// 12 compounds × 3 tasks; task B has labels on the even rows only
const N = 12;
const table: LabelTable = {
  name: 't',
  source: 't.csv',
  tasks: [{ id: 'A' }, { id: 'B', name: 'kinase B', group: 'fam' }, { id: 'C' }],
  compounds: Array.from({ length: N }, (_, r) => ({ id: `m${r}`, smiles: 'C' })),
  labels: Int8Array.from({ length: N * 3 }, (_, i) => {
    const r = Math.floor(i / 3),
      t = i % 3;
    if (t === 1) return r % 2 === 0 ? (r < 6 ? 1 : 0) : -1;
    return (r + t) % 3 === 0 ? 1 : 0;
  }),
  warnings: ['read'],
};
const column = (tb: LabelTable, t: number) => Array.from({ length: N }, (_, r) => tb.labels[r * tb.tasks.length + t]);

describe('label-permuted controls', () => {
  it('appends shuffled copies of distinct tasks: same labelled compounds and classes, originals untouched', () => {
    const out = withPermutedControls(table, 3, 7);
    expect(out.tasks).toHaveLength(6);
    expect(out.controls).toEqual([3, 4, 5]);
    for (let t = 0; t < 3; t++) expect(column(out, t)).toEqual(column(table, t));
    const copiedFrom = out.tasks.slice(3).map((c) => table.tasks.findIndex((t) => `${t.id} (permuted)` === c.id));
    expect([...copiedFrom].sort()).toEqual([0, 1, 2]); // each task copied once
    copiedFrom.forEach((src, c) => {
      const ctl = column(out, 3 + c),
        orig = column(table, src);
      expect(ctl.map((v) => v >= 0)).toEqual(orig.map((v) => v >= 0)); // the same compounds labelled
      expect([...ctl].sort()).toEqual([...orig].sort()); // the same classes
    });
    const b = out.tasks[3 + copiedFrom.indexOf(1)];
    expect(b).toEqual({ id: 'B (permuted)', name: 'kinase B (permuted)', group: null });
    expect(copiedFrom.some((src, c) => column(out, 3 + c).join() !== column(table, src).join())).toBe(true); // shuffled
    expect(out.warnings).toEqual(['read']);
  });

  it('draws the copies and shuffles from the seed alone', () => {
    const cols = (seed: number) => {
      const o = withPermutedControls(table, 2, seed);
      return [o.tasks.slice(3).map((t) => t.id), column(o, 3), column(o, 4)];
    };
    expect(cols(7)).toEqual(cols(7));
    expect([1, 2, 3, 4, 5].map(cols).some((c) => JSON.stringify(c) !== JSON.stringify(cols(7)))).toBe(true);
  });

  it('0 controls leaves the table as it was; more controls than tasks is an error naming the option', () => {
    const none = withPermutedControls(table, 0, 1);
    expect(none.tasks).toBe(table.tasks);
    expect(none.controls).toEqual([]);
    expect(() => withPermutedControls(table, 4, 1)).toThrow(
      /controls: 4 label-permuted copies asked of 3 selected tasks; expected at most 3/,
    );
  });
});
