/**
 * The featurization report: what building a dataset from SMILES did (fingerprint options, unparsable and
 * duplicate compounds, cache use). Stored as `meta.options.featurization` for provenance and read by the
 * bench's `dataset inspect`; this schema is the contract between the two (the bench validates against it).
 */
import { z } from 'zod';
import type { MultiTaskDataset } from '@transferbench/core';

const count = z.number().int().nonnegative();

export const featurizationReportSchema = z.object({
  radius: count,
  nBits: count,
  duplicates: z.enum(['keep', 'merge']),
  /** rows (compounds) in the input, before unparsable ones were dropped */
  rows: count,
  unparsable: z.array(z.object({ id: z.string(), smiles: z.string(), origin: z.string().optional() })),
  /** groups of different ids sharing a canonical SMILES, and the compounds in them */
  duplicateGroups: count,
  duplicateCompounds: count,
  /** (merged sample, task) cells whose members disagreed */
  mergeConflicts: count,
  cache: z.object({
    /** the fingerprint cache folder; null = caching disabled */
    dir: z.string().nullable(),
    /** unique SMILES, answered from the cache, sent through RDKit, malformed cache entries ignored */
    unique: count,
    cached: count,
    computed: count,
    rejected: count,
    ms: z.number().nonnegative(),
  }),
});
export type FeaturizationReport = z.infer<typeof featurizationReportSchema>;

/** The featurization report of a dataset built from SMILES; undefined for other datasets (e.g. synthetic). */
export function featurizationReport(ds: MultiTaskDataset): FeaturizationReport | undefined {
  const raw = ds.meta.options?.featurization;
  return raw === undefined ? undefined : featurizationReportSchema.parse(raw);
}
