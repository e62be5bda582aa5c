/**
 * Cosines of per-task shared-trunk gradients from their inner products (core's sharedGradientProducts:
 * the engine's Gram-matrix primitive on fast, the gradients themselves elsewhere), without forming a
 * gradient here.
 * - pairwise: cos(g_a, g_b) = g_a·g_b / (|g_a|·|g_b|), symmetric; pairs where either gradient is zero
 *   (task without labels) are not measured (NaN); the diagonal is not measured (trivially 1);
 * - contextual: cos(g_a, Σ_{b≠a} g_b) with g_a·Σ_{b≠a} g_b = g_a·S − |g_a|² and
 *   |Σ_{b≠a} g_b|² = |S|² − 2·g_a·S + |g_a|² (S = Σ_b g_b): O(1) per task from the engine's products with the
 *   sum, so the contextual values cost O(K) on top of the pairwise ones. > 0 = the other tasks' joint step
 *   also lowers task a's loss (to first order).
 * Cosines are clamped to [−1, 1] (rounding of the inner products can overshoot by ~1e-16).
 */
import type { GradientProducts } from '@transferbench/core';

export interface CosineProbe {
  /** values[a·n + b] = cos(g_a, g_b); NaN on the diagonal and where a gradient is zero */
  values: Float64Array;
  /** contextual[a] = cos(g_a, Σ_{b≠a} g_b); NaN where either is zero */
  contextual: Float64Array;
}

const clamp = (c: number) => Math.max(-1, Math.min(1, c));

export function cosinesFromProducts(n: number, p: GradientProducts): CosineProbe {
  if (p.gram.length !== n * n || p.withSum.length !== n)
    throw new Error(`cosinesFromProducts: products for ${Math.sqrt(p.gram.length)} tasks (${p.withSum.length} sums); expected ${n}`);
  const values = new Float64Array(n * n).fill(NaN);
  const contextual = new Float64Array(n).fill(NaN);
  const norm2 = Float64Array.from({ length: n }, (_, a) => p.gram[a * n + a]);
  for (let a = 0; a < n; a++) {
    if (!(norm2[a] > 0)) continue;
    for (let b = 0; b < n; b++) {
      if (b === a || !(norm2[b] > 0)) continue;
      values[a * n + b] = clamp(p.gram[a * n + b] / Math.sqrt(norm2[a] * norm2[b]));
    }
    const dot = p.withSum[a] - norm2[a];
    const others2 = p.sumNorm2 - 2 * p.withSum[a] + norm2[a];
    if (others2 > 0) contextual[a] = clamp(dot / Math.sqrt(norm2[a] * others2));
  }
  return { values, contextual };
}
