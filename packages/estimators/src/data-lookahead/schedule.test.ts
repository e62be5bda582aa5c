import { describe, expect, it } from 'vitest';
import { planStage, roundShare } from './schedule.ts';

/** Every source's batches over a plan's rounds. */
const shares = (available: number[], rounds: number) =>
  available.map((u) => Array.from({ length: rounds }, (_, r) => roundShare(u, rounds, r)));

describe('roundShare: a slice divided evenly over the rounds', () => {
  it('uses the whole slice, in batches that differ by at most one sample', () => {
    for (const [u, R] of [
      [180, 5],
      [7, 3],
      [3000, 13],
      [1, 1],
    ]) {
      const b = Array.from({ length: R }, (_, r) => roundShare(u, R, r));
      expect(b.reduce((a, c) => a + c, 0)).toBe(u);
      expect(Math.max(...b) - Math.min(...b)).toBeLessThanOrEqual(1);
    }
    expect(Array.from({ length: 5 }, (_, r) => roundShare(180, 5, r))).toEqual([36, 36, 36, 36, 36]);
  });

  it('fewer samples than rounds: one sample in each of U rounds, spread (not crowded at the start)', () => {
    const b = Array.from({ length: 10 }, (_, r) => roundShare(3, 10, r));
    expect(b.reduce((a, c) => a + c, 0)).toBe(3);
    expect(b.every((x) => x === 0 || x === 1)).toBe(true);
    const at = b.flatMap((x, r) => (x ? [r] : []));
    expect(at[0]).toBeGreaterThan(0);
    expect(at.at(-1)).toBe(9);
    expect(at[1] - at[0]).toBeGreaterThanOrEqual(3);
  });
});

describe('planStage: probes planned per source', () => {
  it("equal slices: mean slice ÷ batch rounds at steps spread over the stage's planned steps", () => {
    const plan = planStage([180, 180, 180], { plannedSteps: 200, batch: 32, probeEvery: 'spread' });
    expect(plan.rounds).toBe(5);
    expect(plan.steps).toEqual([0, 40, 80, 120, 160]);
    expect(shares(plan.available, plan.rounds)).toEqual([
      [36, 36, 36, 36, 36],
      [36, 36, 36, 36, 36],
      [36, 36, 36, 36, 36],
    ]);
  });

  it('one small task no longer collapses the schedule: every source is probed, in proportion to its slice', () => {
    // issue 18's shape: many mid-size tasks, a few with a handful of unseen samples, one large one, and one without any
    const available = [...Array.from({ length: 600 }, (_, t) => 80 + (t % 40)), 3, 1, 2, 5000, 0];
    const plan = planStage(available, { plannedSteps: 1000, batch: 32, probeEvery: 'spread' });
    const mean = available.filter((u) => u > 0).reduce((a, b) => a + b, 0) / available.filter((u) => u > 0).length;
    expect(plan.rounds).toBe(Math.floor(mean / 32));
    expect(plan.rounds).toBeGreaterThanOrEqual(3);
    const b = shares(plan.available, plan.rounds);
    b.forEach((rounds, t) => {
      const used = rounds.reduce((a, c) => a + c, 0);
      expect(used).toBe(available[t]); // the whole slice: used ∝ data
      if (available[t] > 0) expect(rounds.some((x) => x > 0)).toBe(true); // probed at least once this stage
    });
    expect(b[603].every((x) => x >= Math.floor(5000 / plan.rounds))).toBe(true); // the large task: large batches
    expect(b[604].every((x) => x === 0)).toBe(true);
    // version 2's rule (interval from the smallest slice: 1 sample ÷ 32 → one probe a stage) probed only the
    // rounds every source could fill: 1 round, 32 samples each, ≈ 32 % of a mid-size task's slice
  });

  it('at most one round per planned step; numeric probeEvery: rounds at 0, k, 2k, … < planned steps', () => {
    expect(planStage([5000, 4000], { plannedSteps: 10, batch: 8, probeEvery: 'spread' })).toMatchObject({
      rounds: 10,
      steps: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
    });
    const every = planStage([100, 10], { plannedSteps: 25, batch: 32, probeEvery: 10 });
    expect(every.steps).toEqual([0, 10, 20]);
    expect(shares(every.available, every.rounds)).toEqual([
      [33, 33, 34],
      [3, 3, 4],
    ]);
  });

  it('a slice smaller than the batch still gets one round; no slice at all: no rounds', () => {
    expect(planStage([5, 0, 2], { plannedSteps: 50, batch: 32, probeEvery: 'spread' })).toMatchObject({ rounds: 1, steps: [0] });
    expect(planStage([0, 0], { plannedSteps: 50, batch: 32, probeEvery: 'spread' })).toMatchObject({ rounds: 0, steps: [] });
  });
});
