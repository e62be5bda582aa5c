import { Rng, spearman } from '@transferbench/core';
import { describe, expect, it } from 'vitest';
import { rankCells, resampledSpearman } from './resampled-spearman.ts';

/** The resample written out: cell i repeated counts[i] times. */
function expanded(x: number[], y: number[], counts: Uint32Array): [number[], number[]] {
  const ex: number[] = [],
    ey: number[] = [];
  counts.forEach((c, i) => {
    for (let k = 0; k < c; k++) {
      ex.push(x[i]);
      ey.push(y[i]);
    }
  });
  return [ex, ey];
}

describe('resampledSpearman', () => {
  it('equals spearman of the expanded resample, with ties and NaN cells', () => {
    const rng = new Rng(7).stream('cells');
    const n = 300;
    // values rounded to few levels: many ties on both sides; some NaN on either side
    const x = Array.from({ length: n }, (_, i) => (i % 37 === 0 ? Number.NaN : Math.round(rng.normal() * 3) / 3));
    const y = x.map((v, i) => (i % 41 === 5 ? Number.NaN : Math.round((Number.isNaN(v) ? 0 : v) + rng.normal() * 4)));
    const cells = rankCells(x, y);
    for (let b = 0; b < 20; b++) {
      const counts = new Uint32Array(n);
      for (let k = 0; k < n; k++) counts[rng.int(0, n - 1)]++;
      expect(resampledSpearman(cells, counts)).toBeCloseTo(spearman(...expanded(x, y, counts)), 12);
    }
    expect(resampledSpearman(cells, new Uint32Array(n).fill(1))).toBeCloseTo(spearman(x, y), 12);
  });

  it('a known answer, and NaN where ρ is undefined', () => {
    // resample {1,1,2,3} × {1,1,3,2}: ranks x 1.5 1.5 3 4, y 1.5 1.5 4 3 → ρ = 3.5 / 4.5
    const cells = rankCells([1, 2, 3, 4], [1, 3, 2, 4]);
    expect(resampledSpearman(cells, Uint32Array.from([2, 1, 1, 0]))).toBeCloseTo(7 / 9, 12);
    expect(resampledSpearman(cells, Uint32Array.from([4, 0, 0, 0]))).toBeNaN(); // one cell: constant sides
    expect(resampledSpearman(cells, Uint32Array.from([1, 0, 0, 0]))).toBeNaN(); // fewer than 2
  });
});
