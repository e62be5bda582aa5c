/**
 * Many independent trainings at once (learning-curve design points, oracle subsets, replicates).
 * A job is plain data — spec, rows, labels, the seed of its training stream — so an engine may run
 * jobs in parallel (worker threads) while the result of each stays exactly what `runTrainJob` gives
 * in this process: `trainMany` returns the same results, in job order, whatever the number of workers.
 *
 * Estimators call `trainMany(ctx.models, features, jobs)`; factories that can parallelise implement
 * `ParallelModelFactory.trainMany`, others run the jobs one by one here.
 */
import { Rng } from '../rng.ts';
import type { CsrMatrix } from '../contracts/dataset.ts';
import type { ModelFactory, ModelSpecInput } from '../contracts/model.ts';
import type { LabelledRows } from '../contracts/split.ts';
import { trainModel, type TrainReport } from './train.ts';

export interface TrainJob {
  /** the model (its seed fixes initial weights and dropout masks) */
  spec: ModelSpecInput;
  train: LabelledRows;
  /** early-stopping set; without it the job trains maxEpochs epochs */
  val?: LabelledRows;
  /**
   * The training loop's random stream (shuffling), fresh: `new Rng(seed, label)`. For a stream
   * `r = rng.stream('x')` not yet drawn from, pass `{ seed: r.seed, label: r.label }`.
   */
  rng: { seed: number; label?: string };
  maxEpochs?: number;
  patience?: number;
  batchSize?: number;
  /** rows to predict with the final (best) weights */
  predict?: Int32Array;
}

export interface TrainJobResult {
  report: TrainReport;
  /** predict.length × numTasks probabilities, row-major; null without `predict` */
  predictions: Float32Array | null;
  /** wall-clock time of the job where it ran */
  wallMs: number;
}

export interface TrainManyOptions {
  signal?: AbortSignal;
  /** called as each job finishes (in completion order) */
  onJobDone?(index: number, finished: number, total: number): void;
}

/** A factory that runs independent jobs in parallel; results must equal `runTrainJob`'s. */
export interface ParallelModelFactory extends ModelFactory {
  trainMany(features: CsrMatrix, jobs: readonly TrainJob[], options?: TrainManyOptions): Promise<TrainJobResult[]>;
}

export function isParallelModelFactory(f: ModelFactory): f is ParallelModelFactory {
  return typeof (f as Partial<ParallelModelFactory>).trainMany === 'function';
}

/** One job in this process: build, train with core's loop, predict, dispose. */
export function runTrainJob(factory: ModelFactory, features: CsrMatrix, job: TrainJob, signal?: AbortSignal): TrainJobResult {
  const t0 = performance.now();
  const model = factory.create(features, job.spec);
  try {
    const report = trainModel(model, job.train, job.val, {
      rng: new Rng(job.rng.seed, job.rng.label),
      maxEpochs: job.maxEpochs,
      patience: job.patience,
      batchSize: job.batchSize,
      hooks: { signal },
    });
    const predictions = job.predict ? model.predict(job.predict) : null;
    return { report, predictions, wallMs: performance.now() - t0 };
  } finally {
    model.dispose();
  }
}

/** Runs the jobs on the factory's workers when it has them, else one by one; results in job order. */
export async function trainMany(
  factory: ModelFactory,
  features: CsrMatrix,
  jobs: readonly TrainJob[],
  options: TrainManyOptions = {},
): Promise<TrainJobResult[]> {
  if (isParallelModelFactory(factory)) return factory.trainMany(features, jobs, options);
  const out: TrainJobResult[] = [];
  for (let i = 0; i < jobs.length; i++) {
    options.signal?.throwIfAborted();
    out.push(runTrainJob(factory, features, jobs[i], options.signal));
    options.onJobDone?.(i, i + 1, jobs.length);
  }
  return out;
}
