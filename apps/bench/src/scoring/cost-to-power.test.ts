import { describe, expect, it } from 'vitest';
import { costToPower, fitLogistic, type LadderBudget } from './cost-to-power.ts';

/** A ladder whose every seed has the same cost and detection count (so the bootstrap interval collapses). */
const ladder = (rows: [string, number, number, number][], seeds = 4): LadderBudget[] =>
  rows.map(([budget, cpuSeconds, hits, n]) => ({ budget, seeds: Array.from({ length: seeds }, () => ({ cpuSeconds, hits, n })) }));

describe('cost to reach a target power', () => {
  it('interpolates in log cost between the budgets around the target', () => {
    // powers 0.5 at 1 s and 0.9 at 10 s: t = 0.75 → 10^0.75 s
    const r = costToPower(
      ladder([
        ['hi', 10, 9, 10],
        ['lo', 1, 5, 10],
      ]),
      0.8,
      'x',
    );
    expect(r).toMatchObject({ method: 'interpolated', budget: 'hi', maxPower: 0.9 });
    expect(r.cpuSeconds).toBeCloseTo(10 ** 0.75, 10);
    expect(r.lower).toBeCloseTo(10 ** 0.75, 10);
    expect(r.upper).toBeCloseTo(10 ** 0.75, 10);
  });

  it('the cheapest budget already reaching it is an upper bound', () => {
    expect(
      costToPower(
        ladder([
          ['a', 2, 17, 20],
          ['b', 4, 19, 20],
        ]),
        0.8,
        'x',
      ),
    ).toMatchObject({ method: 'at-budget', cpuSeconds: 2, budget: 'a' });
  });

  it('extrapolates beyond the ladder from the fitted logistic in log cost', () => {
    // exact logistic counts: power = 1/(1 + e^−(−3 + log c)) at c = e, e² → 1/(1+e²), 1/(1+e)
    const p1 = 1 / (1 + Math.E ** 2),
      p2 = 1 / (1 + Math.E);
    const fit = fitLogistic([1, 2], [p1 * 1e6, p2 * 1e6], [1e6, 1e6])!;
    expect(fit.a).toBeCloseTo(-3, 6);
    expect(fit.b).toBeCloseTo(1, 6);
    const r = costToPower(
      ladder([
        ['a', Math.E, Math.round(p1 * 1e6), 1e6],
        ['b', Math.E ** 2, Math.round(p2 * 1e6), 1e6],
      ]),
      0.8,
      'x',
    );
    // logit(0.8) = log 4 → log c = 3 + log 4 → c = 4·e³
    expect(r.method).toBe('extrapolated');
    expect(r.cpuSeconds! / (4 * Math.E ** 3)).toBeCloseTo(1, 3);
  });

  it('one budget with detections is too little to extrapolate: only "more than the top cost" is stated', () => {
    // 0/60, 0/60, 5/60 (tag's default-suite ladder): the logistic fit would put 80 % just above the top budget
    const r = costToPower(
      ladder([
        ['r4', 1.5, 0, 60],
        ['r12', 3.9, 0, 60],
        ['r32', 9.1, 5, 60],
      ]),
      0.8,
      'x',
    );
    expect(r).toMatchObject({ method: 'beyond-ladder', cpuSeconds: null, lower: 9.1, upper: null });
    expect(r.maxPower).toBeCloseTo(5 / 60, 10);
  });

  it('a ladder that does not rise is a plateau; no power is undefined', () => {
    expect(
      costToPower(
        ladder([
          ['a', 1, 3, 10],
          ['b', 10, 2, 10],
        ]),
        0.8,
        'x',
      ),
    ).toMatchObject({ method: 'plateau', cpuSeconds: null });
    expect(
      costToPower(
        ladder([
          ['a', 1, 0, 10],
          ['b', 10, 0, 10],
        ]),
        0.8,
        'x',
      ),
    ).toMatchObject({ method: 'plateau' });
    expect(costToPower([{ budget: 'a', seeds: [null, null] }], 0.8, 'x')).toMatchObject({ method: 'undefined', cpuSeconds: null });
  });

  it('the bootstrap over seeds widens the interval when seeds disagree, and is deterministic', () => {
    const l: LadderBudget[] = [
      { budget: 'lo', seeds: [5, 3, 6, 4].map((h) => ({ cpuSeconds: 1, hits: h, n: 10 })) },
      { budget: 'hi', seeds: [10, 7, 9, 8].map((h) => ({ cpuSeconds: 10, hits: h, n: 10 })) },
    ];
    const r = costToPower(l, 0.8, 'y');
    expect(r.method).toBe('interpolated');
    expect(r.lower!).toBeLessThan(r.cpuSeconds!);
    expect(r.upper!).toBeGreaterThan(r.cpuSeconds!);
    expect(costToPower(l, 0.8, 'y')).toEqual(r);
  });
});
