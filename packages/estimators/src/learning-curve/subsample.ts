/**
 * Nested subsamples: each task's train pool (positions into the split's train rows that carry a label of the
 * task), one permutation of every pool per replicate, and the labelled rows of a design point — the first
 * n_t entries of task t's permutation keep their label, every other label of the task is hidden (−1).
 */
import type { LabelledRows, MultiTaskDataset, Rng } from '@transferbench/core';

/** pools[t] = positions i into `trainRows` with a label of task t (ascending). */
export function taskPools(ds: MultiTaskDataset, trainRows: Int32Array): Int32Array[] {
  const K = ds.tasks.length;
  const pools: number[][] = Array.from({ length: K }, () => []);
  for (let i = 0; i < trainRows.length; i++) {
    const r = trainRows[i];
    for (let t = 0; t < K; t++) if (ds.labels[r * K + t] >= 0) pools[t].push(i);
  }
  return pools.map((p) => Int32Array.from(p));
}

/** The replicate's permutation of every pool; one stream per task so tasks do not shift each other. */
export function replicatePermutations(pools: readonly Int32Array[], rng: Rng): Int32Array[] {
  return pools.map((pool, t) => {
    const order = rng.stream(`pool-permutation/${t}`).permutation(pool.length);
    return order.map((k) => pool[k]);
  });
}

/** Train rows with only the first counts[t] labels of each task's permutation visible. */
export function subsampleRows(
  ds: MultiTaskDataset,
  trainRows: Int32Array,
  permutations: readonly Int32Array[],
  counts: readonly number[],
): LabelledRows {
  const K = ds.tasks.length;
  if (counts.length !== K || permutations.length !== K)
    throw new Error(`subsampleRows: expected ${K} counts and permutations, got ${counts.length} and ${permutations.length}`);
  const labels = new Int8Array(trainRows.length * K).fill(-1);
  for (let t = 0; t < K; t++) {
    const perm = permutations[t];
    if (counts[t] > perm.length)
      throw new Error(`subsampleRows: task ${ds.tasks[t].id}: ${counts[t]} labels requested, pool has ${perm.length}`);
    for (let k = 0; k < counts[t]; k++) {
      const pos = perm[k];
      labels[pos * K + t] = ds.labels[trainRows[pos] * K + t];
    }
  }
  return { rows: trainRows, labels };
}

/** Rows with the labels of the tasks in `present` only (others hidden): validation of a design point. */
export function maskTasks(data: LabelledRows, K: number, present: readonly boolean[]): LabelledRows {
  if (present.every(Boolean)) return data;
  const labels = data.labels.slice();
  for (let i = 0; i < data.rows.length; i++) for (let t = 0; t < K; t++) if (!present[t]) labels[i * K + t] = -1;
  return { rows: data.rows, labels };
}
