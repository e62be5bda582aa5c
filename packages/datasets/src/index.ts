// @transferbench/datasets — dataset plugins (synthetic default, DTI, multi-task CSV), featurizer, splits.
// The public surface: the built-in plugins, and what other packages' tests and apps/bench call directly
// (public-surface.test.ts in apps/bench pins it). Everything else stays inside its file.
import type { DatasetPlugin } from '@transferbench/core';
import { syntheticDataset } from './synthetic/plugin.ts';
import { dtiDataset, kibaDataset, davisDataset } from './dti/plugin.ts';
import { csvDataset } from './csv/plugin.ts';

/** Every built-in dataset plugin, in the order `transferbench` lists them. */
export const builtinDatasets: DatasetPlugin[] = [syntheticDataset, kibaDataset, davisDataset, dtiDataset, csvDataset] as DatasetPlugin[];

// the planted-transfer data and splits: estimators' tests and benchmarks build their fixtures from them
export { syntheticDataset } from './synthetic/plugin.ts';
export { generateSynthetic } from './synthetic/generate.ts';
export { makeSplit } from './splits/make-split.ts';
// the bench's plugin host reads makeSplit and this schema by name (it imports the package optionally) to check a suite's split options
export { splitOptionsSchema } from './splits/options.ts';
export { randomSplit } from './splits/random.ts';
// `transferbench dataset inspect` reads a CSV set and validates its featurization report against this schema
export { loadCsv } from './csv/plugin.ts';
export { featurizationReport, featurizationReportSchema, type FeaturizationReport } from './table/featurization-report.ts';
