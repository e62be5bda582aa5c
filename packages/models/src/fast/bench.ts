/**
 * Throughput of the fast engine on synthetic sparse fingerprints, the shape and protocol of
 * ../shared/peers/torch_engine_bench.py (batches in order, dropout 0.2, Adam, masked BCE), so the
 * two figures compare directly.
 *   npx tsx packages/models/src/fast/bench.ts [SAMPLES FEATURES TASKS HIDDEN EPOCHS] [--backend js|wasm] [--repeat R]
 * Prints JSON with sampleEpochsPerSecond (median over repeats).
 */
import { Rng, type CsrMatrix, type LabelledRows } from '@transferbench/core';
import { loadFastFactory } from './engine.ts';

export function syntheticFingerprints(N: number, D: number, K: number, density: number, seed: number) {
  const rng = new Rng(seed);
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

async function main() {
  const args = process.argv.slice(2);
  const opt = (name: string) => {
    const i = args.indexOf(name);
    if (i < 0) return undefined;
    const v = args[i + 1];
    args.splice(i, 2);
    return v;
  };
  const backend = opt('--backend');
  const repeat = Number(opt('--repeat') ?? 3);
  const [N, D, K, H, E] = (args.length ? args : ['4000', '2048', '10', '256', '3']).map(Number);
  const B = 64;
  const { features, labels } = syntheticFingerprints(N, D, K, 0.03, 1);
  const factory = await loadFastFactory({ backend });
  const batches: LabelledRows[] = [];
  for (let s = 0; s < N; s += B) {
    const e = Math.min(N, s + B);
    batches.push({ rows: Int32Array.from({ length: e - s }, (_, i) => s + i), labels: labels.subarray(s * K, e * K) });
  }
  const rates: number[] = [];
  for (let rep = 0; rep < repeat; rep++) {
    const model = factory.create(features, { inputDim: D, numTasks: K, hidden: H, dropout: 0.2, batchSize: B, seed: rep });
    model.trainStep(batches[0]); // warm-up
    const t0 = performance.now();
    for (let e = 0; e < E; e++) for (const b of batches) model.trainStep(b);
    const dt = (performance.now() - t0) / 1000;
    rates.push((N * E) / dt);
    model.dispose();
  }
  rates.sort((a, b) => a - b);
  console.log(JSON.stringify({
    engine: 'fast', backend: factory.backend,
    shape: { samples: N, features: D, tasks: K, hidden: H, epochs: E, batch: B, density: 0.03 },
    sampleEpochsPerSecond: Math.round(rates[Math.floor(rates.length / 2)]),
    runs: rates.map(Math.round),
  }));
}

if (import.meta.url === `file://${process.argv[1]}`) void main();
