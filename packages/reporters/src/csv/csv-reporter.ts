/**
 * CSV leaderboard (`leaderboard.csv`): one row per dataset × estimator × budget — the summary rows in ranking
 * order, each statistic as mean/lower/upper columns, the estimator's cost to reach the target power and its
 * power at matched cost repeated on each of its rows, and the suite hash on every row so a row pasted
 * elsewhere still says which run it came from. Written with csv-stringify (quoting, embedded newlines).
 */
import { defineReporter } from '@transferbench/core';
import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';
import type { ReportBundle } from '../bundle.ts';
import type { Stat } from '../format.ts';
import { rankAll } from '../ranking.ts';

export const csvOptionsSchema = z.object({ file: z.string().default('leaderboard.csv') });

const STATS = [
  'power',
  'fpr',
  'powerRaw',
  'fprRaw',
  'spearman',
  'cpuSeconds',
  'wallSeconds',
  'samplePasses',
  'trainings',
  'peakRssMb',
] as const;

export const CSV_COLUMNS = [
  'suite',
  'suite_hash',
  'dataset',
  'cost_rank',
  'matched_cost_rank',
  'estimator',
  'plugin',
  'kind',
  'budget',
  'budget_index',
  'seeds_total',
  'seeds_ok',
  'seeds_failed',
  'seeds_missing',
  'has_p_values',
  ...STATS.flatMap((s) => [`${s}_mean`, `${s}_lower`, `${s}_upper`]),
  'pairs_non_null',
  'pairs_null',
  'pairs_indeterminate',
  'sign_errors',
  'target_power',
  'cost_to_target_cpu_seconds',
  'cost_to_target_method',
  'matched_cpu_seconds',
  'power_at_matched_cost',
  'notes',
];

export function renderCsv(bundle: ReportBundle): string {
  const s = bundle.summary;
  const records: unknown[][] = [];
  for (const ranking of rankAll(s)) {
    for (const e of ranking.estimators) {
      for (const r of e.ladder) {
        records.push([
          s.suite.name,
          s.suite.hash,
          r.dataset,
          e.costRank,
          e.matchedRank,
          r.estimator,
          r.plugin,
          r.kind,
          r.budget,
          r.budgetIndex,
          r.seeds.total,
          r.seeds.ok,
          r.seeds.failed,
          r.seeds.missing,
          r.hasPValues,
          ...STATS.flatMap((k) => {
            const v = r[k] as Stat;
            return [v.mean, v.lower, v.upper];
          }),
          r.pairs.nonNull,
          r.pairs.null,
          r.pairs.indeterminate,
          r.signErrors,
          s.targetPower,
          e.cost?.cpuSeconds ?? null,
          e.cost?.method ?? null,
          ranking.matchedCpuSeconds,
          e.matchedPower,
          r.notes.join('; '),
        ]);
      }
    }
  }
  // null → empty cell; booleans as true/false (csv-stringify's default would print 1 / empty)
  return stringify(records, { header: true, columns: CSV_COLUMNS, cast: { boolean: (v) => String(v) } });
}

export const csvReporter = defineReporter<ReportBundle, typeof csvOptionsSchema>({
  meta: { name: 'csv', version: '1.0.0', description: 'one CSV row per dataset × estimator × budget' },
  options: csvOptionsSchema,
  render(bundle, options) {
    const o = csvOptionsSchema.parse(options ?? {});
    return [{ path: o.file, content: renderCsv(bundle) }];
  },
});
