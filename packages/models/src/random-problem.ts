/**
 * A random multi-task problem of a given shape (sparse binary rows, labels with missing entries),
 * for engine tests and throughput benchmarks. It has no planted structure: learning curves and
 * transfer need the synthetic dataset plugin in @transferbench/datasets instead.
 */
import { Rng } from '@transferbench/core';
import type { CsrMatrix, LabelledRows } from '@transferbench/core';

export interface RandomProblemOptions {
  samples: number;
  features: number;
  tasks: number;
  /** expected share of ones per row (at least one bit is set per row) */
  density: number;
  /** share of labels that are missing (−1) */
  missing?: number;
  /** share of present labels that are positive */
  positiveRate?: number;
  seed: number;
}

export interface RandomProblem {
  features: CsrMatrix;
  data: LabelledRows;
}

export function randomProblem(o: RandomProblemOptions): RandomProblem {
  const rng = new Rng(o.seed).stream('random-problem');
  const { samples: N, features: D, tasks: K } = o;
  const indptr = new Int32Array(N + 1);
  const cols: number[] = [];
  const bitsPerRow = Math.max(1, Math.min(D, Math.round(o.density * D)));
  // partial Fisher–Yates over a reused pool: bitsPerRow draws per row instead of a full permutation
  const pool = Int32Array.from({ length: D }, (_, j) => j);
  for (let r = 0; r < N; r++) {
    for (let i = 0; i < bitsPerRow; i++) {
      const j = rng.int(i, D - 1);
      const t = pool[i];
      pool[i] = pool[j];
      pool[j] = t;
    }
    cols.push(...pool.slice(0, bitsPerRow).sort());
    indptr[r + 1] = cols.length;
  }
  const missing = o.missing ?? 0.2;
  const positiveRate = o.positiveRate ?? 0.3;
  const labels = new Int8Array(N * K);
  for (let j = 0; j < labels.length; j++) labels[j] = rng.next() < missing ? -1 : rng.next() < positiveRate ? 1 : 0;
  const rows = Int32Array.from({ length: N }, (_, i) => i);
  return { features: { indptr, indices: Int32Array.from(cols), dim: D }, data: { rows, labels } };
}
