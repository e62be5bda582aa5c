import { describe, expect, it } from 'vitest';
import { contentHash } from '@transferbench/core';
import { generateSynthetic } from './generate.ts';
import { makeSplit } from '../splits/make-split.ts';

const small = { compounds: 600, labelsPerTask: 200, seed: 4 };

describe('synthetic held-out test sample (testCompounds)', () => {
  const ds = generateSynthetic({ ...small, testCompounds: 400 });
  const K = ds.tasks.length;
  const label = (r: number, t: number) => ds.labels[r * K + t];

  it('appends rows labelled for every task, after the pool; the pool keeps labelsPerTask labels per task', () => {
    expect(ds.samples).toHaveLength(1000);
    expect(ds.meta.heldOutTest).toEqual({ from: 600, to: 1000 });
    for (let t = 0; t < K; t++) {
      let pool = 0;
      for (let r = 0; r < 600; r++) if (label(r, t) >= 0) pool++;
      expect(pool).toBe(200);
      for (let r = 600; r < 1000; r++) expect(label(r, t)).toBeGreaterThanOrEqual(0);
    }
  });

  it("a control's held-out labels are its source's, permuted: same counts, no agreement beyond chance", () => {
    const control = ds.meta.planted!.controls[0];
    const source = 0; // the first control permutes fam0-0
    const col = (t: number) => Array.from({ length: 400 }, (_, i) => label(600 + i, t));
    const pos = (xs: number[]) => xs.filter((v) => v === 1).length;
    expect(pos(col(control))).toBe(pos(col(source)));
    const agree = col(control).filter((v, i) => v === col(source)[i]).length / 400;
    const p = pos(col(source)) / 400;
    expect(Math.abs(agree - (p * p + (1 - p) * (1 - p)))).toBeLessThan(0.08);
  });

  it('without testCompounds the data are those of earlier versions (no held-out rows, same content hash)', () => {
    const plain = generateSynthetic(small);
    expect(plain.meta.heldOutTest).toBeUndefined();
    // content of the default-sized data set as generated before the option existed (seed 4, 600 compounds)
    expect(contentHash({ i: Array.from(plain.features.indices), l: Array.from(plain.labels) })).toBe('4989bc8d7274cd43');
  });

  it('split kind holdout: test = the held-out rows, validation and train pool from the rest', () => {
    const split = makeSplit(ds, { kind: 'holdout', seed: 1, valFraction: 0.2 });
    expect(Array.from(split.test)).toEqual(Array.from({ length: 400 }, (_, i) => 600 + i));
    expect(split.val.length).toBe(120);
    expect(split.train.length).toBe(480);
    expect([...split.train, ...split.val].every((r) => r < 600)).toBe(true);
    expect(() => makeSplit(generateSynthetic(small), { kind: 'holdout' })).toThrow(/holdout.*testCompounds/);
  });
});
