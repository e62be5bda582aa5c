/**
 * TAG's network selection (Fifty et al. 2021, §3.3; reference notebook google-research
 * tag/network_selection/TAG_network_selection.ipynb): choose up to B groups of tasks (groups may
 * overlap); each task is served by the chosen group in which it scores highest, and the choice maximises
 * the mean over tasks of that score. A task's score in group G is the mean affinity onto it from its
 * group-mates, mean_{s ∈ G∖{t}} A[t][s] with A = effect[target][source]; alone (|G| = 1) it scores
 * `singletonScore` (the reference uses −1e6, i.e. singletons only when unavoidable).
 *
 * Exact, but not by the reference's enumeration of all combinations of B of the 2^K − 1 groups
 * (infeasible beyond K ≈ 9): the optimum equals the best partition of the tasks into ≤ B "served" parts P,
 * each part scored by best(P) = max_{G ⊇ P} Σ_{t ∈ P} score(t, G) (a chosen group may contain helper
 * tasks that are served elsewhere). best(·) over all (P, G) pairs and the partition DP each take O(3^K),
 * so K ≤ 15 runs in well under a second. Hand-written: no maintained JS library does this.
 */
import type { Matrix } from '@transferbench/core';

export interface TaskGroupingOptions {
  /** B: at most this many groups */
  maxGroups: number;
  /** score of a task alone in its group; the reference notebook uses −1e6 */
  singletonScore?: number;
  /** refuse larger K (3^K work); default 15 */
  maxTasks?: number;
}

export interface TaskGroup {
  /** members of the group (trained together), ascending */
  tasks: number[];
  /** the members this group serves (their best group), ascending */
  serves: number[];
  /** score of each served task in this group, aligned with `serves` */
  scores: number[];
}

export interface TaskGrouping {
  groups: TaskGroup[];
  /** mean over tasks of the score of the group serving it (the reference's objective) */
  score: number;
  maxGroups: number;
  /** 'exact' (this search) or 'greedy' (greedy-grouping.ts, for K beyond maxTasks) */
  method: 'exact' | 'greedy';
}

export function selectTaskGroups(affinity: Matrix, opts: TaskGroupingOptions): TaskGrouping {
  const K = affinity.length;
  const maxTasks = opts.maxTasks ?? 15;
  const singleton = opts.singletonScore ?? -1e6;
  if (K === 0) throw new Error('selectTaskGroups: no tasks');
  if (K > maxTasks) throw new Error(`selectTaskGroups: ${K} tasks; the exhaustive search is limited to maxTasks = ${maxTasks} (3^K work)`);
  if (!Number.isInteger(opts.maxGroups) || opts.maxGroups < 1)
    throw new Error(`selectTaskGroups: maxGroups = ${opts.maxGroups}; expected an integer ≥ 1`);
  for (let t = 0; t < K; t++) {
    if (affinity[t].length !== K) throw new Error(`selectTaskGroups: affinity row ${t} has ${affinity[t].length} entries; expected ${K}`);
    for (let s = 0; s < K; s++) {
      const v = affinity[t][s];
      if (t !== s && (v === null || !Number.isFinite(v)))
        throw new Error(`selectTaskGroups: affinity[${t}][${s}] = ${v}; every off-diagonal pair must be estimated`);
    }
  }
  const B = Math.min(opts.maxGroups, K);
  const full = (1 << K) - 1;
  const size = 1 << K;

  // best[P], bestGroup[P]: the best group G ⊇ P for serving exactly the tasks in P.
  const best = new Float64Array(size).fill(-Infinity);
  const bestGroup = new Int32Array(size);
  const partial = new Float64Array(size);
  const score = new Float64Array(K);
  for (let G = 1; G <= full; G++) {
    const members = bits(G);
    for (const t of members) {
      if (members.length === 1) {
        score[t] = singleton;
        continue;
      }
      let sum = 0;
      for (const s of members) if (s !== t) sum += affinity[t][s] as number;
      score[t] = sum / (members.length - 1);
    }
    partial[0] = 0;
    // submasks of G in increasing order, so P without its lowest bit is already computed
    for (let P = (0 - G) & G; P !== 0; P = (P - G) & G) {
      const low = P & -P;
      partial[P] = partial[P ^ low] + score[31 - Math.clz32(low)];
      if (partial[P] > best[P]) {
        best[P] = partial[P];
        bestGroup[P] = G;
      }
    }
  }

  // f[b][S]: best total over partitions of S into ≤ b+1 parts; choice[b][S] = the part holding S's lowest task.
  const f: Float64Array[] = [];
  const choice: Int32Array[] = [];
  f.push(best.slice());
  choice.push(Int32Array.from({ length: size }, (_, S) => S));
  for (let b = 1; b < B; b++) {
    const prev = f[b - 1];
    const cur = prev.slice();
    const ch = choice[b - 1].slice().fill(0);
    for (let S = 1; S <= full; S++) {
      ch[S] = S;
      const low = S & -S;
      const rest = S ^ low;
      // parts P = low ∪ Q with Q a proper submask of rest (Q = rest is the single-part case, in prev)
      if (rest !== 0) {
        for (let Q = (rest - 1) & rest; ; Q = (Q - 1) & rest) {
          const P = Q | low;
          const v = best[P] + prev[S ^ P];
          if (v > cur[S]) {
            cur[S] = v;
            ch[S] = P;
          }
          if (Q === 0) break;
        }
      }
      if (cur[S] === prev[S]) ch[S] = -1; // keep prev's decomposition
    }
    f.push(cur);
    choice.push(ch);
  }

  // reconstruct parts
  const parts: number[] = [];
  let S = full;
  for (let b = B - 1; S !== 0;) {
    let P = choice[b][S];
    while (P === -1) P = choice[--b][S];
    if (b === 0) {
      parts.push(S);
      break;
    }
    parts.push(P);
    S ^= P;
    b--;
  }

  // merge parts served by the same group
  const byGroup = new Map<number, number>();
  for (const P of parts) byGroup.set(bestGroup[P], (byGroup.get(bestGroup[P]) ?? 0) | P);
  const groups: TaskGroup[] = [...byGroup.entries()]
    .map(([G, P]) => {
      const members = bits(G);
      const serves = bits(P);
      const scores = serves.map((t) =>
        members.length === 1
          ? singleton
          : members.filter((s) => s !== t).reduce((a, s) => a + (affinity[t][s] as number), 0) / (members.length - 1),
      );
      return { tasks: members, serves, scores };
    })
    .sort((a, b) => a.tasks[0] - b.tasks[0] || a.tasks.length - b.tasks.length);
  const total = groups.reduce((a, g) => a + g.scores.reduce((x, y) => x + y, 0), 0);
  return { groups, score: total / K, maxGroups: B, method: 'exact' };
}

function bits(mask: number): number[] {
  const out: number[] = [];
  for (let t = 0; mask >> t; t++) if ((mask >> t) & 1) out.push(t);
  return out;
}
