/**
 * Vega-Lite spec → standalone SVG string, rendered in Node at report time (headless: `renderer: 'none'`
 * and `toSVG()` need no canvas). Charts are declared as Vega-Lite specs rather than drawn as hand-written
 * paths: scales (log axes), ticks, legends, colour schemes and accessible labels come from the library.
 * Data is always inline (`values`), so the renderer never loads anything.
 */
import * as vega from 'vega';
import * as vl from 'vega-lite';
import type { TopLevelSpec } from 'vega-lite';

/** Shared look: small system font, no outer border, white background (screenshots and dark viewers). */
export const CHART_CONFIG = {
  font: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
  background: 'white',
  view: { stroke: '#ccc' },
  axis: { labelFontSize: 10, titleFontSize: 11, grid: true, gridColor: '#eee' },
  legend: { labelFontSize: 10, titleFontSize: 11 },
  title: { fontSize: 12, anchor: 'start' as const },
};

export async function renderVegaLite(spec: TopLevelSpec): Promise<string> {
  const compiled = vl.compile({ ...spec, config: { ...CHART_CONFIG, ...(spec.config ?? {}) } } as TopLevelSpec).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none', logLevel: vega.Warn });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
