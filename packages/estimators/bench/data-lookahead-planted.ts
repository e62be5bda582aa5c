/**
 * data-lookahead on planted synthetic data, over several data sets (seeds): the same-family ranking AUC (vs
 * cross-family pairs and vs all other pairs), the diagonal-vs-off-diagonal AUC, the control row's mean |Z|
 * relative to the mean diagonal, the contextual effect (family targets with a CI above 0, the control's p), the
 * unseen-sample coverage and the CPU time. It is the many-seed version of data-lookahead.planted.test.ts and the
 * source of the figures in the estimators README; the test asserts thresholds derived from its output at the
 * test's shape.
 *
 *   npx tsx packages/estimators/bench/data-lookahead-planted.ts '<data options>' '<estimator options>' '<model defaults>' <seeds>
 *   e.g. (the README figures) npx tsx packages/estimators/bench/data-lookahead-planted.ts \
 *     '{"labelsPerTask":1200,"labelNoise":0}' '{"replicates":48}' '{"hidden":16}' 1,2,3,4,5
 */
import { rocAuc } from '@transferbench/core';
import { dataLookaheadEstimator } from '../src/data-lookahead/data-lookahead.ts';
import { plantedContext } from '../src/testing/planted-fixture.ts';
import { plantedRankingAuc } from '../src/testing/planted.ts';

const [dataArg = '{}', optionsArg = '{}', modelArg = '{"hidden":16}', seedsArg = '1,2,3'] = process.argv.slice(2);
const seeds = seedsArg.split(',').map(Number);
const options = dataLookaheadEstimator.options.parse(JSON.parse(optionsArg));
console.log(`data ${dataArg}; options ${optionsArg}; model ${modelArg}; seeds ${seeds.join(',')}`);

const rows: Record<string, number>[] = [];
for (const seed of seeds) {
  const ctx = await plantedContext({ data: JSON.parse(dataArg), seed, modelDefaults: JSON.parse(modelArg) });
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const est = await dataLookaheadEstimator.estimate(ctx, options);
  const cpu = process.cpuUsage(cpu0);
  const wall = (performance.now() - t0) / 1000;
  const planted = ctx.dataset.meta.planted!;
  const control = planted.controls[0];
  const e = est.pairwise.effect;
  const K = e.length;
  const ranking = plantedRankingAuc(e, planted.family);
  const diag = e.map((row, t) => row[t] as number);
  const off = e.flatMap((row, t) => row.flatMap((v, s) => (t !== s ? [v as number] : [])));
  const diagAuc = rocAuc([...diag.map(() => 1), ...off.map(() => 0)], [...diag, ...off]);
  const meanDiag = diag.reduce((a, b) => a + b, 0) / K;
  const controlRow = e[control].filter((_, s) => s !== control) as number[];
  const controlRatio = controlRow.reduce((a, b) => a + Math.abs(b), 0) / controlRow.length / meanDiag;
  const c = est.contextual!;
  const familyTargets = planted.family.flatMap((f, t) => (f !== null ? [t] : []));
  const familyCtxAbove = familyTargets.filter((t) => (c.lower![t] ?? -Infinity) > 0).length;
  const coverage = (est.details!.coverage as { overall: number } | undefined)?.overall ?? NaN; // absent before version 3
  const row = {
    seed,
    vsCross: ranking.vsCross,
    vsAll: ranking.vsAll,
    diagAuc,
    controlRatio,
    familyCtxAbove,
    familyTargets: familyTargets.length,
    controlCtxP: c.pValue![control] ?? NaN,
    coverage,
    cpu: (cpu.user + cpu.system) / 1e6,
    wall,
  };
  rows.push(row);
  console.log(
    `seed ${seed}: AUC vs cross ${row.vsCross.toFixed(3)}, vs all ${row.vsAll.toFixed(3)}; diag-vs-off ${diagAuc.toFixed(3)}; ` +
      `control row mean |Z| / mean diag ${controlRatio.toFixed(3)}; contextual CI > 0 for ${familyCtxAbove}/${familyTargets.length} family targets, ` +
      `control p ${row.controlCtxP.toFixed(3)}; coverage ${(coverage * 100).toFixed(1)} %; CPU ${row.cpu.toFixed(1)} s, wall ${wall.toFixed(1)} s; ` +
      `warnings: ${est.diagnostics.warnings.length}`,
  );
  for (const w of est.diagnostics.warnings) console.log(`  warning: ${w}`);
  console.log(
    `  contextual: ${c.effect.map((v, t) => `${est.tasks[t]} ${v?.toFixed(3)} [${c.lower![t]?.toFixed(3)}, ${c.upper![t]?.toFixed(3)}]`).join('; ')}`,
  );
}
const median = (xs: number[]) => {
  const s = xs.slice().sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
for (const key of ['vsCross', 'vsAll', 'diagAuc', 'controlRatio', 'familyCtxAbove', 'controlCtxP', 'cpu'] as const) {
  const xs = rows.map((r) => r[key]);
  console.log(`${key}: min ${Math.min(...xs).toFixed(3)}, median ${median(xs).toFixed(3)}, max ${Math.max(...xs).toFixed(3)}`);
}
