import { describe, expect, it } from 'vitest';
import { wilsonInterval } from '@transferbench/core';
import { fprAboveAlpha } from './fpr-control.ts';

const score = (fpr: [number, number], constructed: [number, number]) => ({
  fpr: wilsonInterval(...fpr),
  fprConstructed: wilsonInterval(...constructed),
});

describe('budgets whose FPR lies above α leave the cost to power', () => {
  it('left out only when the Wilson interval lies wholly above α, on truth nulls or on constructed nulls', () => {
    // 12/120 = 0.10: Wilson lower 0.058 > 0.05; 8/120 = 0.067: lower 0.034 (consistent with α); 0/0: not counted
    expect(fprAboveAlpha(score([12, 120], [0, 0]), 0.05)).toBe(true);
    expect(fprAboveAlpha(score([8, 120], [0, 0]), 0.05)).toBe(false);
    expect(fprAboveAlpha(score([0, 120], [5, 5]), 0.05)).toBe(true);
    expect(fprAboveAlpha(score([0, 120], [1, 5]), 0.05)).toBe(false);
    expect(fprAboveAlpha(score([12, 120], [0, 0]), 0.1)).toBe(false);
  });
});
