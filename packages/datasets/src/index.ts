// @transferbench/datasets — dataset plugins (synthetic default, DTI, multi-task CSV), featurizer, splits.
import type { DatasetPlugin } from '@transferbench/core';
import { syntheticDataset } from './synthetic/index.ts';
import { dtiDataset, kibaDataset, davisDataset } from './dti/index.ts';
import { csvDataset } from './csv/index.ts';

export * from './synthetic/index.ts';
export * from './splits/index.ts';
export * from './dti/index.ts';
export * from './csv/index.ts';
export * from './featurize/index.ts';
export * from './table/index.ts';
export { DataError, DataFileError } from './errors.ts';

/** Every built-in dataset plugin, in the order `transferbench` lists them. */
export const builtinDatasets: DatasetPlugin[] = [syntheticDataset, kibaDataset, davisDataset, dtiDataset, csvDataset] as DatasetPlugin[];
