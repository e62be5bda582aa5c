/**
 * CSV leaderboard (`leaderboard.csv`): one row per dataset × estimator × budget × truth scope (pairwise,
 * contextual) — the summary rows in ranking order per scope (estimators ranked, then the reference frontier),
 * each row naming its truth (id, oracle, unit, δ, ρ ceiling); pooled proportions as value/lower/upper/hits/n,
 * cost statistics as mean/lower/upper; the estimator's cost to reach the target power (with its interval and
 * method: an `extrapolated` figure is never a measured one) and its power at matched cost repeated on each of
 * its rows; the suite hash on every row so a row pasted elsewhere still says which run it came from. An
 * estimator without output of a scope gets a row with `scored` false. Written with csv-stringify.
 */
import { defineReporter, type ScopeScore, type SummaryRow } from '@transferbench/core';
import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';
import type { ReportBundle } from '../bundle.ts';
import { binText, type Prop, type Stat } from '../format.ts';
import { rankAll, type RankedEstimator, type ScopeRanking } from '../ranking.ts';

export const csvOptionsSchema = z.object({ file: z.string().default('leaderboard.csv') });

const PROPORTIONS = ['power', 'fpr', 'fprConstructed', 'powerRaw', 'fprRaw'] as const;
const COSTS = ['cpuSeconds', 'wallSeconds', 'samplePasses', 'trainings', 'peakRssMb'] as const;
const CLASSES = ['positive', 'negative', 'small', 'null', 'indeterminate', 'constructedNull', 'tested'] as const;
const snake = (s: string) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

export const CSV_COLUMNS = [
  'suite',
  'suite_hash',
  'dataset',
  'scope',
  'truth_id',
  'truth_estimator',
  'truth_unit',
  'null_margin',
  'truth_ceiling',
  'role',
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
  'scored',
  'has_p_values',
  ...PROPORTIONS.flatMap((p) => ['value', 'lower', 'upper', 'hits', 'n'].map((k) => `${snake(p)}_${k}`)),
  'sign_errors',
  'ks_statistic',
  'ks_p_value',
  'ks_n',
  'spearman_mean',
  'spearman_lower',
  'spearman_upper',
  'spearman_n',
  'power_by_effect',
  ...COSTS.flatMap((c) => [`${snake(c)}_mean`, `${snake(c)}_lower`, `${snake(c)}_upper`]),
  ...CLASSES.map((c) => `cells_${snake(c)}`),
  'target_power',
  'cost_to_target_cpu_seconds',
  'cost_to_target_lower',
  'cost_to_target_upper',
  'cost_to_target_method',
  'cost_to_target_budget',
  'matched_cpu_seconds',
  'power_at_matched_cost',
  'notes',
];

const prop = (p: Prop | undefined) => (p ? [p.value, p.lower, p.upper, p.hits, p.n] : [null, null, null, null, null]);

function scoreCells(s: ScopeScore | null): unknown[] {
  return [
    s !== null,
    s?.hasPValues ?? null,
    ...PROPORTIONS.flatMap((k) => prop(s?.[k])),
    s?.signErrors ?? null,
    s?.calibration.ks ?? null,
    s?.calibration.ksPValue ?? null,
    s?.calibration.n ?? null,
    s?.spearman.mean ?? null,
    s?.spearman.lower ?? null,
    s?.spearman.upper ?? null,
    s?.spearman.n ?? null,
    s ? s.powerByEffect.map((b) => `${binText(b)}: ${b.power.hits}/${b.power.n}`).join('; ') : null,
  ];
}

function record(bundle: ReportBundle, sr: ScopeRanking, e: RankedEstimator, r: SummaryRow): unknown[] {
  const s = bundle.summary;
  const t = sr.truth;
  const score = r[sr.scope];
  return [
    s.suite.name,
    s.suite.hash,
    r.dataset,
    sr.scope,
    t?.id ?? null,
    t?.estimator ?? (t ? t.source : null),
    t?.unit ?? null,
    t?.nullMargin ?? null,
    t?.ceiling ?? null,
    r.role,
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
    ...scoreCells(score),
    ...COSTS.flatMap((k) => {
      const v = r[k] as Stat;
      return [v.mean, v.lower, v.upper];
    }),
    ...CLASSES.map((k) => score?.cells[k] ?? null),
    s.targetPower,
    e.cost?.cpuSeconds ?? null,
    e.cost?.lower ?? null,
    e.cost?.upper ?? null,
    e.cost?.method ?? null,
    e.cost?.budget ?? null,
    sr.matchedCpuSeconds,
    e.matchedPower,
    r.notes.join('; '),
  ];
}

export function renderCsv(bundle: ReportBundle): string {
  const records: unknown[][] = [];
  for (const ranking of rankAll(bundle.summary))
    for (const sr of ranking.scopes) {
      for (const e of [...sr.estimators, ...sr.references]) for (const r of e.ladder) records.push(record(bundle, sr, e, r));
      // estimators without output of this scope: their rows, unscored, so every estimator × budget × scope is there
      for (const name of sr.withoutOutput) {
        const ladder = bundle.summary.rows
          .filter((r) => r.dataset === sr.dataset && r.estimator === name)
          .sort((a, b) => a.budgetIndex - b.budgetIndex);
        const e: RankedEstimator = {
          estimator: name,
          role: ladder[0].role,
          costRank: null,
          matchedRank: null,
          matchedPower: null,
          cost: undefined,
          ladder,
        };
        for (const r of ladder) records.push(record(bundle, sr, e, r));
      }
    }
  // null → empty cell; booleans as true/false (csv-stringify's default would print 1 / empty)
  return stringify(records, { header: true, columns: CSV_COLUMNS, cast: { boolean: (v) => String(v) } });
}

export const csvReporter = defineReporter<ReportBundle, typeof csvOptionsSchema>({
  meta: { name: 'csv', version: '2.0.0', description: 'one CSV row per dataset × estimator × budget × truth scope' },
  options: csvOptionsSchema,
  render(bundle, options) {
    const o = csvOptionsSchema.parse(options ?? {});
    return [{ path: o.file, content: renderCsv(bundle) }];
  },
});
