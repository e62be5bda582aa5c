/**
 * `data-lookahead` estimator: the fast approximation of multi-task learning curves (DESIGN §4), analogous to
 * TAG but perturbing the DATA instead of the model. One training run per replicate in which the data
 * accumulate (pools.ts: included prefix per task, growing over `stages`; training continues across stages
 * with core's trainModel per stage, Adam state kept). At probe steps spread over each stage, for each
 * source j, a lookahead SGD step on the shared trunk with `batch` UNSEEN task-j samples, read every target's
 * VALIDATION loss, restore (probe.ts): Z_{j→i} = relative decrease of L_i^val, a finite-difference estimate
 * of ∂m_i/∂n_j (central by default: no curvature bias). Averaged over probes, then over R replicates, each
 * on its own re-drawn train/validation partition (t-test per pair, raw p; BH in details).
 *
 * Orientation: effect[target i][source j]. Diagonal = own unseen samples → own validation loss (the slope of
 * the single-task learning curve), kept. `contextual.effect[i]` = the same for one batch of every other task
 * at once. Per-stage validation AUCs give a coarse learning curve per task, fitted with EXP3 (failures in
 * diagnostics). Unseen means unseen: no sample is used twice; exhausted sources are reported.
 */
import { z } from 'zod';
import {
  defineEstimator,
  dropUnlabelled,
  evaluateLosses,
  labelledRows,
  takeRows,
  trainModel,
  validateEstimate,
  type EstimatorContext,
  type LabelledRows,
} from '@transferbench/core';
import { replicateOptionFields, type Replicate, type ReplicateResult } from '../inference/replicates.ts';
import { estimateWithReplicates } from '../inference/estimate-with-replicates.ts';
import { buildModel } from '../shared/model-run.ts';
import { PairAccumulator } from '../shared/pair-accumulator.ts';
import { ProbeSeries, type ProbeSeriesDetails } from '../shared/probe-series.ts';
import { spreadInterval, TaskPools, type ExhaustionEvent } from './pools.ts';
import { lookaheadProbe } from './probe.ts';
import { ProbeBuffers } from '../shared/probe-buffers.ts';
import { fitStageCurves, validationAucs, type StagePoint } from './stage-curve.ts';
import { resampleSplit } from '../shared/resample-split.ts';

export const dataLookaheadOptionsSchema = z
  .strictObject({
    ...replicateOptionFields,
    /** stages of accumulating data (≥ 4 for an EXP3 fit from a single replicate) */
    stages: z.number().int().min(1).max(100).default(4),
    /** included fraction of each task's train pool in the first stage */
    startFraction: z.number().gt(0).max(1).default(0.25),
    /** included fraction in the last stage; the rest stays unseen for the last stage's probes */
    endFraction: z.number().gt(0).max(1).default(1),
    /** training epochs per stage (early stopping on validation loss within a stage) */
    epochsPerStage: z.number().int().positive().default(8),
    /** early-stopping patience within a stage (default: the study's model default) */
    patience: z.number().int().nonnegative().optional(),
    /**
     * probe every k-th training step of a stage, or 'spread': the interval that spreads the stage's unseen slice
     * evenly over the stage's planned steps (probes crowded into a stage's first steps, while the model is
     * still adapting to the data just added, measured that transient and ranked pairs far worse)
     */
    probeEvery: z.union([z.number().int().min(1), z.literal('spread')]).default('spread'),
    /** unseen samples of the source per lookahead step (larger batches: fewer, cheaper probes per replicate) */
    batch: z.number().int().min(1).default(32),
    /** lookahead SGD learning rate */
    lr: z.number().positive().default(0.05),
    /**
     * re-draw the train/validation partition (test rows untouched) per replicate, so that the target's
     * validation sampling is in the replicate variance rather than a bias shared by all replicates
     */
    resampleSplit: z.boolean().default(true),
    /** finite difference of the lookahead: 'central' (a step each way; no curvature bias, see probe.ts) or 'forward' */
    difference: z.enum(['forward', 'central']).default('central'),
    /** divide Z by the lookahead lr */
    divideByLr: z.boolean().default(true),
    /** validation rows (labelled for some task) used by the probes: a fixed seeded subset when there are more */
    valSubset: z.number().int().min(1).default(512),
    /** context probes (all tasks but the target) */
    context: z.boolean().default(true),
    /** probes kept per replicate in details (evenly thinned) */
    maxSeries: z.number().int().min(1).default(50),
  })
  .refine((o) => o.endFraction >= o.startFraction, { message: 'expected endFraction ≥ startFraction', path: ['endFraction'] });
export type DataLookaheadOptions = z.infer<typeof dataLookaheadOptionsSchema>;

const meta = {
  name: 'data-lookahead',
  version: '2.0.0', // 2: central difference, probes spread over stages, batch 32, train/validation re-drawn per replicate
  kind: 'computational' as const,
  description:
    'Fast MTLC approximation: one run with accumulating data; lookahead SGD steps on the shared trunk with UNSEEN source ' +
    'samples, Z = 1 − L_target^val(after)/L_target^val(before), averaged over probes; contextual probe; per-stage EXP3; R seeds, t-test.',
};

export interface DataLookaheadReplicateResult extends ReplicateResult {
  contextual: (number | null)[];
  stages: StagePoint[];
  details: {
    probeRounds: number;
    counts: number[][];
    contextCounts: number[];
    series: ProbeSeriesDetails;
    stages: StagePoint[];
    poolSizes: number[];
    unseenUsed: number[];
    exhausted: (ExhaustionEvent & { taskId: string })[];
    steps: number;
    /** per stage: the probe interval in training steps */
    probeIntervals: number[];
    valRowsForProbes: number;
  };
}

/** A fixed seeded subset of at most `max` labelled validation rows (ascending row order). */
function probeValidationRows(val: LabelledRows, K: number, max: number, rng: EstimatorContext['rng']): LabelledRows {
  const labelled = dropUnlabelled(val, K);
  if (labelled.rows.length <= max) return labelled;
  const keep = Int32Array.from(rng.permutation(labelled.rows.length).subarray(0, max)).sort();
  return takeRows(labelled, keep, K);
}

export function dataLookaheadReplicate(
  ctx: EstimatorContext,
  options: DataLookaheadOptions,
  rep: Pick<Replicate, 'seed' | 'rng' | 'progress'>,
): DataLookaheadReplicateResult {
  const K = ctx.dataset.tasks.length;
  const ids = ctx.dataset.tasks.map((t) => t.id);
  const split = options.resampleSplit ? resampleSplit(ctx.dataset, ctx.split, rep.seed, { keepTest: true }) : ctx.split;
  const pools = new TaskPools(ctx.dataset, split, options, rep.rng.stream('pools'));
  const val = labelledRows(ctx.dataset, split.val);
  const probeVal = probeValidationRows(val, K, options.valSubset, rep.rng.stream('probe-validation'));
  const contextEligible = pools.pool.map((p) => p.length > 0);
  const model = buildModel(ctx, rep.seed);
  try {
    const buffers = new ProbeBuffers(model.sharedSize);
    const acc = new PairAccumulator(K);
    const ctxSum = new Float64Array(K);
    const ctxCount = new Array<number>(K).fill(0);
    const series = new ProbeSeries();
    const stages: StagePoint[] = [];
    const trainRng = rep.rng.stream('train');
    let globalStep = 0;
    let trainPasses = 0;
    const probeIntervals: number[] = [];
    for (let stage = 0; stage < options.stages; stage++) {
      ctx.signal.throwIfAborted();
      pools.enterStage(stage);
      const offset = globalStep;
      const rows = pools.trainingRows();
      const every =
        options.probeEvery === 'spread'
          ? spreadInterval(
              options.epochsPerStage * Math.ceil(rows.rows.length / model.spec.batchSize),
              pools.smallestSlice(),
              options.batch,
            )
          : options.probeEvery;
      probeIntervals.push(every);
      const report = trainModel(model, rows, val, {
        rng: trainRng,
        maxEpochs: options.epochsPerStage,
        patience: options.patience,
        hooks: {
          signal: ctx.signal,
          beforeStep(step, _batch, epoch) {
            if (step % every !== 0) return;
            const g = offset + step;
            const unseen = Array.from({ length: K }, (_, t) => pools.takeUnseen(t, options.batch, g));
            if (unseen.every((b) => b === null)) return;
            const probe = lookaheadProbe(
              model,
              probeVal,
              unseen,
              { lr: options.lr, divideByLr: options.divideByLr, context: options.context, difference: options.difference, buffers },
              contextEligible,
            );
            acc.addMatrix(probe.z);
            probe.context.forEach((v, t) => {
              if (v !== null && Number.isFinite(v)) {
                ctxSum[t] += v;
                ctxCount[t]++;
              }
            });
            series.push(g, stage * options.epochsPerStage + epoch, probe.z);
            ctx.cost.addProbes(probe.steps, probe.samplePasses);
          },
          afterEpoch(epoch) {
            rep.progress(
              (stage + (epoch + 1) / options.epochsPerStage) / options.stages,
              `stage ${stage + 1}/${options.stages}, epoch ${epoch + 1}`,
            );
          },
        },
      });
      globalStep += report.steps;
      trainPasses += report.samplePasses;
      const losses = Array.from(evaluateLosses(model, val), (v) => (Number.isFinite(v) ? v : null));
      stages.push({ stage, n: pools.counts(), auc: validationAucs(model, val), loss: losses, epochs: report.epochs });
      ctx.cost.addSamplePasses(val.rows.length); // AUC + loss read-out: two forward passes
    }
    ctx.cost.addTraining(trainPasses);
    const exhausted = pools.exhausted.map((e) => ({ ...e, taskId: ids[e.task] }));
    const warnings: string[] = [];
    const notes: string[] = [];
    if (series.length === 0) warnings.push('no probe was taken (no unseen samples or no training steps)');
    if (exhausted.length > 0) {
      // expected when probes are frequent: the unseen data are the probe budget; reported, never worked around
      const byTask = new Map<string, number[]>();
      for (const e of exhausted) byTask.set(e.taskId, [...(byTask.get(e.taskId) ?? []), e.stage]);
      notes.push(
        `replicate seed ${rep.seed}: unseen samples ran out (no reuse; probing paused until the next stage's slice) for ` +
          `${[...byTask].map(([t, s]) => `${t} in stage(s) ${s.join(',')}`).join('; ')}; details.replicates[].exhausted has the steps`,
      );
    }
    const neverProbed = ids.filter((_, t) => pools.probed[t] === 0 && pools.pool[t].length > 0 && series.length > 0);
    if (neverProbed.length > 0) warnings.push(`never probed as a source: ${neverProbed.join(', ')}`);
    const context = ctxCount.map((n, t) => (n > 0 ? ctxSum[t] / n : null));
    return {
      effect: acc.mean(),
      contextual: context,
      stages,
      warnings,
      notes,
      details: {
        probeRounds: series.length,
        counts: acc.counts(),
        contextCounts: ctxCount,
        series: series.thinned(options.maxSeries),
        stages,
        poolSizes: pools.pool.map((p) => p.length),
        unseenUsed: pools.probed.slice(),
        exhausted,
        steps: globalStep,
        probeIntervals,
        valRowsForProbes: probeVal.rows.length,
      },
    };
  } finally {
    model.dispose();
  }
}

export const dataLookaheadEstimator = defineEstimator({
  meta,
  options: dataLookaheadOptionsSchema,
  async estimate(ctx, options) {
    const K = ctx.dataset.tasks.length;
    const ids = ctx.dataset.tasks.map((t) => t.id);
    const runs: { seed: number; result: DataLookaheadReplicateResult }[] = [];
    const lrText = options.divideByLr ? ' per unit lookahead lr' : '';
    const unit =
      options.difference === 'central'
        ? `data-lookahead: [L_target^val(θ + lr·g) − L_target^val(θ − lr·g)] / (2·L_target^val(θ)) for g = the shared-trunk gradient ` +
          `of ${options.batch} unseen source samples (lr ${options.lr})${lrText}`
        : `data-lookahead: 1 − L_target^val(after)/L_target^val(before) after one SGD step (lr ${options.lr}) on the shared trunk ` +
          `with ${options.batch} unseen source samples${lrText}`;
    const estimate = await estimateWithReplicates(ctx, {
      estimator: { name: meta.name, version: meta.version },
      unit,
      replicates: options.replicates,
      level: options.level,
      run: (rep) => {
        const result = dataLookaheadReplicate(ctx, options, rep);
        runs.push({ seed: rep.seed, result });
        return result;
      },
      notes: [
        'effect[target][source]: the diagonal (own unseen samples → own validation loss) is the single-task learning-curve slope',
        `probe losses in evaluation mode on a fixed validation subset per replicate${options.resampleSplit ? ' (train/validation partition re-drawn per replicate; test rows never used)' : ''}; lookahead step: plain SGD on the shared trunk, heads untouched, restored after each read`,
        'unseen samples come from the slice the next stage adds; each is used by at most one probe and never after the model trained on it' +
          (options.probeEvery === 'spread'
            ? "; probes spread evenly over each stage's planned steps (details.replicates[].probeIntervals)"
            : ''),
        'contextual[target]: one lookahead step with a batch of every other task at once (summed gradients), same units as the pairwise effect',
      ],
    });
    const curves = fitStageCurves(
      ids,
      runs.map((r) => ({ seed: r.seed, stages: r.result.stages })),
      ctx.seed,
    );
    const warnings = [...estimate.diagnostics.warnings];
    for (const f of curves.fits) if (!f.converged) warnings.push(`EXP3 fit of ${f.task} from ${f.points} stage points failed: ${f.reason}`);
    return validateEstimate(
      {
        ...estimate,
        diagnostics: { ...estimate.diagnostics, warnings, fitAttempts: curves.attempts, fitFailures: curves.failures },
        details: {
          ...estimate.details,
          learningCurves: curves.fits,
        },
        cost: ctx.cost.snapshot(),
      },
      `estimator "${meta.name}"`,
    );
  },
});
