/**
 * Per-target forest plot of the contextual scope (single- vs all-task transfer) for one dataset: one panel per
 * series — the contextual truth first (Δ_i with its CI, from summary.truths), then each estimator with a
 * contextual output (reference rows included) at its largest budget with finished trials, its contextual effect
 * per target and CI averaged over seeds and, for a cross-validation group, folds (mean of the trials' effects, of
 * their lower and of their upper bounds: the typical single-trial interval, from the trial records'
 * `estimate.contextual`). Targets are the rows, shared
 * by every panel; each panel has its own x scale (estimators report in their own units) with a dashed rule at 0.
 * Points are coloured by the truth's class of the target, so a reader sees at once whether an estimator
 * separates the positive targets from the null ones. Marks are named `forest_points`, `forest_ci` and `zero`.
 * `truthsSideBySide` draws the same panels for the truths of data sets that share their targets.
 */
import type { ResultsBundle, TruthSummary } from '@transferbench/core';
import type { TopLevelSpec } from 'vega-lite';
import { renderVegaLite } from './vega-svg.ts';
import { datasetMembers } from '../dataset-members.ts';

export interface ForestRow {
  series: string;
  target: string;
  effect: number;
  lower: number | null;
  upper: number | null;
  class: TruthSummary['cells'][number]['class'];
}

export interface ForestSeries {
  /** `truth` or the estimator id */
  name: string;
  /** panel header, e.g. `tag @ r12` (`(ref.)` for a reference row) */
  title: string;
  unit: string;
  trials: string[];
}

const CLASS_ORDER = ['positive', 'negative', 'small', 'null', 'indeterminate'] as const;
const CLASS_COLOURS = ['#1f6fb4', '#c0392b', '#7fb3d5', '#7f8c8d', '#e0a030'];

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

export function forestData(
  bundle: ResultsBundle,
  dataset: string,
): { truth: TruthSummary | null; series: ForestSeries[]; rows: ForestRow[] } {
  const s = bundle.summary;
  const truth = s.truths.find((t) => t.dataset === dataset && t.scope === 'contextual' && t.cells.length) ?? null;
  if (!truth) return { truth: null, series: [], rows: [] };
  const classOf = new Map(truth.cells.map((c) => [c.target, c.class]));
  const series: ForestSeries[] = [
    {
      name: 'truth',
      title: `truth (${truth.estimator ?? truth.source})`,
      unit: truth.unit ?? 'unit not reported',
      trials: [truth.trialId],
    },
  ];
  const rows: ForestRow[] = truth.cells
    .filter((c) => finite(c.effect))
    .map((c) => ({ series: 'truth', target: c.target, effect: c.effect!, lower: c.lower, upper: c.upper, class: c.class }));

  const members = datasetMembers(s, dataset);
  const summaryRows = s.rows.filter((r) => r.dataset === dataset);
  for (const estimator of [...new Set(summaryRows.map((r) => r.estimator))]) {
    const ladder = summaryRows.filter((r) => r.estimator === estimator).sort((a, b) => b.budgetIndex - a.budgetIndex);
    for (const row of ladder) {
      const recs = bundle.trials
        .filter(
          (t) =>
            t.status === 'ok' &&
            t.job.kind === 'estimate' &&
            members.has(t.job.dataset.id) &&
            t.job.estimator?.id === estimator &&
            t.job.estimator.budget === row.budget &&
            t.estimate?.contextual?.effect.some(finite),
        )
        .sort((a, b) => a.job.seed - b.job.seed);
      if (!recs.length) continue;
      const values: ForestRow[] = [];
      for (const target of truth.tasks) {
        const at = (field: 'effect' | 'lower' | 'upper') =>
          recs
            .map((r) => {
              const k = r.estimate!.tasks.indexOf(target);
              return k < 0 ? null : r.estimate!.contextual![field]?.[k];
            })
            .filter(finite);
        const eff = at('effect');
        if (!eff.length) continue;
        const lo = at('lower'),
          hi = at('upper');
        values.push({
          series: estimator,
          target,
          effect: mean(eff),
          // a bound is shown only when every seed with an effect gave one
          lower: lo.length === eff.length ? mean(lo) : null,
          upper: hi.length === eff.length ? mean(hi) : null,
          class: classOf.get(target) ?? 'indeterminate',
        });
      }
      series.push({
        name: estimator,
        title: `${estimator}${row.role === 'reference' ? ' (ref.)' : ''} @ ${row.budget}`,
        unit: recs[0].estimate!.contextual!.unit ?? recs[0].estimate!.unit,
        trials: recs.map((r) => r.id),
      });
      rows.push(...values);
      break;
    }
  }
  return { truth, series, rows };
}

export function forestSpec(
  dataset: string,
  truth: TruthSummary,
  series: ForestSeries[],
  rows: ForestRow[],
  o: { subtitle?: string; sharedX?: boolean } = {},
): TopLevelSpec {
  const titles = Object.fromEntries(series.map((s) => [s.name, s.title]));
  const values = rows.map((r) => ({ ...r, panel: titles[r.series] }));
  const y = { field: 'target', type: 'nominal' as const, sort: truth.tasks, title: 'target task' };
  const color = {
    field: 'class',
    type: 'nominal' as const,
    title: `truth class (δ = ${truth.nullMargin})`,
    scale: { domain: [...CLASS_ORDER], range: CLASS_COLOURS },
    legend: { titleLimit: 0 },
  };
  const x = (field: string) => ({ field, type: 'quantitative' as const, scale: { zero: true }, title: 'contextual effect (own unit)' });
  const step = truth.tasks.length > 40 ? 10 : 16;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: `Contextual transfer per target — ${dataset}`,
      subtitle: o.subtitle ?? 'Δ_i = m_i(all tasks) − m_i(alone) and each estimator’s contextual effect; bars: CI; dashed: 0',
      subtitleFontSize: 9,
    },
    data: { values },
    facet: {
      column: {
        field: 'panel',
        type: 'nominal',
        sort: series.map((s) => s.title),
        title: null,
        header: { labelFontSize: 10, labelLimit: 0 },
      },
    },
    spec: {
      width: 170,
      height: { step },
      layer: [
        {
          name: 'zero',
          // one rule per panel, not one per target
          transform: [{ aggregate: [{ op: 'count', as: 'n' }], groupby: ['panel'] }],
          mark: { type: 'rule', color: '#999', strokeDash: [3, 3] },
          encoding: { x: { datum: 0, type: 'quantitative' } },
        },
        {
          name: 'forest_ci',
          transform: [{ filter: 'isValid(datum.lower) && isValid(datum.upper)' }],
          mark: { type: 'rule', strokeWidth: 1.5 },
          encoding: { x: x('lower'), x2: { field: 'upper' }, y, color },
        },
        {
          name: 'forest_points',
          mark: { type: 'point', filled: true, size: 36 },
          encoding: {
            x: x('effect'),
            y,
            color,
            tooltip: [
              { field: 'panel', title: 'series' },
              { field: 'target' },
              { field: 'effect', format: '.4~g' },
              { field: 'lower', format: '.4~g' },
              { field: 'upper', format: '.4~g' },
              { field: 'class', title: 'truth class' },
            ],
          },
        },
      ],
    },
    resolve: { scale: { x: o.sharedX ? 'shared' : 'independent' } },
  } as TopLevelSpec;
}

/**
 * The contextual truths of data sets with the same targets side by side (a study's compound and scaffold folds of
 * one target set): for each such set of ≥ 2 data sets, one panel per data set on a shared x scale, each point
 * coloured by its own truth's class. Data sets are matched by their truths' task lists, in summary order.
 */
export async function truthsSideBySide(bundle: ResultsBundle): Promise<{ datasets: string[]; svg: string }[]> {
  const truths = bundle.summary.truths.filter(
    (t) => t.scope === 'contextual' && t.status === 'ok' && t.cells.some((c) => finite(c.effect)),
  );
  const sets = new Map<string, TruthSummary[]>();
  for (const t of truths) sets.set(t.tasks.join('\n'), [...(sets.get(t.tasks.join('\n')) ?? []), t]);
  const out: { datasets: string[]; svg: string }[] = [];
  for (const set of sets.values()) {
    if (set.length < 2) continue;
    const series = set.map((t) => ({ name: t.dataset, title: t.dataset, unit: t.unit ?? 'unit not reported', trials: [t.trialId] }));
    const rows = set.flatMap((t) =>
      t.cells
        .filter((c) => finite(c.effect))
        .map((c) => ({ series: t.dataset, target: c.target, effect: c.effect!, lower: c.lower, upper: c.upper, class: c.class })),
    );
    const datasets = set.map((t) => t.dataset);
    const spec = forestSpec(datasets.join(' · '), set[0], series, rows, {
      subtitle: 'the contextual truth Δ_i = m_i(all tasks) − m_i(alone) of each data set; bars: CI; dashed: 0; one x scale',
      sharedX: true,
    });
    out.push({ datasets, svg: await renderVegaLite(spec) });
  }
  return out;
}

export async function forestSvg(
  bundle: ResultsBundle,
  dataset: string,
): Promise<{ svg: string | null; series: ForestSeries[]; truth: TruthSummary | null }> {
  const { truth, series, rows } = forestData(bundle, dataset);
  if (!truth || !rows.length) return { svg: null, series, truth };
  return { svg: await renderVegaLite(forestSpec(dataset, truth, series, rows)), series, truth };
}
