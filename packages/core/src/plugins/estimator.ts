/**
 * TransferEstimator plugin contract. `estimate(ctx, options)` gets everything through the context —
 * data, split, model factory, seeded RNG, cost meter, abort signal, progress — and never imports
 * an engine or a file format.
 */
import { z } from 'zod';
import type { MultiTaskDataset } from '../contracts/dataset.ts';
import type { Split } from '../contracts/split.ts';
import type { ModelFactory, ModelSpecInput } from '../contracts/model.ts';
import type { TransferEstimate } from '../contracts/estimate.ts';
import type { CostMeter } from '../contracts/cost.ts';
import type { Rng } from '../rng.ts';
import { checkMeta, pluginMetaSchema, type PluginMeta } from './meta.ts';

export type EstimatorKind = 'statistical' | 'computational' | 'oracle';

export interface EstimatorContext {
  dataset: MultiTaskDataset;
  split: Split;
  models: ModelFactory;
  /** model hyper-parameters of the study (hidden size, epochs, …); estimators add seeds */
  modelDefaults: Omit<ModelSpecInput, 'inputDim' | 'numTasks' | 'seed'>;
  seed: number;
  /** root stream of this trial; derive purpose streams with rng.stream('…') */
  rng: Rng;
  cost: CostMeter;
  signal: AbortSignal;
  progress(done: number, total: number, message?: string): void;
  log(message: string): void;
  /** writable cache directory (e.g. the oracle's cache), if the host provides one */
  cacheDir?: string;
}

/** What an estimator's pre-flight check sees: the trial's data, before any model is built. */
export interface EstimatorCheckInput {
  dataset: MultiTaskDataset;
  split: Split;
}

export interface TransferEstimator<S extends z.ZodType = z.ZodType> {
  meta: PluginMeta & { kind: EstimatorKind };
  options: S;
  /**
   * Optional pre-flight check of parsed options against the data (e.g. a target fraction that leaves fewer
   * than 10 labels of a class): the host calls it once per dataset and budget before any trial runs and
   * refuses the run on a throw. Throw `InvalidOptionsError` naming the option and what was expected.
   */
  check?(input: EstimatorCheckInput, options: z.infer<S>): void;
  estimate(ctx: EstimatorContext, options: z.infer<S>): Promise<TransferEstimate>;
}

export function defineEstimator<S extends z.ZodType>(plugin: TransferEstimator<S>): TransferEstimator<S> {
  checkMeta('estimator', pluginMetaSchema.extend({ kind: z.enum(['statistical', 'computational', 'oracle']) }), plugin.meta);
  if (typeof plugin.estimate !== 'function') throw new Error(`estimator "${plugin.meta.name}": estimate must be a function`);
  if (plugin.check !== undefined && typeof plugin.check !== 'function')
    throw new Error(`estimator "${plugin.meta.name}": check must be a function`);
  return plugin;
}
