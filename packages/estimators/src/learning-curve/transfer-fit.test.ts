import { describe, expect, it } from 'vitest';
import { EXP3_2, Rng } from '@transferbench/core';
import { fitTransfer, widenInterval } from './transfer-fit.ts';

const grid = (a: number[], b: number[]) => a.flatMap((x) => b.map((y) => [x, y]));
const opts = (over = {}) => ({
  fit: { upperAsymptote: 1, restarts: 2, rng: new Rng(1) },
  level: 0.95,
  fTests: true,
  label: 'EXP3.2 t',
  ...over,
});

describe('fitTransfer: linear limit', () => {
  it('reads the transfer slope from OLS when asked (the bootstrap reproduces a linear main fit this way)', () => {
    const rng = new Rng(3);
    const points = grid([50, 100, 200, 300], [0, 300, 600, 900, 1200]).map((x) => ({ x, y: 0.5 + 1e-4 * x[0] + rng.normal(0, 0.01) }));
    const f = fitTransfer(EXP3_2, points, opts({ model: 'linear' }));
    expect(f.model).toBe('linear');
    expect(f.fit).toBeNull();
    expect(f.converged).toBe(true);
    const r = f.readings[0];
    expect(r.parameter).toBe('a_isigma');
    expect(r.rate.estimate).toBeNull();
    expect(r.slope.lower!).toBeLessThan(0);
    expect(r.slope.upper!).toBeGreaterThan(0);
    expect(r.fTest.pValue).toBe(r.slope.waldP);
    expect(r.df).toBe(20 - 3);
    // γ = β_Σ / β_own: the own slope is clearly positive here
    expect(r.exchangeRate.estimate!).toBeCloseTo(r.slope.estimate! / f.linear!.coefficients[1]!, 12);
  });

  it('falls back to the linear limit when the curve cannot be fitted, and says so', () => {
    const points = grid([50, 100, 200], [0, 500, 1000]).map((x) => ({ x, y: 0.5 }));
    const f = fitTransfer(EXP3_2, points, opts());
    expect(f.model).toBe('linear');
    expect(f.failures).toBe(1);
    expect(f.failureReasons[0]).toMatch(/^EXP3.2 t: no curvature: y is flat.*linear limit/);
    expect(f.readings[0].slope.estimate!).toBeCloseTo(0, 12);
  });
});

describe('widenInterval', () => {
  it('adds the variance component and recomputes the t interval and p-value', () => {
    const w = widenInterval({ estimate: 2, se: 3, lower: null, upper: null, waldP: null }, 4, 1e6, 0.95);
    expect(w.se).toBeCloseTo(5, 12);
    expect(w.lower!).toBeCloseTo(2 - 1.959964 * 5, 4);
    expect(w.waldP!).toBeCloseTo(0.6891565, 5); // 2·(1 − Φ(0.4))
    expect(widenInterval({ estimate: 2, se: 3, lower: 0, upper: 4, waldP: 0.5 }, null, 10, 0.95)).toEqual({
      estimate: 2,
      se: null,
      lower: null,
      upper: null,
      waldP: null,
    });
  });
});
