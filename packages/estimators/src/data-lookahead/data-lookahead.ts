/**
 * `data-lookahead` estimator: the fast approximation of multi-task learning curves (DESIGN §4), analogous to
 * TAG but perturbing the DATA instead of the model. One training run per replicate in which the data
 * accumulate (pools.ts: included prefix per task, growing over `stages`; training continues across stages
 * with core's trainModel per stage, Adam state kept). In probe rounds spread over each stage, for each
 * source j, a lookahead SGD step on the shared trunk with a batch of UNSEEN task-j samples, read every
 * target's VALIDATION loss, restore (probe.ts): Z_{j→i} = relative decrease of L_i^val, a finite-difference
 * estimate of ∂m_i/∂n_j (central by default: no curvature bias). The rounds are planned per source
 * (schedule.ts): each source's whole unseen slice is divided over the stage's rounds, so every task is probed
 * in proportion to its data and every source with an unseen sample at least once a stage; a round the
 * stage's training does not reach (early stopping) runs at the stage's end. Averaged over probes, then over
 * R replicates, each on its own re-drawn train/validation partition (t-test per pair, raw p; BH in details).
 *
 * Orientation: effect[target i][source j]. Diagonal = own unseen samples → own validation loss (the slope of
 * the single-task learning curve), kept. `contextual.effect[i]` = the same for the batches of every other
 * task of a round at once (one step per round, cost linear in K; see probe.ts). Per-stage validation AUCs
 * give a coarse learning curve per task, fitted with EXP3 (failures in diagnostics). Unseen means unseen: no
 * sample is used twice. Details stay O(K) numbers per replicate (coverage per source, per-stage points); the
 * per-probe K×K series only when asked (`maxSeries`).
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
import { TaskPools } from './pools.ts';
import { planStage, roundShare } from './schedule.ts';
import { coverageWarnings, summariseCoverage, type SourceCoverage } from './coverage.ts';
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
     * probe rounds at every k-th training step of a stage, or 'spread': mean slice ÷ `batch` rounds spread evenly
     * over the stage's planned steps (probes crowded into a stage's first steps, while the model is still
     * adapting to the data just added, measured that transient and ranked pairs far worse). Either way each
     * source's unseen slice is divided over the stage's rounds (schedule.ts)
     */
    probeEvery: z.union([z.number().int().min(1), z.literal('spread')]).default('spread'),
    /**
     * mean unseen samples per source and lookahead step: sets the rounds per stage with 'spread' (larger: fewer,
     * cheaper rounds; every unseen sample is used either way). A source's own batch is its slice ÷ rounds
     */
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
    /**
     * per-probe K×K matrices kept per replicate in details (evenly thinned); 0 (default) keeps none — each costs
     * K² numbers in memory during the run and in the output
     */
    maxSeries: z.number().int().min(0).default(0),
    /** coverage warning: a source that used less than this share of its unseen samples (or none) is named */
    minCoverage: z.number().min(0).max(1).default(0.5),
  })
  .refine((o) => o.endFraction >= o.startFraction, { message: 'expected endFraction ≥ startFraction', path: ['endFraction'] });
export type DataLookaheadOptions = z.infer<typeof dataLookaheadOptionsSchema>;

const meta = {
  name: 'data-lookahead',
  // 2: central difference, probes spread over stages, batch 32, train/validation re-drawn per replicate
  // 3: probes planned per source (each slice divided over the stage's rounds), context step along the mean direction
  version: '3.0.0',
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
    /** context probes per target */
    contextCounts: number[];
    /** mean number of sources in a round's context step */
    contextSources: number | null;
    coverage: SourceCoverage;
    series?: ProbeSeriesDetails;
    stages: StagePoint[];
    poolSizes: number[];
    steps: number;
    /**
     * per stage: rounds planned (the first few at their training steps), planned and trained steps, rounds run at
     * the stage's end, sources with an unseen slice and sources probed (equal unless a probe failed)
     */
    plans: {
      rounds: number;
      firstSteps: number[];
      plannedSteps: number;
      trainedSteps: number;
      lateRounds: number;
      sourcesWithSlice: number;
      sourcesProbed: number;
    }[];
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
  const split = options.resampleSplit ? resampleSplit(ctx.dataset, ctx.split, rep.seed, { keepTest: true }) : ctx.split;
  const pools = new TaskPools(ctx.dataset, split, options, rep.rng.stream('pools'));
  const val = labelledRows(ctx.dataset, split.val);
  const probeVal = probeValidationRows(val, K, options.valSubset, rep.rng.stream('probe-validation'));
  const model = buildModel(ctx, rep.seed);
  try {
    const buffers = new ProbeBuffers(model.sharedSize);
    const acc = new PairAccumulator(K);
    const ctxSum = new Float64Array(K);
    const ctxCount = new Array<number>(K).fill(0);
    let ctxSources = 0;
    let ctxRounds = 0;
    const probes = new Array<number>(K).fill(0);
    const series = options.maxSeries > 0 ? new ProbeSeries() : null;
    let rounds = 0;
    const stages: StagePoint[] = [];
    const plans: DataLookaheadReplicateResult['details']['plans'] = [];
    const trainRng = rep.rng.stream('train');
    let globalStep = 0;
    let trainPasses = 0;
    for (let stage = 0; stage < options.stages; stage++) {
      ctx.signal.throwIfAborted();
      pools.enterStage(stage);
      const offset = globalStep;
      const rows = pools.trainingRows();
      const plannedSteps = options.epochsPerStage * Math.ceil(rows.rows.length / model.spec.batchSize);
      const plan = planStage(
        Array.from({ length: K }, (_, t) => pools.available(t)),
        { plannedSteps, batch: options.batch, probeEvery: options.probeEvery },
      );
      let next = 0;
      const probedThisStage = new Uint8Array(K);
      const runRound = (step: number, epoch: number) => {
        const r = next++;
        const unseen = plan.available.map((u, t) => {
          const n = u > 0 ? roundShare(u, plan.rounds, r) : 0;
          return n > 0 ? pools.takeUnseen(t, n) : null;
        });
        const probe = lookaheadProbe(model, probeVal, unseen, {
          lr: options.lr,
          divideByLr: options.divideByLr,
          context: options.context,
          difference: options.difference,
          buffers,
        });
        for (const s of probe.sources) {
          probes[s]++;
          probedThisStage[s] = 1;
        }
        acc.addMatrix(probe.z);
        let anyContext = false;
        probe.context.forEach((v, t) => {
          if (v !== null && Number.isFinite(v)) {
            ctxSum[t] += v;
            ctxCount[t]++;
            anyContext = true;
          }
        });
        if (anyContext) {
          ctxSources += probe.sources.length;
          ctxRounds++;
        }
        series?.push(step, epoch, probe.z);
        rounds++;
        ctx.cost.addProbes(probe.steps, probe.samplePasses);
      };
      const report = trainModel(model, rows, val, {
        rng: trainRng,
        maxEpochs: options.epochsPerStage,
        patience: options.patience,
        hooks: {
          signal: ctx.signal,
          beforeStep(step, _batch, epoch) {
            if (next < plan.rounds && step === plan.steps[next]) runRound(offset + step, stage * options.epochsPerStage + epoch);
          },
          afterEpoch(epoch) {
            rep.progress(
              (stage + (epoch + 1) / options.epochsPerStage) / options.stages,
              `stage ${stage + 1}/${options.stages}, epoch ${epoch + 1}`,
            );
          },
        },
      });
      // rounds the training did not reach (early stopping): at the stage's end, on the weights it kept, so that
      // every source still uses its whole slice and the cost does not depend on when training stopped
      const late = plan.rounds - next;
      while (next < plan.rounds) runRound(offset + report.steps, stage * options.epochsPerStage + Math.max(0, report.epochs - 1));
      plans.push({
        rounds: plan.rounds,
        firstSteps: plan.steps.slice(0, 3),
        plannedSteps,
        trainedSteps: report.steps,
        lateRounds: late,
        sourcesWithSlice: plan.available.filter((u) => u > 0).length,
        sourcesProbed: probedThisStage.reduce((a, b) => a + b, 0),
      });
      globalStep += report.steps;
      trainPasses += report.samplePasses;
      const losses = Array.from(evaluateLosses(model, val), (v) => (Number.isFinite(v) ? v : null));
      stages.push({ stage, n: pools.counts(), auc: validationAucs(model, val), loss: losses, epochs: report.epochs });
      ctx.cost.addSamplePasses(val.rows.length); // AUC + loss read-out: two forward passes
    }
    ctx.cost.addTraining(trainPasses);
    const warnings: string[] = [];
    if (rounds === 0) warnings.push('no probe was taken (no unseen samples in any stage)');
    const context = ctxCount.map((n, t) => (n > 0 ? ctxSum[t] / n : null));
    return {
      effect: acc.mean(),
      contextual: context,
      stages,
      warnings,
      details: {
        probeRounds: rounds,
        contextCounts: ctxCount,
        contextSources: ctxRounds > 0 ? ctxSources / ctxRounds : null,
        coverage: { probes, used: pools.probed.slice(), available: pools.offered.slice() },
        ...(series ? { series: series.thinned(options.maxSeries) } : {}),
        stages,
        poolSizes: pools.pool.map((p) => p.length),
        steps: globalStep,
        plans,
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
          `of a batch of unseen source samples (lr ${options.lr})${lrText}`
        : `data-lookahead: 1 − L_target^val(after)/L_target^val(before) after one SGD step (lr ${options.lr}) on the shared trunk ` +
          `with a batch of unseen source samples${lrText}`;
    const estimate = await estimateWithReplicates(ctx, {
      estimator: { name: meta.name, version: meta.version },
      unit,
      replicates: options.replicates,
      level: options.level,
      inference: options.inference,
      run: (rep) => {
        const result = dataLookaheadReplicate(ctx, options, rep);
        runs.push({ seed: rep.seed, result });
        return result;
      },
      notes: [
        'effect[target][source]: the diagonal (own unseen samples → own validation loss) is the single-task learning-curve slope',
        `probe losses in evaluation mode on a fixed validation subset per replicate${options.resampleSplit ? ' (train/validation partition re-drawn per replicate; test rows never used)' : ''}; lookahead step: plain SGD on the shared trunk, heads untouched, restored after each read`,
        'unseen samples come from the slice the next stage adds; each is used by at most one probe and never after the model trained on it; ' +
          "each source's slice is divided over the stage's probe rounds (" +
          (options.probeEvery === 'spread'
            ? `mean slice ÷ ${options.batch} rounds, spread over the stage's planned steps`
            : `every ${options.probeEvery} steps`) +
          "), rounds not reached by training run at the stage's end (details.replicates[].plans); use per source in details.coverage",
        'contextual[target]: the lookahead of one step with the batches of every other source of a round at once, read at the step ' +
          'along their mean gradient and scaled to their sum (central difference: equal to the summed step to O(lr³)); same units as the pairwise effect',
      ],
    });
    const coverage = summariseCoverage(
      runs.map((r) => r.result.details.coverage),
      K,
    );
    const poolSizes = runs[0]?.result.details.poolSizes ?? [];
    const curves = fitStageCurves(
      ids,
      runs.map((r) => ({ seed: r.seed, stages: r.result.stages })),
      ctx.seed,
    );
    const warnings = [
      ...estimate.diagnostics.warnings,
      ...coverageWarnings(coverage, ids, { replicates: runs.length, minCoverage: options.minCoverage, batch: options.batch, poolSizes }),
    ];
    for (const f of curves.fits) if (!f.converged) warnings.push(`EXP3 fit of ${f.task} from ${f.points} stage points failed: ${f.reason}`);
    return validateEstimate(
      {
        ...estimate,
        diagnostics: { ...estimate.diagnostics, warnings, fitAttempts: curves.attempts, fitFailures: curves.failures },
        details: {
          ...estimate.details,
          coverage,
          learningCurves: curves.fits,
        },
        cost: ctx.cost.snapshot(),
      },
      `estimator "${meta.name}"`,
    );
  },
});
