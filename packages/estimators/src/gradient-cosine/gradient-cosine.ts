/**
 * `gradient-cosine` estimator: cosine similarity of the per-task gradients w.r.t. the shared trunk on the
 * current training minibatch (evaluation mode, so the dropout stream is untouched), every `probeEvery`
 * steps of ordinary training, averaged over training; R seeds, t-test, BH. Symmetric:
 * effect[i][j] = effect[j][i]; diagonal null (trivially 1).
 */
import { z } from 'zod';
import { defineEstimator, type EstimatorContext } from '@transferbench/core';
import { replicateOptionFields, type Replicate, type ReplicateResult } from '../inference/replicates.ts';
import { estimateWithReplicates } from '../inference/estimate-with-replicates.ts';
import { buildModel, trainingData } from '../shared/model-run.ts';
import { trainWithProbes } from '../shared/probed-training.ts';
import { ProbeBuffers } from '../shared/probe-buffers.ts';
import { batchGradientSupport, gradientCosines } from './cosine.ts';

export const gradientCosineOptionsSchema = z.strictObject({
  ...replicateOptionFields,
  /** measure every k-th training step */
  probeEvery: z.number().int().min(1).default(10),
  /** cap on training epochs (default: the study's model default) */
  maxEpochs: z.number().int().positive().optional(),
  /** probes kept per replicate in details (evenly thinned) */
  maxSeries: z.number().int().min(1).default(50),
});
export type GradientCosineOptions = z.infer<typeof gradientCosineOptionsSchema>;

const meta = {
  name: 'gradient-cosine',
  version: '1.0.0',
  kind: 'computational' as const,
  description:
    'Cosine similarity of per-task shared-trunk gradients on the training minibatch, averaged over training; R seeds, t-test, BH.',
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
    const { report, pairs, series } = trainWithProbes(ctx, model, data, rep, options.probeEvery, (_step, batch) => {
      const present = labelledTasks(batch.labels, K);
      if (present.length < 2) return null;
      const grads = model.sharedGradients(batch, present, buffers.gradients(present.length));
      const support = batchGradientSupport(ctx.dataset.features, batch, present, K, model.spec.hidden);
      const cos = gradientCosines(K, present, grads, support);
      ctx.cost.addProbes(1, batch.rows.length * present.length);
      return cos;
    });
    return {
      effect: pairs.mean(),
      warnings: series.length === 0 ? ['no gradient pair was measured'] : [],
      details: {
        probeSteps: series.length,
        counts: pairs.counts(),
        series: series.thinned(options.maxSeries),
        epochs: report.epochs,
        steps: report.steps,
      },
    };
  } finally {
    model.dispose();
  }
}

function labelledTasks(labels: Int8Array, K: number): number[] {
  const seen = new Array<boolean>(K).fill(false);
  for (let i = 0; i < labels.length; i++) if (labels[i] >= 0) seen[i % K] = true;
  return seen.flatMap((s, t) => (s ? [t] : []));
}

export const gradientCosineEstimator = defineEstimator({
  meta,
  options: gradientCosineOptionsSchema,
  async estimate(ctx, options) {
    return estimateWithReplicates(ctx, {
      estimator: { name: meta.name, version: meta.version },
      unit: 'cosine',
      replicates: options.replicates,
      level: options.level,
      run: (rep) => gradientCosineReplicate(ctx, options, rep),
      notes: [
        'symmetric: effect[i][j] = effect[j][i]; gradients in evaluation mode (no dropout) on the training minibatch; diagonal not estimated',
      ],
    });
  },
});
