/**
 * Latent binding functions. A binding function has two parts, each standardised over the compounds
 * (mean 0, sd 1) and mixed so that a share `seriesShare` of its variance comes from the first:
 * - a series effect: one N(0, 1) value per latent chemotype (series-level activity, as whole chemical
 *   series tend to be active or inactive on a target);
 * - a pocket score: N(0, 1) weights on `pocketBits` of the shared fragment bits, summed over the bits a
 *   compound has (substituent-level structure–activity relationship within a series).
 * A family task's score is ρ·family + √(1−ρ²)·own, so two tasks of one family have score correlation
 * ≈ ρ² and share one function of the input, which a shared hidden layer can learn from pooled labels.
 *
 * Why this form: with the benchmark's net (Adam on 2,048 sparse inputs, early stopping on the summed
 * validation loss) functions spread over many bits are barely learnable from a few hundred labels, and
 * sibling-learned fragment features hardly reach another task's head; series-level activity moves many
 * bits' weights coherently, so a family's series effects, learned from the siblings' labels, do reach a
 * data-poor target. Hence the default series share of 0.9 (see options.ts for the measured effects).
 */
import type { CsrMatrix, Rng } from '@transferbench/core';

export interface BindingOptions {
  pocketBits: number;
  seriesShare: number;
}

/** Mean 0, sd 1 in place (only centred if constant). */
export function standardise(s: Float64Array): Float64Array {
  const n = s.length || 1;
  let mean = 0;
  for (const v of s) mean += v;
  mean /= n;
  let ss = 0;
  for (const v of s) ss += (v - mean) ** 2;
  const sd = Math.sqrt(ss / n);
  for (let r = 0; r < s.length; r++) s[r] = sd > 0 ? (s[r] - mean) / sd : s[r] - mean;
  return s;
}

/** score[r] = Σ_{j active in row r} w[j]. */
export function linearScores(features: CsrMatrix, w: Float64Array): Float64Array {
  const n = features.indptr.length - 1;
  const s = new Float64Array(n);
  for (let r = 0; r < n; r++) {
    let acc = 0;
    for (let p = features.indptr[r]; p < features.indptr[r + 1]; p++) acc += w[features.indices[p]];
    s[r] = acc;
  }
  return s;
}

/** a·x + b·y element-wise. */
export function mix(a: number, x: Float64Array, b: number, y: Float64Array): Float64Array {
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = a * x[i] + b * y[i];
  return out;
}

/** One random binding function evaluated on every compound (standardised). */
export function bindingScores(
  features: CsrMatrix,
  chemotype: Int32Array,
  chemotypes: number,
  fragments: Int32Array,
  o: BindingOptions,
  rng: Rng,
): Float64Array {
  const effect = Float64Array.from({ length: chemotypes }, () => rng.normal());
  const series = standardise(Float64Array.from(chemotype, (c) => effect[c]));
  const w = new Float64Array(features.dim);
  const pocket = rng.permutation(fragments.length);
  for (let i = 0; i < Math.min(o.pocketBits, fragments.length); i++) w[fragments[pocket[i]]] = rng.normal();
  const pocketScore = standardise(linearScores(features, w));
  return standardise(mix(Math.sqrt(o.seriesShare), series, Math.sqrt(1 - o.seriesShare), pocketScore));
}

/**
 * Gram–Schmidt over centred score vectors, in order: each output has mean 0, sd 1 and zero sample
 * correlation with the earlier ones. A vector (numerically) spanned by earlier ones — only possible when
 * there are more functions than chemotypes + fragment bits — is kept as is (standardised), not dropped.
 */
export function orthonormalise(scores: Float64Array[]): Float64Array[] {
  const out: Float64Array[] = [];
  for (const s0 of scores) {
    const s = standardise(Float64Array.from(s0));
    const n = s.length;
    for (const b of out) {
      let dot = 0;
      for (let i = 0; i < n; i++) dot += s[i] * b[i];
      dot /= n;
      for (let i = 0; i < n; i++) s[i] -= dot * b[i];
    }
    let ss = 0;
    for (const v of s) ss += v * v;
    out.push(ss / n > 1e-6 ? standardise(s) : standardise(Float64Array.from(s0)));
  }
  return out;
}
