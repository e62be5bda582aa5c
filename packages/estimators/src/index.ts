// @transferbench/estimators — built-in transfer estimators and their shared machinery.
import type { TransferEstimator } from '@transferbench/core';
import type { z } from 'zod';
import { tagEstimator } from './tag/tag.ts';
import { gradientCosineEstimator } from './gradient-cosine/gradient-cosine.ts';
import { learningCurveEstimator } from './learning-curve/learning-curve.ts';
import { dataLookaheadEstimator } from './data-lookahead/data-lookahead.ts';
import { pairwiseOracleEstimator } from './oracles/pairwise-oracle.ts';
import { contextualOracleEstimator } from './oracles/contextual-oracle.ts';
import { leaveOneOutOracleEstimator } from './oracles/leave-one-out-oracle.ts';

export { tagEstimator, tagOptionsSchema, tagReplicate, type TagOptions } from './tag/tag.ts';
export { tagProbe, tagProbeMatrix, tagProbePasses, labelledTasks, type TagProbeOptions, type TagProbeResult } from './tag/probe.ts';
export { selectTaskGroups, type TaskGroup, type TaskGrouping, type TaskGroupingOptions } from './tag/grouping.ts';
export { greedyTaskGroups, type GreedyGroupingOptions } from './tag/greedy-grouping.ts';
export { gradientCosineEstimator, gradientCosineOptionsSchema, type GradientCosineOptions } from './gradient-cosine/gradient-cosine.ts';
export { cosinesFromProducts, type CosineProbe } from './gradient-cosine/cosine.ts';
export * from './inference/replicates.ts';
export * from './inference/pairwise-t.ts';
export { vectorTTests } from './inference/vector-t.ts';
export type { InferenceMethod } from './inference/cell-tests.ts';
export * from './inference/estimate-with-replicates.ts';
export * from './shared/model-run.ts';
export * from './shared/pair-accumulator.ts';
export * from './shared/probe-series.ts';
export * from './shared/target-series.ts';
export * from './shared/target-accumulator.ts';

export { learningCurveEstimator, estimateLearningCurve } from './learning-curve/learning-curve.ts';
export { learningCurveOptionsSchema, type LearningCurveOptions } from './learning-curve/options.ts';

export {
  dataLookaheadEstimator,
  dataLookaheadOptionsSchema,
  dataLookaheadReplicate,
  type DataLookaheadOptions,
} from './data-lookahead/data-lookahead.ts';
export { lookaheadProbe, type LookaheadProbeOptions, type LookaheadProbeResult } from './data-lookahead/probe.ts';
export { TaskPools, stageFraction, type StageSchedule } from './data-lookahead/pools.ts';
export { pairwiseOracleEstimator, pairwiseOracleOptionsSchema, type PairwiseOracleOptions } from './oracles/pairwise-oracle.ts';
export { ORACLE_CACHE_VERSION } from './oracles/oracle-models.ts';
export { TrainingCache, type CacheStats } from './oracles/training-cache.ts';

export const builtinEstimators: TransferEstimator<z.ZodType>[] = [
  tagEstimator,
  gradientCosineEstimator,
  learningCurveEstimator,
  dataLookaheadEstimator,
  pairwiseOracleEstimator,
  contextualOracleEstimator,
  leaveOneOutOracleEstimator,
];
