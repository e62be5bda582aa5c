import { describe, expect, it } from 'vitest';
import { Rng, type MultiTaskDataset, type Split } from '@transferbench/core';
import { spreadInterval, stageFraction, TaskPools } from './pools.ts';

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
    let seen = [0, 0];
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
    let step = 0;
    for (let stage = 0; stage < 3; stage++) {
      pools.enterStage(stage);
      const included = new Set(pools.pool[0].subarray(0, pools.included[0]));
      for (;;) {
        const b = pools.takeUnseen(0, 4, step++);
        if (!b) break;
        b.rows.forEach((r, i) => {
          expect(used.has(r)).toBe(false);
          expect(included.has(r)).toBe(false);
          used.add(r);
          expect(b.labels[i * K]).toBe(ds.labels[r * K]);
          expect(b.labels[i * K + 1]).toBe(-1);
        });
      }
    }
    // stage slices: [6, 15) → 2 batches of 4; [15, 24) → 2; [24, 30) (remainder beyond endFraction) → 1
    expect(used.size).toBe(20);
    expect(pools.probed[0]).toBe(20);
    expect(pools.exhausted.filter((e) => e.task === 0).map((e) => [e.stage, e.left])).toEqual([
      [0, 1],
      [1, 1],
      [2, 2],
    ]);
  });

  it('with endFraction = 1 the last stage has no unseen slice: no probes and no exhaustion record (by design)', () => {
    const pools = new TaskPools(ds, split, { stages: 2, startFraction: 0.5, endFraction: 1 }, new Rng(3));
    pools.enterStage(0);
    expect(pools.takeUnseen(1, 7, 0)?.rows.length).toBe(7);
    expect(pools.takeUnseen(1, 7, 1)).toBeNull(); // 15 − 8 = 7 unseen: one batch, then exhausted
    pools.enterStage(1);
    expect(pools.counts()).toEqual([30, 15]);
    expect(pools.takeUnseen(0, 1, 2)).toBeNull();
    expect(pools.exhausted).toEqual([{ task: 1, stage: 0, step: 1, left: 0 }]);
  });

  it("spreadInterval: probes at steps 0, k, 2k, … < planned use at most the slice, and reach into the stage's last part", () => {
    for (const [planned, slice, batch] of [
      [200, 200, 32],
      [808, 777, 8],
      [10, 200, 8],
      [50, 20, 32],
      [7, 64, 32],
    ]) {
      const k = spreadInterval(planned, slice, batch);
      const probes = Math.ceil(planned / k);
      expect(probes).toBeLessThanOrEqual(Math.max(1, Math.floor(slice / batch)));
      if (Math.floor(slice / batch) >= 1 && planned >= Math.floor(slice / batch))
        expect((probes - 1) * k).toBeGreaterThanOrEqual(planned * 0.5);
    }
    expect(spreadInterval(200, 200, 32)).toBe(34); // 6 probes: steps 0, 34, …, 170
    expect(spreadInterval(10, 200, 8)).toBe(1); // more batches than steps: every step
  });

  it('smallestSlice: the smallest non-empty unseen slice of the stage', () => {
    const pools = new TaskPools(ds, split, { stages: 2, startFraction: 0.5, endFraction: 1 }, new Rng(3));
    pools.enterStage(0);
    expect(pools.smallestSlice()).toBe(Math.min(pools.available(0), pools.available(1)));
    pools.enterStage(1);
    expect(pools.smallestSlice()).toBe(0);
  });

  it('the pool order depends on the seed only', () => {
    const a = new TaskPools(ds, split, { stages: 2, startFraction: 0.5, endFraction: 1 }, new Rng(7));
    const b = new TaskPools(ds, split, { stages: 2, startFraction: 0.5, endFraction: 1 }, new Rng(7));
    const c = new TaskPools(ds, split, { stages: 2, startFraction: 0.5, endFraction: 1 }, new Rng(8));
    expect([...a.pool[0]]).toEqual([...b.pool[0]]);
    expect([...a.pool[0]]).not.toEqual([...c.pool[0]]);
  });
});
