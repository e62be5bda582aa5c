/**
 * Throughput of the fast engine on synthetic sparse fingerprints, the shape and protocol of
 * ../shared/peers/torch_engine_bench.py (batches in order, dropout 0.2, Adam, masked BCE), so the
 * two figures compare directly.
 *   npx tsx packages/models/src/fast/bench.ts [SAMPLES FEATURES TASKS HIDDEN EPOCHS] [--engine fast|tfjs]
 *     [--backend B] [--repeat R]
 * Prints JSON with sampleEpochsPerSecond (wall clock) and sampleEpochsPerCpuSecond, medians over repeats.
 */
import { loadEngine } from '../index.ts';
import { inOrderBatches, syntheticFingerprints } from './synthetic.ts';

async function main() {
  const args = process.argv.slice(2);
  const opt = (name: string) => {
    const i = args.indexOf(name);
    if (i < 0) return undefined;
    const v = args[i + 1];
    args.splice(i, 2);
    return v;
  };
  const engine = opt('--engine') ?? 'fast';
  const backend = opt('--backend');
  const repeat = Number(opt('--repeat') ?? 3);
  const [N, D, K, H, E] = (args.length ? args : ['4000', '2048', '10', '256', '3']).map(Number);
  const B = 64;
  const { features, labels } = syntheticFingerprints(N, D, K, 0.03, 1);
  const factory = await loadEngine(engine, { backend });
  const batches = inOrderBatches(N, K, labels, B);
  const rates: number[] = [];
  const cpuRates: number[] = [];
  for (let rep = 0; rep < repeat; rep++) {
    const model = factory.create(features, { inputDim: D, numTasks: K, hidden: H, dropout: 0.2, batchSize: B, seed: rep });
    model.trainStep(batches[0]); // warm-up
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    for (let e = 0; e < E; e++) for (const b of batches) model.trainStep(b);
    const dt = (performance.now() - t0) / 1000;
    const c = process.cpuUsage(c0);
    rates.push((N * E) / dt);
    cpuRates.push((N * E) / ((c.user + c.system) / 1e6));
    model.dispose();
  }
  const median = (xs: number[]) => Math.round([...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]);
  console.log(
    JSON.stringify({
      engine,
      backend: factory.backend,
      shape: { samples: N, features: D, tasks: K, hidden: H, epochs: E, batch: B, density: 0.03 },
      sampleEpochsPerSecond: median(rates),
      /** per second of this process's CPU time: less sensitive to a loaded machine */
      sampleEpochsPerCpuSecond: median(cpuRates),
      runs: rates.map(Math.round),
    }),
  );
}

if (import.meta.url === `file://${process.argv[1]}`) void main();
