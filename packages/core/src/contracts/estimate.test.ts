/** validateEstimate: what a plugin's estimate must be before anything scores it (issue 17: garbage was accepted and ranked). */
import { describe, expect, it } from 'vitest';
import { squareMatrix, validateEstimate } from './estimate.ts';

const estimate = (over: Record<string, unknown> = {}) => ({
  estimator: { name: 'x', version: '1' },
  tasks: ['a', 'b', 'c'],
  unit: 'u',
  pairwise: { effect: squareMatrix(3, 0), pValue: squareMatrix(3, 0.5) },
  cost: { wallMs: 0, cpuMs: 0, peakRssMb: 0, trainings: 0, probes: 0, samplePasses: 0, flops: 0 },
  diagnostics: { warnings: [], fitFailures: 0, fitAttempts: 0, notes: [] },
  ...over,
});

const message = (raw: unknown) => {
  try {
    validateEstimate(raw, 'estimator "x"');
    return null;
  } catch (err) {
    return (err as Error).message;
  }
};

describe('validateEstimate', () => {
  it('accepts a well-formed estimate with null (not estimated) cells', () => {
    const p = squareMatrix(3, null);
    p[0][1] = 0;
    p[1][0] = 1;
    expect(
      message(estimate({ pairwise: { effect: squareMatrix(3, null), pValue: p }, contextual: { effect: [0.1, null, -0.2] } })),
    ).toBeNull();
  });

  it('refuses p-values outside [0, 1] instead of clamping them, naming the cell', () => {
    const p = squareMatrix(3, 0.5);
    p[0][1] = -5;
    expect(message(estimate({ pairwise: { effect: squareMatrix(3, 0), pValue: p } }))).toBe(
      'estimator "x": pairwise.pValue[0][1] is -5; expected a p-value in [0, 1] (or null: not estimated)',
    );
    p[0][1] = 1.5;
    expect(message(estimate({ pairwise: { effect: squareMatrix(3, 0), pValue: p } }))).toMatch(/pairwise\.pValue\[0\]\[1\] is 1\.5/);
    expect(message(estimate({ contextual: { effect: [0, 0, 0], pValue: [0.1, 2, 0.3] } }))).toMatch(
      /contextual\.pValue\[1\] is 2; expected a p-value in \[0, 1\]/,
    );
  });

  it('refuses a duplicated task id', () => {
    expect(message(estimate({ tasks: ['a', 'b', 'a'] }))).toBe(
      'estimator "x": tasks: task id "a" appears more than once; expected each task exactly once',
    );
  });

  it('refuses contextual vectors of the wrong length and non-finite values, naming the field', () => {
    expect(message(estimate({ contextual: { effect: [0.1, 0.2] } }))).toBe(
      'estimator "x": contextual.effect has 2 entries; expected 3 (one per task)',
    );
    expect(message(estimate({ contextual: { effect: [0, 0, 0], se: [1, 1, 1, 1] } }))).toMatch(/contextual\.se has 4 entries; expected 3/);
    expect(message(estimate({ contextual: { effect: [0, Number.NaN, 0] } }))).toMatch(
      /contextual\.effect\.1: .*expected number, received NaN/,
    );
    expect(message(estimate({ contextual: { effect: [0, Number.POSITIVE_INFINITY, 0] } }))).toMatch(/contextual\.effect\.1: .*number/i);
  });
});
