/**
 * `tag` estimator: Task Affinity Grouping (Fifty et al., NeurIPS 2021) as a transfer estimator.
 * One ordinary multi-task training run per replicate (core's trainModel, early stopping as usual);
 * every `probeEvery` steps, before the optimiser step, a TAG probe on the current minibatch (see probe.ts)
 * gives Z[target][source] and the contextual Z_{Σ→target} (the summed update of all other tasks); the
 * estimate is the mean over probes, then over replicates (t-test, BH).
 * Orientation: effect[target][source] = how much a step on the source's gradient lowers the target's
 * loss; contextual[target] = how much the other tasks' joint step lowers it. The diagonal (self-affinity)
 * is kept. The TAG network selection of the mean affinities is in details.grouping (exact for K ≤ 15,
 * a greedy search beyond, with a warning).
 * Size: per replicate the mean and counts (K×K), a bounded series of a few targets; full per-probe
 * matrices only with `fullSeries`.
 */
import { z } from 'zod';
import { defineEstimator, type EstimatorContext, type Rng } from '@transferbench/core';
import { replicateOptionFields, type Replicate, type ReplicateResult } from '../inference/replicates.ts';
import { estimateWithReplicates } from '../inference/estimate-with-replicates.ts';
import { buildModel, trainingData } from '../shared/model-run.ts';
import type { TargetSeriesDetails } from '../shared/target-series.ts';
import { trainWithProbes } from '../shared/probed-training.ts';
import { tagProbe, tagProbePasses } from './probe.ts';
import { ProbeBuffers } from '../shared/probe-buffers.ts';
import { selectTaskGroups, type TaskGrouping } from './grouping.ts';
import { greedyTaskGroups } from './greedy-grouping.ts';

/** Largest K for the exact network selection (O(3^K)); beyond it the greedy search. */
export const EXACT_GROUPING_MAX_TASKS = 15;

export const tagOptionsSchema = z.strictObject({
  ...replicateOptionFields,
  /** probe every k-th training step (the reference code: every 10th batch) */
  probeEvery: z.number().int().min(1).default(10),
  /** lookahead SGD learning rate; default the model's learning rate */
  lr: z.number().positive().optional(),
  /** divide Z by the lookahead lr, as the reference code does */
  divideByLr: z.boolean().default(true),
  /** also the contextual lookahead (summed update of all other tasks) per target */
  contextual: z.boolean().default(true),
  /** cap on training epochs (default: the study's model default) */
  maxEpochs: z.number().int().positive().optional(),
  /** probes kept per replicate in details.series (evenly thinned; 0 = none) */
  maxSeries: z.number().int().min(0).default(50),
  /** the series keeps the rows (every source) and contextual values of the first this-many tasks */
  seriesTargets: z.number().int().min(0).default(3),
  /** the series also keeps each kept probe's whole K×K matrix (O(maxSeries·K²) numbers per replicate) */
  fullSeries: z.boolean().default(false),
  /** TAG network selection: groupings with 1..groups groups are reported (0 = none) */
  groups: z.number().int().min(0).default(3),
  /** score of a task alone in a group for network selection (reference notebook: −1e6) */
  singletonScore: z.number().default(-1e6),
});
export type TagOptions = z.infer<typeof tagOptionsSchema>;

const meta = {
  name: 'tag',
  version: '2.0.0',
  kind: 'computational' as const,
  description:
    "Task Affinity Grouping (Fifty et al. 2021): lookahead SGD step on the shared trunk with the source task's gradient on the " +
    'current training minibatch; Z = 1 − L_target(after)/L_target(before), averaged over training; contextual: the step with ' +
    'all other tasks’ summed gradient; R seeds, t-test, BH.',
};

export interface TagReplicateResult extends ReplicateResult {
  details: {
    probeSteps: number;
    counts: number[][];
    contextualCounts?: number[];
    series: TargetSeriesDetails;
    epochs: number;
    steps: number;
    lr: number;
  };
}

/** One replicate: ordinary training with TAG probes in the beforeStep hook. */
export function tagReplicate(
  ctx: EstimatorContext,
  options: TagOptions,
  rep: Pick<Replicate, 'seed' | 'rng' | 'progress'>,
): TagReplicateResult {
  const data = trainingData(ctx);
  const model = buildModel(ctx, rep.seed, { maxEpochs: options.maxEpochs });
  try {
    const lr = options.lr ?? model.spec.learningRate;
    const buffers = new ProbeBuffers(model.sharedSize);
    const { report, pairs, contextual, series } = trainWithProbes(ctx, model, data, rep, options.probeEvery, options, (_step, batch) => {
      const probe = tagProbe(model, batch, { lr, divideByLr: options.divideByLr, contextual: options.contextual, buffers });
      const S = probe.present.length;
      if (S === 0) return null;
      const withContext = options.contextual && S > 1;
      ctx.cost.addProbes(withContext ? 2 * S : S, tagProbePasses(batch.rows.length, S, withContext));
      return { present: probe.present, values: probe.z, contextual: probe.contextual ?? undefined };
    });
    const warnings = series.length === 0 ? ['no probe was taken (no training steps?)'] : [];
    return {
      effect: pairs.mean(),
      ...(options.contextual ? { contextual: contextual.mean() } : {}),
      warnings,
      details: {
        probeSteps: series.length,
        counts: pairs.counts(),
        ...(options.contextual ? { contextualCounts: contextual.counts() } : {}),
        series: series.details(),
        epochs: report.epochs,
        steps: report.steps,
        lr,
      },
    };
  } finally {
    model.dispose();
  }
}

export const tagEstimator = defineEstimator({
  meta,
  options: tagOptionsSchema,
  async estimate(ctx, options) {
    const lrText = options.divideByLr ? ' per unit lookahead lr' : '';
    const groupingWarnings: string[] = [];
    const est = await estimateWithReplicates(ctx, {
      estimator: { name: meta.name, version: meta.version },
      unit: `TAG affinity: 1 − L_target(after)/L_target(before) on the training minibatch after an SGD step with the source's gradient${lrText}`,
      contextualUnit: `TAG contextual affinity: 1 − L_target(after)/L_target(before) after an SGD step with the summed gradient of all other tasks${lrText}`,
      replicates: options.replicates,
      level: options.level,
      inference: options.inference,
      run: (rep) => tagReplicate(ctx, options, rep),
      summarise: (inference) => ({ grouping: groupings(inference.effect, options, ctx.rng.stream('grouping'), groupingWarnings) }),
      notes: [
        'probe losses are computed in evaluation mode (no dropout): probes do not consume the dropout stream, so training is identical with and without probes',
        'lookahead step: plain SGD on the shared trunk (no momentum / weight decay); heads untouched',
        ...(options.contextual
          ? [
              'contextual[target]: the lookahead with the summed gradient of every other task in the minibatch, > 0 = their joint step lowers the target loss',
            ]
          : []),
      ],
    });
    est.diagnostics.warnings.push(...groupingWarnings);
    return est;
  },
});

/**
 * TAG network selection of the mean affinities for 1..groups groups: exact up to EXACT_GROUPING_MAX_TASKS
 * tasks, the greedy partition search beyond it (said in `warnings`); a failure (e.g. a pair never
 * estimated) is reported in `warnings` and as { error } in details, never silently.
 */
function groupings(
  effect: (number | null)[][],
  options: TagOptions,
  rng: Rng,
  warnings: string[],
): (TaskGrouping & { method: string })[] | { error: string } {
  if (options.groups === 0) return [];
  const K = effect.length;
  const exact = K <= EXACT_GROUPING_MAX_TASKS;
  try {
    const out = Array.from({ length: Math.min(options.groups, K) }, (_, b) =>
      exact
        ? selectTaskGroups(effect, { maxGroups: b + 1, singletonScore: options.singletonScore, maxTasks: EXACT_GROUPING_MAX_TASKS })
        : greedyTaskGroups(effect, { maxGroups: b + 1, singletonScore: options.singletonScore }, rng.stream(b + 1)),
    );
    if (!exact)
      warnings.push(
        `TAG network selection (details.grouping): ${K} tasks exceed the exact search's limit of ${EXACT_GROUPING_MAX_TASKS} ` +
          '(O(3^K)); the groupings come from a greedy local search over partitions (a lower bound of the exact objective)',
      );
    return out;
  } catch (err) {
    const message = (err as Error).message;
    warnings.push(`TAG network selection failed, no grouping in details: ${message}`);
    return { error: message };
  }
}
