/**
 * Learning-curve designs (DESIGN §4): which label counts each training run gets.
 *
 * A design point gives every task a fraction f_t of its train pool (the split's train compounds labelled for
 * t); the run sees the first n_t = round(f_t·|pool_t|) labels of that task in the replicate's permutation of
 * the pool (at least one label when f_t > 0). All points of a replicate take prefixes of the same permutation,
 * so a larger n_t always contains the smaller subsample (nested subsamples: the difference between two points
 * is the added data, not a different random subset). Replicates use independent permutations.
 *
 * - `random`: every run draws a fraction per task from the grid. Draws are balanced: within a replicate each
 *   task's column cycles through the grid levels as evenly as the point count allows, then is shuffled
 *   independently of the other tasks, so n_i is independent of every n_j (and of n_Σ) by construction.
 * - `pairwise-grid`: for each pair (i < j), the full grid × grid of (f_i, f_j) with every other task absent
 *   (f = 0); one 2-task model per point informs both directions i ← j and j ← i.
 */
import type { Rng } from '@transferbench/core';

export type DesignKind = 'random' | 'pairwise-grid';

export interface DesignPoint {
  /** position in the design (stable: also names the point's training stream) */
  index: number;
  /** replicate whose permutations the subsamples are prefixes of */
  replicate: number;
  /** fraction of each task's train pool (0 = task absent from the run) */
  fractions: number[];
  /** labels used per task: round(f_t·|pool_t|), at least 1 when f_t > 0 */
  counts: number[];
  /** pairwise-grid: the pair [i, j], i < j; null in the random design */
  pair: [number, number] | null;
}

export interface Design {
  kind: DesignKind;
  grid: number[];
  replicates: number;
  /** pool size per task */
  poolSizes: number[];
  points: DesignPoint[];
}

/** n_t for a fraction of a pool of `size`: rounded, at least one label when the task takes part. */
export function countFor(fraction: number, size: number): number {
  if (fraction <= 0 || size === 0) return 0;
  return Math.min(size, Math.max(1, Math.round(fraction * size)));
}

function checkGrid(grid: readonly number[]): number[] {
  if (grid.length === 0) throw new Error('learning-curve design: grid is empty; expected fractions in (0, 1]');
  for (const f of grid) {
    if (!(f >= 0 && f <= 1)) throw new Error(`learning-curve design: grid value ${f}; expected fractions in [0, 1]`);
  }
  return [...grid];
}

/** A column of length n cycling through the levels (balanced), shuffled. */
function balancedColumn(levels: readonly number[], n: number, rng: Rng): number[] {
  const col = Array.from({ length: n }, (_, p) => levels[p % levels.length]);
  return rng.shuffle(col);
}

export function randomDesign(args: {
  poolSizes: readonly number[];
  grid: readonly number[];
  pointsPerReplicate: number;
  replicates: number;
  rng: Rng;
  /** 'all': every task in every run; 'random': each run keeps a random subset of the tasks, of a balanced random size 1..K */
  subsets?: 'all' | 'random';
  /** extra single-task runs per task and replicate (the task alone at a grid fraction: n_Σ = 0, the contextual baseline) */
  soloPerTask?: number;
}): Design {
  const grid = checkGrid(args.grid);
  if (!grid.some((f) => f > 0)) throw new Error('learning-curve design: the random design needs a grid value > 0');
  const K = args.poolSizes.length;
  const points: DesignPoint[] = [];
  const sizes = Array.from({ length: K }, (_, s) => s + 1);
  for (let r = 0; r < args.replicates; r++) {
    // one stream per (replicate, task): adding a task or a replicate leaves the others' draws unchanged
    const columns = Array.from({ length: K }, (_, t) =>
      balancedColumn(grid, args.pointsPerReplicate, args.rng.stream(`random-design/${r}/${t}`)),
    );
    const subsetRng = args.rng.stream(`random-design/${r}/subsets`);
    const subsetSizes = balancedColumn(sizes, args.pointsPerReplicate, subsetRng);
    for (let p = 0; p < args.pointsPerReplicate; p++) {
      const keep = args.subsets === 'random' ? new Set(subsetRng.sample(sizes, subsetSizes[p]).map((s) => s - 1)) : null;
      const fractions = columns.map((c, t) => (keep && !keep.has(t) ? 0 : c[p]));
      points.push({
        index: points.length,
        replicate: r,
        fractions,
        counts: fractions.map((f, t) => countFor(f, args.poolSizes[t])),
        pair: null,
      });
    }
    const solo = args.soloPerTask ?? 0;
    if (solo > 0) {
      const positive = grid.filter((f) => f > 0);
      for (let t = 0; t < K; t++) {
        for (const f of balancedColumn(positive, solo, args.rng.stream(`random-design/${r}/solo/${t}`))) {
          const fractions = new Array<number>(K).fill(0);
          fractions[t] = f;
          points.push({
            index: points.length,
            replicate: r,
            fractions,
            counts: fractions.map((g, u) => countFor(g, args.poolSizes[u])),
            pair: null,
          });
        }
      }
    }
  }
  return { kind: 'random', grid, replicates: args.replicates, poolSizes: [...args.poolSizes], points };
}

export function pairwiseGridDesign(args: { poolSizes: readonly number[]; grid: readonly number[]; replicates: number }): Design {
  const grid = checkGrid(args.grid).filter((f) => f > 0);
  if (grid.length < 2) throw new Error('learning-curve design: pairwise-grid needs at least 2 grid values > 0 (an n_i × n_j grid)');
  const K = args.poolSizes.length;
  if (K < 2) throw new Error('learning-curve design: pairwise-grid needs at least 2 tasks');
  const points: DesignPoint[] = [];
  for (let r = 0; r < args.replicates; r++) {
    for (let i = 0; i < K; i++)
      for (let j = i + 1; j < K; j++) {
        for (const fi of grid)
          for (const fj of grid) {
            const fractions = new Array<number>(K).fill(0);
            fractions[i] = fi;
            fractions[j] = fj;
            points.push({
              index: points.length,
              replicate: r,
              fractions,
              counts: fractions.map((f, t) => countFor(f, args.poolSizes[t])),
              pair: [i, j],
            });
          }
      }
  }
  return { kind: 'pairwise-grid', grid, replicates: args.replicates, poolSizes: [...args.poolSizes], points };
}
