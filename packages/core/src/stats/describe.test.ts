import { describe, expect, it } from 'vitest';
import { mean, median, quantile, quantiles, sampleSd, sampleVariance, standardError, summarize, tCritical } from './describe.ts';

// Reference values: numpy 2.4.6 / scipy 1.17.1 (np.std(ddof=1), stats.sem, stats.t.interval, np.quantile
// default 'linear' = R type 7), computed once and hard-coded here.
const X = [2.1, 3.4, 1.9, 5.6, 4.2, 3.3, 2.8, 4.9];

describe('summarize', () => {
  it('matches numpy/scipy on a small sample', () => {
    expect(mean(X)).toBeCloseTo(3.525, 14);
    expect(sampleSd(X)).toBeCloseTo(1.3046619704516789, 14);
    expect(sampleVariance(X)).toBeCloseTo(1.3046619704516789 ** 2, 13);
    expect(standardError(X)).toBeCloseTo(0.4612676632312926, 14);
    const d = summarize(X);
    expect(d.n).toBe(8);
    expect(d.ciLower).toBeCloseTo(2.434275297047752, 12);
    expect(d.ciUpper).toBeCloseTo(4.615724702952248, 12);
    const d90 = summarize(X, 0.9);
    expect(d90.ciLower).toBeCloseTo(2.6510921540221304, 12);
    expect(d90.ciUpper).toBeCloseTo(4.3989078459778685, 12);
    expect([d.min, d.q25, d.median, d.q75, d.max]).toEqual([1.9, 2.625, expect.closeTo(3.35, 14), 4.375, 5.6]);
    const q = quantiles(X, [0.1, 0.9]);
    expect(q[0]).toBeCloseTo(2.04, 14);
    expect(q[1]).toBeCloseTo(5.11, 14);
    expect(median([3, 1, 2])).toBe(2);
    expect(quantile([0.2, 0.5, 0.9, 0.4, 0.7, 0.3, 0.6, 0.8], 0.025)).toBeCloseTo(0.2175, 14);
  });

  it('t critical values are the textbook ones', () => {
    expect(tCritical(0.95, 1)).toBeCloseTo(12.706204736174698, 9);
    expect(tCritical(0.95, 10)).toBeCloseTo(2.2281388519649385, 10);
    expect(tCritical(0.95, 1e9)).toBeCloseTo(1.959963984540054, 6);
  });

  it('is accurate for large offsets (no catastrophic cancellation)', () => {
    const big = [1e9 + 1, 1e9 + 2, 1e9 + 3];
    expect(sampleVariance(big)).toBeCloseTo(1, 6);
    expect(sampleVariance([0.1, 0.1, 0.1])).toBeGreaterThanOrEqual(0);
  });

  it('handles degenerate sizes and NaN as documented', () => {
    const d0 = summarize([]);
    expect(d0.n).toBe(0);
    for (const v of [d0.mean, d0.sd, d0.se, d0.ciLower, d0.median]) expect(v).toBeNaN();
    const d1 = summarize([4]);
    expect(d1.mean).toBe(4);
    expect(d1.median).toBe(4);
    for (const v of [d1.sd, d1.se, d1.ciLower, d1.ciUpper]) expect(v).toBeNaN();
    const dn = summarize([1, NaN, 3, NaN]);
    expect(dn.n).toBe(2);
    expect(dn.nNaN).toBe(2);
    expect(dn.mean).toBe(2);
    expect(mean([1, NaN])).toBeNaN();
    expect(() => median([1, NaN])).toThrow(/x\[1\] is NaN/);
    expect(() => quantile([1, 2], 1.5)).toThrow(/probability 1.5/);
    expect(() => summarize([1, 2], 95)).toThrow(/level = 95; expected a confidence level in \(0, 1\)/);
  });
});
