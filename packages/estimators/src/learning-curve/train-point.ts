/**
 * One design point = one trained model, as a core TrainJob (so an engine may train the points in parallel,
 * with results independent of the worker count): the study's model with the replicate's seed (all points of
 * a replicate start from the same initial weights: common random numbers across the curve), trained by core's
 * loop on the point's subsample with early stopping on the validation labels of the tasks present in the run,
 * predicting the test rows. The predictions are scored per task on its test labels (tasks absent from the run,
 * n_t = 0, are not scored) and kept for the test-set bootstrap (test-bootstrap.ts).
 */
import {
  dropUnlabelled,
  logLossMasked,
  rocAucMasked,
  type EstimatorContext,
  type LabelledRows,
  type Rng,
  type TrainJob,
} from '@transferbench/core';
import { modelSpecFor } from '../shared/model-run.ts';
import { maskTasks } from './subsample.ts';

export type LearningCurveMetric = 'auc' | 'neg-logloss';

/** Per-task test metric from predicted probabilities (rows.length × K); null where absent or undefined. */
export function scoreTasks(
  test: LabelledRows,
  probs: Float32Array,
  K: number,
  present: readonly boolean[],
  metric: LearningCurveMetric,
): (number | null)[] {
  const n = test.rows.length;
  const out: (number | null)[] = [];
  for (let t = 0; t < K; t++) {
    if (!present[t]) {
      out.push(null);
      continue;
    }
    const y = new Int8Array(n),
      p = new Float64Array(n);
    let labelled = 0;
    for (let i = 0; i < n; i++) {
      y[i] = test.labels[i * K + t];
      p[i] = probs[i * K + t];
      if (y[i] >= 0) labelled++;
    }
    if (labelled === 0) {
      out.push(null);
      continue;
    }
    const v = metric === 'auc' ? rocAucMasked(y, p) : -logLossMasked(y, p);
    out.push(Number.isFinite(v) ? v : null);
  }
  return out;
}

export function pointJob(
  ctx: Pick<EstimatorContext, 'dataset' | 'modelDefaults'>,
  args: {
    /** the point's subsample of the train rows (labels outside it hidden) */
    train: LabelledRows;
    val: LabelledRows;
    /** test rows with at least one label: the same rows for every run, so predictions line up */
    test: LabelledRows;
    counts: readonly number[];
    seed: number;
    /** the run's training stream, not yet drawn from */
    rng: Rng;
    maxEpochs?: number;
    patience?: number;
  },
): TrainJob {
  const K = ctx.dataset.tasks.length;
  const present = args.counts.map((n) => n > 0);
  return {
    spec: modelSpecFor(ctx, args.seed, { maxEpochs: args.maxEpochs, patience: args.patience }),
    train: dropUnlabelled(args.train, K),
    val: dropUnlabelled(maskTasks(args.val, K, present), K),
    rng: { seed: args.rng.seed, label: args.rng.label },
    predict: args.test.rows,
  };
}
