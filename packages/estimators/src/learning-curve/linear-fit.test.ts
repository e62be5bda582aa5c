import { describe, expect, it } from 'vitest';
import { linearFit } from './linear-fit.ts';

describe('linearFit (OLS with intercept)', () => {
  it('recovers exact linear data in raw units', () => {
    const pts = [
      [100, 0],
      [200, 500],
      [300, 100],
      [400, 900],
      [250, 250],
    ].map(([a, b]) => ({ x: [a, b], y: 0.5 + 0.001 * a - 0.0002 * b }));
    const f = linearFit(pts);
    expect(f.ok).toBe(true);
    expect(f.beta[0]).toBeCloseTo(0.5, 10);
    expect(f.beta[1]).toBeCloseTo(0.001, 12);
    expect(f.beta[2]).toBeCloseTo(-0.0002, 12);
    expect(f.rss).toBeLessThan(1e-20);
    expect(f.df).toBe(2);
  });

  it('matches the closed-form simple-regression standard errors', () => {
    const x = [1, 2, 3, 4, 5, 6],
      y = [1.1, 1.9, 3.2, 3.8, 5.3, 5.9];
    const f = linearFit(x.map((v, i) => ({ x: [v], y: y[i] })));
    const n = x.length,
      mx = x.reduce((a, b) => a + b) / n,
      my = y.reduce((a, b) => a + b) / n;
    const sxx = x.reduce((s, v) => s + (v - mx) ** 2, 0);
    const b1 = x.reduce((s, v, i) => s + (v - mx) * (y[i] - my), 0) / sxx;
    const b0 = my - b1 * mx;
    const rss = x.reduce((s, v, i) => s + (y[i] - b0 - b1 * v) ** 2, 0);
    const s2 = rss / (n - 2);
    expect(f.beta[1]).toBeCloseTo(b1, 12);
    expect(f.beta[0]).toBeCloseTo(b0, 12);
    expect(f.rss).toBeCloseTo(rss, 12);
    expect(Math.sqrt(f.covariance[1][1])).toBeCloseTo(Math.sqrt(s2 / sxx), 12);
    expect(Math.sqrt(f.covariance[0][0])).toBeCloseTo(Math.sqrt(s2 * (1 / n + (mx * mx) / sxx)), 12);
  });

  it('refuses a rank-deficient design or too few points', () => {
    const constant = linearFit([1, 2, 3, 4].map((v) => ({ x: [v, 7], y: v })));
    expect(constant.ok).toBe(false);
    expect(constant.reason).toMatch(/rank deficient/);
    expect(
      linearFit([
        { x: [1], y: 1 },
        { x: [2], y: 2 },
      ]).reason,
    ).toMatch(/2 points for 2 coefficients/);
  });
});
