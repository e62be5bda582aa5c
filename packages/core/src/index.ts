// @transferbench/core — contracts, plugin registry, seeded RNG, statistics, training loop, cost meter.
// The public surface: what the other packages, apps/bench and plugin authors use, named one by one (everything
// else stays inside its file). public-surface.test.ts (apps/bench) pins this list: adding a name is a deliberate change.

// plugins: what a plugin author writes (examples/random-estimator) and what the host registers
export { defineDataset, type DatasetLoadContext, type DatasetPlugin } from './plugins/dataset.ts';
export {
  defineEstimator,
  type EstimatorCheckInput,
  type EstimatorContext,
  type EstimatorKind,
  type TransferEstimator,
} from './plugins/estimator.ts';
export { defineReporter, type RenderedFile, type ReporterPlugin } from './plugins/reporter.ts';
export { InvalidOptionsError, parseOptions, pluginMetaSchema, type PluginMeta } from './plugins/meta.ts';
export { Registry } from './plugins/registry.ts';
export { Rng } from './rng.ts';

// contracts between datasets, engines, estimators and the bench
export {
  DatasetValidationError,
  taskLabelStats,
  validateDataset,
  type CsrMatrix,
  type MultiTaskDataset,
  type SampleInfo,
  type TaskInfo,
} from './contracts/dataset.ts';
export { labelledFor, labelledRows, type LabelledRows, type Split, type SplitKind } from './contracts/split.ts';
export {
  modelSpecSchema,
  type EngineDescriptor,
  type GradientProducts,
  type LookaheadLosses,
  type LookaheadRequest,
  type ModelFactory,
  type ModelSpec,
  type ModelSpecInput,
  type ModelWeights,
  type MultiTaskModel,
} from './contracts/model.ts';
export { CostMeter, samplePassFlops, type Cost } from './contracts/cost.ts';
export { squareMatrix, transferEstimateSchema, validateEstimate, type Matrix, type TransferEstimate } from './contracts/estimate.ts';
// the learning-curve estimator writes these details, the reporters' chart reads them
export { learningCurveDetailsSchema, type LearningCurveDetails } from './contracts/learning-curve-details.ts';

// training: the loop engines and estimators share
export { initialWeights } from './training/initial-weights.ts';
export { dropUnlabelled, evaluateLosses, takeRows, trainModel, type TrainReport } from './training/train.ts';
export {
  runTrainJob,
  trainMany,
  type ParallelModelFactory,
  type TrainJob,
  type TrainJobResult,
  type TrainManyOptions,
} from './training/train-many.ts';
export { lookaheadLosses, lookaheadLossesByStepping, sharedGradientProducts, type SharedWorkArrays } from './training/lookahead.ts';

// statistics used by estimators, reporters and the bench's scoring
export { averagePrecisionMasked } from './stats/average-precision.ts';
export { bootstrapCi } from './stats/bootstrap.ts';
export { median, quantiles, summarize, tCritical } from './stats/describe.ts';
export { logLossMasked } from './stats/log-loss.ts';
export { moderatedTTests } from './stats/moderated-t.ts';
export { bhAdjust } from './stats/multiple-testing.ts';
export { rocAuc, rocAucMasked } from './stats/roc-auc.ts';
export { spearman } from './stats/spearman.ts';
export { preloadEstimatorStatistics } from './stats/stdlib.ts';
export { tTestOneSample } from './stats/t-test.ts';
export { ksUniform } from './stats/uniformity.ts';
export { wilsonInterval } from './stats/wilson.ts';

// learning curves (DESIGN §4): the learning-curve and data-lookahead estimators fit them, `transferbench fit-curve` too
export { bootstrapCurve, type CurveBootstrap } from './curves/bootstrap.ts';
export { type CurvePoint } from './curves/data.ts';
export { transferFTest, type NestedFTest } from './curves/f-test.ts';
export {
  CURVE_FAMILIES,
  EXP3,
  EXP3_2,
  PAIRWISE,
  covariateNames,
  jointFamily,
  parameterNames,
  withoutRate,
  type CurveFamily,
} from './curves/family.ts';
export { fitCurve, type CurveFit, type CurveFitOptions } from './curves/fit.ts';
export { twoSidedTPValue } from './curves/inference.ts';
export { curveExpTerm, curveValue } from './curves/model.ts';

// results format (DESIGN §6): the bench writes these files, the reporters read them (reporters cannot import apps/bench)
export { canonicalJson, contentHash } from './bench/hash.ts';
export {
  makeTrialJob,
  trialId,
  trialJobSchema,
  trialLabel,
  trialOutcomeSchema,
  trialResultSchema,
  type TrialFailure,
  type TrialJob,
  type TrialOutcome,
  type TrialResult,
} from './bench/trial.ts';
export {
  RESULTS_SCHEMA_VERSION,
  environmentSchema,
  resultLineSchema,
  resultsJsonSchemas,
  summarySchema,
  trialRecordSchema,
  type BenchSummary,
  type CostToPowerRow,
  type Environment,
  type ResultLine,
  type ResultsBundle,
  type ScopeScore,
  type ScoreScope,
  type SessionRecord,
  type SummaryRow,
  type TrialRecord,
  type TruthSummary,
} from './bench/results.ts';
// truth classes: the bench's scoring assigns them, the reporters print the rule and classify the fixture's cells
export {
  CLASS_RULE,
  classifyEffect,
  classifyTruth,
  classifyVectorTruth,
  emptyClassCounts,
  type TruthClass,
} from './bench/truth-classes.ts';
