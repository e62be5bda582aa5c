import { describe, expect, it } from 'vitest';
import { bootstrapCi } from './bootstrap.ts';
import { mean, sampleSd } from './describe.ts';
import { rocAuc } from './roc-auc.ts';
import { Rng } from '../rng.ts';

describe('bootstrapCi', () => {
  const data = Array.from({ length: 200 }, (_, i) => new Rng(11).stream(i).normal(5, 2));

  it('is deterministic for a seed and changes with the seed', () => {
    const a = bootstrapCi(data, mean, { rng: new Rng(1).stream('bootstrap'), resamples: 300 });
    const b = bootstrapCi(data, mean, { rng: new Rng(1).stream('bootstrap'), resamples: 300 });
    const c = bootstrapCi(data, mean, { rng: new Rng(2).stream('bootstrap'), resamples: 300 });
    expect(b).toEqual(a);
    expect(c.lower).not.toBe(a.lower);
  });

  it('percentile CI of the mean is close to the normal-theory interval', () => {
    const r = bootstrapCi(data, mean, { rng: new Rng(5), resamples: 2000, level: 0.9 });
    const m = mean(data),
      se = sampleSd(data) / Math.sqrt(data.length);
    expect(r.estimate).toBe(m);
    expect(r.nValid).toBe(2000);
    expect(r.se).toBeGreaterThan(0.85 * se);
    expect(r.se).toBeLessThan(1.15 * se);
    expect(r.lower).toBeCloseTo(m - 1.645 * se, 1);
    expect(r.upper).toBeCloseTo(m + 1.645 * se, 1);
    expect(r.lower).toBeLessThan(m);
    expect(r.upper).toBeGreaterThan(m);
  });

  it('resamples whole units and drops NaN statistics', () => {
    // units = (label, score) rows; a resample with one class gives NaN AUC and is counted out
    const rows = [
      [0, 0.1],
      [1, 0.9],
      [0, 0.3],
      [1, 0.7],
    ] as const;
    const auc = (s: (typeof rows)[number][]) =>
      rocAuc(
        s.map((r) => r[0]),
        s.map((r) => r[1]),
      );
    const r = bootstrapCi([...rows], auc, { rng: new Rng(9), resamples: 500 });
    expect(r.estimate).toBe(1);
    expect(r.lower).toBe(1); // perfectly separated rows stay separated in every resample
    expect(r.nValid).toBeLessThan(500);
    expect(r.nValid).toBeGreaterThan(400); // P(one class) = 2·(1/2)^4 = 1/8
  });

  it('constant units give a zero-width CI; bad options throw', () => {
    const r = bootstrapCi([3, 3, 3], mean, { rng: new Rng(1), resamples: 50 });
    expect([r.lower, r.upper, r.se]).toEqual([3, 3, 0]);
    expect(() => bootstrapCi([], mean, { rng: new Rng(1) })).toThrow(/units is empty/);
    expect(() => bootstrapCi([1], mean, { rng: new Rng(1), resamples: 0 })).toThrow(/resamples = 0/);
    expect(() => bootstrapCi([1], mean, { rng: new Rng(1), level: 2 })).toThrow(/level = 2/);
  });
});
