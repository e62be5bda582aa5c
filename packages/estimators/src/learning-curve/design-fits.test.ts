import { describe, expect, it } from 'vitest';
import { Rng, curveExpTerm, curveValue } from '@transferbench/core';
import { pairwiseGridDesign, randomDesign } from './design.ts';
import { fitDesign, type CurveRun, type FitSettings } from './design-fits.ts';
import { estimateParts } from './assemble.ts';

/**
 * Planted joint curves on 3 tasks (raw counts, pools of 400): target-major θ = [c, b, a_own, a_from_0, a_from_1, a_from_2]
 * with the own rate at the target's own position. a ← b helps (+0.002), c ← a hurts (−0.001), all else 0.
 */
const TASKS = ['a', 'b', 'c'];
const TRUTH: number[][] = [
  // c, b, rates by source task 0, 1, 2 (own on the diagonal)
  [0.9, -0.6, 0.004, 0.002, 0],
  [0.85, -0.7, 0, 0.003, 0],
  [0.8, -0.8, -0.001, 0, 0.003],
];
const thetaFor = (i: number) => [TRUTH[i][0], TRUTH[i][1], ...TRUTH[i].slice(2)];
const truthMetric = (i: number, counts: number[]) => curveValue(thetaFor(i), counts);

function runsFrom(
  points: { index: number; replicate: number; pair: [number, number] | null; fractions: number[]; counts: number[] }[],
  noise: number,
  seed: number,
): CurveRun[] {
  const rng = new Rng(seed);
  return points.map((p) => ({
    ...p,
    metric: TASKS.map((_, i) => (p.counts[i] > 0 ? truthMetric(i, p.counts) + rng.normal(0, noise) : null)),
    epochs: 1,
    bestEpoch: 0,
  }));
}

const settings = (over: Partial<FitSettings> = {}): FitSettings => ({
  level: 0.95,
  restarts: 4,
  minResidualDf: 5,
  fTests: true,
  bootstrap: 0,
  upperAsymptote: 1,
  rng: new Rng(1),
  ...over,
});

describe('fitDesign + estimateParts on a random design with planted transfer (orientation and units)', () => {
  const design = randomDesign({
    poolSizes: [400, 400, 400],
    grid: [0.1, 0.25, 0.5, 0.75, 1],
    pointsPerReplicate: 30,
    replicates: 2,
    rng: new Rng(3),
  });
  const runs = runsFrom(design.points, 0.002, 5);
  const fits = fitDesign('random', runs, TASKS, settings());
  const parts = estimateParts(fits, { effect: 'slope' }, true);

  it('effect[target][source]: a ← b positive, c ← a negative, both significant; the null pairs are not', () => {
    const { effect, pValue } = parts.pairwise;
    expect(effect[0][1]!).toBeGreaterThan(0);
    expect(pValue[0][1]!).toBeLessThan(1e-6);
    expect(effect[2][0]!).toBeLessThan(0);
    expect(pValue[2][0]!).toBeLessThan(1e-6);
    for (const [i, j] of [
      [0, 2],
      [1, 0],
      [1, 2],
      [2, 1],
    ])
      expect(pValue[i][j]!, `${TASKS[i]} ← ${TASKS[j]}`).toBeGreaterThan(0.01);
    for (let i = 0; i < 3; i++) expect(effect[i][i]).toBeNull();
  });

  it('the slope reading is the average marginal effect a·mean_p E(x_p) of the planted curve', () => {
    for (const [i, j] of [
      [0, 1],
      [2, 0],
    ]) {
      const ame = runs.reduce((s, r) => s + TRUTH[i][2 + j] * curveExpTerm(thetaFor(i), r.counts), 0) / runs.length;
      expect(parts.pairwise.effect[i][j]!).toBeCloseTo(ame, 5);
      expect(Math.abs(parts.pairwise.effect[i][j]! - ame) / Math.abs(ame)).toBeLessThan(0.05);
    }
  });

  it('rate and exchange-rate readings recover a_ij and γ_ij = a_ij / a_i', () => {
    const rate = parts.readings.rate.effect,
      gamma = parts.readings.exchangeRate.effect;
    expect(rate[0][1]!).toBeCloseTo(0.002, 4);
    expect(rate[2][0]!).toBeCloseTo(-0.001, 4);
    expect(gamma[0][1]!).toBeCloseTo(0.5, 1);
    expect(gamma[2][0]!).toBeCloseTo(-1 / 3, 1);
    // CIs cover the truth
    expect(parts.readings.rate.lower[0][1]!).toBeLessThan(0.002);
    expect(parts.readings.rate.upper[0][1]!).toBeGreaterThan(0.002);
  });

  it('contextual (EXP3.2): a gains from the others, b does not', () => {
    const c = parts.contextual!;
    expect(c.effect[0]!).toBeGreaterThan(0);
    expect(c.pValue[0]!).toBeLessThan(1e-3);
    // b has no planted transfer: its p-value is one draw from (about) uniform — over 120 noise seeds of this design
    // 2 fell below 0.01 and 10 below 0.05 — so the bound is 1e-3 (a planted effect of a's size gives p < 1e-3), and
    // the effect must be small beside a's
    expect(c.pValue[1]!).toBeGreaterThan(1e-3);
    expect(Math.abs(c.effect[1]!)).toBeLessThan(c.effect[0]! / 3);
  });

  it('F tests agree with the slope tests on the planted pairs; every fit converged', () => {
    expect(parts.readings.fTestP[0][1]!).toBeLessThan(1e-6);
    expect(parts.readings.fTestP[1][0]!).toBeGreaterThan(0.01);
    expect(fits.failures).toBe(0);
    expect(fits.attempts).toBe(3 /* EXP3 */ + 3 * 2 /* EXP3.2 + F */ + 3 * 3 /* joint + 2 F */);
    expect(fits.single.map((s) => s.task)).toEqual(TASKS);
  });
});

describe('fitDesign: bootstrap over replicates (core bootstrapCurve)', () => {
  it('attaches percentile intervals per curve fit, resampling whole replicates', () => {
    const design = randomDesign({
      poolSizes: [400, 400, 400],
      grid: [0.1, 0.25, 0.5, 0.75, 1],
      pointsPerReplicate: 15,
      replicates: 4,
      rng: new Rng(3),
    });
    const fits = fitDesign('random', runsFrom(design.points, 0.002, 5), TASKS, settings({ bootstrap: 30, fTests: false }));
    const joint = fits.transferFits.find((f) => f.target === 'a')!;
    expect(joint.bootstrap).toMatchObject({ unit: 'group', groups: 4, replicates: 30 });
    const lo = joint.bootstrap!.lower['a_a<-b']!,
      hi = joint.bootstrap!.upper['a_a<-b']!;
    expect(lo).toBeLessThan(0.002);
    expect(hi).toBeGreaterThan(0.002);
    expect(lo).toBeGreaterThan(0);
  });
});

describe('fitDesign: pairwise grid', () => {
  it('fits each ordered pair from its own runs, with the same orientation', () => {
    const design = pairwiseGridDesign({ poolSizes: [400, 400, 400], grid: [0.1, 0.25, 0.5, 0.75, 1], replicates: 1 });
    // in the pair model only the pair's counts matter (the others are absent)
    const runs = runsFrom(design.points, 0.002, 9);
    const fits = fitDesign('pairwise-grid', runs, TASKS, settings());
    const parts = estimateParts(fits, { effect: 'rate' }, false);
    expect(parts.contextual).toBeUndefined();
    expect(parts.pairwise.effect[0][1]!).toBeCloseTo(0.002, 4);
    expect(parts.pairwise.pValue[0][1]!).toBeLessThan(1e-6);
    expect(parts.pairwise.effect[2][0]!).toBeCloseTo(-0.001, 4);
    expect(parts.pairwise.pValue[1][2]!).toBeGreaterThan(0.01);
    expect(fits.transferFits).toHaveLength(6);
    expect(fits.transferFits.find((f) => f.target === 'a' && f.sources[0] === 'b')!.fit!.nPoints).toBe(25);
  });
});

describe('fitDesign: honest failures', () => {
  it('reports an under-determined joint fit instead of fitting it', () => {
    const design = randomDesign({ poolSizes: [400, 400, 400], grid: [0.1, 0.5, 1], pointsPerReplicate: 8, replicates: 1, rng: new Rng(2) });
    const fits = fitDesign('random', runsFrom(design.points, 0.002, 1), TASKS, settings({ minResidualDf: 5 }));
    // joint: 5 parameters need 10 runs; EXP3.2: 4 parameters need 9
    expect(fits.transferFits).toHaveLength(0);
    expect(fits.pairwise.flat().every((c) => c === null)).toBe(true);
    expect(fits.contextual.every((c) => c === null)).toBe(true);
    expect(
      fits.warnings.filter((w) => w.startsWith('joint ') && w.includes('under-determined: 8 usable runs for 5 parameters')),
    ).toHaveLength(3);
    expect(fits.failures).toBe(6);
  });

  it('a target that does not learn from its own labels gets its transfer rates with the own rate fixed at 0', () => {
    const design = randomDesign({
      poolSizes: [400, 400, 400],
      grid: [0.1, 0.25, 0.5, 0.75, 1],
      pointsPerReplicate: 40,
      replicates: 1,
      rng: new Rng(4),
    });
    const rng = new Rng(6);
    // target c: flat in its own labels (slightly decreasing, so the own rate wants to be < 0), rises with a's labels
    const runs: CurveRun[] = design.points.map((p) => ({
      ...p,
      epochs: 1,
      bestEpoch: 0,
      metric: [
        truthMetric(0, p.counts),
        truthMetric(1, p.counts),
        0.8 - Math.exp(-1 - 0.002 * p.counts[0] + 2e-5 * p.counts[2]) + rng.normal(0, 0.001),
      ],
    }));
    const fits = fitDesign('random', runs, TASKS, settings());
    const joint = fits.transferFits.find((f) => f.target === 'c')!;
    expect(joint.ownRateFixedAtZero).toBe(true);
    expect(joint.model).toBe('curve-own-fixed');
    expect(joint.converged).toBe(true);
    expect(fits.warnings.some((w) => w.startsWith('joint c: no curvature: own rate'))).toBe(true);
    expect(fits.pairwise[2][0]!.rate.estimate!).toBeCloseTo(0.002, 3);
    expect(fits.pairwise[2][0]!.exchangeRate.estimate).toBeNull();
  });
});
