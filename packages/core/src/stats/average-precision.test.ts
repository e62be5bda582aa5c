import { describe, expect, it } from 'vitest';
import { averagePrecision, averagePrecisionMasked } from './average-precision.ts';
import { rocAuc } from './roc-auc.ts';

// Reference values: sklearn 1.2.1 average_precision_score (computed once with /usr/bin/python3, hard-coded here).
const Y40 = [0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 1, 1, 1, 1, 1, 1, 1, 0, 1, 0, 1, 0, 0, 1, 1, 1, 0, 1, 1, 0, 0, 0, 0, 1, 1, 0, 1, 1, 0, 1];
const S40 = [
  0.8, 0.4, 1.0, 0.9, 0.8, 0.2, 0.5, 0.0, 0.2, 0.7, 0.7, 1.0, 0.3, 0.4, 0.5, 0.2, 0.1, 0.5, 0.2, 0.7, 0.4, 0.8, 0.7, 0.3, 0.8, 0.8, 0.4,
  0.3, 0.7, 0.1, 0.2, 0.0, 0.8, 0.7, 0.7, 0.8, 0.5, 0.6, 0.1, 0.1,
];

describe('averagePrecision', () => {
  it('gives the worked example of the header (sklearn: 0.8333333333333333)', () => {
    expect(averagePrecision([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])).toBeCloseTo(0.5 + 1 / 3, 15);
  });

  it('matches sklearn with tied scores (ties form one threshold, no interpolation)', () => {
    expect(averagePrecision([1, 0, 1, 1, 0, 0, 1, 0, 1, 0], [0.9, 0.9, 0.7, 0.5, 0.5, 0.5, 0.3, 0.2, 0.2, 0.1])).toBeCloseTo(
      0.5587301587301587,
      14,
    );
    expect(averagePrecision(Y40, S40)).toBeCloseTo(0.5675634289309264, 14);
  });

  it('has the right limits: perfect ranking 1, all positives 1, all tied = positive rate, no positives NaN', () => {
    expect(averagePrecision([0, 1, 0, 1], [0.1, 0.9, 0.2, 0.8])).toBe(1);
    expect(averagePrecision([1, 1], [0.3, 0.1])).toBe(1);
    expect(averagePrecision([1, 0, 0, 0], [0.5, 0.5, 0.5, 0.5])).toBe(0.25);
    expect(averagePrecision([0, 0], [0.3, 0.1])).toBeNaN();
    expect(averagePrecision([], [])).toBeNaN();
    // worst ranking of 1 positive among 4: precision 1/4 at its threshold
    expect(averagePrecision([1, 0, 0, 0], [0.1, 0.5, 0.6, 0.7])).toBe(0.25);
    expect(rocAuc([1, 0, 0, 0], [0.1, 0.5, 0.6, 0.7])).toBe(0);
  });

  it('masked variant drops −1 rows; bad labels throw', () => {
    expect(averagePrecisionMasked([-1, 0, 0, 1, -1, 1], [1, 0.1, 0.4, 0.35, 0.9, 0.8])).toBeCloseTo(0.5 + 1 / 3, 15);
    expect(() => averagePrecision([0, 2], [0.1, 0.2])).toThrow(/labels\[1\] = 2/);
  });
});
