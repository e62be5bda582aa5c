/**
 * MultiTaskDataset: K tasks (targets/assays) over N samples (compounds).
 * Features are sparse binary rows in CSR form; labels are an N×K row-major Int8Array with
 * −1 = missing, 0 = negative, 1 = positive.
 */
import { z } from 'zod';

export interface CsrMatrix {
  /** length N+1; row r's active columns are indices[indptr[r] .. indptr[r+1]) */
  indptr: Int32Array;
  /** column ids of the ones, sorted ascending within each row */
  indices: Int32Array;
  /** number of columns (fingerprint bits) */
  dim: number;
}

export const taskInfoSchema = z.object({
  id: z.string().min(1),
  name: z.string().optional(),
  /** family / group when known (planted family for synthetic data, protein family for DTI) */
  group: z.string().nullable().optional(),
});
export type TaskInfo = z.infer<typeof taskInfoSchema>;

export const sampleInfoSchema = z.object({
  id: z.string().min(1),
  smiles: z.string().optional(),
  /** Bemis–Murcko scaffold key (canonical SMILES; '' for acyclic molecules) */
  scaffold: z.string().optional(),
});
export type SampleInfo = z.infer<typeof sampleInfoSchema>;

/** Ground truth known by construction (synthetic data). */
export const plantedStructureSchema = z.object({
  /** family label per task (null = independent task) */
  family: z.array(z.string().nullable()),
  /** indices of label-permuted control tasks (true nulls as targets) */
  controls: z.array(z.number().int().nonnegative()),
  /** relatedness ρ within families */
  rho: z.number(),
});
export type PlantedStructure = z.infer<typeof plantedStructureSchema>;

/**
 * An independent test sample drawn with the data (synthetic data): rows [from, to) are labelled for every
 * task, are never in any task's training pool, and form the test part of a `holdout` split. A large one makes
 * test-set noise negligible next to training noise, so a truth measured on it is decided by its seeds.
 */
export const heldOutTestSchema = z.object({ from: z.number().int().nonnegative(), to: z.number().int().nonnegative() });
export type HeldOutTest = z.infer<typeof heldOutTestSchema>;

export const datasetMetaSchema = z.object({
  source: z.string(),
  heldOutTest: heldOutTestSchema.optional(),
  description: z.string().optional(),
  planted: plantedStructureSchema.optional(),
  /** indices of label-permuted control tasks added to real data (true nulls by construction, like planted.controls) */
  controls: z.array(z.number().int().nonnegative()).optional(),
  warnings: z.array(z.string()).default([]),
  /** options the dataset was built with, for provenance */
  options: z.record(z.string(), z.unknown()).default({}),
});
export type DatasetMeta = z.infer<typeof datasetMetaSchema>;

export interface MultiTaskDataset {
  name: string;
  tasks: TaskInfo[];
  samples: SampleInfo[];
  features: CsrMatrix;
  /** N×K row-major: labels[r*K + t] ∈ {−1, 0, 1} */
  labels: Int8Array;
  meta: DatasetMeta;
}

/** Thrown when a dataset violates its contract; names the field and what was expected. */
export class DatasetValidationError extends Error {
  constructor(dataset: string, field: string, expected: string) {
    super(`dataset "${dataset}": ${field}: expected ${expected}`);
    this.name = 'DatasetValidationError';
  }
}

/** Checks every structural invariant of the contract; returns the dataset or throws. */
export function validateDataset(ds: MultiTaskDataset): MultiTaskDataset {
  const name = ds?.name ?? '<unnamed>';
  const fail = (field: string, expected: string): never => {
    throw new DatasetValidationError(name, field, expected);
  };
  if (typeof ds.name !== 'string' || !ds.name) fail('name', 'a non-empty string');
  z.array(taskInfoSchema).min(1).parse(ds.tasks);
  z.array(sampleInfoSchema).parse(ds.samples);
  datasetMetaSchema.parse(ds.meta);
  const N = ds.samples.length;
  const K = ds.tasks.length;
  const taskIds = new Set(ds.tasks.map((t) => t.id));
  if (taskIds.size !== K) fail('tasks', 'unique task ids');
  const { indptr, indices, dim } = ds.features;
  if (!(indptr instanceof Int32Array)) fail('features.indptr', 'an Int32Array');
  if (!(indices instanceof Int32Array)) fail('features.indices', 'an Int32Array');
  if (!Number.isInteger(dim) || dim <= 0) fail('features.dim', 'a positive integer');
  if (indptr.length !== N + 1) fail('features.indptr', `length N+1 = ${N + 1}, got ${indptr.length}`);
  if (indptr[0] !== 0 || indptr[N] !== indices.length) fail('features.indptr', 'to start at 0 and end at indices.length');
  for (let r = 0; r < N; r++) {
    const a = indptr[r],
      b = indptr[r + 1];
    if (b < a) fail(`features.indptr[${r + 1}]`, 'non-decreasing row pointers');
    for (let p = a; p < b; p++) {
      const c = indices[p];
      if (c < 0 || c >= dim) fail(`features.indices[${p}]`, `a column in [0, ${dim}), got ${c}`);
      if (p > a && c <= indices[p - 1]) fail(`features row ${r}`, 'strictly increasing column indices');
    }
  }
  if (!(ds.labels instanceof Int8Array)) fail('labels', 'an Int8Array');
  if (ds.labels.length !== N * K) fail('labels', `length N×K = ${N * K}, got ${ds.labels.length}`);
  for (let i = 0; i < ds.labels.length; i++) {
    const v = ds.labels[i];
    if (v !== -1 && v !== 0 && v !== 1) fail(`labels[row ${Math.floor(i / K)}, task ${i % K}]`, `−1, 0 or 1, got ${v}`);
  }
  const held = ds.meta.heldOutTest;
  if (held && !(held.from < held.to && held.to <= N))
    fail('meta.heldOutTest', `rows [from, to) with from < to ≤ N = ${N}, got [${held.from}, ${held.to})`);
  const planted = ds.meta.planted;
  if (planted) {
    if (planted.family.length !== K) fail('meta.planted.family', `one entry per task (${K})`);
    for (const c of planted.controls) if (c >= K) fail('meta.planted.controls', `task indices < ${K}`);
  }
  for (const c of ds.meta.controls ?? [])
    if (!(Number.isInteger(c) && c >= 0 && c < K)) fail('meta.controls', `task indices in [0, ${K}), got ${c}`);
  return ds;
}

export interface TaskLabelStats {
  id: string;
  labels: number;
  positives: number;
}

/** Number of labels and positives per task. */
export function taskLabelStats(ds: MultiTaskDataset): TaskLabelStats[] {
  const K = ds.tasks.length;
  const out = ds.tasks.map((t) => ({ id: t.id, labels: 0, positives: 0 }));
  for (let i = 0; i < ds.labels.length; i++) {
    const v = ds.labels[i];
    if (v >= 0) {
      out[i % K].labels++;
      if (v === 1) out[i % K].positives++;
    }
  }
  return out;
}
