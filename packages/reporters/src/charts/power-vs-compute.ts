/**
 * Power against compute for one dataset: x = CPU-seconds per estimate (log scale), y = power (mean over
 * seeds), one line per estimator through its budget ladder, a vertical bar per point for the 95 % CI of
 * the power across seeds, the target power as a dashed rule and the matched cost as a dotted one.
 * Estimators without power (no p-values, or no truth) or without a positive measured cost cannot be
 * placed and are listed in `omitted`. Line marks are named `series` (one `g.series_marks` per estimator).
 */
import type { BenchSummary } from '@transferbench/core';
import type { TopLevelSpec } from 'vega-lite';
import { renderVegaLite } from './vega-svg.ts';

export interface PowerPoint {
  estimator: string;
  budget: string;
  cpuSeconds: number;
  power: number;
  lower: number;
  upper: number;
  seeds: number;
}

const clamp01 = (v: number) => Math.min(1, Math.max(0, v));

export function powerPoints(summary: BenchSummary, dataset: string): { points: PowerPoint[]; omitted: string[] } {
  const rows = summary.rows.filter((r) => r.dataset === dataset);
  const points: PowerPoint[] = [];
  for (const r of rows) {
    const c = r.cpuSeconds.mean,
      p = r.power.mean;
    if (c === null || !(c > 0) || p === null) continue;
    points.push({
      estimator: r.estimator,
      budget: r.budget,
      cpuSeconds: c,
      power: p,
      lower: clamp01(r.power.lower ?? p),
      upper: clamp01(r.power.upper ?? p),
      seeds: r.power.n,
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

export function powerVsComputeSpec(summary: BenchSummary, dataset: string, points: PowerPoint[]): TopLevelSpec {
  const matched = summary.powerAtMatchedCost.find((m) => m.dataset === dataset)?.cpuSeconds ?? null;
  const tickCount = logTickCount(points);
  const x = {
    field: 'cpuSeconds',
    type: 'quantitative' as const,
    scale: { type: 'log' as const, nice: false, padding: 12 },
    title: 'CPU-seconds per estimate (log scale)',
    ...(tickCount ? { axis: { tickCount } } : {}),
  };
  const y = { field: 'power', type: 'quantitative' as const, scale: { domain: [0, 1] }, title: 'power (mean over seeds, 95 % CI)' };
  const color = { field: 'estimator', type: 'nominal' as const, title: 'estimator', sort: [...new Set(points.map((p) => p.estimator))] };
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
    {
      name: 'ci',
      mark: { type: 'rule', strokeWidth: 1.5, opacity: 0.7 },
      encoding: { x, y: { field: 'lower', type: 'quantitative' }, y2: { field: 'upper' }, color },
    },
    {
      name: 'series',
      mark: { type: 'line', strokeWidth: 2 },
      encoding: { x, y, color, order: { field: 'cpuSeconds', type: 'quantitative' } },
    },
    {
      name: 'points',
      mark: { type: 'point', filled: true, size: 40 },
      encoding: {
        x,
        y,
        color,
        tooltip: [
          { field: 'estimator' },
          { field: 'budget' },
          { field: 'cpuSeconds', format: '.3g', title: 'CPU-s' },
          { field: 'power', format: '.2f' },
          { field: 'lower', format: '.2f' },
          { field: 'upper', format: '.2f' },
          { field: 'seeds' },
        ],
      },
    },
    {
      name: 'budgets',
      mark: { type: 'text', align: 'left', dx: 5, dy: -6, fontSize: 9, color: '#555' },
      encoding: { x, y, text: { field: 'budget' } },
    },
  ];
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: `Power vs compute — ${dataset}`,
      subtitle: `dashed: target power ${summary.targetPower}${matched !== null ? `; dotted: matched cost ${matched.toPrecision(3)} CPU-s` : ''}`,
    },
    width: 440,
    height: 260,
    data: { values: points },
    layer: layers,
  } as TopLevelSpec;
}

export async function powerVsComputeSvg(
  summary: BenchSummary,
  dataset: string,
): Promise<{ svg: string | null; series: string[]; omitted: string[] }> {
  const { points, omitted } = powerPoints(summary, dataset);
  const series = [...new Set(points.map((p) => p.estimator))];
  if (!points.length) return { svg: null, series, omitted };
  return { svg: await renderVegaLite(powerVsComputeSpec(summary, dataset, points)), series, omitted };
}
