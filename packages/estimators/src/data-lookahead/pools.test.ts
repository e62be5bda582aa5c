import { describe, expect, it } from 'vitest';
import { Rng, type MultiTaskDataset, type Split } from '@transferbench/core';
import { stageFraction, TaskPools } from './pools.ts';

// 40 compounds, 2 tasks: task 0 labelled on all train rows (30), task 1 on the even ones (15).
const N = 40,
  K = 2;
const labels = new Int8Array(N * K).fill(-1);
for (let r = 0; r < N; r++) {
  labels[r * K] = r % 3 === 0 ? 1 : 0;
  if (r % 2 === 0) labels[r * K + 1] = r % 4 === 0 ? 1 : 0;
}
const ds: MultiTaskDataset = {
  name: 'tiny',
  tasks: [{ id: 'a' }, { id: 'b' }],
  samples: Array.from({ length: N }, (_, r) => ({ id: `s${r}` })),
  features: { indptr: Int32Array.from({ length: N + 1 }, (_, i) => i), indices: new Int32Array(N), dim: 1 },
  labels,
  meta: { source: 'test', warnings: [], options: {} },
};
const range = (a: number, b: number) => Int32Array.from({ length: b - a }, (_, i) => a + i);
const split: Split = { kind: 'random', seed: 0, train: range(0, 30), val: range(30, 35), test: range(35, 40) };

describe('TaskPools (accumulating data, unseen samples without reuse)', () => {
  it('stage fractions rise linearly from start to end', () => {
    const s = { stages: 4, startFraction: 0.25, endFraction: 1 };
    expect([0, 1, 2, 3].map((i) => stageFraction(s, i))).toEqual([0.25, 0.5, 0.75, 1]);
    expect(stageFraction({ stages: 1, startFraction: 0.3, endFraction: 1 }, 0)).toBe(0.3);
  });

  it('includes growing prefixes of a shuffled pool and hides every label that is not included', () => {
    const pools = new TaskPools(ds, split, { stages: 3, startFraction: 0.2, endFraction: 0.8 }, new Rng(1));
    expect(pools.pool.map((p) => p.length)).toEqual([30, 15]);
    expect([...pools.pool[1]].every((r) => r % 2 === 0 && r < 30)).toBe(true);
    pools.enterStage(0);
    expect(pools.counts()).toEqual([6, 3]);
    const train = pools.trainingRows();
    const seen = [0, 0];
    train.rows.forEach((r, i) => {
      for (let t = 0; t < K; t++) {
        const y = train.labels[i * K + t];
        if (y < 0) continue;
        seen[t]++;
        expect(y).toBe(ds.labels[r * K + t]);
        expect([...pools.pool[t].subarray(0, pools.included[t])]).toContain(r);
      }
    });
    expect(seen).toEqual([6, 3]);
    pools.enterStage(1);
    expect(pools.counts()).toEqual([15, 8]);
    pools.enterStage(2);
    expect(pools.counts()).toEqual([24, 12]);
    expect(() => pools.enterStage(2)).toThrow(/cannot enter stage 2/);
  });

  it('hands out each unseen sample at most once, only before it is included, labelled for its task only', () => {
    const pools = new TaskPools(ds, split, { stages: 3, startFraction: 0.2, endFraction: 0.8 }, new Rng(2));
    const used = new Set<number>();
    const perStage: number[] = [];
    for (let stage = 0; stage < 3; stage++) {
      pools.enterStage(stage);
      const included = new Set(pools.pool[0].subarray(0, pools.included[0]));
      let taken = 0;
      while (pools.available(0) > 0) {
        const b = pools.takeUnseen(0, Math.min(4, pools.available(0)));
        taken += b.rows.length;
        b.rows.forEach((r, i) => {
          expect(used.has(r)).toBe(false);
          expect(included.has(r)).toBe(false);
          used.add(r);
          expect(b.labels[i * K]).toBe(ds.labels[r * K]);
          expect(b.labels[i * K + 1]).toBe(-1);
        });
      }
      perStage.push(taken);
    }
    // stage slices: [6, 15) → 9; [15, 24) → 9; [24, 30) (remainder beyond endFraction) → 6
    expect(perStage).toEqual([9, 9, 6]);
    expect(used.size).toBe(24);
    expect(pools.probed[0]).toBe(24);
    expect(pools.offered).toEqual([24, 12]);
  });

  it('with endFraction = 1 the last stage has no unseen slice; asking beyond a slice throws, naming task and stage', () => {
    const pools = new TaskPools(ds, split, { stages: 2, startFraction: 0.5, endFraction: 1 }, new Rng(3));
    pools.enterStage(0);
    expect(pools.available(1)).toBe(7); // 15 − 8
    expect(pools.takeUnseen(1, 7).rows.length).toBe(7);
    expect(() => pools.takeUnseen(1, 1)).toThrow(/1 unseen samples of task 1 asked for in stage 0; 0 left/);
    pools.enterStage(1);
    expect(pools.counts()).toEqual([30, 15]);
    expect(pools.available(0)).toBe(0);
    expect(pools.offered).toEqual([15, 7]);
  });

  it('the pool order depends on the seed only', () => {
    const a = new TaskPools(ds, split, { stages: 2, startFraction: 0.5, endFraction: 1 }, new Rng(7));
    const b = new TaskPools(ds, split, { stages: 2, startFraction: 0.5, endFraction: 1 }, new Rng(7));
    const c = new TaskPools(ds, split, { stages: 2, startFraction: 0.5, endFraction: 1 }, new Rng(8));
    expect([...a.pool[0]]).toEqual([...b.pool[0]]);
    expect([...a.pool[0]]).not.toEqual([...c.pool[0]]);
  });
});
