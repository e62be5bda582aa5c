import { describe, expect, it } from 'vitest';
import { gradientCosines } from './cosine.ts';

describe('gradientCosines', () => {
  it('gives the cosine of each pair symmetrically, null for the diagonal and zero gradients', () => {
    const g0 = Float32Array.from([1, 0, 0, 0, 2]);
    const g1 = Float32Array.from([1, 1, 0, 0, 0]);
    const g3 = Float32Array.from([-2, 0, 0, 0, -4]);
    const zero = new Float32Array(5);
    const c = gradientCosines(5, [0, 1, 2, 3], [g0, g1, zero, g3]);
    expect(c[0][1]).toBeCloseTo(1 / (Math.sqrt(5) * Math.sqrt(2)), 12);
    expect(c[1][0]).toBe(c[0][1]);
    expect(c[0][3]).toBeCloseTo(-1, 12);
    expect(c[0][2]).toBeNull(); // zero gradient: no direction
    expect(c[0][0]).toBeNull();
    expect(c[4][0]).toBeNull(); // task 4 not measured
  });
});

describe('gradientCosines with a batch support', () => {
  it("equals the dense computation when gradients vanish outside the tasks' active bits", async () => {
    const { batchGradientSupport } = await import('./cosine.ts');
    // 4 input bits, hidden 2, 2 tasks; rows: r0 = {0, 2} labelled for task 0, r1 = {1, 2} for task 1
    const features = { indptr: Int32Array.from([0, 2, 4]), indices: Int32Array.from([0, 2, 1, 2]), dim: 4 };
    const batch = { rows: Int32Array.from([0, 1]), labels: Int8Array.from([1, -1, -1, 0]) };
    const support = batchGradientSupport(features, batch, [0, 1], 2, 2);
    expect(Array.from(support.bits[0])).toEqual([0, 2]);
    expect(Array.from(support.bits[1])).toEqual([1, 2]);
    // layout: W1 rows 0..3 (2 values each) then b1 (2 values); zeros outside each task's bits
    const g0 = Float32Array.from([1, 2, 0, 0, 3, -1, 0, 0, 0.5, 0.25]);
    const g1 = Float32Array.from([0, 0, 4, 1, 2, 2, 0, 0, -1, 1]);
    const sparse = gradientCosines(2, [0, 1], [g0, g1], support);
    const dense = gradientCosines(2, [0, 1], [g0, g1]);
    // by hand: g0·g1 = 3·2 + (−1)·2 + 0.5·(−1) + 0.25·1 = 3.75; |g0|² = 1+4+9+1+0.25+0.0625, |g1|² = 16+1+4+4+1+1
    const expected = 3.75 / Math.sqrt((1 + 4 + 9 + 1 + 0.25 + 0.0625) * (16 + 1 + 4 + 4 + 1 + 1));
    expect(sparse[0][1]).toBeCloseTo(expected, 12);
    expect(dense[0][1]).toBeCloseTo(expected, 12);
  });
});
