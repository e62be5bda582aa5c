// @transferbench/estimators — the built-in transfer estimators.
import type { TransferEstimator } from '@transferbench/core';
import type { z } from 'zod';
import { tagEstimator } from './tag/tag.ts';
import { gradientCosineEstimator } from './gradient-cosine/gradient-cosine.ts';
import { learningCurveEstimator } from './learning-curve/learning-curve.ts';
import { dataLookaheadEstimator } from './data-lookahead/data-lookahead.ts';
import { pairwiseOracleEstimator } from './oracles/pairwise-oracle.ts';
import { contextualOracleEstimator } from './oracles/contextual-oracle.ts';
import { leaveOneOutOracleEstimator } from './oracles/leave-one-out-oracle.ts';

// The public surface (pinned by public-surface.test.ts in apps/bench): the built-in plugins, registered by the
// bench through this list, and the t-tests the bench's inference-calibration benchmark re-runs on recorded replicates.
// The estimators' shared machinery stays inside its folders.
export { pairwiseTTests } from './inference/pairwise-t.ts';
export { vectorTTests } from './inference/vector-t.ts';
export type { InferenceMethod } from './inference/cell-tests.ts';

export const builtinEstimators: TransferEstimator<z.ZodType>[] = [
  tagEstimator,
  gradientCosineEstimator,
  learningCurveEstimator,
  dataLookaheadEstimator,
  pairwiseOracleEstimator,
  contextualOracleEstimator,
  leaveOneOutOracleEstimator,
];
