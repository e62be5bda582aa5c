/**
 * The contextual truth in a second metric: Δ average precision beside the ROC-AUC the truth is scored in. The
 * contextual oracle reads every metric from each training (details.replicates[].contextualByMetric, oracle ≥ 1.1.0),
 * so no model is trained again. A cross-validated truth's folds give one Δ per target each (the mean over that
 * fold's replicates), pooled with the same corrected resampled t (scoring/cross-validated-truth.ts) and classed with
 * the same rule and δ as the truth. Estimators are scored against the truth's own metric only; this table says how
 * far the answer depends on the metric: how many targets either metric settles, and whether they agree.
 */
import { z } from 'zod';
import { classifyVectorTruth, type BenchSummary, type TransferEstimate, type TrialRecord, type TruthSummary } from '@transferbench/core';
import { crossValidatedTruth } from '../scoring/cross-validated-truth.ts';
import { esc, mdText, tableHtml, tableMd, type Table } from './markup.ts';

/** the part of a contextual-oracle truth trial's details read here (a boundary between packages: validated) */
type ClassCounts = ReturnType<typeof classifyVectorTruth>['counts'];

const byMetricDetailsSchema = z.object({
  replicates: z.array(z.object({ contextualByMetric: z.record(z.string(), z.array(z.number().nullable())) })).min(1),
});

export interface SecondMetricTruth {
  /** the cross-validation group */
  dataset: string;
  metric: string;
  targets: number;
  /** null: a fold's truth trial does not record the metric (an older oracle) */
  counts: ClassCounts | null;
  meanEffect: number | null;
  /** targets both metrics settle (positive, negative or null), of them the same class, and of opposite sign */
  agreement: { settledBoth: number; sameClass: number; oppositeSign: number } | null;
}

const SETTLED = new Set(['positive', 'negative', 'null']);

/** One fold's truth with its contextual effect replaced by the metric's Δ (mean over the fold's replicates). */
function inMetric(rec: TrialRecord | undefined, metric: string): TransferEstimate | null {
  const est = rec?.status === 'ok' ? rec.estimate : undefined;
  if (!est?.contextual) return null;
  const parsed = byMetricDetailsSchema.safeParse(est.details);
  if (!parsed.success) return null;
  const reps = parsed.data.replicates.map((r) => r.contextualByMetric[metric]);
  const K = est.tasks.length;
  if (reps.some((r) => r?.length !== K)) return null;
  const effect = est.tasks.map((_, i) => {
    const v = reps.map((r) => r![i]);
    return v.some((x) => x === null) ? null : (v as number[]).reduce((a, b) => a + b, 0) / v.length;
  });
  return { ...est, contextual: { effect } };
}

function secondMetricOf(truth: TruthSummary, trials: Map<string, TrialRecord>, metric: string): SecondMetricTruth {
  const folds = truth.trialId.split('+').map((id) => inMetric(trials.get(id), metric));
  const base = { dataset: truth.dataset, metric, targets: truth.tasks.length };
  if (folds.some((f) => f === null)) return { ...base, counts: null, meanEffect: null, agreement: null };
  const pooled = crossValidatedTruth(folds as TransferEstimate[]);
  const classes = classifyVectorTruth({ tasks: pooled.tasks, contextual: pooled.contextual! }, truth.nullMargin);
  const effects = pooled.contextual!.effect.filter((v): v is number => v !== null);
  const own = new Map(truth.cells.map((c) => [c.target, c]));
  const agreement = { settledBoth: 0, sameClass: 0, oppositeSign: 0 };
  pooled.tasks.forEach((t, i) => {
    const a = own.get(t)?.class,
      b = classes.classes[i];
    if (!a || !SETTLED.has(a) || !SETTLED.has(b)) return;
    agreement.settledBoth++;
    if (a === b) agreement.sameClass++;
    if ((a === 'positive' && b === 'negative') || (a === 'negative' && b === 'positive')) agreement.oppositeSign++;
  });
  return {
    ...base,
    counts: classes.counts,
    meanEffect: effects.length ? effects.reduce((x, y) => x + y, 0) / effects.length : null,
    agreement,
  };
}

/** Every cross-validated contextual truth of the run in `metric` (default average precision). */
export function secondMetricTruths(summary: BenchSummary, trials: readonly TrialRecord[], metric = 'ap'): SecondMetricTruth[] {
  const byId = new Map(trials.map((t) => [t.id, t]));
  return summary.truths
    .filter((t) => t.scope === 'contextual' && t.status === 'ok' && t.folds && t.folds.length >= 2)
    .map((t) => secondMetricOf(t, byId, metric));
}

const METRIC_NAMES: Record<string, string> = { ap: 'average precision', auc: 'ROC-AUC', logloss: 'log-loss' };

const classText = (c: ClassCounts) =>
  `${c.positive} positive, ${c.negative} negative, ${c.small} small, ${c.null} null, ${c.indeterminate} indeterminate`;

function table(rows: readonly SecondMetricTruth[], summary: BenchSummary): Table {
  const truth = new Map(summary.truths.map((t) => [`${t.dataset}/${t.scope}`, t]));
  return {
    head: [
      'data set',
      'targets',
      'mean Δ',
      'classes in this metric',
      'classes of the truth',
      'settled by both',
      'same class',
      'opposite sign',
    ],
    numeric: [1, 2, 5, 6, 7],
    rows: rows.map((r) => {
      const own = truth.get(`${r.dataset}/contextual`)?.counts;
      return [
        r.dataset,
        String(r.targets),
        r.meanEffect === null ? '—' : r.meanEffect.toFixed(3),
        r.counts ? classText(r.counts) : 'not recorded (contextual-oracle before 1.1.0)',
        own ? classText(own) : '—',
        r.agreement ? String(r.agreement.settledBoth) : '—',
        r.agreement ? String(r.agreement.sameClass) : '—',
        r.agreement ? String(r.agreement.oppositeSign) : '—',
      ];
    }),
  };
}

const lead = (metric: string) =>
  `The contextual truth in ${METRIC_NAMES[metric] ?? metric}: the same trainings read in a second metric, each fold's Δ pooled ` +
  'with the corrected resampled t and classed with the truth’s δ. Estimators are scored against the truth’s own metric; ' +
  'this says how far its classes depend on the metric.';

export function secondMetricMarkdown(rows: readonly SecondMetricTruth[], summary: BenchSummary): string {
  if (!rows.length) return '';
  const metric = rows[0].metric;
  return [`## Contextual Δ in ${METRIC_NAMES[metric] ?? metric}`, '', mdText(lead(metric)), '', tableMd(table(rows, summary)), ''].join(
    '\n',
  );
}

export function secondMetricHtml(rows: readonly SecondMetricTruth[], summary: BenchSummary): string {
  if (!rows.length) return '';
  const metric = rows[0].metric;
  return [
    `<h2 id="study-second-metric">Contextual Δ in ${esc(METRIC_NAMES[metric] ?? metric)}</h2>`,
    `<p>${esc(lead(metric))}</p>`,
    tableHtml(table(rows, summary), 'second-metric'),
  ].join('\n');
}
