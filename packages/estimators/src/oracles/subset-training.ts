/**
 * One oracle training: a model on a SUBSET of the tasks (one task alone, or a pair) at full data. The model
 * has exactly |subset| heads (labels of the other tasks are not in it at all), trains with core's training
 * loop and is scored per task on its TEST labels: ROC-AUC and log-loss. Both metrics are always stored, so a
 * cached training serves either metric.
 *
 * Per-task early stopping (core `earlyStopping: 'per-task'`): each task is scored with the model at the epoch
 * of ITS OWN lowest validation loss, and training goes on until every task of the model has gone `patience`
 * epochs without improving. With stopping on the summed loss, a pair model (twice the rows, so twice the
 * Adam steps per epoch, and a stopping point set partly by the other task) moved the target's score through
 * optimisation and stopping alone — even a label-permuted source "helped" — and the oracle counted that as
 * transfer.
 *
 * A training is a core `TrainJob` (plain data), so the engine may run a replicate's trainings in parallel
 * (`trainMany`) with results identical to running them one by one.
 *
 * Pairing by seed: the training stream and the model seed depend only on the replicate seed, and core's
 * initialWeights draws W1 first, so task i alone and task i with j start from the same trunk (the difference
 * Δ_ij is then a paired comparison).
 */
import { z } from 'zod';
import {
  dropUnlabelled,
  logLossMasked,
  modelSpecSchema,
  Rng,
  rocAucMasked,
  type EstimatorContext,
  type LabelledRows,
  type ModelSpec,
  type MultiTaskDataset,
  type TrainJob,
  type TrainJobResult,
} from '@transferbench/core';
import { modelSpecFor } from '../shared/model-run.ts';

export const subsetResultSchema = z.object({
  /** task ids of the model, in head order */
  tasks: z.array(z.string()),
  /** test ROC-AUC per task (null: one class in its test labels) */
  auc: z.array(z.number().nullable()),
  /** test log-loss per task (null: no test labels) */
  logLoss: z.array(z.number().nullable()),
  testLabels: z.array(z.number().int().nonnegative()),
  epochs: z.number().int().nonnegative(),
  bestEpoch: z.number().int(),
  /** per task, the epoch its test metrics were read at (its lowest validation loss; −1: no validation labels) */
  taskBestEpochs: z.array(z.number().int()),
  samplePasses: z.number().nonnegative(),
  /** wall ms of the training where it ran (when it was computed, not of a cache hit) */
  wallMs: z.number().nonnegative(),
});
export type SubsetResult = z.infer<typeof subsetResultSchema>;

/** The rows with labels of `tasks` only, as columns 0..|tasks|−1. */
export function subsetRows(ds: MultiTaskDataset, rows: Int32Array, tasks: readonly number[]): LabelledRows {
  const K = ds.tasks.length,
    S = tasks.length;
  const labels = new Int8Array(rows.length * S);
  for (let i = 0; i < rows.length; i++) for (let s = 0; s < S; s++) labels[i * S + s] = ds.labels[rows[i] * K + tasks[s]];
  return { rows, labels };
}

/** Model spec of a subset model (the study's defaults, this seed, |tasks| heads). */
export function subsetSpec(
  ctx: Pick<EstimatorContext, 'dataset' | 'modelDefaults'>,
  seed: number,
  nTasks: number,
  maxEpochs?: number,
): ModelSpec {
  return modelSpecSchema.parse({ ...modelSpecFor(ctx, seed, { maxEpochs }), numTasks: nTasks });
}

export interface SubsetTraining {
  tasks: number[];
  job: TrainJob;
  /** the subset's test labels (rows labelled for one of its tasks) */
  test: LabelledRows;
}

/** The training job of a subset model; its training stream depends on the model seed only. */
export function subsetTraining(
  ctx: Pick<EstimatorContext, 'dataset' | 'split'>,
  tasks: readonly number[],
  spec: ModelSpec,
): SubsetTraining {
  const ds = ctx.dataset;
  const S = tasks.length;
  const stream = new Rng(spec.seed).stream('pairwise-oracle/train');
  const test = dropUnlabelled(subsetRows(ds, ctx.split.test, tasks), S);
  return {
    tasks: [...tasks],
    test,
    job: {
      spec,
      train: subsetRows(ds, ctx.split.train, tasks),
      val: subsetRows(ds, ctx.split.val, tasks),
      rng: { seed: stream.seed, label: stream.label },
      predict: test.rows,
      earlyStopping: 'per-task',
    },
  };
}

/** Test metrics of a finished subset training. */
export function scoreSubset(ds: MultiTaskDataset, training: SubsetTraining, result: TrainJobResult): SubsetResult {
  const S = training.tasks.length;
  const { test } = training;
  const probs = result.predictions;
  if (!probs || probs.length !== test.rows.length * S) {
    throw new Error(`pairwise-oracle: expected ${test.rows.length * S} test predictions, got ${probs?.length ?? 'none'}`);
  }
  const auc: (number | null)[] = [],
    logLoss: (number | null)[] = [],
    testLabels: number[] = [];
  for (let s = 0; s < S; s++) {
    const y = new Int8Array(test.rows.length),
      p = new Float64Array(test.rows.length);
    let n = 0;
    for (let i = 0; i < test.rows.length; i++) {
      y[i] = test.labels[i * S + s];
      p[i] = probs[i * S + s];
      if (y[i] >= 0) n++;
    }
    const a = rocAucMasked(y, p);
    auc.push(Number.isFinite(a) ? a : null);
    logLoss.push(n > 0 ? logLossMasked(y, p) : null);
    testLabels.push(n);
  }
  return {
    tasks: training.tasks.map((t) => ds.tasks[t].id),
    auc,
    logLoss,
    testLabels,
    epochs: result.report.epochs,
    bestEpoch: result.report.bestEpoch,
    taskBestEpochs: result.report.taskBestEpochs ?? training.tasks.map(() => result.report.bestEpoch),
    samplePasses: result.report.samplePasses, // includes the per-task predictions of the test rows
    wallMs: result.wallMs,
  };
}
