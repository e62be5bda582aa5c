/**
 * One oracle training: a model on a SUBSET of the tasks (one task alone, a pair, all but one, all) — each
 * member in a role (label-view.ts: a source at full data, a target cut to the operating point, a label-permuted
 * source). The model has exactly |subset| heads (labels of the other tasks are not in it at all), trains with
 * core's training loop and is scored per member on its TEST labels: ROC-AUC, average precision and log-loss.
 * Every metric is always stored, so a cached training serves any of them.
 *
 * Per-task early stopping (core `earlyStopping: 'per-task'`): each task is scored with the model at the epoch
 * of ITS OWN lowest validation loss, and training goes on until every TARGET member (the tasks read out) has
 * gone `patience` epochs without improving — a source is never read, so it does not hold training open: with
 * it, {i, j} (j still improving) gave target i more epochs to be read at than {i, perm j} or {i} alone did. With stopping on the summed loss, a pair model (twice the rows, so twice the
 * Adam steps per epoch, and a stopping point set partly by the other task) moved the target's score through
 * optimisation and stopping alone — even a label-permuted source "helped" — and the oracle counted that as
 * transfer.
 *
 * A training is a core `TrainJob` (plain data), so the engine may run a replicate's trainings in parallel
 * (`trainMany`) with results identical to running them one by one.
 *
 * Pairing by seed: the training stream and the model seed depend only on the replicate seed, and core's
 * initialWeights draws W1 first, so task i alone and task i with j start from the same trunk (the difference
 * Δ_ij is then a paired comparison). {i, j} and {i, perm j} share even their rows and batch order.
 */
import { z } from 'zod';
import {
  averagePrecisionMasked,
  dropUnlabelled,
  logLossMasked,
  modelSpecSchema,
  Rng,
  rocAucMasked,
  type EstimatorContext,
  type LabelledRows,
  type ModelSpec,
  type TrainJob,
  type TrainJobResult,
} from '@transferbench/core';
import { modelSpecFor } from '../shared/model-run.ts';
import type { LabelView, SubsetMember } from './label-view.ts';

export const subsetResultSchema = z.object({
  /** member keys of the model, in head order (task id, with `@fraction` for a cut target, `~perm` when permuted) */
  tasks: z.array(z.string()),
  /** test ROC-AUC per member (null: one class in its test labels) */
  auc: z.array(z.number().nullable()),
  /** test average precision per member (null: no positive test label) */
  ap: z.array(z.number().nullable()),
  /** test log-loss per member (null: no test labels) */
  logLoss: z.array(z.number().nullable()),
  testLabels: z.array(z.number().int().nonnegative()),
  /** training labels per member (after a target cut) */
  trainLabels: z.array(z.number().int().nonnegative()),
  epochs: z.number().int().nonnegative(),
  bestEpoch: z.number().int(),
  /** per task, the epoch its test metrics were read at (its lowest validation loss; −1: no validation labels) */
  taskBestEpochs: z.array(z.number().int()),
  samplePasses: z.number().nonnegative(),
  /** wall ms of the training where it ran (when it was computed, not of a cache hit) */
  wallMs: z.number().nonnegative(),
});
export type SubsetResult = z.infer<typeof subsetResultSchema>;

/** The cache/identity key of a member: its task id and role (a cut target carries its fraction). */
export function memberKey(ids: readonly string[], m: SubsetMember, targetFraction: number): string {
  if (m.role === 'permuted') return `${ids[m.task]}~perm`;
  if (m.role === 'target' && targetFraction < 1) return `${ids[m.task]}@${targetFraction}`;
  return ids[m.task];
}

/** The rows of one part of the split with the members' labels as columns 0..|members|−1. */
export function subsetRows(view: LabelView, part: 'train' | 'val' | 'test', members: readonly SubsetMember[]): LabelledRows {
  const rows = view.split[part];
  const S = members.length;
  const labels = new Int8Array(rows.length * S);
  for (let i = 0; i < rows.length; i++) for (let s = 0; s < S; s++) labels[i * S + s] = view.label(rows[i], members[s], part);
  return { rows, labels };
}

/** Model spec of a subset model (the study's defaults, this seed, |members| heads). */
export function subsetSpec(
  ctx: Pick<EstimatorContext, 'dataset' | 'modelDefaults'>,
  seed: number,
  nTasks: number,
  maxEpochs?: number,
): ModelSpec {
  return modelSpecSchema.parse({ ...modelSpecFor(ctx, seed, { maxEpochs }), numTasks: nTasks });
}

export interface SubsetTraining {
  members: SubsetMember[];
  job: TrainJob;
  /** the subset's test labels (rows labelled for one of its members) */
  test: LabelledRows;
  trainLabels: number[];
}

/** The training job of a subset model; its training stream depends on the model seed only. */
export function subsetTraining(view: LabelView, members: readonly SubsetMember[], spec: ModelSpec): SubsetTraining {
  const S = members.length;
  const stream = new Rng(spec.seed).stream('pairwise-oracle/train');
  const train = subsetRows(view, 'train', members);
  const test = dropUnlabelled(subsetRows(view, 'test', members), S);
  const trainLabels = members.map((_, s) => {
    let n = 0;
    for (let i = 0; i < train.rows.length; i++) if (train.labels[i * S + s] >= 0) n++;
    return n;
  });
  return {
    members: [...members],
    test,
    trainLabels,
    job: {
      spec,
      train,
      val: subsetRows(view, 'val', members),
      rng: { seed: stream.seed, label: stream.label },
      predict: test.rows,
      earlyStopping: 'per-task',
      // only the members read out (targets) end training: a source that keeps improving must not give the
      // target more epochs than the reference model gives it
      stopOn: members.flatMap((m, s) => (m.role === 'target' ? [s] : [])),
    },
  };
}

/** Test metrics of a finished subset training. */
export function scoreSubset(keys: readonly string[], training: SubsetTraining, result: TrainJobResult): SubsetResult {
  const S = training.members.length;
  const { test } = training;
  const probs = result.predictions;
  if (!probs || probs.length !== test.rows.length * S) {
    throw new Error(`oracle: expected ${test.rows.length * S} test predictions, got ${probs?.length ?? 'none'}`);
  }
  const auc: (number | null)[] = [],
    ap: (number | null)[] = [],
    logLoss: (number | null)[] = [],
    testLabels: number[] = [];
  const finiteOrNull = (v: number) => (Number.isFinite(v) ? v : null);
  for (let s = 0; s < S; s++) {
    const y = new Int8Array(test.rows.length),
      p = new Float64Array(test.rows.length);
    let n = 0;
    for (let i = 0; i < test.rows.length; i++) {
      y[i] = test.labels[i * S + s];
      p[i] = probs[i * S + s];
      if (y[i] >= 0) n++;
    }
    auc.push(finiteOrNull(rocAucMasked(y, p)));
    ap.push(finiteOrNull(averagePrecisionMasked(y, p)));
    logLoss.push(n > 0 ? logLossMasked(y, p) : null);
    testLabels.push(n);
  }
  return {
    tasks: [...keys],
    auc,
    ap,
    logLoss,
    testLabels,
    trainLabels: training.trainLabels,
    epochs: result.report.epochs,
    bestEpoch: result.report.bestEpoch,
    taskBestEpochs: result.report.taskBestEpochs ?? training.members.map(() => result.report.bestEpoch),
    samplePasses: result.report.samplePasses, // includes the per-task predictions of the test rows
    wallMs: result.wallMs,
  };
}
