/**
 * From scores to sparse noisy binary labels: threshold at a quantile, flip a fraction, keep a subset.
 */
import type { Rng } from '@transferbench/core';

/**
 * Fraction of compounds to call positive before noise so that, after flipping each label with
 * probability e, the expected positive rate is p:  q·(1−e) + (1−q)·e = p  ⇒  q = (p − e)/(1 − 2e).
 */
export function cleanPositiveFraction(positiveRate: number, labelNoise: number): number {
  return (positiveRate - labelNoise) / (1 - 2 * labelNoise);
}

/** 1 for the round(q·N) highest scores, 0 otherwise (ties broken by compound index, deterministic). */
export function thresholdTop(score: Float64Array, q: number): Int8Array {
  const n = score.length;
  const k = Math.round(q * n);
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => score[b] - score[a] || a - b);
  const y = new Int8Array(n);
  for (let i = 0; i < k; i++) y[order[i]] = 1;
  return y;
}

/** Flips each label independently with probability e (in place). */
export function flipLabels(y: Int8Array, e: number, rng: Rng): Int8Array {
  for (let i = 0; i < y.length; i++) if (rng.next() < e) y[i] = 1 - y[i];
  return y;
}

/** `count` distinct compounds out of n, sorted: the compounds a task has measurements for. */
export function labelledSubset(n: number, count: number, rng: Rng): Int32Array {
  return rng.permutation(n).slice(0, Math.min(count, n)).sort();
}
