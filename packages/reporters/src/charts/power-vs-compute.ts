/**
 * Power against compute for one dataset and truth scope: x = CPU-seconds per estimate (log scale), y = power
 * pooled over seeds, one coloured line per estimator through its budget ladder with a vertical bar per point
 * for the 95 % Wilson interval, and the reference frontier (the truth's own oracle at small budgets on a
 * disjoint seed stream: the brute-force line to beat) drawn apart in black, dashed, with square points; the
 * target power as a dashed rule and the matched cost as a dotted one. Rows without power (no p-values, no
 * output of the scope, no truth) or without a positive measured cost cannot be placed and are listed in
 * `omitted`. Marks are named: `g.series_marks` (one per estimator line), `g.ci_marks`, `g.frontier_marks`
 * (one per reference line), `g.frontier_ci_marks`.
 */
import type { BenchSummary, ScoreScope } from '@transferbench/core';
import type { TopLevelSpec } from 'vega-lite';
import { renderVegaLite } from './vega-svg.ts';

export interface PowerPoint {
  estimator: string;
  role: 'estimator' | 'reference';
  budget: string;
  cpuSeconds: number;
  power: number;
  lower: number;
  upper: number;
  /** detections / cells × seeds behind the proportion */
  hits: number;
  n: number;
}

export function powerPoints(summary: BenchSummary, dataset: string, scope: ScoreScope): { points: PowerPoint[]; omitted: string[] } {
  const rows = summary.rows.filter((r) => r.dataset === dataset);
  const points: PowerPoint[] = [];
  for (const r of rows) {
    const c = r.cpuSeconds.mean,
      p = r[scope]?.power;
    if (c === null || !(c > 0) || !p || p.value === null) continue;
    points.push({
      estimator: r.estimator,
      role: r.role,
      budget: r.budget,
      cpuSeconds: c,
      power: p.value,
      lower: p.lower ?? p.value,
      upper: p.upper ?? p.value,
      hits: p.hits,
      n: p.n,
    });
  }
  const placed = new Set(points.map((p) => p.estimator));
  const omitted = [...new Set(rows.map((r) => r.estimator))].filter((e) => !placed.has(e));
  return { points, omitted };
}

/**
 * Ticks of the log axis: over two decades or more, only powers of ten (a tick count below the number of
 * decades makes the log scale drop the 2…9 multiples, whose grid lines would otherwise crowd the plot).
 */
function logTickCount(points: PowerPoint[]): number | undefined {
  const xs = points.map((p) => p.cpuSeconds);
  const decades = Math.log10(Math.max(...xs) / Math.min(...xs));
  return decades >= 2 ? Math.max(2, Math.floor(decades)) : undefined;
}

const FRONTIER_COLOUR = '#111';

export function powerVsComputeSpec(summary: BenchSummary, dataset: string, scope: ScoreScope, points: PowerPoint[]): TopLevelSpec {
  const matched = summary.powerAtMatchedCost.find((m) => m.dataset === dataset && m.scope === scope)?.cpuSeconds ?? null;
  const tickCount = logTickCount(points);
  const x = {
    field: 'cpuSeconds',
    type: 'quantitative' as const,
    scale: { type: 'log' as const, nice: false, padding: 12 },
    title: 'CPU-seconds per estimate (log scale)',
    ...(tickCount ? { axis: { tickCount } } : {}),
  };
  const y = {
    field: 'power',
    type: 'quantitative' as const,
    scale: { domain: [0, 1] },
    title: 'power (pooled over seeds, 95 % Wilson CI)',
  };
  const estimators = points.filter((p) => p.role === 'estimator');
  const references = points.filter((p) => p.role === 'reference');
  const color = {
    field: 'estimator',
    type: 'nominal' as const,
    title: 'estimator',
    sort: [...new Set(estimators.map((p) => p.estimator))],
  };
  const tooltip = [
    { field: 'estimator' },
    { field: 'budget' },
    { field: 'cpuSeconds', format: '.3g', title: 'CPU-s' },
    { field: 'power', format: '.2f' },
    { field: 'lower', format: '.2f' },
    { field: 'upper', format: '.2f' },
    { field: 'hits' },
    { field: 'n' },
  ];
  const layers: unknown[] = [
    {
      name: 'target',
      data: { values: [{ target: summary.targetPower }] },
      mark: { type: 'rule', strokeDash: [6, 4], color: '#888' },
      encoding: { y: { field: 'target', type: 'quantitative' } },
    },
    ...(matched !== null
      ? [
          {
            name: 'matched',
            data: { values: [{ matched }] },
            mark: { type: 'rule', strokeDash: [2, 3], color: '#888' },
            encoding: { x: { field: 'matched', type: 'quantitative' } },
          },
        ]
      : []),
  ];
  if (estimators.length)
    layers.push(
      {
        name: 'ci',
        data: { values: estimators },
        mark: { type: 'rule', strokeWidth: 1.5, opacity: 0.7 },
        encoding: { x, y: { field: 'lower', type: 'quantitative' }, y2: { field: 'upper' }, color },
      },
      {
        name: 'series',
        data: { values: estimators },
        mark: { type: 'line', strokeWidth: 2 },
        encoding: { x, y, color, order: { field: 'cpuSeconds', type: 'quantitative' } },
      },
      {
        name: 'points',
        data: { values: estimators },
        mark: { type: 'point', filled: true, size: 40 },
        encoding: { x, y, color, tooltip },
      },
    );
  if (references.length)
    layers.push(
      {
        name: 'frontier_ci',
        data: { values: references },
        mark: { type: 'rule', strokeWidth: 1.5, opacity: 0.6, color: FRONTIER_COLOUR },
        encoding: { x, y: { field: 'lower', type: 'quantitative' }, y2: { field: 'upper' } },
      },
      {
        name: 'frontier',
        data: { values: references },
        mark: { type: 'line', strokeWidth: 2.5, strokeDash: [7, 3], color: FRONTIER_COLOUR },
        encoding: { x, y, detail: { field: 'estimator', type: 'nominal' }, order: { field: 'cpuSeconds', type: 'quantitative' } },
      },
      {
        name: 'frontier_points',
        data: { values: references },
        mark: { type: 'point', shape: 'square', filled: true, size: 50, color: FRONTIER_COLOUR },
        encoding: { x, y, tooltip },
      },
      {
        name: 'frontier_label',
        data: { values: references },
        transform: [
          { joinaggregate: [{ op: 'max', field: 'cpuSeconds', as: 'top' }], groupby: ['estimator'] },
          { filter: 'datum.cpuSeconds === datum.top' },
        ],
        mark: { type: 'text', align: 'right', dx: -6, dy: -8, fontSize: 9, fontWeight: 'bold', color: FRONTIER_COLOUR },
        encoding: { x, y, text: { field: 'estimator' } },
      },
    );
  layers.push({
    name: 'budgets',
    data: { values: points },
    mark: { type: 'text', align: 'left', dx: 5, dy: -6, fontSize: 9, color: '#555' },
    encoding: { x, y, text: { field: 'budget' } },
  });
  const frontierNote = references.length ? '; black dashed: reference frontier (the truth’s oracle, disjoint seeds)' : '';
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: `Power vs compute — ${dataset}, ${scope}`,
      subtitle: `dashed grey: target power ${summary.targetPower}${matched !== null ? `; dotted: matched cost ${matched.toPrecision(3)} CPU-s` : ''}${frontierNote}`,
      subtitleFontSize: 9,
    },
    width: 440,
    height: 260,
    layer: layers,
  } as TopLevelSpec;
}

export async function powerVsComputeSvg(
  summary: BenchSummary,
  dataset: string,
  scope: ScoreScope,
): Promise<{ svg: string | null; series: string[]; frontier: string[]; omitted: string[] }> {
  const { points, omitted } = powerPoints(summary, dataset, scope);
  const series = [...new Set(points.filter((p) => p.role === 'estimator').map((p) => p.estimator))];
  const frontier = [...new Set(points.filter((p) => p.role === 'reference').map((p) => p.estimator))];
  if (!points.length) return { svg: null, series, frontier, omitted };
  return { svg: await renderVegaLite(powerVsComputeSpec(summary, dataset, scope, points)), series, frontier, omitted };
}
