import { describe, expect, it } from 'vitest';
import { classifyTruth, type TruthInput } from './truth-classes.ts';
import { costToReachPower, matchedCost, powerAtCost, scoreEstimate, seedStat } from './power.ts';

const K = 4;
const tasks = ['A', 'B', 'C', 'D'];
const grid = (f: (i: number, j: number) => number | null) =>
  Array.from({ length: K }, (_, i) => Array.from({ length: K }, (_, j) => (i === j ? null : f(i, j))));

/** Planted truth: A←B and B←A positive, C←D negative, D←C indeterminate, the other 8 pairs null. */
const cls: Record<string, [number, number, number]> = {
  '0,1': [0.1, 0.05, 0.15],
  '1,0': [0.08, 0.02, 0.14],
  '2,3': [-0.06, -0.1, -0.02],
  '3,2': [0.02, -0.05, 0.09],
};
const truth: TruthInput = {
  tasks,
  pairwise: {
    effect: grid((i, j) => cls[`${i},${j}`]?.[0] ?? 0.001 * (i + 1) * (j + 1)),
    lower: grid((i, j) => cls[`${i},${j}`]?.[1] ?? -0.005),
    upper: grid((i, j) => cls[`${i},${j}`]?.[2] ?? 0.008),
  },
};

describe('scoreEstimate', () => {
  const t = classifyTruth(truth, 0.01);
  // p-values in row-major pair order (0,1),(0,2),(0,3),(1,0),(1,2),(1,3),(2,0),(2,1),(2,3),(3,0),(3,1),(3,2)
  const p: Record<string, number> = {
    '0,1': 0.001,
    '0,2': 0.01,
    '0,3': 0.5,
    '1,0': 0.002,
    '1,2': 0.6,
    '1,3': 0.7,
    '2,0': 0.8,
    '2,1': 0.9,
    '2,3': 0.04,
    '3,0': 0.95,
    '3,1': 1.0,
    '3,2': 0.003,
  };
  const eff: Record<string, number> = { '0,1': 0.5, '1,0': -0.3, '2,3': -0.2, '3,2': 0.1, '0,2': 0.1 };
  const est = { tasks, pairwise: { effect: grid((i, j) => eff[`${i},${j}`] ?? 0.01), pValue: grid((i, j) => p[`${i},${j}`]) } };

  it('applies BH across all tested pairs and scores power with the right sign and FPR on nulls', () => {
    // BH, m = 12: sorted p 0.001,0.002,0.003,0.01,0.04,0.5,… → adjusted 0.012,0.012,0.012,0.03,0.096,1,…
    // rejected at 0.05: (0,1) right sign, (1,0) wrong sign, (3,2) indeterminate (excluded), (0,2) null.
    const s = scoreEstimate(est, t, 0.05);
    expect(s.tested).toBe(12);
    expect(s.power).toBeCloseTo(1 / 3, 12);
    expect(s.signErrors).toBe(1);
    expect(s.fpr).toBeCloseTo(1 / 8, 12);
    // raw p ≤ 0.05: (0,1) ✓, (1,0) wrong sign, (2,3) ✓ (negative effect, negative truth); nulls: (0,2)
    expect(s.powerRaw).toBeCloseTo(2 / 3, 12);
    expect(s.fprRaw).toBeCloseTo(1 / 8, 12);
    expect(s).toMatchObject({ positive: 2, negative: 1, nullPairs: 8, indeterminate: 1 });
  });

  it('aligns tasks by id, whatever order the estimate uses', () => {
    const perm = [2, 0, 3, 1]; // estimate task k = original task perm[k]
    const pg = (m: (number | null)[][]) => perm.map((a) => perm.map((b) => m[a][b]));
    const shuffled = { tasks: perm.map((k) => tasks[k]), pairwise: { effect: pg(est.pairwise.effect), pValue: pg(est.pairwise.pValue) } };
    expect(scoreEstimate(shuffled, t, 0.05)).toEqual(scoreEstimate(est, t, 0.05));
  });

  it('has undefined power without p-values, but still ranks (Spearman ρ = ±1 for monotone maps)', () => {
    const mono = { tasks, pairwise: { effect: truth.pairwise.effect.map((r) => r.map((v) => (v === null ? null : Math.exp(10 * v)))) } };
    const s = scoreEstimate(mono, t, 0.05);
    expect(s.power).toBeNull();
    expect(s.fpr).toBeNull();
    expect(s.spearman).toBeCloseTo(1, 12);
    expect(s.spearmanPairs).toBe(12);
    const rev = { tasks, pairwise: { effect: truth.pairwise.effect.map((r) => r.map((v) => (v === null ? null : -v))) } };
    expect(scoreEstimate(rev, t, 0.05).spearman).toBeCloseTo(-1, 12);
  });

  it('counts an untested non-null pair as a miss', () => {
    const pv = est.pairwise.pValue.map((r) => [...r]);
    pv[2][3] = null; // the negative pair is not tested
    const s = scoreEstimate({ tasks, pairwise: { effect: est.pairwise.effect, pValue: pv } }, t, 0.05);
    expect(s.tested).toBe(11);
    expect(s.powerRaw).toBeCloseTo(1 / 3, 12);
  });
});

describe('seedStat', () => {
  it('mean and t CI over seeds, dropping undefined values', () => {
    const s = seedStat([0.2, null, 0.4, 0.6]);
    // sd 0.2, se 0.11547, t(0.975, 2) = 4.302653 → half-width 0.496827
    expect(s.n).toBe(3);
    expect(s.mean).toBeCloseTo(0.4, 12);
    expect(s.lower).toBeCloseTo(0.4 - 0.496827, 5);
    expect(s.upper).toBeCloseTo(0.4 + 0.496827, 5);
    expect(seedStat([0.3])).toEqual({ mean: 0.3, lower: null, upper: null, n: 1 });
    expect(seedStat([null])).toEqual({ mean: null, lower: null, upper: null, n: 0 });
  });
});

describe('costToReachPower', () => {
  it('interpolates on log cost between the budgets around the target', () => {
    const r = costToReachPower(
      [
        { budget: 'hi', cost: 10, power: 0.9 },
        { budget: 'lo', cost: 1, power: 0.5 },
      ],
      0.8,
    );
    // t = (0.8 − 0.5)/(0.9 − 0.5) = 0.75 → cost = 10^0.75
    expect(r.method).toBe('interpolated');
    expect(r.cost).toBeCloseTo(10 ** 0.75, 10);
    expect(r.budget).toBe('hi');
    expect(r.maxPower).toBe(0.9);
  });

  it('reports an upper bound, not-reached and undefined honestly', () => {
    expect(
      costToReachPower(
        [
          { budget: 'a', cost: 2, power: 0.85 },
          { budget: 'b', cost: 4, power: 0.95 },
        ],
        0.8,
      ),
    ).toMatchObject({ method: 'upper-bound', cost: 2, budget: 'a' });
    expect(
      costToReachPower(
        [
          { budget: 'a', cost: 2, power: 0.3 },
          { budget: 'b', cost: 4, power: 0.5 },
        ],
        0.8,
      ),
    ).toMatchObject({ method: 'not-reached', cost: null, maxPower: 0.5 });
    expect(costToReachPower([{ budget: 'a', cost: 2, power: null }], 0.8)).toMatchObject({ method: 'undefined', cost: null });
  });
});

describe('power at matched cost', () => {
  const a = [
    { budget: 'a1', cost: 1, power: 0.2 },
    { budget: 'a2', cost: 100, power: 0.8 },
  ];
  const b = [
    { budget: 'b1', cost: 10, power: 0.5 },
    { budget: 'b2', cost: 1000, power: 0.9 },
  ];
  it('interpolates in log cost inside the ladder and refuses to extrapolate', () => {
    expect(powerAtCost(a, 10)).toBeCloseTo(0.5, 12); // halfway in log10 between 1 and 100
    expect(powerAtCost(a, 100)).toBe(0.8);
    expect(powerAtCost(a, 1000)).toBeNull();
    expect(powerAtCost(b, 5)).toBeNull();
  });
  it('matches at the largest cost every ladder reaches, or not at all', () => {
    expect(matchedCost([a, b])).toBe(100);
    expect(matchedCost([a, [{ budget: 'c', cost: 500, power: 0.5 }]])).toBeNull();
    expect(matchedCost([a, [{ budget: 'c', cost: 5, power: null }]])).toBe(100);
  });
});
