/**
 * The dataset ids whose trial records make up a dataset as the summary names it: itself, and for a
 * cross-validation group (a suite entry with `folds: each`) its folds — the fold ids its truths pool. Summary rows
 * and truths carry the group id, trial records the fold id; a chart that reads trial records by the row's id alone
 * would find no estimator of a group.
 */
import type { BenchSummary } from '@transferbench/core';

export function datasetMembers(summary: Pick<BenchSummary, 'truths'>, dataset: string): Set<string> {
  return new Set([dataset, ...summary.truths.filter((t) => t.dataset === dataset).flatMap((t) => t.folds ?? [])]);
}
