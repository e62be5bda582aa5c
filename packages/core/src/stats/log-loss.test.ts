import { describe, expect, it } from 'vitest';
import { logLoss, logLossMasked } from './log-loss.ts';

// Reference values: sklearn 1.2.1 log_loss (eps=1e-15 default there), computed once with /usr/bin/python3.
const Y40 = [0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 1, 1, 1, 1, 1, 1, 1, 0, 1, 0, 1, 0, 0, 1, 1, 1, 0, 1, 1, 0, 0, 0, 0, 1, 1, 0, 1, 1, 0, 1];
const P40 = [
  0.0, 1.0, 0.565, 0.765, 0.635, 0.554, 0.559, 0.304, 0.031, 0.437, 0.215, 0.409, 0.853, 0.234, 0.058, 0.281, 0.294, 0.662, 0.557, 0.784,
  0.664, 0.406, 0.814, 0.167, 0.023, 0.09, 0.722, 0.462, 0.161, 0.501, 0.152, 0.696, 0.446, 0.381, 0.302, 0.63, 0.362, 0.088, 0.118, 0.962,
];

describe('logLoss', () => {
  it('matches sklearn log_loss', () => {
    expect(logLoss([1, 0, 1], [0.9, 0.2, 0.6])).toBeCloseTo(0.2797765635793423, 14);
    // contains p = 0 and p = 1 (clipped to 1e-15 / 1 − 1e-15)
    expect(logLoss(Y40, P40)).toBeCloseTo(1.0672129349921406, 12);
  });

  it('clips: a confident wrong prediction costs −ln(eps), not Infinity', () => {
    expect(logLoss([1], [0])).toBeCloseTo(-Math.log(1e-15), 10);
    expect(logLoss([0], [1])).toBeCloseTo(-Math.log(1e-15), 1);
    expect(logLoss([1], [0], 1e-7)).toBeCloseTo(-Math.log(1e-7), 10);
    expect(logLoss([1, 0], [0.5, 0.5])).toBeCloseTo(Math.LN2, 15);
    expect(logLoss([], [])).toBeNaN();
  });

  it('masked variant drops −1 rows; bad input throws with the field named', () => {
    expect(logLossMasked([-1, 1, 0, -1, 1], [0.01, 0.9, 0.2, 0.99, 0.6])).toBeCloseTo(0.2797765635793423, 14);
    expect(logLossMasked([-1], [0.3])).toBeNaN();
    expect(() => logLoss([1], [1.2])).toThrow(/probs\[0\] = 1.2; expected a probability in \[0, 1\]/);
    expect(() => logLoss([1], [NaN])).toThrow(/probs\[0\] = NaN/);
    expect(() => logLoss([-1], [0.3])).toThrow(/logLossMasked/);
    expect(() => logLoss([1], [0.3], 0)).toThrow(/eps = 0/);
  });
});
