/**
 * One transfer-matrix heatmap: rows = target task, columns = source task, colour = effect on a diverging
 * scale centred at 0 (blue = positive transfer, red = negative; symmetric domain so white is exactly 0).
 * Each matrix gets its own scale — estimators report in different units. The diagonal is left blank:
 * transfer is between different tasks, and an estimator that reports a self-affinity there (TAG) would
 * otherwise set the scale and wash out every off-diagonal cell. Cells are named `cells`.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { TransferMatrix } from './transfer-matrix.ts';
import { renderVegaLite } from './vega-svg.ts';

export function heatmapSpec(m: TransferMatrix): TopLevelSpec {
  const cells: { target: string; source: string; effect: number }[] = [];
  m.tasks.forEach((target, i) =>
    m.tasks.forEach((source, j) => {
      const v = m.effect[i][j];
      if (v !== null && i !== j) cells.push({ target, source, effect: v });
    }),
  );
  const extent = Math.max(1e-12, ...cells.map((c) => Math.abs(c.effect)));
  const side = Math.max(120, Math.min(240, 22 * m.tasks.length));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: m.title, subtitle: 'row = target, column = source', subtitleFontSize: 9 },
    width: side,
    height: side,
    data: { values: cells },
    layer: [
      {
        name: 'cells',
        mark: { type: 'rect', stroke: 'white', strokeWidth: 0.5 },
        encoding: {
          x: { field: 'source', type: 'nominal', sort: m.tasks, title: 'source', axis: { labelAngle: -45, grid: false } },
          y: { field: 'target', type: 'nominal', sort: m.tasks, title: 'target', axis: { grid: false } },
          color: {
            field: 'effect',
            type: 'quantitative',
            title: 'effect',
            scale: { scheme: 'redblue', domain: [-extent, extent], domainMid: 0 },
            legend: { format: '.2~g', gradientLength: Math.min(side, 140) },
          },
          tooltip: [{ field: 'target' }, { field: 'source' }, { field: 'effect', format: '.4~g' }],
        },
      },
    ],
  } as TopLevelSpec;
}

export function heatmapSvg(m: TransferMatrix): Promise<string> {
  return renderVegaLite(heatmapSpec(m));
}
