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
  /** at most 65,536 units: beyond it a typo, not a model (the first layer alone would be ≥ 512 MiB at 2,048 inputs) */
  hidden: z.number().int().positive().max(65536).default(256),
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

/** What `MultiTaskModel.lookaheadLosses` steps along. */
export interface LookaheadRequest {
  /** source tasks (distinct indices): one lookahead step along each one's gradient */
  sources: readonly number[];
  /** also, per source, the step along the summed gradient of all other sources (reading that source's loss) */
  contextual?: boolean;
}

/** Losses around the lookahead steps of `MultiTaskModel.lookaheadLosses`; NaN where a task has no label. */
export interface LookaheadLosses {
  /** per-task losses before any step (K values) */
  before: Float64Array;
  /** after[k·K + t] = L_t after the step along ∇L_{sources[k]} (sources.length × K, row-major) */
  after: Float64Array;
  /** contextual[k] = L_{sources[k]} after the step along Σ_{other sources} ∇L; present when requested */
  contextual?: Float64Array;
}

/** Inner products of per-task shared-parameter gradients g_a = ∇_shared L_{tasks[a]}. */
export interface GradientProducts {
  /** gram[a·n + b] = g_a · g_b, n = tasks.length (symmetric) */
  gram: Float64Array;
  /** withSum[a] = g_a · Σ_b g_b */
  withSum: Float64Array;
  /** |Σ_b g_b|² */
  sumNorm2: number;
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
  /**
   * OPTIONAL probe primitive (TAG). Call it through core's `lookaheadLosses(model, …)`, which falls
   * back to the stepping primitives above for engines without it. For each source s = request.sources[k]:
   * the per-task losses after one plain SGD step on the shared parameters along s's gradient,
   * shared − lr·∇_shared L_s, on this batch; with `request.contextual`, also L_s after the step along the
   * summed gradient of the OTHER sources, shared − lr·Σ_{s' ∈ sources, s' ≠ s} ∇_shared L_{s'}.
   * Everything in evaluation mode (no dropout, no random draws), with the gradients of `sharedGradients`;
   * heads, optimiser state, dropout stream and the shared parameters themselves are unchanged afterwards.
   * Exact up to floating-point rounding: an engine may compute the lookahead without stepping (the first
   * layer is linear in the input, so a step along task s moves the batch's pre-activations by
   * −lr·(XXᵀ + 1)·δ_s, δ_s = ∂L_s/∂pre-activations) and in another precision than `taskLosses`.
   * Sources must be distinct task indices; a source without labels in the batch has a zero gradient.
   */
  lookaheadLosses?(batch: LabelledRows, lr: number, request: LookaheadRequest): LookaheadLosses;
  /**
   * OPTIONAL probe primitive (gradient-cosine). Call it through core's `sharedGradientProducts(model, …)`,
   * which falls back to `sharedGradients`. Inner products of the per-task shared-parameter gradients
   * (evaluation mode, the gradients of `sharedGradients`) of `tasks` (distinct), and of each with their sum.
   * An engine may compute them without forming the gradients (they are ⟨δ_a, (XXᵀ + 1)·δ_b⟩ over the batch).
   */
  sharedGradientProducts?(batch: LabelledRows, tasks: readonly number[]): GradientProducts;
  getWeights(): ModelWeights;
  setWeights(weights: ModelWeights): void;
  /**
   * OPTIONAL checkpoint primitives. Call them through core's `saveCheckpoint` / `loadCheckpoint`, which fall back
   * to getWeights/setWeights. A copy of every parameter in the engine's own flat layout, for `restoreAll` of the
   * same model only; with `out` (a previous snapshot) the copy is written into it and `out` is returned, so the
   * best-epoch bookkeeping of training allocates nothing per epoch. `restoreAll` keeps the optimiser state, as
   * setWeights does.
   */
  snapshotAll?(out?: Float32Array): Float32Array;
  restoreAll?(snapshot: Float32Array): void;
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
