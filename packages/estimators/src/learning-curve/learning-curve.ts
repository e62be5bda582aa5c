/**
 * `learning-curve` estimator: statistical multi-task learning curves (DESIGN §4). Trains one model per design
 * point on nested subsamples of the tasks' train pools (design.ts, subsample.ts), scores every task on its
 * test labels (train-point.ts), fits EXP3 per task, EXP3.2 per target (contextual effect) and the joint
 * (random design) or pairwise (pairwise-grid) family per target (design-fits.ts), and reports
 * effect[target][source] with the nested-F-test p-value (transfer-fit.ts, assemble.ts).
 */
import {
  defineEstimator,
  dropUnlabelled,
  labelledRows,
  modelSpecSchema,
  samplePassFlops,
  trainMany,
  validateEstimate,
  type EstimatorContext,
  type LabelledRows,
  type TransferEstimate,
} from '@transferbench/core';
import { replicateAt } from '../inference/replicates.ts';
import { estimateParts } from './assemble.ts';
import { pairwiseGridDesign, randomDesign, type Design } from './design.ts';
import { fitDesign, type CurveRun, type FitSettings } from './design-fits.ts';
import { DEFAULT_PAIR_GRID, DEFAULT_RANDOM_GRID, learningCurveOptionsSchema, type LearningCurveOptions } from './options.ts';
import { replicatePermutations, subsampleRows, taskPools } from './subsample.ts';
import { applyTestSetVariance, resampledMetrics, testBootstrapDraws } from './test-bootstrap.ts';
import { pointJob, scoreTasks } from './train-point.ts';
import { medianOf, nSigmaSpread } from './n-sigma.ts';

const meta = {
  name: 'learning-curve',
  version: '1.0.0',
  kind: 'statistical' as const,
  description:
    'Multi-task learning curves: models trained on nested subsamples (random design or pairwise grid, R replicates), ' +
    'test metric per task, EXP3 / EXP3.2 / joint or pairwise curves by bounded LM; effects with Wald CIs and nested F tests.',
};

/** Below this median CV of n_Σ over the runs with other tasks, EXP3.2's a_iΣ rests on the runs alone (note; warning without them). */
export const N_SIGMA_CV_WARNING = 0.25;

function metricName(metric: LearningCurveOptions['metric']): string {
  return metric === 'auc' ? 'ROC-AUC' : 'negative log-loss';
}

function units(options: LearningCurveOptions, design: Design['kind']): { pairwise: string; contextual: string } {
  const m = metricName(options.metric);
  const model =
    design === 'random'
      ? 'joint curve m_i = c_i − exp(b_i − a_i·n_i − Σ_j a_ij·n_j)'
      : 'pairwise curve m_i = c_ij − exp(b − a_i·n_i − a_ij·n_j) from the (i, j) models';
  const ctxModel = 'EXP3.2 curve m_i = c − exp(b − a_i·n_i − a_iΣ·n_Σ), n_Σ = Σ_{j≠i} n_j';
  switch (options.effect) {
    case 'slope':
      return {
        pairwise: `average marginal slope ∂m_i/∂n_j (mean over the design's runs of a_ij·exp(b_i − a_i·n_i − Σ a_ij·n_j)): change in test ${m} of the target per added training label of the source (${model}); > 0 = the source helps`,
        contextual: `average marginal slope ∂m_i/∂n_Σ over the design's runs: change in test ${m} of the target per added training label of any other task (${ctxModel})`,
      };
    case 'rate':
      return {
        pairwise: `rate a_ij of the source's training labels in the exponent of the ${model} (1/label; > 0 = the source helps)`,
        contextual: `rate a_iΣ of the other tasks' training labels in the exponent of the ${ctxModel} (1/label)`,
      };
    case 'exchange-rate':
      return {
        pairwise: `exchange rate γ_ij = a_ij/a_i: own training labels of the target one label of the source is worth (${model})`,
        contextual: `exchange rate γ_iΣ = a_iΣ/a_i: own labels one label of another task is worth (${ctxModel})`,
      };
  }
}

function buildDesign(ctx: EstimatorContext, options: LearningCurveOptions, poolSizes: number[]): Design {
  if (options.design === 'random') {
    return randomDesign({
      poolSizes,
      grid: options.grid ?? DEFAULT_RANDOM_GRID,
      pointsPerReplicate: options.points,
      replicates: options.replicates,
      rng: ctx.rng.stream('learning-curve/design'),
      subsets: options.subsets,
      soloPerTask: options.solo,
    });
  }
  return pairwiseGridDesign({ poolSizes, grid: options.grid ?? DEFAULT_PAIR_GRID, replicates: options.replicates });
}

export interface DesignRuns {
  runs: CurveRun[];
  /** test predictions per run (rows of `test` × K) */
  probs: Float32Array[];
  /** the labelled test rows every run was scored on */
  test: LabelledRows;
}

/** Trains every design point (through core trainMany: in parallel where the engine can) and scores it. */
export async function runDesign(
  ctx: EstimatorContext,
  options: LearningCurveOptions,
  design: Design,
  pools: Int32Array[],
): Promise<DesignRuns> {
  const ds = ctx.dataset;
  const K = ds.tasks.length;
  const val = labelledRows(ds, ctx.split.val);
  const test = dropUnlabelled(labelledRows(ds, ctx.split.test), K);
  const nnz = ds.features.indices.length / Math.max(1, ds.features.indptr.length - 1);
  const replicates = Array.from({ length: design.replicates }, (_, r) => {
    const rep = replicateAt(ctx.rng, r);
    return { seed: rep.seed, rng: rep.rng, permutations: replicatePermutations(pools, rep.rng.stream('subsample')) };
  });
  const jobs = design.points.map((pt) => {
    const rep = replicates[pt.replicate];
    return pointJob(ctx, {
      train: subsampleRows(ds, ctx.split.train, rep.permutations, pt.counts),
      val,
      test,
      counts: pt.counts,
      seed: rep.seed,
      rng: rep.rng.stream(`train/${pt.index}`),
      maxEpochs: options.maxEpochs,
      patience: options.patience,
    });
  });
  const results = await trainMany(ctx.models, ds.features, jobs, {
    signal: ctx.signal,
    onJobDone: (_i, finished, total) => ctx.progress(finished, total, `run ${finished}/${total}`),
  });
  const runs: CurveRun[] = [];
  const probs: Float32Array[] = [];
  design.points.forEach((pt, k) => {
    const { report, predictions } = results[k];
    const hidden = modelSpecSchema.parse(jobs[k].spec).hidden;
    const passes = report.samplePasses + test.rows.length / 2;
    ctx.cost.addTraining(passes, passes * samplePassFlops(nnz, hidden, K));
    const present = pt.counts.map((n) => n > 0);
    runs.push({
      index: pt.index,
      replicate: pt.replicate,
      pair: pt.pair,
      fractions: pt.fractions,
      counts: pt.counts,
      metric: scoreTasks(test, predictions!, K, present, options.metric),
      epochs: report.epochs,
      bestEpoch: report.bestEpoch,
    });
    probs.push(predictions!);
  });
  return { runs, probs, test };
}

export async function estimateLearningCurve(ctx: EstimatorContext, options: LearningCurveOptions): Promise<TransferEstimate> {
  const ds = ctx.dataset;
  const tasks = ds.tasks.map((t) => t.id);
  const pools = taskPools(ds, ctx.split.train);
  const poolSizes = pools.map((p) => p.length);
  const warnings: string[] = [];
  tasks.forEach((t, i) => {
    if (poolSizes[i] === 0) warnings.push(`task ${t} has no training labels in the split: its rows and column are not estimated`);
  });
  const design = buildDesign(ctx, options, poolSizes);
  ctx.log(`learning-curve: ${design.kind} design, ${design.points.length} trainings (${design.replicates} replicate(s))`);
  const { runs, probs, test } = await runDesign(ctx, options, design, pools);

  const settings: FitSettings = {
    level: options.level,
    restarts: options.restarts,
    minResidualDf: options.minResidualDf,
    fTests: options.fTests,
    bootstrap: options.bootstrap,
    upperAsymptote: options.metric === 'auc' ? 1 : 0,
    rng: ctx.rng.stream('learning-curve/fits'),
  };
  ctx.log(`learning-curve: ${runs.length} runs trained; fitting the curves`);
  const fits = fitDesign(design.kind, runs, tasks, settings);
  let testBootstrap: Record<string, unknown> = { replicates: 0 };
  if (options.testBootstrap > 0) {
    ctx.log(`learning-curve: test-set bootstrap, ${options.testBootstrap} resamples × ${fits.jobs.length} fits`);
    const tables = resampledMetrics({
      runs,
      probs,
      test,
      K: tasks.length,
      metric: options.metric,
      replicates: options.testBootstrap,
      rng: ctx.rng.stream('learning-curve/test-bootstrap'),
    });
    const draws = testBootstrapDraws(fits, runs, tables, settings);
    applyTestSetVariance(fits, draws, options.level);
    const failed = draws.reduce((s, d) => s + d.failed, 0);
    const refits = draws.reduce((s, d) => s + d.refits, 0);
    if (failed > 0)
      warnings.push(
        `test-set bootstrap: ${failed} of ${options.testBootstrap * fits.jobs.length} resampled fits failed or were skipped (excluded from the sd)`,
      );
    testBootstrap = {
      replicates: options.testBootstrap,
      refits,
      failed,
      perFit: fits.jobs.map(({ job }, f) => ({ label: job.label, refits: draws[f].refits, failed: draws[f].failed })),
    };
  }
  const hasContextual = design.kind === 'random';
  const parts = estimateParts(fits, options, hasContextual);
  const spread = hasContextual ? nSigmaSpread(runs, tasks) : null;
  const spreadSummary = spread && {
    medianCv: medianOf(spread.map((s) => s.cv)),
    medianCvWithOthers: medianOf(spread.map((s) => s.cvWithOthers)),
    perTarget: spread,
  };
  // with every task in every run n_Σ barely varies beyond the runs alone (CV ∝ 1/√(K−1)): said, and a warning
  // when there are no runs alone either (then a_iΣ has almost nothing to rest on)
  const spreadNotes: string[] = [];
  if (spreadSummary && spreadSummary.medianCvWithOthers !== null && spreadSummary.medianCvWithOthers < N_SIGMA_CV_WARNING) {
    const alone = medianOf(spread!.map((s) => s.alone)) ?? 0;
    const text =
      `EXP3.2: n_Σ (the other tasks' labels) barely varies over the runs with other tasks (median CV ${spreadSummary.medianCvWithOthers.toFixed(2)} ` +
      `< ${N_SIGMA_CV_WARNING}, details.design.nSigma)`;
    if (alone > 0)
      spreadNotes.push(
        `${text}: a_iΣ is read mostly from the contrast with the ${alone} run(s) per target alone, and how fast the gain saturates in n_Σ is barely ` +
          "identified; subsets: 'random' spreads n_Σ (less power per training at 4–16 tasks, learning-curve README)",
      );
    else warnings.push(`${text} and no run has the target alone (solo: 0): the contextual rate a_iΣ is barely identified`);
  }
  const unit = units(options, design.kind);
  if (options.bootstrap > 0 && design.replicates < 5) {
    warnings.push(`bootstrap over ${design.replicates} replicate(s): percentile intervals from so few groups are not meaningful`);
  }
  const notes = [
    'pValue: RAW two-sided t-test (fit df) of the marginal slope = 0 (⟺ rate = 0), BH-adjusted values in details.readings.pAdjustedBH; ' +
      'se/CI: Wald (delta method for slope and γ) of the reported reading' +
      (options.testBootstrap > 0
        ? `, with the test-set bootstrap variance added (${options.testBootstrap} resamples of each task's test labels): inference is about the population, not this test set`
        : ', conditional on the test set (testBootstrap: 0)') +
      (options.fTests ? '; the nested F tests (conditional on the test set) are in details.readings.fTestP' : ''),
    'all runs of a replicate share the model seed (same initial weights); runs are trained through core trainMany (parallel where the engine can, same results)',
    "each run: core trainModel with early stopping on the validation labels of the tasks present; metric on each task's test labels",
    design.kind === 'random'
      ? "EXP3 per task uses n_i only: the other tasks' counts are drawn independently of n_i and only widen the residuals"
      : 'pairwise-grid: no contextual (EXP3.2) effect — each model holds two tasks; EXP3 per task pools the runs of all its pairs',
  ];
  const estimate = {
    estimator: { name: meta.name, version: meta.version },
    tasks,
    unit: unit.pairwise,
    pairwise: parts.pairwise,
    ...(parts.contextual ? { contextual: { ...parts.contextual, unit: unit.contextual } } : {}),
    cost: ctx.cost.snapshot(),
    diagnostics: {
      warnings: [...warnings, ...fits.warnings],
      fitFailures: fits.failures,
      fitAttempts: fits.attempts,
      notes: [...notes, ...spreadNotes],
    },
    engine: { name: ctx.models.engine, backend: ctx.models.backend },
    details: {
      metric: options.metric,
      effect: options.effect,
      design: {
        kind: design.kind,
        grid: design.grid,
        replicates: design.replicates,
        pointsPerReplicate: design.kind === 'random' ? options.points : design.points.length / design.replicates,
        ...(design.kind === 'random' ? { subsets: options.subsets, soloPerTask: options.solo } : {}),
        ...(spreadSummary ? { nSigma: spreadSummary } : {}),
        nested: "per replicate one permutation of each task's train pool; a run uses its first n_t = round(f_t·pool_t) labels",
        poolSizes,
        trainings: runs.length,
      },
      points: runs,
      singleTask: fits.single,
      contextualFits: fits.contextual,
      transferFits: fits.transferFits,
      testBootstrap,
      readings: parts.readings,
      ...(parts.contextualReadings ? { contextualReadings: parts.contextualReadings } : {}),
    },
  };
  return validateEstimate(estimate, `estimator "${meta.name}"`);
}

export const learningCurveEstimator = defineEstimator({
  meta,
  options: learningCurveOptionsSchema,
  estimate: estimateLearningCurve,
});
