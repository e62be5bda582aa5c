import { describe, expect, it } from 'vitest';
import { Rng } from '@transferbench/core';
import { randomDesign } from './design.ts';
import type { CurveRun } from './design-fits.ts';
import { medianOf, nSigmaSpread } from './n-sigma.ts';

/** The design's points as runs in which every present task was scored (no training needed for n_Σ). */
function designRuns(K: number, subsets: 'all' | 'random', solo: number): CurveRun[] {
  const d = randomDesign({
    poolSizes: new Array<number>(K).fill(400),
    grid: [0.1, 0.25, 0.5, 0.75, 1],
    pointsPerReplicate: 40,
    replicates: 3,
    rng: new Rng(3),
    subsets,
    soloPerTask: solo,
  });
  return d.points.map((p) => ({ ...p, metric: p.counts.map((n) => (n > 0 ? 0.7 : null)), epochs: 1, bestEpoch: 0 }));
}

describe('n_Σ spread of a design', () => {
  it('known values: mean, sd, CV, runs alone, CV without them', () => {
    const run = (counts: number[]): CurveRun => ({
      index: 0,
      replicate: 0,
      pair: null,
      fractions: [],
      counts,
      metric: counts.map((n) => (n > 0 ? 0.5 : null)),
      epochs: 1,
      bestEpoch: 0,
    });
    // target 0: n_Σ = 30, 10, 0 (alone), 20; target 2 is absent from the first two runs
    const s = nSigmaSpread([run([5, 10, 20]), run([5, 10, 0]), run([5, 0, 0]), run([5, 10, 10])], ['a', 'b', 'c'])[0];
    expect(s).toMatchObject({ task: 'a', runs: 4, alone: 1, mean: 15 });
    expect(s.sd).toBeCloseTo(Math.sqrt(500 / 3), 12);
    expect(s.cv).toBeCloseTo(Math.sqrt(500 / 3) / 15, 12);
    expect(s.cvWithOthers).toBeCloseTo(10 / 20, 12); // 30, 10, 20: sd 10, mean 20
    expect(medianOf([null, 3, 1, 2])).toBe(2);
  });

  it('every task in every run: the CV of n_Σ over the runs with others shrinks like 1/√(K−1); random subsets keep it', () => {
    const cv = (K: number, subsets: 'all' | 'random') =>
      medianOf(
        nSigmaSpread(
          designRuns(K, subsets, 2),
          Array.from({ length: K }, (_, t) => `t${t}`),
        ).map((s) => s.cvWithOthers),
      )!;
    const all5 = cv(5, 'all'),
      all50 = cv(50, 'all');
    // grid CV 0.628 (sd 0.327 / mean 0.52): √(K−1) · CV ≈ 0.63 at both K
    expect(all5 * Math.sqrt(4)).toBeCloseTo(0.63, 1);
    expect(all50 * Math.sqrt(49)).toBeCloseTo(0.63, 1);
    expect(all50).toBeLessThan(0.12);
    // subsets of balanced random size 1..K: n_Σ ∝ (size − 1), CV 0.4–0.5 whatever K
    expect(cv(5, 'random')).toBeGreaterThan(0.35);
    expect(cv(50, 'random')).toBeGreaterThan(0.35);
  });
});
