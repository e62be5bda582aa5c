/**
 * The probe primitives `lookaheadLosses` and `sharedGradientProducts` for every engine: the engine's own
 * (batched, e.g. through the batch's Gram matrix) when it has one, otherwise built from the contract's
 * stepping primitives — the path TAG and gradient-cosine always took before the primitives existed:
 * - lookahead: per source, `sgdStepShared(∇L_s, lr)`, `taskLosses`, `restoreShared` (the contextual
 *   direction Σ_{other sources} ∇L summed in float64 and rounded to float32, as a direction has to be);
 * - products: one gradient per task (`sharedGradients`), dot products in float64 over the W1 rows that
 *   are non-zero in both (a minibatch gradient is zero on the rows of the bits no batch row has).
 * The fallback holds one shared-size gradient per task (4·sharedSize bytes each): fine for tens of tasks;
 * at hundreds, use an engine with the primitives (fast).
 */
import type { GradientProducts, LookaheadLosses, LookaheadRequest, MultiTaskModel } from '../contracts/model.ts';
import type { LabelledRows } from '../contracts/split.ts';

/** Reusable shared-size arrays for the fallbacks (estimators' ProbeBuffers fits); fresh arrays without it. */
export interface SharedWorkArrays {
  /** `n` distinct arrays for `sharedGradients`' `out` */
  gradients(n: number): Float32Array[];
  /** the array for `snapshotShared`' `out` */
  snapshot(): Float32Array;
  /** work array number i, distinct from the others */
  extra(i: number): Float32Array;
}

function checkTasks(who: string, tasks: readonly number[], K: number): void {
  const seen = new Set<number>();
  for (const t of tasks) {
    if (!(Number.isInteger(t) && t >= 0 && t < K)) throw new Error(`${who}: task ${t}: expected an integer in [0, ${K})`);
    if (seen.has(t)) throw new Error(`${who}: task ${t} listed twice; expected distinct tasks`);
    seen.add(t);
  }
}

/** `model.lookaheadLosses` if the engine has it, else the stepping fallback. */
export function lookaheadLosses(
  model: MultiTaskModel,
  batch: LabelledRows,
  lr: number,
  request: LookaheadRequest,
  work?: SharedWorkArrays,
): LookaheadLosses {
  checkTasks('lookaheadLosses: sources', request.sources, model.spec.numTasks);
  if (!Number.isFinite(lr)) throw new Error(`lookaheadLosses: lr = ${lr}; expected a finite number`);
  if (model.lookaheadLosses) return model.lookaheadLosses(batch, lr, request);
  return lookaheadLossesByStepping(model, batch, lr, request, work);
}

/** The fallback of `lookaheadLosses`: step, read every loss, restore, per direction. */
export function lookaheadLossesByStepping(
  model: MultiTaskModel,
  batch: LabelledRows,
  lr: number,
  request: LookaheadRequest,
  work?: SharedWorkArrays,
): LookaheadLosses {
  const K = model.spec.numTasks;
  const S = request.sources.length;
  const before = model.taskLosses(batch);
  const after = new Float64Array(S * K).fill(NaN);
  const contextual = request.contextual ? new Float64Array(S).fill(NaN) : undefined;
  if (S === 0) return { before, after, contextual };
  const grads = model.sharedGradients(batch, request.sources, work?.gradients(S));
  const snapshot = model.snapshotShared(work?.snapshot());
  try {
    for (let k = 0; k < S; k++) {
      model.sgdStepShared(grads[k], lr);
      after.set(model.taskLosses(batch), k * K);
      model.restoreShared(snapshot);
    }
    if (contextual) {
      const P = model.sharedSize;
      const total = new Float64Array(P);
      for (const g of grads) for (let i = 0; i < P; i++) total[i] += g[i];
      const direction = work?.extra(0) ?? new Float32Array(P);
      for (let k = 0; k < S; k++) {
        const g = grads[k];
        for (let i = 0; i < P; i++) direction[i] = total[i] - g[i];
        model.sgdStepShared(direction, lr);
        contextual[k] = model.taskLosses(batch)[request.sources[k]];
        model.restoreShared(snapshot);
      }
    }
  } catch (err) {
    model.restoreShared(snapshot);
    throw err;
  }
  return { before, after, contextual };
}

/** `model.sharedGradientProducts` if the engine has it, else the fallback from `sharedGradients`. */
export function sharedGradientProducts(
  model: MultiTaskModel,
  batch: LabelledRows,
  tasks: readonly number[],
  work?: SharedWorkArrays,
): GradientProducts {
  checkTasks('sharedGradientProducts: tasks', tasks, model.spec.numTasks);
  if (model.sharedGradientProducts) return model.sharedGradientProducts(batch, tasks);
  return sharedGradientProductsByGradients(model, batch, tasks, work);
}

/** The fallback of `sharedGradientProducts`: the gradients themselves, dot products over shared non-zero rows. */
export function sharedGradientProductsByGradients(
  model: MultiTaskModel,
  batch: LabelledRows,
  tasks: readonly number[],
  work?: SharedWorkArrays,
): GradientProducts {
  const n = tasks.length;
  const gram = new Float64Array(n * n);
  const withSum = new Float64Array(n);
  if (n === 0) return { gram, withSum, sumNorm2: 0 };
  const grads = model.sharedGradients(batch, tasks, work?.gradients(n));
  const H = model.spec.hidden;
  const rows = model.sharedSize / H; // W1's inputDim rows, then b1 as one more row
  const nonzero = grads.map((g) => nonzeroRows(g, rows, H));
  for (let a = 0; a < n; a++) {
    for (let b = a; b < n; b++) {
      let s = 0;
      const x = nonzero[a],
        y = nonzero[b];
      for (let i = 0, j = 0; i < x.length && j < y.length;) {
        // sorted-list intersection
        if (x[i] < y[j]) i++;
        else if (x[i] > y[j]) j++;
        else {
          s += dot(grads[a], grads[b], x[i] * H, x[i] * H + H);
          i++;
          j++;
        }
      }
      gram[a * n + b] = s;
      gram[b * n + a] = s;
    }
  }
  let sumNorm2 = 0;
  for (let a = 0; a < n; a++) {
    let s = 0;
    for (let b = 0; b < n; b++) s += gram[a * n + b];
    withSum[a] = s;
    sumNorm2 += s;
  }
  return { gram, withSum, sumNorm2 };
}

/** Rows (of H values) of g with any non-zero bit, ascending. */
function nonzeroRows(g: Float32Array, rows: number, H: number): Int32Array {
  const out: number[] = [];
  for (let r = 0; r < rows; r++) {
    for (let u = r * H, e = u + H; u < e; u++)
      if (g[u] !== 0) {
        out.push(r);
        break;
      }
  }
  return Int32Array.from(out);
}

function dot(x: Float32Array, y: Float32Array, from: number, to: number): number {
  let s0 = 0,
    s1 = 0;
  let i = from;
  for (; i + 1 < to; i += 2) {
    s0 += x[i] * y[i];
    s1 += x[i + 1] * y[i + 1];
  }
  if (i < to) s0 += x[i] * y[i];
  return s0 + s1;
}
