/**
 * One data-lookahead probe (DESIGN §4): with the model at its current state, for each source j with a batch
 * of UNSEEN task-j samples (labelled for task j only), take one plain SGD step on the SHARED trunk with
 * ∇_shared L_j(unseen batch), read every target's VALIDATION loss in evaluation mode, restore:
 *
 *   forward:  Z_{j→i} = 1 − L_i^val(θ − lr·g_j) / L_i^val(θ)                         (÷ lr when `divideByLr`)
 *   central:  Z_{j→i} = [L_i^val(θ + lr·g_j) − L_i^val(θ − lr·g_j)] / (2·L_i^val(θ))    (÷ lr when `divideByLr`)
 *
 * Both estimate lr·(∇L_i^val · g_j)/L_i^val, the directional derivative the design asks for. The forward difference adds
 * the curvature term −(lr/2)·g_jᵀH_i g_j/L_i, which is never positive and grows with |g_j|² — i.e. with the
 * source's gradient noise, largest for small probe batches. On planted data (1,200 labels per task, hidden 16,
 * batch 8) it made nearly every off-diagonal entry negative and pulled the same-family ranking AUC down from
 * 0.89–1.00 (central) to 0.67–0.94 (forward, 16 replicates, 3 seeds). The central difference cancels every
 * even-order term at the price of a second read per step; it is the default.
 *
 * stored as z[target = i][source = j]; the diagonal (own unseen samples → own validation loss) is the slope
 * of the single-task learning curve and is kept. Context probe for target i: one step with the summed
 * gradients of all other sources' unseen batches (the masked multi-task loss Σ_{j≠i} L_j, i.e. adding one
 * batch of every other task at once) → context[i]. It is only taken when every other task with a pool has a
 * batch in this probe (otherwise it would not be "all tasks but i").
 *
 * Cost per probe: the per-source gradients come from ONE batched call (the union of the batches, each row
 * labelled for its source only, so L_j over the union is L_j over batch j), and all K targets' losses from
 * one evaluation pass over the validation rows per step.
 */
import { evaluateLosses, type LabelledRows, type Matrix, type MultiTaskModel } from '@transferbench/core';
import type { ProbeBuffers } from '../shared/probe-buffers.ts';

export interface LookaheadProbeOptions {
  /** learning rate of the lookahead SGD step */
  lr: number;
  /** divide Z by lr (comparable across learning rates) */
  divideByLr: boolean;
  /** also take the context probes */
  context: boolean;
  /** finite difference: one step (forward) or a step each way (central, no curvature bias); default central */
  difference?: 'forward' | 'central';
  /** arrays reused across the probes of one model (else fresh ones per probe) */
  buffers?: ProbeBuffers;
}

export interface LookaheadProbeResult {
  /** z[target][source]; null where the source had no batch or the target no validation label */
  z: Matrix;
  /** context[target]; null where not probed */
  context: (number | null)[];
  /** sources probed */
  sources: number[];
  /** validation losses before the steps */
  before: Float64Array;
  /** SGD steps taken (sources + context; two per direction for the central difference) */
  steps: number;
  /** samples × (forward + backward) passes spent (forward-only counts ½) */
  samplePasses: number;
}

/** Concatenates per-source batches (each row labelled for its source only) into one batch. */
export function unionBatch(batches: readonly (LabelledRows | null)[], K: number): LabelledRows {
  const present = batches.filter((b): b is LabelledRows => b !== null);
  const n = present.reduce((s, b) => s + b.rows.length, 0);
  const rows = new Int32Array(n);
  const labels = new Int8Array(n * K);
  let at = 0;
  for (const b of present) {
    rows.set(b.rows, at);
    labels.set(b.labels, at * K);
    at += b.rows.length;
  }
  return { rows, labels };
}

/**
 * @param unseen per task: its batch of unseen samples (labels for that task only), or null (not probed)
 * @param contextEligible per task: whether it must have a batch for a context probe of another target
 *   (tasks without any pool cannot, and do not block context probes)
 */
export function lookaheadProbe(
  model: MultiTaskModel,
  val: LabelledRows,
  unseen: readonly (LabelledRows | null)[],
  opts: LookaheadProbeOptions,
  contextEligible: readonly boolean[] = unseen.map(() => true),
): LookaheadProbeResult {
  const K = model.spec.numTasks;
  if (unseen.length !== K) throw new Error(`lookaheadProbe: ${unseen.length} source batches for ${K} tasks`);
  const z: Matrix = Array.from({ length: K }, () => new Array<number | null>(K).fill(null));
  const context = new Array<number | null>(K).fill(null);
  const sources = unseen.flatMap((b, t) => (b && b.rows.length > 0 ? [t] : []));
  const V = val.rows.length;
  const before = evaluateLosses(model, val);
  let steps = 0;
  let samplePasses = V / 2;
  if (sources.length === 0) return { z, context, sources, before, steps, samplePasses };
  const scale = opts.divideByLr ? 1 / opts.lr : 1;
  const targets = Array.from({ length: K }, (_, t) => t).filter((t) => Number.isFinite(before[t]) && before[t] > 0);
  const union = unionBatch(unseen, K);
  const grads = model.sharedGradients(union, sources, opts.buffers?.gradients(sources.length));
  samplePasses += union.rows.length;
  const snapshot = model.snapshotShared(opts.buffers?.snapshot());
  const central = (opts.difference ?? 'central') === 'central';
  const read = (direction: Float32Array, lr: number): Float64Array => {
    model.sgdStepShared(direction, lr);
    const losses = evaluateLosses(model, val);
    model.restoreShared(snapshot);
    steps++;
    samplePasses += V / 2;
    return losses;
  };
  /** per target: the relative validation-loss decrease per step along −direction (both differences) */
  const stepAndRead = (direction: Float32Array): Float64Array => {
    const after = read(direction, opts.lr);
    if (!central) return after.map((a, t) => 1 - a / before[t]);
    const back = read(direction, -opts.lr);
    return back.map((b, t) => (b - after[t]) / (2 * before[t]));
  };
  try {
    sources.forEach((source, k) => {
      const gain = stepAndRead(grads[k]);
      for (const target of targets) z[target][source] = gain[target] * scale;
    });
    if (opts.context) {
      const total = opts.buffers ? opts.buffers.extra(0).fill(0) : new Float32Array(grads[0].length);
      for (const g of grads) for (let p = 0; p < g.length; p++) total[p] += g[p];
      // every entry is written before each use (set or the loop below)
      const direction = opts.buffers ? opts.buffers.extra(1) : new Float32Array(total.length);
      for (const target of targets) {
        const complete = unseen.every((b, t) => t === target || !contextEligible[t] || (b !== null && b.rows.length > 0));
        const others = sources.filter((s) => s !== target);
        if (!complete || others.length === 0) continue;
        const own = sources.indexOf(target);
        if (own >= 0) for (let p = 0; p < total.length; p++) direction[p] = total[p] - grads[own][p];
        else direction.set(total);
        context[target] = stepAndRead(direction)[target] * scale;
      }
    }
  } catch (err) {
    model.restoreShared(snapshot);
    throw err;
  }
  return { z, context, sources, before, steps, samplePasses };
}
