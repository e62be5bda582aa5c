/**
 * Calibration QQ plot for one dataset and truth scope: each estimator's raw p-values on the cells that are null
 * by construction (label-permuted controls; summary rows' `calibration.pValues`, sorted, pooled over seeds)
 * against the quantiles of U(0, 1), with the diagonal a calibrated test follows. Below the diagonal = too many
 * small p-values (anti-conservative: false positives), above = conservative. One line per estimator at its
 * largest budget with constructed-null p-values (the tables give the KS p of every budget); reference rows
 * included, labelled. Series of more than MAX_POINTS p-values are thinned to evenly spaced order statistics.
 * Marks are named `qq` (one `g.qq_marks` line per series), `qq_points` and `diagonal`.
 */
import type { BenchSummary, ScoreScope } from '@transferbench/core';
import type { TopLevelSpec } from 'vega-lite';
import { pText } from '../format.ts';
import { renderVegaLite } from './vega-svg.ts';

const MAX_POINTS = 300;

export interface QqSeries {
  /** legend label: `estimator @ budget — KS p 0.43, n 30` (plus "(reference)") */
  label: string;
  estimator: string;
  budget: string;
  ksPValue: number | null;
  n: number;
  points: { expected: number; observed: number }[];
}

export function qqSeries(summary: BenchSummary, dataset: string, scope: ScoreScope): QqSeries[] {
  const rows = summary.rows.filter((r) => r.dataset === dataset);
  const out: QqSeries[] = [];
  for (const estimator of [...new Set(rows.map((r) => r.estimator))]) {
    const row = rows
      .filter((r) => r.estimator === estimator && (r[scope]?.calibration.n ?? 0) > 0)
      .sort((a, b) => b.budgetIndex - a.budgetIndex)[0];
    if (!row) continue;
    const cal = row[scope]!.calibration;
    const ps = [...cal.pValues].sort((a, b) => a - b);
    const n = ps.length;
    const keep =
      n <= MAX_POINTS ? ps.map((_, k) => k) : Array.from({ length: MAX_POINTS }, (_, m) => Math.round((m * (n - 1)) / (MAX_POINTS - 1)));
    out.push({
      label: `${estimator}${row.role === 'reference' ? ' (reference)' : ''} @ ${row.budget} — KS p ${pText(cal.ksPValue)}, n ${n}`,
      estimator,
      budget: row.budget,
      ksPValue: cal.ksPValue,
      n,
      // plotting positions (k − ½)/n of the uniform order statistics
      points: keep.map((k) => ({ expected: (k + 0.5) / n, observed: ps[k] })),
    });
  }
  return out;
}

export function qqSpec(dataset: string, scope: ScoreScope, series: QqSeries[]): TopLevelSpec {
  const values = series.flatMap((s) => s.points.map((p) => ({ ...p, series: s.label })));
  const axis = (title: string) => ({ type: 'quantitative' as const, scale: { domain: [0, 1] }, title });
  const x = { field: 'expected', ...axis('uniform quantile') };
  const y = { field: 'observed', ...axis('observed p-value') };
  const color = {
    field: 'series',
    type: 'nominal' as const,
    title: 'estimator @ budget — calibration',
    sort: series.map((s) => s.label),
    // Node renders without a canvas and over-estimates text widths: no truncation of the KS labels
    legend: { labelLimit: 0, titleLimit: 0 },
  };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: `Calibration on constructed nulls — ${dataset}, ${scope}`,
      subtitle: 'raw p-values of cells null by construction vs U(0, 1) quantiles; grey diagonal: a calibrated test',
      subtitleFontSize: 9,
    },
    width: 300,
    height: 300,
    layer: [
      {
        name: 'diagonal',
        data: { values: [{ u: 0 }, { u: 1 }] },
        mark: { type: 'line', color: '#999', strokeDash: [4, 3] },
        encoding: { x: { field: 'u', ...axis('uniform quantile') }, y: { field: 'u', ...axis('observed p-value') } },
      },
      {
        name: 'qq',
        data: { values },
        mark: { type: 'line', strokeWidth: 1.8 },
        encoding: { x, y, color, order: { field: 'expected', type: 'quantitative' } },
      },
      {
        name: 'qq_points',
        data: { values },
        mark: { type: 'point', filled: true, size: 14 },
        encoding: {
          x,
          y,
          color,
          tooltip: [{ field: 'series' }, { field: 'expected', format: '.3f' }, { field: 'observed', format: '.4f' }],
        },
      },
    ],
  } as TopLevelSpec;
}

export async function qqSvg(
  summary: BenchSummary,
  dataset: string,
  scope: ScoreScope,
): Promise<{ svg: string | null; series: QqSeries[] }> {
  const series = qqSeries(summary, dataset, scope);
  if (!series.length) return { svg: null, series };
  return { svg: await renderVegaLite(qqSpec(dataset, scope, series)), series };
}
