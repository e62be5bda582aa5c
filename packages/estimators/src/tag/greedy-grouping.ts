/**
 * TAG's network selection for many tasks, where the exact search (grouping.ts, O(3^K)) is out of reach
 * (K > 15): the same objective — mean over tasks of the mean affinity onto each task from its group-mates,
 * `singletonScore` alone — maximised by local search over PARTITIONS into ≤ B groups (each task in one
 * group, served by it; the exact search may also place helper tasks in a second group, so the greedy
 * score is a lower bound of the exact optimum). From several seeded random starts, every task in turn
 * moves to the group that raises the objective most, until a sweep moves none; the best start wins.
 * A move's effect is computed from per-task sums of affinity into each group in O(|from| + |to|), so a
 * sweep is O(K²·B). Hand-written: no maintained JS library does this search.
 */
import type { Matrix, Rng } from '@transferbench/core';
import type { TaskGroup, TaskGrouping } from './grouping.ts';

export interface GreedyGroupingOptions {
  maxGroups: number;
  singletonScore?: number;
  /** random starts (default 8) */
  starts?: number;
  /** sweeps per start at most (default 100) */
  maxSweeps?: number;
}

export function greedyTaskGroups(affinity: Matrix, opts: GreedyGroupingOptions, rng: Rng): TaskGrouping {
  const K = affinity.length;
  const singleton = opts.singletonScore ?? -1e6;
  if (K === 0) throw new Error('greedyTaskGroups: no tasks');
  if (!Number.isInteger(opts.maxGroups) || opts.maxGroups < 1)
    throw new Error(`greedyTaskGroups: maxGroups = ${opts.maxGroups}; expected an integer ≥ 1`);
  const A = new Float64Array(K * K);
  for (let t = 0; t < K; t++) {
    if (affinity[t].length !== K) throw new Error(`greedyTaskGroups: affinity row ${t} has ${affinity[t].length} entries; expected ${K}`);
    for (let s = 0; s < K; s++) {
      if (s === t) continue;
      const v = affinity[t][s];
      if (v === null || !Number.isFinite(v))
        throw new Error(`greedyTaskGroups: affinity[${t}][${s}] = ${v}; every off-diagonal pair must be estimated`);
      A[t * K + s] = v;
    }
  }
  const B = Math.min(opts.maxGroups, K);
  const starts = B === 1 ? 1 : (opts.starts ?? 8);
  let best: { group: Int32Array; total: number } | null = null;
  for (let start = 0; start < starts; start++) {
    const group = new Int32Array(K);
    if (B > 1) for (let t = 0; t < K; t++) group[t] = rng.int(0, B - 1);
    const total = improve(A, K, B, group, singleton, opts.maxSweeps ?? 100);
    if (!best || total > best.total) best = { group, total };
  }
  const { group } = best!;
  const groups: TaskGroup[] = [];
  for (let g = 0; g < B; g++) {
    const tasks = [...Array(K).keys()].filter((t) => group[t] === g);
    if (tasks.length === 0) continue;
    const scores = tasks.map((t) =>
      tasks.length === 1 ? singleton : tasks.reduce((a, s) => (s === t ? a : a + A[t * K + s]), 0) / (tasks.length - 1),
    );
    groups.push({ tasks, serves: tasks, scores });
  }
  groups.sort((a, b) => a.tasks[0] - b.tasks[0]);
  const total = groups.reduce((a, g) => a + g.scores.reduce((x, y) => x + y, 0), 0);
  return { groups, score: total / K, maxGroups: B, method: 'greedy' };
}

/** Local search from `group` (modified in place); returns the objective's total (sum over tasks). */
function improve(A: Float64Array, K: number, B: number, group: Int32Array, singleton: number, maxSweeps: number): number {
  // into[t·B + g] = Σ_{s ∈ g, s ≠ t} A[t][s]; size[g]
  const into = new Float64Array(K * B);
  const size = new Int32Array(B);
  for (let t = 0; t < K; t++) size[group[t]]++;
  for (let t = 0; t < K; t++) for (let s = 0; s < K; s++) if (s !== t) into[t * B + group[s]] += A[t * K + s];
  const members = (g: number) => {
    const out: number[] = [];
    for (let t = 0; t < K; t++) if (group[t] === g) out.push(t);
    return out;
  };
  const lists = Array.from({ length: B }, (_, g) => members(g));
  const scoreIn = (u: number, g: number, n: number, sum: number) => (n <= 1 ? singleton : sum / (n - 1));
  for (let sweep = 0; sweep < maxSweeps; sweep++) {
    let moved = false;
    for (let t = 0; t < K; t++) {
      const P = group[t];
      let bestGain = 1e-12,
        bestQ = -1;
      for (let Q = 0; Q < B; Q++) {
        if (Q === P) continue;
        let gain = scoreIn(t, Q, size[Q] + 1, into[t * B + Q]) - scoreIn(t, P, size[P], into[t * B + P]);
        for (const u of lists[P]) {
          if (u === t) continue;
          gain += scoreIn(u, P, size[P] - 1, into[u * B + P] - A[u * K + t]) - scoreIn(u, P, size[P], into[u * B + P]);
        }
        for (const u of lists[Q])
          gain += scoreIn(u, Q, size[Q] + 1, into[u * B + Q] + A[u * K + t]) - scoreIn(u, Q, size[Q], into[u * B + Q]);
        if (gain > bestGain) {
          bestGain = gain;
          bestQ = Q;
        }
      }
      if (bestQ < 0) continue;
      for (let u = 0; u < K; u++) {
        if (u === t) continue;
        into[u * B + P] -= A[u * K + t];
        into[u * B + bestQ] += A[u * K + t];
      }
      size[P]--;
      size[bestQ]++;
      group[t] = bestQ;
      lists[P] = lists[P].filter((u) => u !== t);
      lists[bestQ].push(t);
      moved = true;
    }
    if (!moved) break;
  }
  let total = 0;
  for (let t = 0; t < K; t++) total += scoreIn(t, group[t], size[group[t]], into[t * B + group[t]]);
  return total;
}
