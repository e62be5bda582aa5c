import { describe, expect, it } from 'vitest';
import { rankAll, rankScope } from './ranking.ts';
import { fixtureBundle } from './testing/fixture-bundle.ts';

describe('leaderboard ranking per truth scope', () => {
  const { summary } = fixtureBundle();
  const pw = rankScope(summary, 'synthetic', 'pairwise');
  const ctx = rankScope(summary, 'synthetic', 'contextual');
  const names = (r: typeof pw) => r.estimators.map((e) => e.estimator);

  it('ranks pairwise by cost to reach the target power: measured (cheapest first), extrapolated, then no power', () => {
    // learning-curve reaches 0.8 between 1.5 s (0.7) and 6 s (0.9): 1.5·4^0.5 = 3.00 s; tag between 2 s (0.6) and
    // 4 s (0.9): 2^(5/3) = 3.17 s; gradient-cosine tops out at 0.5 (extrapolated: 12 s); no-p has no p-values
    expect(names(pw)).toEqual(['learning-curve', 'tag', 'gradient-cosine', 'no-p']);
    expect(pw.estimators.map((e) => e.costRank)).toEqual([1, 2, 3, 4]);
    expect(pw.estimators[0].cost?.cpuSeconds).toBeCloseTo(3, 6);
    expect(pw.estimators[1].cost?.cpuSeconds).toBeCloseTo(2 ** (5 / 3), 6);
    expect(pw.estimators.map((e) => e.cost?.method)).toEqual(['interpolated', 'interpolated', 'extrapolated', 'undefined']);
    expect(pw.truth?.id).toBe('synthetic/pairwise');
  });

  it('lists the reference frontier apart, unranked, and names estimators without output of the scope', () => {
    expect(pw.references.map((e) => [e.estimator, e.costRank, e.matchedRank])).toEqual([['pairwise-oracle', null, null]]);
    expect(pw.references[0].cost?.cpuSeconds).toBeCloseTo(1.5 * (8 / 1.5) ** (2 / 3), 6);
    expect(pw.withoutOutput).toEqual(['contextual-oracle']);
    expect(ctx.references.map((e) => e.estimator)).toEqual(['contextual-oracle']);
    expect(ctx.withoutOutput).toEqual(['no-p', 'pairwise-oracle']);
  });

  it('ranks by power at the matched cost (the largest cost every ladder reaches: 2 CPU-s), references beside', () => {
    expect(pw.matchedCpuSeconds).toBeCloseTo(2, 6);
    const by = Object.fromEntries([...pw.estimators, ...pw.references].map((e) => [e.estimator, e]));
    // learning-curve at 2 s: 0.7 + 0.2·log(2/1.5)/log(6/1.5)
    expect(by['learning-curve'].matchedPower).toBeCloseTo(0.7 + (0.2 * Math.log(2 / 1.5)) / Math.log(4), 6);
    expect(by.tag.matchedPower).toBeCloseTo(0.6, 6);
    expect(by['gradient-cosine'].matchedPower).toBeCloseTo(0.5, 6);
    expect(by['pairwise-oracle'].matchedPower).toBeCloseTo(0.6 + (0.3 * Math.log(2 / 1.5)) / Math.log(8 / 1.5), 6);
    expect(['learning-curve', 'tag', 'gradient-cosine', 'no-p'].map((e) => by[e].matchedRank)).toEqual([1, 2, 3, null]);
  });

  it('ranks the contextual scope on its own costs, where cost and matched-power orders differ', () => {
    // gradient-cosine reaches 0.8 at 2^0.2 = 1.15 s; tag extrapolated (9 s); learning-curve plateaus at 0.67
    expect(names(ctx)).toEqual(['gradient-cosine', 'tag', 'learning-curve']);
    expect(ctx.estimators[0].cost?.cpuSeconds).toBeCloseTo(2 ** 0.2, 6);
    expect(ctx.estimators.map((e) => e.cost?.method)).toEqual(['interpolated', 'extrapolated', 'plateau']);
    // at 2 CPU-s: gradient-cosine 1.0, learning-curve 0.5 + (2/12)·log(2/1.5)/log(4) = 0.535, tag 0.5
    expect(ctx.estimators.map((e) => e.matchedRank)).toEqual([1, 3, 2]);
  });

  it('puts a measured cost before any extrapolated one and plateaus by best power', () => {
    const s = structuredClone(summary);
    const gc = s.costToPower.find((c) => c.estimator === 'gradient-cosine' && c.scope === 'pairwise')!;
    gc.cpuSeconds = 0.1; // an extrapolation cheaper than every measured cost still ranks after them
    const tag = s.costToPower.find((c) => c.estimator === 'tag' && c.scope === 'pairwise')!;
    Object.assign(tag, { method: 'plateau', cpuSeconds: null, maxPower: 0.9 });
    const lc = s.costToPower.find((c) => c.estimator === 'learning-curve' && c.scope === 'pairwise')!;
    Object.assign(lc, { method: 'plateau', cpuSeconds: null, maxPower: 0.95 });
    expect(names(rankScope(s, 'synthetic', 'pairwise'))).toEqual(['gradient-cosine', 'learning-curve', 'tag', 'no-p']);
  });

  it('keeps each ladder in budget order', () => {
    expect(pw.estimators[1].ladder.map((x) => x.budget)).toEqual(['r3', 'r6', 'r12']);
  });

  it('has one scope per truth of the dataset, and lists every estimator when the truth failed', () => {
    expect(rankAll(fixtureBundle({ scopes: ['pairwise'] }).summary)[0].scopes.map((x) => x.scope)).toEqual(['pairwise']);
    expect(rankAll(summary)[0].scopes.map((x) => x.scope)).toEqual(['pairwise', 'contextual']);
    const s = structuredClone(summary);
    const t = s.truths.find((x) => x.scope === 'contextual')!;
    Object.assign(t, { status: 'failed', counts: null, cells: [] });
    for (const r of s.rows) r.contextual = null;
    const failed = rankScope(s, 'synthetic', 'contextual');
    expect(failed.withoutOutput).toEqual([]);
    expect(failed.estimators).toHaveLength(4);
    expect(failed.references).toHaveLength(2);
  });
});
