import { describe, expect, it } from 'vitest';
import { wilsonInterval, type CostToPowerRow, type ScopeScore } from '@transferbench/core';
import { binText, costCell, costText, ksText, propText, undefinedPower } from './format.ts';

const cost = (o: Partial<CostToPowerRow>): CostToPowerRow => ({
  dataset: 'd',
  estimator: 'e',
  scope: 'pairwise',
  target: 0.8,
  cpuSeconds: null,
  lower: null,
  upper: null,
  method: 'undefined',
  budget: null,
  maxPower: null,
  fprAboveAlpha: [],
  ...o,
});

describe('shared formats', () => {
  it('prints a pooled proportion with its Wilson interval (values checked against the closed form)', () => {
    // 21/30: Wilson 95 % [0.5212, 0.8334]; 0/30: [0, 0.1135]; 1/30: [0.0059, 0.1667]
    expect(propText(wilsonInterval(21, 30))).toBe('0.70 [0.52, 0.83]');
    expect(propText(wilsonInterval(0, 30))).toBe('0.00 [0.00, 0.11]');
    expect(propText(wilsonInterval(1, 30), '—', 3)).toBe('0.033 [0.006, 0.167]');
    expect(propText(wilsonInterval(0, 0), 'n/a')).toBe('n/a');
  });

  it('says how a cost to the target power was obtained, and marks extrapolations', () => {
    expect(costText(cost({ method: 'interpolated', cpuSeconds: 3, lower: 2.4, upper: 3.75, budget: 'large' }))).toBe(
      '3.00 CPU-s [2.40, 3.75] (interpolated in log cost; reached at large)',
    );
    expect(costText(cost({ method: 'at-budget', cpuSeconds: 1.5, budget: 'small' }))).toBe(
      '≤ 1.50 CPU-s (an upper bound: the cheapest budget small already reaches it)',
    );
    expect(costText(cost({ method: 'extrapolated', cpuSeconds: 120, lower: 60, upper: null, maxPower: 0.5 }))).toMatch(
      /^≈ 120 CPU-s \[60\.0, unbounded\] — EXTRAPOLATED beyond the budget ladder .*best measured power 0\.50/,
    );
    expect(costText(cost({ method: 'plateau', maxPower: 0.3 }))).toMatch(/^not reached: plateau \(best measured power 0\.30/);
    expect(costCell(cost({ method: 'extrapolated', cpuSeconds: 12 }))).toBe('≈ 12.0 (extrapolated)');
    expect(costCell(cost({ method: 'at-budget', cpuSeconds: 1.5 }))).toBe('≤ 1.50');
    expect(costCell(undefined)).toBe('—');
    // budgets whose FPR lies above α are named; a ladder with no other budget is not ranked
    expect(costText(cost({ method: 'at-budget', cpuSeconds: 1.5, budget: 'r4', fprAboveAlpha: ['r12'] }))).toBe(
      '≤ 1.50 CPU-s (an upper bound: the cheapest budget r4 already reaches it) (left out, FPR above α: r12)',
    );
    expect(costText(cost({ method: 'fpr-above-alpha', fprAboveAlpha: ['r4', 'r12'] }))).toBe(
      'not ranked: the FPR is above α at every budget (left out, FPR above α: r4, r12)',
    );
    expect(costCell(cost({ method: 'fpr-above-alpha' }))).toBe('FPR > α');
    expect(costText(cost({ method: 'beyond-ladder', lower: 9.1, maxPower: 0.08 }))).toBe(
      '> 9.10 CPU-s: not reached within the ladder (best measured power 0.08; too few budgets with detections to extrapolate)',
    );
    expect(costCell(cost({ method: 'beyond-ladder', lower: 9.1 }))).toBe('> 9.10');
  });

  it('distinguishes "no p-values" from "not scored", and prints KS p-values with their count', () => {
    const score = {
      hasPValues: true,
      calibration: { ks: 0.5, ksPValue: 0.0002, n: 30, pValues: [] },
    } as unknown as ScopeScore;
    expect(ksText(score)).toBe('<0.001 (n 30)');
    expect(ksText({ ...score, calibration: { ...score.calibration, ksPValue: 0.0042 } })).toBe('0.004 (n 30)');
    expect(ksText({ ...score, hasPValues: false })).toBe('n/a');
    expect(ksText(null)).toBe('—');
    expect(undefinedPower({ ...score, hasPValues: false })).toBe('n/a');
    expect(undefinedPower(null)).toBe('—');
  });

  it('names |Δ| bins', () => {
    expect(binText({ from: 0.003, to: 0.006 })).toBe('[0.003, 0.006)');
    expect(binText({ from: 0.012, to: null })).toBe('≥ 0.012');
  });
});
