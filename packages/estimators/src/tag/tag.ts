/**
 * `tag` estimator: Task Affinity Grouping (Fifty et al., NeurIPS 2021) as a transfer estimator.
 * One ordinary multi-task training run per replicate (core's trainModel, early stopping as usual);
 * every `probeEvery` steps, before the optimiser step, a TAG probe on the current minibatch (see probe.ts)
 * gives Z[target][source]; the estimate is the mean over probes, then over replicates (t-test, BH).
 * Orientation: effect[target][source] = how much a step on the source's gradient lowers the target's
 * loss. The diagonal (self-affinity) is kept. The TAG network selection of the mean affinities is in
 * details.grouping.
 */
import { z } from 'zod';
import { defineEstimator, type EstimatorContext } from '@transferbench/core';
import { replicateOptionFields, type Replicate, type ReplicateResult } from '../inference/replicates.ts';
import { estimateWithReplicates } from '../inference/estimate-with-replicates.ts';
import { buildModel, trainingData } from '../shared/model-run.ts';
import type { ProbeSeries } from '../shared/probe-series.ts';
import { trainWithProbes } from '../shared/probed-training.ts';
import { tagProbe, tagProbePasses } from './probe.ts';
import { ProbeBuffers } from '../shared/probe-buffers.ts';
import { selectTaskGroups, type TaskGrouping } from './grouping.ts';

export const tagOptionsSchema = z.strictObject({
  ...replicateOptionFields,
  /** probe every k-th training step (the reference code: every 10th batch) */
  probeEvery: z.number().int().min(1).default(10),
  /** lookahead SGD learning rate; default the model's learning rate */
  lr: z.number().positive().optional(),
  /** divide Z by the lookahead lr, as the reference code does */
  divideByLr: z.boolean().default(true),
  /** cap on training epochs (default: the study's model default) */
  maxEpochs: z.number().int().positive().optional(),
  /** probes kept per replicate in details (evenly thinned) */
  maxSeries: z.number().int().min(1).default(50),
  /** TAG network selection: groupings with 1..groups groups are reported (0 = none) */
  groups: z.number().int().min(0).default(3),
  /** score of a task alone in a group for network selection (reference notebook: −1e6) */
  singletonScore: z.number().default(-1e6),
});
export type TagOptions = z.infer<typeof tagOptionsSchema>;

const meta = {
  name: 'tag',
  version: '1.0.0',
  kind: 'computational' as const,
  description:
    "Task Affinity Grouping (Fifty et al. 2021): lookahead SGD step on the shared trunk with the source task's gradient on the " +
    'current training minibatch; Z = 1 − L_target(after)/L_target(before), averaged over training; R seeds, t-test, BH.',
};

export interface TagReplicateResult extends ReplicateResult {
  details: {
    probeSteps: number;
    counts: number[][];
    series: ReturnType<ProbeSeries['thinned']>;
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
    const { report, pairs, series } = trainWithProbes(ctx, model, data, rep, options.probeEvery, (_step, batch) => {
      const probe = tagProbe(model, batch, { lr, divideByLr: options.divideByLr, buffers });
      ctx.cost.addProbes(probe.present.length, tagProbePasses(batch.rows.length, probe.present.length));
      return probe.z;
    });
    const warnings = series.length === 0 ? ['no probe was taken (no training steps?)'] : [];
    return {
      effect: pairs.mean(),
      warnings,
      details: {
        probeSteps: series.length,
        counts: pairs.counts(),
        series: series.thinned(options.maxSeries),
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
    return estimateWithReplicates(ctx, {
      estimator: { name: meta.name, version: meta.version },
      unit: `TAG affinity: 1 − L_target(after)/L_target(before) on the training minibatch after an SGD step with the source's gradient${lrText}`,
      replicates: options.replicates,
      level: options.level,
      run: (rep) => tagReplicate(ctx, options, rep),
      summarise: (inference) => ({ grouping: groupings(inference.effect, options) }),
      notes: [
        'probe losses are computed in evaluation mode (no dropout): probes do not consume the dropout stream, so training is identical with and without probes',
        'lookahead step: plain SGD on the shared trunk (no momentum / weight decay); heads untouched',
      ],
    });
  },
});

function groupings(effect: (number | null)[][], options: TagOptions): TaskGrouping[] | { error: string } {
  if (options.groups === 0) return [];
  try {
    return Array.from({ length: Math.min(options.groups, effect.length) }, (_, b) =>
      selectTaskGroups(effect, { maxGroups: b + 1, singletonScore: options.singletonScore }),
    );
  } catch (err) {
    return { error: (err as Error).message };
  }
}
