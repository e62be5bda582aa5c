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
 * of the single-task learning curve and is kept.
 *
 * Context probe (the contextual effect of all other tasks' data on target i), at a cost linear in K: ONE
 * step pair along the mean Ḡ = G/m of the m probed sources' gradients (G = Σ_j g_j), every target's loss read
 * once, then context[i] = m·D_i − z_ii (i probed in this round) or m·D_i (i not probed), where D_i is the
 * difference of that step, in the same form as z. Both terms are differences whose leading term is linear in
 * the direction, so with the central difference context[i] = lr·∇L_i^val·(G − g_i)/L_i^val + O(lr³) — the
 * derivative of a step with the summed batches of every other task (version 2 took that step once per target:
 * K steps, each reading all K losses, K² work per probe; with the forward difference the two terms' curvature
 * terms do not combine into that step's, one more reason for the central default). The step along the MEAN keeps its length that of one source's step at any K
 * (a step along the sum grows with K and leaves the range where the difference is linear); multiplying by m
 * restores the units of a sum. To first order context[i] = Σ_{j≠i} z_ij of the same probe: the direct step
 * adds what the pairwise probes cannot see, the interaction of the sources beyond first order. Taken when at
 * least 2 sources are in the probe, for every target with a validation loss.
 *
 * Cost per probe: gradients from batched calls over the union of up to SOURCES_PER_CALL sources' batches (each
 * row labelled for its source only, so L_j over the union is L_j over batch j; chunks keep the gradient
 * buffers at SOURCES_PER_CALL × the trunk's size whatever K is), and all K targets' losses from one
 * evaluation pass over the validation rows per step.
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

/** Sources per sharedGradients call: bounds the gradient buffers (each the trunk's size, 2 MB at the default shape). */
export const SOURCES_PER_CALL = 16;

export interface LookaheadProbeResult {
  /** z[target][source]; null where the source had no batch or the target no validation label */
  z: Matrix;
  /** context[target]; null where not probed (no other source in this probe, or no validation label) */
  context: (number | null)[];
  /** sources probed */
  sources: number[];
  /** validation losses before the steps */
  before: Float64Array;
  /** SGD steps taken (sources + one context direction; two per direction for the central difference) */
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
 */
export function lookaheadProbe(
  model: MultiTaskModel,
  val: LabelledRows,
  unseen: readonly (LabelledRows | null)[],
  opts: LookaheadProbeOptions,
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
  // Σ_j g_j (float32 like the gradients: a relative rounding error of ~1e-6 even over hundreds of sources)
  const total =
    opts.context && sources.length >= 2 ? (opts.buffers ? opts.buffers.extra(0).fill(0) : new Float32Array(snapshot.length)) : null;
  try {
    for (let c = 0; c < sources.length; c += SOURCES_PER_CALL) {
      const chunk = sources.slice(c, c + SOURCES_PER_CALL);
      const union = unionBatch(
        chunk.map((s) => unseen[s]),
        K,
      );
      const grads = model.sharedGradients(union, chunk, opts.buffers?.gradients(chunk.length));
      samplePasses += union.rows.length;
      chunk.forEach((source, k) => {
        const g = grads[k];
        if (total) for (let p = 0; p < g.length; p++) total[p] += g[p];
        const gain = stepAndRead(g);
        for (const target of targets) z[target][source] = gain[target] * scale;
      });
    }
    if (total) {
      const m = sources.length;
      for (let p = 0; p < total.length; p++) total[p] /= m; // the mean direction
      const gain = stepAndRead(total);
      for (const target of targets) {
        const own = sources.includes(target) ? (z[target][target] as number) : 0;
        context[target] = m * gain[target] * scale - own;
      }
    }
  } catch (err) {
    model.restoreShared(snapshot);
    throw err;
  }
  return { z, context, sources, before, steps, samplePasses };
}
