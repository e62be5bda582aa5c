import { describe, expect, it } from 'vitest';
import { classifyEffect, classifyTruth, classifyVectorTruth } from './truth-classes.ts';

describe('truth classes (relevant effects, margin δ)', () => {
  it('worked examples at δ = 0.01', () => {
    // CI excludes 0 and |Δ| ≥ δ: a relevant effect
    expect(classifyEffect(0.1, 0.01, 0.2, 0.01)).toBe('positive');
    expect(classifyEffect(-0.03, -0.05, -0.001, 0.01)).toBe('negative');
    expect(classifyEffect(0.01, 0.002, 0.018, 0.01)).toBe('positive'); // |Δ| = δ exactly counts
    // CI excludes 0 but |Δ| < δ: established but small — neither power nor false positive
    expect(classifyEffect(0.002, 0.001, 0.003, 0.01)).toBe('small');
    expect(classifyEffect(-0.004, -0.007, -0.001, 0.01)).toBe('small');
    // an established effect whose CI crosses δ is still judged by its point estimate
    expect(classifyEffect(0.008, 0.001, 0.015, 0.01)).toBe('small');
    // CI inside ±δ (and covering 0): null
    expect(classifyEffect(0.0, -0.01, 0.01, 0.01)).toBe('null');
    expect(classifyEffect(0.003, -0.002, 0.008, 0.01)).toBe('null');
    // CI covers 0 and leaves the band: indeterminate
    expect(classifyEffect(0.0, -0.02, 0.01, 0.01)).toBe('indeterminate');
    expect(classifyEffect(0.02, -0.001, 0.041, 0.01)).toBe('indeterminate');
    expect(classifyEffect(null, -1, 1, 0.01)).toBe('indeterminate');
    expect(classifyEffect(0.1, Number.NaN, 0.2, 0.01)).toBe('indeterminate');
    // δ = 0: every established effect is relevant, and only a point CI at 0 is null
    expect(classifyEffect(0.002, 0.001, 0.003, 0)).toBe('positive');
    expect(classifyEffect(0, 0, 0, 0)).toBe('null');
  });

  it('counts the classes of the ordered off-diagonal pairs; falls back to effect ± 1.96·se', () => {
    const t = classifyTruth(
      {
        tasks: ['a', 'b', 'c'],
        pairwise: {
          effect: [
            [null, 0.1, 0.002],
            [0.001, null, -0.05],
            [0.0, 0.03, null],
          ],
          // a←c has no CI: se 0.0005 gives 0.002 ± 0.00098 → established, below δ → small
          lower: [
            [null, 0.05, null],
            [-0.004, null, -0.08],
            [-0.02, -0.01, null],
          ],
          upper: [
            [null, 0.15, null],
            [0.006, null, -0.02],
            [0.02, 0.07, null],
          ],
          se: [
            [null, null, 0.0005],
            [null, null, null],
            [null, null, null],
          ],
        },
      },
      0.01,
    );
    expect(t.classes).toEqual([
      [null, 'positive', 'small'],
      ['null', null, 'negative'],
      ['indeterminate', 'indeterminate', null],
    ]);
    expect(t.counts).toEqual({ positive: 1, negative: 1, small: 1, null: 1, indeterminate: 2 });
    expect(() => classifyTruth({ tasks: ['a'], pairwise: { effect: [[null]] } }, -1)).toThrow(/nullMargin/);
  });

  it('classifies a contextual (per-target) truth the same way', () => {
    const t = classifyVectorTruth(
      { tasks: ['a', 'b', 'c'], contextual: { effect: [0.05, 0.004, 0], lower: [0.02, 0.001, -0.005], upper: [0.08, 0.007, 0.005] } },
      0.01,
    );
    expect(t.classes).toEqual(['positive', 'small', 'null']);
    expect(t.counts.small).toBe(1);
  });
});
