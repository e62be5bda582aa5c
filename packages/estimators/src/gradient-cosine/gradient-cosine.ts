/**
 * `gradient-cosine` estimator: cosine similarity of the per-task gradients w.r.t. the shared trunk on the
 * current training minibatch (evaluation mode, so the dropout stream is untouched), every `probeEvery`
 * steps of ordinary training, averaged over training; R seeds, t-test, BH. Symmetric:
 * effect[i][j] = effect[j][i]; diagonal null (trivially 1). contextual[i] = the cosine of task i's gradient
 * with the sum of all other tasks' gradients in the minibatch (> 0 = the others' joint step also lowers
 * i's loss, to first order).
 * The inner products come from core's sharedGradientProducts (fast engine: the batch's Gram matrix,
 * K²·B·H work and no per-task gradient buffers); size per replicate: mean and counts (K×K) and a bounded
 * series of a few targets, full per-probe matrices only with `fullSeries`.
 */
import { z } from 'zod';
import { defineEstimator, sharedGradientProducts, type EstimatorContext } from '@transferbench/core';
import { replicateOptionFields, type Replicate, type ReplicateResult } from '../inference/replicates.ts';
import { estimateWithReplicates } from '../inference/estimate-with-replicates.ts';
import { buildModel, trainingData } from '../shared/model-run.ts';
import { trainWithProbes } from '../shared/probed-training.ts';
import { ProbeBuffers } from '../shared/probe-buffers.ts';
import { labelledTasks } from '../tag/probe.ts';
import { cosinesFromProducts } from './cosine.ts';

export const gradientCosineOptionsSchema = z.strictObject({
  ...replicateOptionFields,
  /** measure every k-th training step */
  probeEvery: z.number().int().min(1).default(10),
  /** cap on training epochs (default: the study's model default) */
  maxEpochs: z.number().int().positive().optional(),
  /** probes kept per replicate in details.series (evenly thinned; 0 = none) */
  maxSeries: z.number().int().min(0).default(50),
  /** the series keeps the rows (every other task) and contextual values of the first this-many tasks */
  seriesTargets: z.number().int().min(0).default(3),
  /** the series also keeps each kept probe's whole K×K matrix (O(maxSeries·K²) numbers per replicate) */
  fullSeries: z.boolean().default(false),
});
export type GradientCosineOptions = z.infer<typeof gradientCosineOptionsSchema>;

const meta = {
  name: 'gradient-cosine',
  version: '2.0.0',
  kind: 'computational' as const,
  description:
    'Cosine similarity of per-task shared-trunk gradients on the training minibatch, averaged over training; contextual: cosine ' +
    'with the sum of the other tasks’ gradients; R seeds, t-test, BH.',
};

export function gradientCosineReplicate(
  ctx: EstimatorContext,
  options: GradientCosineOptions,
  rep: Pick<Replicate, 'seed' | 'rng' | 'progress'>,
): ReplicateResult {
  const K = ctx.dataset.tasks.length;
  const data = trainingData(ctx);
  const model = buildModel(ctx, rep.seed, { maxEpochs: options.maxEpochs });
  try {
    const buffers = new ProbeBuffers(model.sharedSize);
    const { report, pairs, contextual, series } = trainWithProbes(ctx, model, data, rep, options.probeEvery, options, (_step, batch) => {
      const present = labelledTasks(batch.labels, K);
      if (present.length < 2) return null;
      const cos = cosinesFromProducts(present.length, sharedGradientProducts(model, batch, present, buffers));
      ctx.cost.addProbes(1, batch.rows.length * present.length);
      return { present, values: cos.values, contextual: cos.contextual };
    });
    return {
      effect: pairs.mean(),
      contextual: contextual.mean(),
      warnings: series.length === 0 ? ['no gradient pair was measured'] : [],
      details: {
        probeSteps: series.length,
        counts: pairs.counts(),
        contextualCounts: contextual.counts(),
        series: series.details(),
        epochs: report.epochs,
        steps: report.steps,
      },
    };
  } finally {
    model.dispose();
  }
}

export const gradientCosineEstimator = defineEstimator({
  meta,
  options: gradientCosineOptionsSchema,
  async estimate(ctx, options) {
    return estimateWithReplicates(ctx, {
      estimator: { name: meta.name, version: meta.version },
      unit: 'cosine',
      contextualUnit: "cosine of the target's gradient with the summed gradient of all other tasks",
      replicates: options.replicates,
      level: options.level,
      inference: options.inference,
      run: (rep) => gradientCosineReplicate(ctx, options, rep),
      notes: [
        'symmetric: effect[i][j] = effect[j][i]; gradients in evaluation mode (no dropout) on the training minibatch; diagonal not estimated',
        'contextual[target]: cosine of the target gradient with the sum of every other task gradient in the minibatch, > 0 = aligned',
      ],
    });
  },
});
