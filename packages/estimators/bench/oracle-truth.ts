/**
 * How decisive is an oracle truth on planted data? Runs the pairwise oracle on synthetic planted-transfer data
 * and prints, per group of ordered pairs (same family, cross family, independent task as source / target,
 * label-permuted control as source / target), the mean Δ and the mean per-pair t-interval half-width, then the
 * truth classes (DESIGN §8 rule) at a few margins δ, the settled share (not indeterminate), and the cost.
 * With `--every 8,16,24` it also classifies the truth computed from the first R replicates only (the replicates
 * are nested: replicate r is the same training whatever the total).
 *
 *   npx tsx packages/estimators/bench/oracle-truth.ts '<data options>' '<oracle options>' '<model defaults>' '<split>' [--every 16,32]
 *   e.g. npx tsx packages/estimators/bench/oracle-truth.ts \
 *     '{"labelsPerTask":1200,"labelNoise":0,"testCompounds":4000}' '{"replicates":24,"reference":"permuted","targetFraction":0.1}' \
 *     '{"hidden":16}' '{"kind":"holdout","seed":0,"valFraction":0.1}'
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { classifyTruth, tTestOneSample, type Matrix } from '@transferbench/core';
import { makeSplit, syntheticDataset } from '@transferbench/datasets';
import { loadEngine } from '@transferbench/models';
import { pairwiseOracleEstimator } from '../src/oracles/pairwise-oracle.ts';
import { testContext } from '../src/testing/context.ts';

const [dataArg = '{}', oracleArg = '{}', modelArg = '{"hidden":16}', splitArg = '{"kind":"random","seed":0}'] = process.argv.slice(2);
const everyArg = process.argv.indexOf('--every');
const every = everyArg > 0 ? process.argv[everyArg + 1].split(',').map(Number) : [];

const dataset = await syntheticDataset.load(syntheticDataset.options.parse(JSON.parse(dataArg)), { log: () => {} });
const split = makeSplit(dataset, JSON.parse(splitArg));
const models = await loadEngine('fast');
const ctx = testContext({ dataset, split, models, modelDefaults: JSON.parse(modelArg), seed: 0 });
ctx.cacheDir = mkdtempSync(join(tmpdir(), 'oracle-truth-'));
const options = pairwiseOracleEstimator.options.parse(JSON.parse(oracleArg));
const cpu0 = process.cpuUsage();
const t0 = performance.now();
const est = await pairwiseOracleEstimator.estimate(ctx, options);
const cpu = process.cpuUsage(cpu0);
const ids = est.tasks;
const planted = dataset.meta.planted!;
const family = (t: number) => planted.family[t];
const control = (t: number) => planted.controls.includes(t);
const group = (i: number, j: number): string => {
  if (control(j)) return 'control as source';
  if (control(i)) return 'control as target';
  if (family(i) === null) return 'independent as target';
  if (family(j) === null) return 'independent as source';
  return family(i) === family(j) ? 'same family' : 'cross family';
};
const reps = (est.details!.replicates as { effect: Matrix }[]).map((r) => r.effect);
console.log(
  `data ${dataArg}; oracle ${JSON.stringify(options)}; model ${modelArg}; split ${splitArg}\n` +
    `train/val/test rows ${split.train.length}/${split.val.length}/${split.test.length}; ` +
    `${est.cost.trainings} trainings in ${((performance.now() - t0) / 1000).toFixed(1)} s wall, ${((cpu.user + cpu.system) / 1e6).toFixed(1)} CPU-s\n` +
    `unit: ${est.unit}`,
);

function truthFrom(first: number) {
  const K = ids.length;
  const blank = (): Matrix => Array.from({ length: K }, () => new Array<number | null>(K).fill(null));
  const effect = blank(),
    lower = blank(),
    upper = blank();
  for (let i = 0; i < K; i++)
    for (let j = 0; j < K; j++) {
      if (i === j) continue;
      const xs = reps
        .slice(0, first)
        .map((m) => m[i][j])
        .filter((v): v is number => v !== null);
      if (xs.length < 2) continue;
      const t = tTestOneSample(xs);
      effect[i][j] = t.estimate;
      lower[i][j] = t.ciLower;
      upper[i][j] = t.ciUpper;
    }
  return { tasks: ids, pairwise: { effect, lower, upper } };
}

function report(first: number): void {
  const truth = truthFrom(first);
  const groups = new Map<string, { d: number[]; half: number[] }>();
  truth.pairwise.effect.forEach((row, i) =>
    row.forEach((v, j) => {
      if (i === j || v === null) return;
      const g = groups.get(group(i, j)) ?? { d: [], half: [] };
      g.d.push(v);
      g.half.push((truth.pairwise.upper[i][j]! - truth.pairwise.lower[i][j]!) / 2);
      groups.set(group(i, j), g);
    }),
  );
  const mean = (x: number[]) => x.reduce((a, b) => a + b, 0) / x.length;
  console.log(`\n${first} replicates — per group: pairs, mean Δ [min, max], mean CI half-width`);
  for (const [g, v] of groups)
    console.log(
      `  ${g.padEnd(22)} ${String(v.d.length).padStart(3)}  ${mean(v.d).toFixed(4)} [${Math.min(...v.d).toFixed(4)}, ${Math.max(...v.d).toFixed(4)}]  ±${mean(v.half).toFixed(4)}`,
    );
  for (const delta of [0.005, 0.01, 0.02, 0.03]) {
    const c = classifyTruth(truth, delta);
    const byGroup = new Map<string, Record<string, number>>();
    c.classes.forEach((row, i) =>
      row.forEach((cls, j) => {
        if (cls === null) return;
        const g = byGroup.get(group(i, j)) ?? {};
        g[cls] = (g[cls] ?? 0) + 1;
        byGroup.set(group(i, j), g);
      }),
    );
    const total = Object.values(c.counts).reduce((a, b) => a + b, 0);
    console.log(
      `  δ ${delta}: ${JSON.stringify(c.counts)}; settled ${(((total - c.counts.indeterminate) / total) * 100).toFixed(0)} %; ` +
        [...byGroup].map(([g, v]) => `${g}: ${JSON.stringify(v)}`).join('; '),
    );
  }
}

for (const r of every) if (r < options.replicates) report(r);
report(options.replicates);
