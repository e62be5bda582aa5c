import { describe, expect, it } from 'vitest';
import type { GradientProducts } from '@transferbench/core';
import { cosinesFromProducts } from './cosine.ts';

/** Products of explicit vectors, as an engine would return them. */
function productsOf(g: number[][]): GradientProducts {
  const n = g.length;
  const dot = (a: number[], b: number[]) => a.reduce((s, x, i) => s + x * b[i], 0);
  const sum = g[0].map((_, i) => g.reduce((s, v) => s + v[i], 0));
  return {
    gram: Float64Array.from({ length: n * n }, (_, k) => dot(g[Math.floor(k / n)], g[k % n])),
    withSum: Float64Array.from(g, (v) => dot(v, sum)),
    sumNorm2: dot(sum, sum),
  };
}
const cos = (a: number[], b: number[]) => {
  const dot = (x: number[], y: number[]) => x.reduce((s, v, i) => s + v * y[i], 0);
  return dot(a, b) / Math.sqrt(dot(a, a) * dot(b, b));
};

describe('cosinesFromProducts', () => {
  const g = [
    [1, 0, 0, 2],
    [1, 1, 0, 0],
    [0, 0, 0, 0], // a task without labels: zero gradient
    [-2, 0, 0, -4],
  ];
  const { values, contextual } = cosinesFromProducts(4, productsOf(g));

  it('gives each pair its cosine symmetrically; NaN on the diagonal and for a zero gradient', () => {
    expect(values[0 * 4 + 1]).toBeCloseTo(1 / (Math.sqrt(5) * Math.sqrt(2)), 12);
    expect(values[1 * 4 + 0]).toBe(values[0 * 4 + 1]);
    expect(values[0 * 4 + 3]).toBe(-1); // exactly opposite (clamped at −1)
    expect(values[0 * 4 + 2]).toBeNaN();
    expect(values[2 * 4 + 1]).toBeNaN();
    expect(values[0]).toBeNaN();
  });

  it('contextual: the cosine with the sum of the OTHER gradients (> 0 = aligned with what the others do)', () => {
    const others = (i: number) => g[0].map((_, k) => g.reduce((s, v, j) => (j === i ? s : s + v[k]), 0));
    for (const i of [0, 1, 3]) expect(contextual[i]).toBeCloseTo(cos(g[i], others(i)), 12);
    // task 0's others sum to (−1, 1, 0, −4): opposed to task 0; task 1's others (−1, 0, 0, −2) too
    expect(contextual[0]).toBeLessThan(0);
    expect(contextual[2]).toBeNaN(); // its own gradient is zero
    // one other task only: the contextual value is that pair's cosine
    const two = cosinesFromProducts(2, productsOf([g[0], g[1]]));
    expect(two.contextual[0]).toBeCloseTo(two.values[1], 12);
  });

  it('rejects products of the wrong size, naming the expected count', () => {
    expect(() => cosinesFromProducts(3, productsOf(g))).toThrow(/expected 3/);
  });
});
