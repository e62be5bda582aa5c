import { describe, expect, it } from 'vitest';
import type { MultiTaskDataset, Split } from '@transferbench/core';
import { resampleSplit } from './resample-split.ts';

const N = 200;
const ds = {
  samples: Array.from({ length: N }, (_, r) => ({ id: `c${r}`, scaffold: `s${r % 17}` })),
} as unknown as MultiTaskDataset;
const range = (a: number, b: number) => Int32Array.from({ length: b - a }, (_, i) => a + i);
const base: Split = { kind: 'random', seed: 0, train: range(0, 130), val: range(130, 150), test: range(150, 200) };

describe('resampleSplit', () => {
  it('keeps the compounds and part sizes, changes the partition, and is deterministic per seed', () => {
    const a = resampleSplit(ds, base, 1);
    expect([a.train.length, a.val.length, a.test.length]).toEqual([130, 20, 50]);
    expect([...a.train, ...a.val, ...a.test].sort((x, y) => x - y)).toEqual(Array.from(range(0, 200)));
    expect(Array.from(a.test)).not.toEqual(Array.from(base.test));
    expect(resampleSplit(ds, base, 1)).toEqual(a);
    expect(Array.from(resampleSplit(ds, base, 2).test)).not.toEqual(Array.from(a.test));
  });

  it('keepTest: re-draws train/validation only and never moves a test row', () => {
    const a = resampleSplit(ds, base, 1, { keepTest: true });
    expect(a.test).toBe(base.test);
    expect([a.train.length, a.val.length]).toEqual([130, 20]);
    expect([...a.train, ...a.val].sort((x, y) => x - y)).toEqual(Array.from(range(0, 150)));
    expect(Array.from(a.val)).not.toEqual(Array.from(base.val));
    expect(resampleSplit(ds, base, 1, { keepTest: true })).toEqual(a);
    const s = resampleSplit(ds, { ...base, kind: 'scaffold' }, 4, { keepTest: true });
    const testRows = new Set(base.test);
    for (const r of [...s.train, ...s.val]) expect(testRows.has(r)).toBe(false);
  });

  it('keeps scaffold groups whole for scaffold splits', () => {
    const s = resampleSplit(ds, { ...base, kind: 'scaffold' }, 3);
    const part = new Map<string, string>();
    for (const [name, rows] of Object.entries({ train: s.train, val: s.val, test: s.test })) {
      for (const r of rows) {
        const sc = ds.samples[r].scaffold!;
        expect(part.get(sc) ?? name).toBe(name);
        part.set(sc, name);
      }
    }
  });
});
