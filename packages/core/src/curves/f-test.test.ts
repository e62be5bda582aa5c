import { describe, expect, it } from 'vitest';
import { EXP3_2, PAIRWISE } from './family.ts';
import { fitCurve } from './fit.ts';
import { transferFTest } from './f-test.ts';
import { curveValue } from './model.ts';
import { Rng } from '../rng.ts';

describe('transferFTest', () => {
  const rng = new Rng(21);
  const xs = [100, 300, 700, 1500].flatMap((a) => [0, 400, 1000, 2500].map((s) => [a, s]));
  const points = [0, 1, 2].flatMap(() => xs.map((x) => ({ x, y: curveValue([0.9, -0.6, 0.0015, 0.0004], x) + rng.normal(0, 0.01) })));

  it('equals F = (RSS_r − RSS_f)/(RSS_f/(n − p)) against an explicit reduced fit, with p = P(F(1, df) > F)', () => {
    const full = fitCurve(EXP3_2, points);
    const test = transferFTest(EXP3_2, points, 'a_isigma', full);
    const reduced = fitCurve(
      { name: 'exp3', formula: '', rates: [EXP3_2.rates[0]] },
      points.map((p) => ({ ...p, x: [p.x[0]] })),
    );
    expect(test.rssReduced).toBeCloseTo(reduced.rss, 12);
    expect(test.F).toBeCloseTo((reduced.rss - full.rss) / (full.rss / full.df), 8);
    expect(test.df1).toBe(1);
    expect(test.df2).toBe(48 - 4);
    // F(1, df) = t²: the F-test p equals the two-sided t p of √F
    expect(test.pValue).toBeLessThan(1e-10);
    expect(test.valid).toBe(true);
  });

  it('reports a failed full fit instead of a p-value', () => {
    const flat = xs.map((x) => ({ x, y: 0.5 }));
    const full = fitCurve(PAIRWISE, flat);
    const test = transferFTest(PAIRWISE, flat, 'a_ij', full);
    expect(test.valid).toBe(false);
    expect(test.pValue).toBeNaN();
    expect(test.reason).toMatch(/full fit failed: no curvature/);
  });
});
