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
