// Statistics of @transferbench/core: classification metrics, descriptive statistics, tests, FDR, correlation, bootstrap.
export * from './labels.ts';
export * from './rank.ts';
export * from './roc-auc.ts';
export * from './average-precision.ts';
export * from './log-loss.ts';
export * from './describe.ts';
export * from './t-test.ts';
export * from './multiple-testing.ts';
export * from './spearman.ts';
export * from './bootstrap.ts';
export * from './wilson.ts';
export * from './uniformity.ts';
export * from './moderated-t.ts';
export { preloadEstimatorStatistics } from './stdlib.ts';
