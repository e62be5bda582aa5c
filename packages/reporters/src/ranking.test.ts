import { describe, expect, it } from 'vitest';
import { rankDataset } from './ranking.ts';
import { fixtureBundle } from './testing/fixture-bundle.ts';

describe('leaderboard ranking', () => {
  const { summary } = fixtureBundle();
  const r = rankDataset(summary, 'synthetic');

  it('ranks by cost to reach the target power: reached (cheapest first), then not reached, then undefined', () => {
    // learning-curve reaches 0.8 between 1.5 s (0.7) and 6 s (0.95): 1.5·4^0.4 = 2.61 s; tag between 2 s (0.6)
    // and 4 s (0.9): 2^(5/3) = 3.17 s; gradient-cosine tops out at 0.55; no-p has no power
    expect(r.estimators.map((e) => e.estimator)).toEqual(['learning-curve', 'tag', 'gradient-cosine', 'no-p']);
    expect(r.estimators[0].cost?.cpuSeconds).toBeCloseTo(1.5 * 4 ** 0.4, 2);
    expect(r.estimators[1].cost?.cpuSeconds).toBeCloseTo(2 ** (5 / 3), 2);
    expect(r.estimators.map((e) => e.cost?.method)).toEqual(['interpolated', 'interpolated', 'not-reached', 'undefined']);
  });

  it('ranks by power at the matched cost (the largest cost every ladder reaches: 2 CPU-s)', () => {
    expect(r.matchedCpuSeconds).toBeCloseTo(2, 6);
    const byName = Object.fromEntries(r.estimators.map((e) => [e.estimator, e]));
    // learning-curve at 2 s: 0.7 + 0.25·log(2/1.5)/log(6/1.5) = 0.752
    expect(byName['learning-curve'].matchedPower).toBeCloseTo(0.7 + (0.25 * Math.log(2 / 1.5)) / Math.log(4), 3);
    expect(byName.tag.matchedPower).toBeCloseTo(0.6, 6);
    expect(byName['gradient-cosine'].matchedPower).toBeCloseTo(0.55, 6);
    expect([
      byName['learning-curve'].matchedRank,
      byName.tag.matchedRank,
      byName['gradient-cosine'].matchedRank,
      byName['no-p'].matchedRank,
    ]).toEqual([1, 2, 3, null]);
  });

  it('keeps each ladder in budget order', () => {
    expect(r.estimators[1].ladder.map((x) => x.budget)).toEqual(['r3', 'r6', 'r12']);
  });
});
