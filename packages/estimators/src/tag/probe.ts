/**
 * One TAG probe (Fifty et al. 2021, "Efficiently Identifying Task Groupings for Multi-Task Learning";
 * reference code google-research/tag, `lookahead` + `train_batch`): on the CURRENT training minibatch,
 * for each source task i with labels in it, take one plain SGD step on the SHARED parameters only
 * with ∇_shared L_i, recompute every task's loss on the same minibatch with the heads unchanged, and
 * restore the shared parameters:
 *
 *   Z_{i→j} = 1 − L_j(after) / L_j(before)      (÷ lr when `divideByLr`, as the reference code does)
 *
 * stored as z[target = j][source = i]. The diagonal (i = j, self-affinity) is kept.
 *
 * Differences from the reference, on purpose:
 * - Losses are evaluated in evaluation mode (no dropout) both before and after the step: the probe then
 *   neither draws from the model's dropout stream (training with and without probes is identical step
 *   for step) nor adds dropout noise to the ratio. (The reference takes L(before) from the training
 *   forward pass and L(after) from a no-grad forward in training mode.)
 * - Plain SGD without momentum or weight decay: the study's models train with Adam, whose state the
 *   engine contract does not expose; the reference replays its optimiser's momentum buffer.
 * All K per-task losses come from one batched forward pass (`taskLosses`).
 */
import type { LabelledRows, Matrix, MultiTaskModel } from '@transferbench/core';
import type { ProbeBuffers } from '../shared/probe-buffers.ts';

export interface TagProbeOptions {
  /** learning rate of the lookahead SGD step */
  lr: number;
  /** divide Z by lr (reference code); makes Z comparable across learning rates */
  divideByLr: boolean;
  /** arrays reused across the probes of one model (else the engine allocates fresh ones per probe) */
  buffers?: ProbeBuffers;
}

export interface TagProbeResult {
  /** z[target][source]; null where the source or the target has no label in the batch */
  z: Matrix;
  /** tasks with labels in the batch (probed as sources, scored as targets) */
  present: number[];
  /** losses before the step (evaluation mode), NaN where a task has no label */
  before: Float64Array;
}

export function tagProbe(model: MultiTaskModel, batch: LabelledRows, opts: TagProbeOptions): TagProbeResult {
  const K = model.spec.numTasks;
  const before = model.taskLosses(batch);
  const present: number[] = [];
  for (let t = 0; t < K; t++) if (Number.isFinite(before[t]) && before[t] > 0) present.push(t);
  const z: Matrix = Array.from({ length: K }, () => new Array<number | null>(K).fill(null));
  if (present.length === 0) return { z, present, before };
  const grads = model.sharedGradients(batch, present, opts.buffers?.gradients(present.length));
  const snapshot = model.snapshotShared(opts.buffers?.snapshot());
  const scale = opts.divideByLr ? 1 / opts.lr : 1;
  try {
    present.forEach((source, k) => {
      model.sgdStepShared(grads[k], opts.lr);
      const after = model.taskLosses(batch);
      model.restoreShared(snapshot);
      for (const target of present) z[target][source] = (1 - after[target] / before[target]) * scale;
    });
  } catch (err) {
    model.restoreShared(snapshot);
    throw err;
  }
  return { z, present, before };
}

/**
 * Sample-passes of one probe over a batch of n rows with S present tasks: the "before" forward (½ pass
 * per sample), S per-task gradients (1 pass each) and S "after" forwards (½ each).
 */
export function tagProbePasses(n: number, S: number): number {
  return n * (0.5 + S + 0.5 * S);
}
