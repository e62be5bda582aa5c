/**
 * One TAG probe (Fifty et al. 2021, "Efficiently Identifying Task Groupings for Multi-Task Learning";
 * reference code google-research/tag, `lookahead` + `train_batch`): on the CURRENT training minibatch,
 * for each source task i with labels in it, one plain SGD step on the SHARED parameters only with
 * ∇_shared L_i, every task's loss on the same minibatch with the heads unchanged, and the shared
 * parameters as they were:
 *
 *   Z_{i→j} = 1 − L_j(after) / L_j(before)      (÷ lr when `divideByLr`, as the reference code does)
 *
 * stored as [target = j][source = i]. The diagonal (i = j, self-affinity) is kept. The contextual value
 * of target i is the same with the summed update of all OTHER tasks in the batch,
 * Z_{Σ→i} = 1 − L_i(after the step along Σ_{j≠i} ∇L_j) / L_i(before): what the other tasks together do
 * for i (> 0 = their joint step lowers i's loss); not measured when i is the only task in the batch.
 *
 * The lookahead losses come from core's `lookaheadLosses`: the engine's batched primitive where it has
 * one (fast: from the batch's Gram matrix, exact, no step or restore), else step / read / restore per
 * direction through the contract's stepping primitives.
 *
 * Differences from the reference, on purpose:
 * - Losses are evaluated in evaluation mode (no dropout) both before and after the step: the probe then
 *   neither draws from the model's dropout stream (training with and without probes is identical step
 *   for step) nor adds dropout noise to the ratio. (The reference takes L(before) from the training
 *   forward pass and L(after) from a no-grad forward in training mode.)
 * - Plain SGD without momentum or weight decay: the study's models train with Adam, whose state the
 *   engine contract does not expose; the reference replays its optimiser's momentum buffer.
 */
import { lookaheadLosses, type LabelledRows, type Matrix, type MultiTaskModel, type SharedWorkArrays } from '@transferbench/core';

export interface TagProbeOptions {
  /** learning rate of the lookahead SGD step */
  lr: number;
  /** divide Z by lr (reference code); makes Z comparable across learning rates */
  divideByLr: boolean;
  /** also the contextual lookahead (summed update of the other tasks); default true */
  contextual?: boolean;
  /** arrays reused across the probes of one model by the stepping fallback (engines without the primitive) */
  buffers?: SharedWorkArrays;
}

export interface TagProbeResult {
  /** tasks with labels in the batch (probed as sources, scored as targets), ascending */
  present: number[];
  /** z[a·n + b] = Z[target present[a]][source present[b]], n = present.length */
  z: Float64Array;
  /** contextual[a] = Z_{Σ→present[a]}; NaN where not measured; null when not asked for */
  contextual: Float64Array | null;
  /** losses before the step (evaluation mode), NaN where a task has no label */
  before: Float64Array;
}

/** Tasks with at least one label in the batch, ascending. */
export function labelledTasks(labels: Int8Array, K: number): number[] {
  const seen = new Uint8Array(K);
  for (let i = 0; i < labels.length; i++) if (labels[i] >= 0) seen[i % K] = 1;
  const out: number[] = [];
  for (let t = 0; t < K; t++) if (seen[t]) out.push(t);
  return out;
}

export function tagProbe(model: MultiTaskModel, batch: LabelledRows, opts: TagProbeOptions): TagProbeResult {
  const K = model.spec.numTasks;
  const sources = labelledTasks(batch.labels, K);
  const wantContext = opts.contextual ?? true;
  const res = lookaheadLosses(model, batch, opts.lr, { sources, contextual: wantContext && sources.length > 1 }, opts.buffers);
  const { before } = res;
  // a task whose loss is exactly 0 (or not finite) has no ratio to read
  const keep: number[] = [];
  sources.forEach((t, k) => {
    if (Number.isFinite(before[t]) && before[t] > 0) keep.push(k);
  });
  const present = keep.map((k) => sources[k]);
  const n = present.length;
  const scale = opts.divideByLr ? 1 / opts.lr : 1;
  const z = new Float64Array(n * n);
  for (let b = 0; b < n; b++) {
    const row = keep[b] * K; // source present[b]'s lookahead
    for (let a = 0; a < n; a++) z[a * n + b] = (1 - res.after[row + present[a]] / before[present[a]]) * scale;
  }
  let contextual: Float64Array | null = null;
  if (wantContext) {
    contextual = new Float64Array(n).fill(NaN);
    if (res.contextual) for (let a = 0; a < n; a++) contextual[a] = (1 - res.contextual[keep[a]] / before[present[a]]) * scale;
  }
  return { present, z, contextual, before };
}

/** The probe's Z as a K×K matrix [target][source], null where not measured (for tests and inspection). */
export function tagProbeMatrix(result: Pick<TagProbeResult, 'present' | 'z'>, K: number): Matrix {
  const m: Matrix = Array.from({ length: K }, () => new Array<number | null>(K).fill(null));
  const n = result.present.length;
  for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) m[result.present[a]][result.present[b]] = result.z[a * n + b];
  return m;
}

/**
 * Nominal sample-passes of one probe over a batch of n rows with S labelled tasks, as the stepping
 * implementation spends them: the "before" forward (½ pass per sample), S per-task gradients (1 pass
 * each), S "after" forwards (½ each) and, with the contextual lookahead, S more "after" forwards.
 */
export function tagProbePasses(n: number, S: number, contextual = false): number {
  return n * (0.5 + S + 0.5 * S + (contextual ? 0.5 * S : 0));
}
