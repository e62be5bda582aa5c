/** The plugin kinds the bench resolves by name, and the engine entry wrapped to fit core's Registry. */
import type { DatasetPlugin, EngineDescriptor, ReporterPlugin, ResultsBundle, TransferEstimator } from '@transferbench/core';
import type { z } from 'zod';

export type AnyEstimator = TransferEstimator<z.ZodType>;
export type AnyDataset = DatasetPlugin<z.ZodType>;
export type AnyReporter = ReporterPlugin<ResultsBundle, z.ZodType>;

/** Engines are `EngineDescriptor`s (name, load); the registry needs a `meta.name`. */
export interface EngineEntry {
  meta: { name: string; aliases?: string[] };
  descriptor: EngineDescriptor;
}

/** The datasets package's split API (kind → split function behind one dispatcher). */
export interface SplitApi {
  makeSplit(ds: unknown, options: unknown): unknown;
  schema?: z.ZodType;
}
