// Benchmark schemas and statistics: suites, trials, results, power against cost.
export * from './hash.ts';
export * from './suite.ts';
export * from './trial.ts';
export * from './results.ts';
export * from './truth-classes.ts';
