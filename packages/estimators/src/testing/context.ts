/** A complete EstimatorContext for tests (seeded RNG, fresh cost meter, silent progress and log). */
import { CostMeter, Rng, type EstimatorContext, type ModelFactory, type MultiTaskDataset, type Split } from '@transferbench/core';

export function testContext(args: {
  dataset: MultiTaskDataset;
  split: Split;
  models: ModelFactory;
  modelDefaults?: EstimatorContext['modelDefaults'];
  seed?: number;
  log?: (message: string) => void;
}): EstimatorContext {
  const seed = args.seed ?? 1;
  return {
    dataset: args.dataset,
    split: args.split,
    models: args.models,
    modelDefaults: args.modelDefaults ?? {},
    seed,
    rng: new Rng(seed).stream('estimator'),
    cost: new CostMeter(),
    signal: new AbortController().signal,
    progress: () => {},
    log: args.log ?? (() => {}),
  };
}
