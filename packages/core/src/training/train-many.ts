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
import { loadCheckpoint, saveCheckpoint, type Checkpoint } from './checkpoint.ts';

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
  /**
   * Rows to predict: with the final (best summed-loss) weights, or under `earlyStopping: 'per-task'` each
   * task's column from the model at that task's own best validation epoch.
   */
  predict?: Int32Array;
  /** see TrainOptions.earlyStopping (default 'total') */
  earlyStopping?: 'total' | 'per-task';
  /** see TrainOptions.stopOn (default every task) */
  stopOn?: number[];
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
    const K = model.spec.numTasks;
    const rows = job.predict;
    // Per-task stopping: each task's prediction column comes from the model at that task's best epoch. The
    // weights at each best are kept (a copy of W1 is far cheaper than predicting many held-out rows at every
    // improvement); at the end every distinct best point predicts once.
    const best = job.earlyStopping === 'per-task' && rows ? new Array<Checkpoint | undefined>(K).fill(undefined) : undefined;
    const report = trainModel(model, job.train, job.val, {
      rng: new Rng(job.rng.seed, job.rng.label),
      maxEpochs: job.maxEpochs,
      patience: job.patience,
      batchSize: job.batchSize,
      earlyStopping: job.earlyStopping,
      stopOn: job.stopOn,
      hooks: {
        signal,
        afterTaskBest:
          best &&
          ((_epoch, tasks) => {
            // a checkpoint none of the other tasks still points at is overwritten rather than a new one taken
            const free = new Set(tasks.map((t) => best[t]));
            best.forEach((c, t) => tasks.includes(t) || free.delete(c));
            const c = saveCheckpoint(
              model,
              [...free].find((f) => f !== undefined),
            );
            for (const t of tasks) best[t] = c;
          }),
      },
    });
    let predictions: Float32Array | null = null;
    if (rows) {
      const final = saveCheckpoint(model);
      predictions = model.predict(rows);
      if (best) {
        // tasks without validation labels keep the final weights' column
        for (const w of new Set(best.filter((b): b is Checkpoint => b !== undefined))) {
          loadCheckpoint(model, w);
          const p = model.predict(rows);
          report.samplePasses += rows.length / 2; // the extra forward pass over the predicted rows
          for (let t = 0; t < K; t++) if (best[t] === w) for (let i = 0; i < rows.length; i++) predictions[i * K + t] = p[i * K + t];
        }
        loadCheckpoint(model, final);
      }
    }
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
