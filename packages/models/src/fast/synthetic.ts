/**
 * Synthetic sparse fingerprints with random partial labels, the shape of
 * ../shared/peers/torch_engine_bench.py (≈density ones per row, half the labels present, 30 %
 * positives): input for throughput benchmarks and engine tests, not a learning problem.
 */
import { Rng, type CsrMatrix, type LabelledRows } from '@transferbench/core';

export function syntheticFingerprints(N: number, D: number, K: number, density: number, seed: number) {
  const rng = new Rng(seed).stream('synthetic-fingerprints');
  const indptr = new Int32Array(N + 1);
  const cols: number[] = [];
  for (let r = 0; r < N; r++) {
    for (let j = 0; j < D; j++) if (rng.next() < density) cols.push(j);
    indptr[r + 1] = cols.length;
  }
  const labels = new Int8Array(N * K);
  for (let i = 0; i < N * K; i++) labels[i] = rng.next() < 0.5 ? (rng.next() < 0.3 ? 1 : 0) : -1;
  const features: CsrMatrix = { indptr, indices: Int32Array.from(cols), dim: D };
  return { features, labels };
}

/** Consecutive batches of `size` rows (the last may be shorter), labels as views. */
export function inOrderBatches(N: number, K: number, labels: Int8Array, size: number): LabelledRows[] {
  const out: LabelledRows[] = [];
  for (let s = 0; s < N; s += size) {
    const e = Math.min(N, s + size);
    out.push({ rows: Int32Array.from({ length: e - s }, (_, i) => s + i), labels: labels.subarray(s * K, e * K) });
  }
  return out;
}
