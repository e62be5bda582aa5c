/**
 * TAG's (and gradient-cosine's) cost relative to plain training: wall and CPU time of one replicate
 * versus core's trainModel on the same model, seed, data order and epochs (probes do not perturb
 * training, so both stop at the same epoch — printed as a check). Rounds alternate plain / tag / cosine
 * so machine load affects all alike; medians of the per-round ratios are printed.
 *
 *   npx tsx packages/estimators/bench/tag-cost.ts [dataOptionsJSON] [tagOptionsJSON] [rounds] [engine]
 *   e.g. npx tsx packages/estimators/bench/tag-cost.ts '{}' '{"probeEvery":10}' 5 fast
 */
import { Rng, trainModel } from '@transferbench/core';
import { makeSplit, syntheticDataset } from '@transferbench/datasets';
import { loadEngine } from '@transferbench/models';
import { gradientCosineEstimator, gradientCosineReplicate } from '../src/gradient-cosine/gradient-cosine.ts';
import { buildModel, trainingData } from '../src/shared/model-run.ts';
import { tagEstimator, tagReplicate } from '../src/tag/tag.ts';
import { testContext } from '../src/testing/context.ts';

const dataOptions = JSON.parse(process.argv[2] ?? '{}');
const tagOptions = tagEstimator.options.parse(JSON.parse(process.argv[3] ?? '{}'));
const cosOptions = gradientCosineEstimator.options.parse({ probeEvery: tagOptions.probeEvery });
const rounds = Number(process.argv[4] ?? 3);
const engine = process.argv[5] ?? 'fast';

const dataset = await syntheticDataset.load(syntheticDataset.options.parse(dataOptions), { log: () => {} });
const split = makeSplit(dataset, { kind: 'random', seed: 1 });
const models = await loadEngine(engine);
const ctx = testContext({ dataset, split, models, seed: 1 });
console.log(`engine ${models.engine}/${models.backend}; data ${JSON.stringify(dataOptions)}; probeEvery ${tagOptions.probeEvery}`);

const seed = 12345;
function timed<T>(f: () => T): { wall: number; cpu: number; value: T } {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const value = f();
  const c = process.cpuUsage(c0);
  return { wall: performance.now() - t0, cpu: (c.user + c.system) / 1000, value };
}
const progress = () => {};
const runs: Record<'plain' | 'tag' | 'cos', { wall: number; cpu: number }[]> = { plain: [], tag: [], cos: [] };
for (let i = 0; i < rounds; i++) {
  const plain = timed(() => {
    const { train, val } = trainingData(ctx);
    const model = buildModel(ctx, seed);
    const report = trainModel(model, train, val, { rng: new Rng(7).stream('train') });
    model.dispose();
    return report.epochs;
  });
  const tag = timed(() => tagReplicate(ctx, tagOptions, { seed, rng: new Rng(7), progress }).details.epochs);
  const cos = timed(
    () => (gradientCosineReplicate(ctx, cosOptions, { seed, rng: new Rng(7), progress }).details as { epochs: number }).epochs,
  );
  console.log(
    `round ${i}: epochs plain/tag/cos ${plain.value}/${tag.value}/${cos.value}; ` +
      `wall ms ${plain.wall.toFixed(0)}/${tag.wall.toFixed(0)}/${cos.wall.toFixed(0)}; cpu ms ${plain.cpu.toFixed(0)}/${tag.cpu.toFixed(0)}/${cos.cpu.toFixed(0)}`,
  );
  runs.plain.push(plain);
  runs.tag.push(tag);
  runs.cos.push(cos);
}
const median = (xs: number[]) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];
for (const k of ['tag', 'cos'] as const) {
  const wall = runs[k].map((r, i) => r.wall / runs.plain[i].wall);
  const cpu = runs[k].map((r, i) => r.cpu / runs.plain[i].cpu);
  console.log(
    `${k} ÷ plain: wall median ${median(wall).toFixed(2)} [${wall.map((x) => x.toFixed(2)).join(', ')}]; ` +
      `cpu median ${median(cpu).toFixed(2)} [${cpu.map((x) => x.toFixed(2)).join(', ')}]`,
  );
}
