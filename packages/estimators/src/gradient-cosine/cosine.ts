/**
 * Cosine similarity between per-task shared-parameter gradients, accumulated in float64.
 * Pairs where either gradient is zero (task without labels in the batch) are left out (null).
 */
import type { Matrix } from '@transferbench/core';

/** cos[i][j] for the given gradients (aligned with `tasks`), as a K×K matrix; diagonal null. */
export function gradientCosines(K: number, tasks: readonly number[], grads: readonly Float32Array[]): Matrix {
  const out: Matrix = Array.from({ length: K }, () => new Array<number | null>(K).fill(null));
  const norms = grads.map((g) => Math.sqrt(dot(g, g)));
  for (let a = 0; a < tasks.length; a++) {
    for (let b = a + 1; b < tasks.length; b++) {
      if (!(norms[a] > 0 && norms[b] > 0)) continue;
      const c = dot(grads[a], grads[b]) / (norms[a] * norms[b]);
      out[tasks[a]][tasks[b]] = c;
      out[tasks[b]][tasks[a]] = c;
    }
  }
  return out;
}

function dot(x: Float32Array, y: Float32Array): number {
  if (x.length !== y.length) throw new Error(`gradientCosines: gradients of length ${x.length} and ${y.length}`);
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  const n = x.length - (x.length % 4);
  for (let i = 0; i < n; i += 4) {
    s0 += x[i] * y[i];
    s1 += x[i + 1] * y[i + 1];
    s2 += x[i + 2] * y[i + 2];
    s3 += x[i + 3] * y[i + 3];
  }
  for (let i = n; i < x.length; i++) s0 += x[i] * y[i];
  return s0 + s1 + s2 + s3;
}
