/**
 * Synthetic data set generation time (the default size, as `--dataset synthetic` and the default suite use it):
 * median wall time over `rounds` generations with fresh seeds, after one warm-up (JIT). Was a test's bound
 * (< 1.5 s); timings belong here, not in tests.
 *
 *   npx tsx packages/datasets/bench/generate.ts [rounds]     (from the repository root)
 */
import { median } from '@transferbench/core';
import { generateSynthetic } from '../src/synthetic/generate.ts';

const rounds = Number(process.argv[2] ?? 9);
const first = generateSynthetic({ seed: 0 }); // warm-up
const ms: number[] = [];
for (let i = 1; i <= rounds; i++) {
  const t0 = performance.now();
  generateSynthetic({ seed: i });
  ms.push(performance.now() - t0);
}
const shape = `${first.samples.length} compounds × ${first.tasks.length} tasks, ${first.features.indices.length} feature entries`;
console.log(
  `synthetic default (${shape}): median ${median(ms).toFixed(0)} ms over ${rounds} (min ${Math.min(...ms).toFixed(0)}, max ${Math.max(...ms).toFixed(0)})`,
);
