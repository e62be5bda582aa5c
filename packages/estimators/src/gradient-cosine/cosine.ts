/**
 * Cosine similarity between per-task shared-parameter gradients, accumulated in float64.
 * Pairs where either gradient is zero (task without labels in the batch) are left out (null).
 *
 * Speed: a task's trunk gradient is exactly zero outside the W1 rows of the input bits active in that
 * task's labelled rows of the minibatch (plus b1). With a `support` (from `batchGradientSupport`) each
 * dot product runs only over the bits both tasks share — contiguous blocks of `hidden` values — instead
 * of the full inputDim·hidden vector (≈ 10× less work on the default data). Layout per the engine
 * contract: W1 row-major (inputDim × hidden), then b1.
 */
import type { CsrMatrix, LabelledRows, Matrix } from '@transferbench/core';

export interface GradientSupport {
  /** per gradient (aligned with `tasks`): sorted input bits whose W1 row may be non-zero */
  bits: Int32Array[];
  hidden: number;
}

/** Input bits active in each task's labelled rows of the batch. */
export function batchGradientSupport(
  features: CsrMatrix,
  batch: LabelledRows,
  tasks: readonly number[],
  K: number,
  hidden: number,
): GradientSupport {
  const bits = tasks.map((t) => {
    const seen = new Uint8Array(features.dim);
    for (let i = 0; i < batch.rows.length; i++) {
      if (batch.labels[i * K + t] < 0) continue;
      const r = batch.rows[i];
      for (let p = features.indptr[r]; p < features.indptr[r + 1]; p++) seen[features.indices[p]] = 1;
    }
    let n = 0;
    for (let c = 0; c < seen.length; c++) n += seen[c];
    const out = new Int32Array(n);
    for (let c = 0, k = 0; c < seen.length; c++) if (seen[c]) out[k++] = c;
    return out;
  });
  return { bits, hidden };
}

/** cos[i][j] for the given gradients (aligned with `tasks`), as a K×K matrix; diagonal null. */
export function gradientCosines(K: number, tasks: readonly number[], grads: readonly Float32Array[], support?: GradientSupport): Matrix {
  const out: Matrix = Array.from({ length: K }, () => new Array<number | null>(K).fill(null));
  if (grads.length !== tasks.length) throw new Error(`gradientCosines: ${grads.length} gradients for ${tasks.length} tasks`);
  const size = grads[0]?.length ?? 0;
  for (const g of grads) if (g.length !== size) throw new Error(`gradientCosines: gradients of length ${g.length} and ${size}`);
  const dot = (a: number, b: number): number => {
    if (!support) return denseDot(grads[a], grads[b], 0, size);
    const H = support.hidden;
    let s = denseDot(grads[a], grads[b], size - H, size); // b1
    const x = support.bits[a],
      y = support.bits[b];
    for (let i = 0, j = 0; i < x.length && j < y.length;) {
      // sorted-list intersection
      if (x[i] < y[j]) i++;
      else if (x[i] > y[j]) j++;
      else {
        s += denseDot(grads[a], grads[b], x[i] * H, x[i] * H + H);
        i++;
        j++;
      }
    }
    return s;
  };
  const norms = grads.map((_, a) => Math.sqrt(dot(a, a)));
  for (let a = 0; a < tasks.length; a++) {
    for (let b = a + 1; b < tasks.length; b++) {
      if (!(norms[a] > 0 && norms[b] > 0)) continue;
      const c = dot(a, b) / (norms[a] * norms[b]);
      out[tasks[a]][tasks[b]] = c;
      out[tasks[b]][tasks[a]] = c;
    }
  }
  return out;
}

function denseDot(x: Float32Array, y: Float32Array, from: number, to: number): number {
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
