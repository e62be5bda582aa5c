import { describe, expect, it } from 'vitest';
import { Rng, type Matrix } from '@transferbench/core';
import { selectTaskGroups } from './grouping.ts';

/**
 * Direct port of the reference notebook's search (TAG_network_selection.ipynb): enumerate every group
 * (2^K − 1), score each member by the mean affinity onto it from its group-mates (singletons get
 * `singleton`), then try every combination of ≤ B groups covering all tasks and keep the best mean over
 * tasks of the best group score. Exponential in 2^K — only for checking small K.
 */
function referenceSearch(A: Matrix, B: number, singleton: number): number {
  const K = A.length;
  const groups: number[][] = [];
  for (let G = 1; G < 1 << K; G++) {
    const members = [...Array(K).keys()].filter((t) => (G >> t) & 1);
    const score = new Array<number>(K).fill(-Infinity);
    for (const t of members) {
      score[t] =
        members.length === 1
          ? singleton
          : members.filter((s) => s !== t).reduce((a, s) => a + (A[t][s] as number), 0) / (members.length - 1);
    }
    groups.push(score);
  }
  let best = -Infinity;
  const recurse = (start: number, chosen: number[][]) => {
    if (chosen.length > 0) {
      const perTask = [...Array(K).keys()].map((t) => Math.max(...chosen.map((g) => g[t])));
      if (perTask.every(Number.isFinite)) best = Math.max(best, perTask.reduce((a, b) => a + b, 0) / K);
    }
    if (chosen.length === B) return;
    for (let i = start; i < groups.length; i++) recurse(i + 1, [...chosen, groups[i]]);
  };
  recurse(0, []);
  return best;
}

function randomAffinity(rng: Rng, K: number): Matrix {
  return Array.from({ length: K }, () => Array.from({ length: K }, () => rng.normal()));
}

describe('selectTaskGroups (TAG network selection)', () => {
  it('splits two planted blocks into two groups', () => {
    const A = [
      [9, 1.0, -0.5, -0.4],
      [0.8, 9, -0.3, -0.6],
      [-0.2, -0.7, 9, 0.9],
      [-0.5, -0.1, 1.1, 9],
    ];
    const g = selectTaskGroups(A, { maxGroups: 2 });
    expect(g.groups.map((x) => x.tasks)).toEqual([
      [0, 1],
      [2, 3],
    ]);
    expect(g.groups.map((x) => x.serves)).toEqual([
      [0, 1],
      [2, 3],
    ]);
    // scores: task0 ← task1 = 1.0, task1 ← task0 = 0.8, task2 ← task3 = 0.9, task3 ← task2 = 1.1 → mean 0.95
    expect(g.score).toBeCloseTo(0.95, 12);
    // one group: everybody together, task t scores the mean of its row without the diagonal
    const one = selectTaskGroups(A, { maxGroups: 1 });
    expect(one.groups).toHaveLength(1);
    expect(one.groups[0].tasks).toEqual([0, 1, 2, 3]);
    expect(one.score).toBeCloseTo(((1 - 0.9) / 3 + (0.8 - 0.9) / 3 + (-0.9 + 0.9) / 3 + (-0.6 + 1.1) / 3) / 4, 12);
  });

  it('lets a helper task sit in a group that does not serve it (overlapping groups)', () => {
    // task 2 helps both 0 and 1 strongly, but 0 and 1 hurt each other; 2 is best served alone with 0
    const A = [
      [0, -2, 3, -5],
      [-2, 0, 3, -5],
      [1, 0.5, 0, -5],
      [-5, -5, -5, 0],
    ];
    const g = selectTaskGroups(A, { maxGroups: 3, singletonScore: 0 });
    expect(g.groups.map((x) => [x.tasks, x.serves])).toEqual([
      [
        [0, 2],
        [0, 2],
      ],
      [[1, 2], [1]],
      [[3], [3]],
    ]);
    expect(g.score).toBeCloseTo((3 + 3 + 1 + 0) / 4, 12);
  });

  it('matches the reference notebook search on random affinities (K = 5, B = 1..3, both singleton scores)', () => {
    const rng = new Rng(7);
    for (let trial = 0; trial < 8; trial++) {
      const A = randomAffinity(rng, 5);
      for (const B of [1, 2, 3])
        for (const singleton of [-1e6, 0]) {
          const ours = selectTaskGroups(A, { maxGroups: B, singletonScore: singleton });
          expect(ours.score).toBeCloseTo(referenceSearch(A, B, singleton), 10);
          expect(ours.groups.length).toBeLessThanOrEqual(B);
          // every task is served exactly once and its reported score is its group score
          expect(ours.groups.flatMap((x) => x.serves).sort()).toEqual([0, 1, 2, 3, 4]);
        }
    }
  });

  it('finds the planted blocks at K = 12 (3 blocks of 4), with the hand-computed score, and beats every other partition tried', () => {
    const rng = new Rng(3);
    const block = (t: number) => Math.floor(t / 4);
    const A = Array.from({ length: 12 }, (_, t) =>
      Array.from({ length: 12 }, (_, s) => (block(t) === block(s) ? 1 : -1) + 0.1 * rng.normal()),
    );
    const g = selectTaskGroups(A, { maxGroups: 3 });
    expect(g.method).toBe('exact');
    expect(g.groups.map((x) => x.tasks)).toEqual([
      [0, 1, 2, 3],
      [4, 5, 6, 7],
      [8, 9, 10, 11],
    ]);
    expect(g.groups.flatMap((x) => x.serves).sort((a, b) => a - b)).toEqual([...Array(12).keys()]);
    const mean = (t: number, members: number[]) => members.filter((s) => s !== t).reduce((a, s) => a + A[t][s], 0) / (members.length - 1);
    const partitionScore = (parts: number[][]) => parts.flatMap((p) => p.map((t) => mean(t, p))).reduce((a, b) => a + b, 0) / 12;
    expect(g.score).toBeCloseTo(partitionScore(g.groups.map((x) => x.tasks)), 12);
    // no random partition into ≤ 3 groups of ≥ 2 scores higher
    for (let trial = 0; trial < 200; trial++) {
      const label = Array.from({ length: 12 }, () => rng.int(0, 2));
      const parts = [0, 1, 2].map((b) => [...Array(12).keys()].filter((t) => label[t] === b)).filter((p) => p.length > 0);
      if (parts.some((p) => p.length < 2)) continue;
      expect(partitionScore(parts)).toBeLessThanOrEqual(g.score + 1e-12);
    }
  });

  it('rejects unestimated pairs and too many tasks with a clear message', () => {
    expect(() =>
      selectTaskGroups(
        [
          [0, null],
          [1, 0],
        ],
        { maxGroups: 1 },
      ),
    ).toThrow(/affinity\[0\]\[1\]/);
    expect(() => selectTaskGroups(randomAffinity(new Rng(1), 5), { maxGroups: 2, maxTasks: 4 })).toThrow(/maxTasks = 4/);
  });
});
