/**
 * How decisive is the contextual truth on planted data? Runs the contextual oracle (all tasks vs alone) on
 * synthetic planted-transfer data sets drawn with several generator seeds and prints per target its Δ, t-interval
 * and class (DESIGN §8 rule) at margin δ, then per data set how many family targets have a CI above 0 and the
 * label-permuted control's class — the two checks of issue 15's first acceptance line — and the cost.
 *
 *   npx tsx packages/estimators/bench/contextual-truth.ts '<data options>' '<oracle options>' '<model defaults>' '<split>' <data seeds> [δ]
 *   e.g. npx tsx packages/estimators/bench/contextual-truth.ts \
 *     '{"labelsPerTask":1200,"labelNoise":0,"testCompounds":4000}' '{"replicates":24,"targetFraction":0.2}' \
 *     '{"hidden":16}' '{"kind":"holdout","seed":0,"valFraction":0.1}' 0,1,2,3,4,5 0.005
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { classifyVectorTruth } from '@transferbench/core';
import { makeSplit, syntheticDataset } from '@transferbench/datasets';
import { loadEngine } from '@transferbench/models';
import { contextualOracleEstimator } from '../src/oracles/contextual-oracle.ts';
import { testContext } from '../src/testing/context.ts';

const [dataArg = '{}', oracleArg = '{}', modelArg = '{"hidden":16}', splitArg = '{"kind":"holdout","seed":0,"valFraction":0.1}'] =
  process.argv.slice(2);
const seeds = (process.argv[6] ?? '0').split(',').map(Number);
const delta = Number(process.argv[7] ?? 0.005);
const models = await loadEngine('fast');
const options = contextualOracleEstimator.options.parse(JSON.parse(oracleArg));
console.log(`data ${dataArg}; oracle ${JSON.stringify(options)}; model ${modelArg}; split ${splitArg}; δ ${delta}`);

const fmt = (v: number | null | undefined) => (v === null || v === undefined ? '—' : v.toFixed(4));
const totals = { familyAbove0: 0, families: 0, controlNullOrSmall: 0, controls: 0 };
for (const seed of seeds) {
  const data = syntheticDataset.options.parse({ ...JSON.parse(dataArg), seed });
  const dataset = await syntheticDataset.load(data, { log: () => {} });
  const ctx = testContext({
    dataset,
    split: makeSplit(dataset, JSON.parse(splitArg)),
    models,
    modelDefaults: JSON.parse(modelArg),
    seed: 0,
  });
  ctx.cacheDir = mkdtempSync(join(tmpdir(), 'contextual-truth-'));
  const cpu0 = process.cpuUsage();
  const est = await contextualOracleEstimator.estimate(ctx, options);
  const cpu = process.cpuUsage(cpu0);
  rmSync(ctx.cacheDir, { recursive: true, force: true });
  const c = est.contextual!;
  const classes = classifyVectorTruth({ tasks: est.tasks, contextual: c }, delta).classes;
  const planted = dataset.meta.planted!;
  console.log(`\ndata seed ${seed}: ${est.cost.trainings} trainings, ${((cpu.user + cpu.system) / 1e6).toFixed(1)} CPU-s`);
  let familyAbove0 = 0;
  est.tasks.forEach((id, i) => {
    const kind = planted.controls.includes(i) ? 'control' : planted.family[i] === null ? 'independent' : `family ${planted.family[i]}`;
    console.log(`  ${id.padEnd(10)} ${kind.padEnd(12)} Δ ${fmt(c.effect[i])} [${fmt(c.lower?.[i])}, ${fmt(c.upper?.[i])}]  ${classes[i]}`);
    if (kind.startsWith('family')) {
      totals.families++;
      if ((c.lower?.[i] ?? -1) > 0) familyAbove0++;
    }
    if (kind === 'control') {
      totals.controls++;
      if (classes[i] === 'null' || classes[i] === 'small') totals.controlNullOrSmall++;
    }
  });
  totals.familyAbove0 += familyAbove0;
  console.log(`  family targets with CI above 0: ${familyAbove0}`);
}
console.log(
  `\nall data seeds: family targets with CI above 0 ${totals.familyAbove0} of ${totals.families}; ` +
    `control null or small ${totals.controlNullOrSmall} of ${totals.controls}`,
);
