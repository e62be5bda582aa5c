/**
 * Model: the engine contract. A hard-parameter-sharing multi-task net — shared trunk
 * (sparse binary input → hidden ReLU with dropout) and one linear head per task — trained on the
 * masked loss L = Σ_t L_t, where L_t is the mean binary cross-entropy over task t's present labels.
 *
 * Engines (tfjs, the fast sparse engine, …) implement only the primitive, synchronous operations
 * below; the training loop (shuffling, early stopping) lives in core so that every engine trains
 * with identical semantics. Estimators reach an engine only through `ModelFactory` in their context.
 */
import { z } from 'zod';
import type { CsrMatrix } from './dataset.ts';
import type { LabelledRows } from './split.ts';

export const modelSpecSchema = z.object({
  inputDim: z.number().int().positive(),
  numTasks: z.number().int().positive(),
  hidden: z.number().int().positive().default(256),
  dropout: z.number().min(0).max(0.95).default(0.2),
  learningRate: z.number().positive().default(1e-3),
  beta1: z.number().min(0).lt(1).default(0.9),
  beta2: z.number().min(0).lt(1).default(0.999),
  /** tfjs' Adam default (backend epsilon) */
  epsilon: z.number().positive().default(1e-7),
  batchSize: z.number().int().positive().default(64),
  maxEpochs: z.number().int().positive().default(30),
  patience: z.number().int().nonnegative().default(3),
  seed: z.number().int(),
});
export type ModelSpec = z.infer<typeof modelSpecSchema>;
export type ModelSpecInput = z.input<typeof modelSpecSchema>;

/** All parameters. W1 is inputDim×hidden, W2 is hidden×numTasks (column t = head of task t), row-major. */
export interface ModelWeights {
  W1: Float32Array;
  b1: Float32Array;
  W2: Float32Array;
  b2: Float32Array;
}

export interface MultiTaskModel {
  /** engine name, e.g. 'tfjs' or 'fast' */
  readonly engine: string;
  /** compute backend actually used, e.g. 'wasm', 'cpu', 'tensorflow', 'js' */
  readonly backend: string;
  readonly spec: ModelSpec;
  /** length of the flat shared-parameter vector: W1 then b1 */
  readonly sharedSize: number;
  /**
   * One Adam step on all parameters with the masked loss on this batch, in training mode
   * (dropout on). Returns the per-task losses of the forward pass (NaN where a task has no label).
   */
  trainStep(batch: LabelledRows): Float64Array;
  /** Per-task mean BCE in evaluation mode (no dropout); NaN where a task has no label in the batch. */
  taskLosses(batch: LabelledRows): Float64Array;
  /** Probabilities, rows.length × numTasks row-major, evaluation mode. */
  predict(rows: Int32Array): Float32Array;
  /**
   * Gradient of L_t w.r.t. the shared parameters (flat, W1 then b1) for each requested task,
   * evaluation mode. A task without labels in the batch gets a zero vector.
   *
   * `out` (optional, to reuse memory across calls: each gradient is 4·sharedSize bytes): one
   * distinct array of sharedSize values per requested task, `out[k]` for `tasks[k]`; its contents on
   * entry do not matter. An engine that honours it overwrites `out[k]` entirely and returns `out`
   * itself, so the result ALIASES `out` (and is overwritten by the next call given the same arrays).
   * An engine may also ignore `out` and return fresh arrays: callers must always use the RETURNED
   * arrays, never read `out` directly. Engines that honour it throw, naming `sharedGradients` and the
   * expected lengths, when `out` does not hold one array per task or an array is not sharedSize long.
   */
  sharedGradients(batch: LabelledRows, tasks?: readonly number[], out?: Float32Array[]): Float32Array[];
  /**
   * Copy of the shared parameters (flat, W1 then b1). With `out` (sharedSize values, to reuse
   * memory), the copy is written into it and `out` is returned — the result aliases `out`; as for
   * `sharedGradients`, an engine may ignore `out`, so callers use the returned array.
   */
  snapshotShared(out?: Float32Array): Float32Array;
  restoreShared(shared: Float32Array): void;
  /** shared ← shared − lr·direction (plain SGD); heads and optimiser state untouched. */
  sgdStepShared(direction: Float32Array, lr: number): void;
  getWeights(): ModelWeights;
  setWeights(weights: ModelWeights): void;
  dispose(): void;
}

export interface ModelFactory {
  readonly engine: string;
  readonly backend: string;
  /** Build a model over these features. Spec fields not given take the factory's defaults. */
  create(features: CsrMatrix, spec: ModelSpecInput): MultiTaskModel;
}

/** Engine plugin: resolves its backend asynchronously once, then builds models synchronously. */
export interface EngineDescriptor {
  name: string;
  description: string;
  load(options?: { backend?: string }): Promise<ModelFactory>;
}
