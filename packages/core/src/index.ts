// @transferbench/core — contracts, plugin registry, seeded RNG, statistics, training loop, cost meter.
export * from './rng.ts';
export * from './contracts/dataset.ts';
export * from './contracts/split.ts';
export * from './contracts/model.ts';
export * from './contracts/cost.ts';
export * from './contracts/estimate.ts';
export * from './plugins/meta.ts';
export * from './plugins/estimator.ts';
export * from './plugins/dataset.ts';
export * from './plugins/reporter.ts';
export * from './plugins/registry.ts';
export * from './training/initial-weights.ts';
export * from './training/train.ts';
export * from './training/train-many.ts';
export * from './stats/index.ts';
export * from './curves/index.ts';
export * from './bench/index.ts';
