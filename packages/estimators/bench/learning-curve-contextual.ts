/**
 * learning-curve's contextual effect (EXP3.2's a_iΣ) on planted synthetic data, over several data sets
 * (seeds): per seed, the family targets whose contextual CI lies above 0, the targets (family or not) with a
 * significant negative one, the label-permuted control's p-value, the median coefficient of variation of n_Σ
 * (over all runs of a target's fit and over the runs with other tasks), trainings and CPU time. The many-seed
 * version of the contextual test in learning-curve.planted.test.ts (whose thresholds come from its output at
 * the test's shape) and the source of the figures in the learning-curve README.
 *
 *   npx tsx packages/estimators/bench/learning-curve-contextual.ts '<data options>' '<estimator options>' '<model defaults>' '<split>' <seeds>
 *   e.g. (the test's shape, 10 data sets) npx tsx packages/estimators/bench/learning-curve-contextual.ts \
 *     '{"families":[3],"independent":0,"controls":1,"labelsPerTask":600,"testCompounds":2000}' \
 *     '{"points":24,"replicates":2,"solo":2,"testBootstrap":20,"restarts":2}' '{"hidden":16}' \
 *     '{"kind":"holdout","valFraction":0.1}' 1,2,3,4,5,6,7,8,9,10
 * The data seed is also the split seed and the estimator seed.
 */
import { generateSynthetic, makeSplit } from '@transferbench/datasets';
import { loadEngine } from '@transferbench/models';
import { learningCurveEstimator } from '../src/learning-curve/learning-curve.ts';
import { testContext } from '../src/testing/context.ts';

const [dataArg = '{}', optionsArg = '{}', modelArg = '{"hidden":16}', splitArg = '{"kind":"random"}', seedsArg = '1,2,3'] =
  process.argv.slice(2);
const seeds = seedsArg.split(',').map(Number);
const options = learningCurveEstimator.options.parse(JSON.parse(optionsArg));
const models = await loadEngine('fast');
console.log(`data ${dataArg}; options ${optionsArg}; model ${modelArg}; split ${splitArg}; seeds ${seeds.join(',')}`);

interface Row {
  familyDetected: number;
  familyTargets: number;
  negative: number;
  controlFalsePositive: number;
  controlP: number;
  /** Stouffer's z of the family targets' contextual t statistics (effect / se) */
  stouffer: number;
  cvWithOthers: number;
  cpu: number;
}
const rows: Row[] = [];
for (const seed of seeds) {
  const dataset = generateSynthetic({ ...JSON.parse(dataArg), seed });
  const split = makeSplit(dataset, { ...JSON.parse(splitArg), seed });
  const ctx = testContext({ dataset, split, models, seed, modelDefaults: JSON.parse(modelArg) });
  const cpu0 = process.cpuUsage();
  const est = await learningCurveEstimator.estimate(ctx, options);
  const cpu = process.cpuUsage(cpu0);
  const planted = dataset.meta.planted!;
  const control = planted.controls[0];
  const family = planted.family.flatMap((f, t) => (f !== null ? [t] : []));
  const c = est.contextual!;
  const nSigma = (est.details!.design as { nSigma: { medianCv: number | null; medianCvWithOthers: number | null } }).nSigma;
  const row: Row = {
    familyDetected: family.filter((t) => (c.lower![t] ?? -Infinity) > 0).length,
    familyTargets: family.length,
    negative: c.upper!.filter((u) => u !== null && u < 0).length,
    controlFalsePositive: c.pValue![control] !== null && c.pValue![control]! < 0.05 ? 1 : 0,
    controlP: c.pValue![control] ?? NaN,
    stouffer: family.reduce((z, t) => z + (c.effect[t] ?? NaN) / (c.se![t] ?? NaN), 0) / Math.sqrt(family.length),
    cvWithOthers: nSigma.medianCvWithOthers ?? NaN,
    cpu: (cpu.user + cpu.system) / 1e6,
  };
  rows.push(row);
  console.log(
    `seed ${seed}: family contextual CI > 0: ${row.familyDetected}/${row.familyTargets} (Stouffer z ${row.stouffer.toFixed(2)}); CI < 0: ${row.negative}; ` +
      `control p ${row.controlP.toFixed(3)}; ` +
      `median CV of n_Σ ${nSigma.medianCv?.toFixed(2)} (with others ${nSigma.medianCvWithOthers?.toFixed(2)}); ` +
      `${est.cost.trainings} trainings, CPU ${row.cpu.toFixed(1)} s`,
  );
  console.log(
    `  contextual: ${c.effect.map((v, t) => `${est.tasks[t]} ${v?.toExponential(2)} (p ${c.pValue![t]?.toFixed(3)})`).join('; ')}`,
  );
}
const sum = (k: keyof Row) => rows.reduce((s, r) => s + r[k], 0);
console.log(
  `over ${rows.length} data sets: family targets detected ${sum('familyDetected')}/${sum('familyTargets')} ` +
    `(${((100 * sum('familyDetected')) / sum('familyTargets')).toFixed(0)} %), seeds with ≥ 1 detected ${rows.filter((r) => r.familyDetected > 0).length}/${rows.length}; ` +
    `control false positives ${sum('controlFalsePositive')}/${rows.length}; targets with CI < 0: ${sum('negative')}; ` +
    `median CPU ${rows
      .map((r) => r.cpu)
      .sort((a, b) => a - b)
      [Math.floor(rows.length / 2)].toFixed(1)} s`,
);
