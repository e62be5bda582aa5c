import { describe, expect, it } from 'vitest';
import { Rng, type MultiTaskDataset } from '@transferbench/core';
import { countFor, pairwiseGridDesign, randomDesign } from './design.ts';
import { maskTasks, replicatePermutations, subsampleRows, taskPools } from './subsample.ts';

/** 12 compounds, 3 tasks; label of (row r, task t) = (r + t) % 2, missing where (r + t) % 3 === 0. */
function tinyDataset(): MultiTaskDataset {
  const N = 12,
    K = 3;
  const labels = new Int8Array(N * K);
  for (let r = 0; r < N; r++) for (let t = 0; t < K; t++) labels[r * K + t] = (r + t) % 3 === 0 ? -1 : (r + t) % 2;
  return {
    name: 'tiny',
    tasks: [{ id: 'a' }, { id: 'b' }, { id: 'c' }],
    samples: Array.from({ length: N }, (_, i) => ({ id: `s${i}` })),
    features: { indptr: Int32Array.from({ length: N + 1 }, (_, i) => i), indices: Int32Array.from({ length: N }, (_, i) => i % 4), dim: 4 },
    labels,
    meta: { source: 'test', warnings: [], options: {} },
  } as MultiTaskDataset;
}

describe('countFor', () => {
  it('rounds the fraction of the pool, keeps at least one label for a present task, 0 for an absent one', () => {
    expect(countFor(0.1, 265)).toBe(27);
    expect(countFor(0.25, 263)).toBe(66);
    expect(countFor(1, 263)).toBe(263);
    expect(countFor(0.01, 10)).toBe(1);
    expect(countFor(0, 10)).toBe(0);
    expect(countFor(0.5, 0)).toBe(0);
  });
});

describe('randomDesign', () => {
  const poolSizes = [200, 100, 50, 400];
  const grid = [0.1, 0.25, 0.5, 0.75, 1];
  const design = randomDesign({ poolSizes, grid, pointsPerReplicate: 10, replicates: 3, rng: new Rng(7) });

  it('has points × replicates runs, each task at a grid fraction with n = round(f·pool)', () => {
    expect(design.points).toHaveLength(30);
    design.points.forEach((p, k) => {
      expect(p.index).toBe(k);
      expect(p.replicate).toBe(Math.floor(k / 10));
      expect(p.pair).toBeNull();
      p.fractions.forEach((f, t) => {
        expect(grid).toContain(f);
        expect(p.counts[t]).toBe(Math.round(f * poolSizes[t]));
      });
    });
  });

  it('is balanced: within a replicate every task takes each grid level equally often (10 points / 5 levels = 2)', () => {
    for (let r = 0; r < 3; r++)
      for (let t = 0; t < poolSizes.length; t++) {
        const col = design.points.filter((p) => p.replicate === r).map((p) => p.fractions[t]);
        for (const f of grid) expect(col.filter((v) => v === f)).toHaveLength(2);
      }
  });

  it('draws tasks independently (columns differ) and deterministically per seed', () => {
    const col = (t: number) => design.points.map((p) => p.fractions[t]).join();
    expect(new Set([0, 1, 2, 3].map(col)).size).toBe(4);
    const again = randomDesign({ poolSizes, grid, pointsPerReplicate: 10, replicates: 3, rng: new Rng(7) });
    expect(again.points).toEqual(design.points);
    const other = randomDesign({ poolSizes, grid, pointsPerReplicate: 10, replicates: 3, rng: new Rng(8) });
    expect(other.points.map((p) => p.fractions.join())).not.toEqual(design.points.map((p) => p.fractions.join()));
  });

  it('adding a replicate leaves the earlier replicates unchanged', () => {
    const more = randomDesign({ poolSizes, grid, pointsPerReplicate: 10, replicates: 4, rng: new Rng(7) });
    expect(more.points.slice(0, 30)).toEqual(design.points);
  });

  it('solo runs: per replicate and task, the task alone at balanced grid fractions', () => {
    const d = randomDesign({ poolSizes, grid: [0, 0.5, 1], pointsPerReplicate: 4, replicates: 2, rng: new Rng(7), soloPerTask: 2 });
    expect(d.points).toHaveLength(2 * (4 + 4 * 2));
    for (let r = 0; r < 2; r++) {
      const solo = d.points.filter((p) => p.replicate === r).slice(4);
      for (let t = 0; t < 4; t++) {
        const mine = solo.slice(2 * t, 2 * t + 2);
        for (const p of mine) p.counts.forEach((n, u) => (u === t ? expect(n).toBeGreaterThan(0) : expect(n).toBe(0)));
        expect(mine.map((p) => p.fractions[t]).sort()).toEqual([0.5, 1]);
      }
    }
  });

  it('random subsets: every run keeps 1..K tasks, sizes balanced, fractions from the grid', () => {
    const d = randomDesign({ poolSizes, grid, pointsPerReplicate: 8, replicates: 1, rng: new Rng(9), subsets: 'random' });
    const sizes = d.points.map((p) => p.counts.filter((n) => n > 0).length).sort();
    expect(sizes).toEqual([1, 1, 2, 2, 3, 3, 4, 4]);
    for (const p of d.points) p.fractions.forEach((f) => expect([0, ...grid]).toContain(f));
  });

  it('rejects fractions outside [0, 1]', () => {
    expect(() => randomDesign({ poolSizes, grid: [0.5, 1.5], pointsPerReplicate: 2, replicates: 1, rng: new Rng(1) })).toThrow(
      /grid value 1.5/,
    );
  });
});

describe('pairwiseGridDesign', () => {
  it('gives every pair its full grid × grid with all other tasks absent', () => {
    const d = pairwiseGridDesign({ poolSizes: [100, 80, 60], grid: [0.25, 0.5, 1], replicates: 2 });
    expect(d.points).toHaveLength(2 * 3 * 9); // replicates × pairs × grid²
    const pairs = new Set(d.points.map((p) => p.pair!.join('-')));
    expect([...pairs].sort()).toEqual(['0-1', '0-2', '1-2']);
    for (const p of d.points) {
      const [i, j] = p.pair!;
      expect(i).toBeLessThan(j);
      p.counts.forEach((n, t) => (t === i || t === j ? expect(n).toBeGreaterThan(0) : expect(n).toBe(0)));
    }
    const cells = d.points.filter((p) => p.replicate === 0 && p.pair!.join() === '0,2').map((p) => `${p.fractions[0]}x${p.fractions[2]}`);
    expect(new Set(cells).size).toBe(9);
  });

  it('drops a 0 grid value (the pair grid needs both tasks present) and needs two levels', () => {
    expect(pairwiseGridDesign({ poolSizes: [10, 10], grid: [0, 0.5, 1], replicates: 1 }).points).toHaveLength(4);
    expect(() => pairwiseGridDesign({ poolSizes: [10, 10], grid: [0, 1], replicates: 1 })).toThrow(/at least 2 grid values/);
  });
});

describe('nested subsamples', () => {
  const ds = tinyDataset();
  const train = Int32Array.from([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  const pools = taskPools(ds, train);

  it('pools hold the train positions labelled for each task', () => {
    expect(Array.from(pools[0])).toEqual([1, 2, 4, 5, 7, 8]);
    expect(Array.from(pools[1])).toEqual([0, 1, 3, 4, 6, 7, 9]);
    expect(Array.from(pools[2])).toEqual([0, 2, 3, 5, 6, 8, 9]);
  });

  it('permutations are permutations of each pool, fixed per replicate stream', () => {
    const perms = replicatePermutations(pools, new Rng(3).stream('replicate-0'));
    perms.forEach((p, t) => expect([...p].sort((a, b) => a - b)).toEqual(Array.from(pools[t])));
    expect(replicatePermutations(pools, new Rng(3).stream('replicate-0'))).toEqual(perms);
    expect(replicatePermutations(pools, new Rng(3).stream('replicate-1')).map((p) => p.join())).not.toEqual(perms.map((p) => p.join()));
  });

  it('a run sees exactly the first n_t labels of each permutation, with their true values; smaller runs are prefixes of larger ones', () => {
    const K = 3;
    const perms = replicatePermutations(pools, new Rng(11));
    const visible = (counts: number[]) => {
      const rows = subsampleRows(ds, train, perms, counts);
      expect(rows.rows).toBe(train);
      const sets = Array.from({ length: K }, () => new Set<number>());
      for (let i = 0; i < train.length; i++)
        for (let t = 0; t < K; t++) {
          const v = rows.labels[i * K + t];
          if (v < 0) continue;
          expect(v).toBe(ds.labels[train[i] * K + t]);
          sets[t].add(i);
        }
      return sets;
    };
    const small = visible([2, 0, 3]);
    const large = visible([5, 4, 3]);
    expect(small.map((s) => s.size)).toEqual([2, 0, 3]);
    expect(large.map((s) => s.size)).toEqual([5, 4, 3]);
    small.forEach((s, t) => {
      for (const i of s) expect(large[t].has(i)).toBe(true);
    });
    expect([...small[0]].sort()).toEqual([...perms[0].slice(0, 2)].sort());
    expect(() => subsampleRows(ds, train, perms, [7, 0, 0])).toThrow(/pool has 6/);
  });

  it('maskTasks hides the labels of absent tasks only', () => {
    const rows = subsampleRows(ds, train, pools, [6, 7, 7]);
    const masked = maskTasks(rows, 3, [true, false, true]);
    for (let i = 0; i < train.length; i++) {
      expect(masked.labels[i * 3 + 1]).toBe(-1);
      expect(masked.labels[i * 3]).toBe(rows.labels[i * 3]);
      expect(masked.labels[i * 3 + 2]).toBe(rows.labels[i * 3 + 2]);
    }
  });
});
