/**
 * Split: compound-level train pool / validation / test partition. Splitting by compound (not by
 * label) keeps a compound's labels for all tasks on one side, so the shared trunk never sees a
 * test compound through another task.
 */
import type { MultiTaskDataset } from './dataset.ts';

export type SplitKind = 'random' | 'scaffold' | 'kfold' | 'scaffold-kfold' | 'holdout';

export interface Split {
  kind: SplitKind;
  seed: number;
  /** fold index for k-fold splits */
  fold?: number;
  /** sample indices (rows of the dataset), sorted ascending, disjoint */
  train: Int32Array;
  val: Int32Array;
  test: Int32Array;
}

/** Labelled rows a model may see: labels[r*K + t] for the r-th entry of `rows` (−1 = hidden/missing). */
export interface LabelledRows {
  rows: Int32Array;
  labels: Int8Array;
}

/** The rows of `rows` with the dataset's labels; optionally only tasks where `taskMask[t]` is true. */
export function labelledRows(ds: MultiTaskDataset, rows: Int32Array, taskMask?: ArrayLike<boolean>): LabelledRows {
  const K = ds.tasks.length;
  const labels = new Int8Array(rows.length * K).fill(-1);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    for (let t = 0; t < K; t++) {
      if (taskMask && !taskMask[t]) continue;
      labels[i * K + t] = ds.labels[r * K + t];
    }
  }
  return { rows, labels };
}

/** Indices (into `rows`) of the entries labelled for task t. */
export function labelledFor(ds: MultiTaskDataset, rows: Int32Array, t: number): Int32Array {
  const K = ds.tasks.length;
  const out: number[] = [];
  for (let i = 0; i < rows.length; i++) if (ds.labels[rows[i] * K + t] >= 0) out.push(rows[i]);
  return Int32Array.from(out);
}
