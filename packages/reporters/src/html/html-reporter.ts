/**
 * Static HTML leaderboard (`leaderboard.html`): one self-contained page — inline CSS, inline SVG charts
 * rendered at report time with Vega-Lite (charts/), one small inline script for sorting — that opens from
 * disk with no network. Per dataset: the sortable ranking table (estimator × budget), cost to reach the
 * target power, a power-vs-compute chart (log CPU-seconds, one line per estimator across budgets, CI bars),
 * transfer-matrix heatmaps (truth next to each estimator's largest budget) and learning-curve plots with
 * fitted curves for chosen targets (from the learning-curve estimator's details). Provenance (suite + hash,
 * commits, seeds, environment, merged runs, forced merges) heads the page.
 *
 * Markup hooks for tests and readers: `figure.chart[data-chart][data-dataset][data-series]` around each
 * SVG (`data-series` lists the series the chart draws; the SVG holds one `g.series_marks` /
 * `g.fit_marks` line per series and `g.cells_marks` for heatmap cells), `table.ranking` per dataset.
 */
import { defineReporter } from '@transferbench/core';
import { z } from 'zod';
import type { ReportBundle } from '../bundle.ts';
import { heatmapSvg } from '../charts/heatmap.ts';
import { learningCurveFigure } from '../charts/learning-curve.ts';
import { powerVsComputeSvg } from '../charts/power-vs-compute.ts';
import { transferMatrices } from '../charts/transfer-matrix.ts';
import { costText, fixed, seconds } from '../format.ts';
import { mergeText, provenanceFacts } from '../provenance.ts';
import { rankAll, type DatasetRanking } from '../ranking.ts';
import { esc, slug } from './escape.ts';
import { rankingTable } from './ranking-table.ts';
import { SORT_SCRIPT } from './sort-script.ts';
import { STYLE } from './style.ts';

export const htmlOptionsSchema = z.object({
  file: z.string().default('leaderboard.html'),
  /** target tasks whose learning curves are drawn (default: the first `learningCurveCount` fitted tasks) */
  learningCurveTargets: z.array(z.string()).nullable().default(null),
  learningCurveCount: z.number().int().positive().default(3),
  /** estimator plugins whose details are read as learning curves */
  learningCurvePlugins: z.array(z.string()).default(['learning-curve']),
  heatmaps: z.boolean().default(true),
});
export type HtmlOptions = z.infer<typeof htmlOptionsSchema>;

const figure = (chart: string, dataset: string, series: string[], svg: string, caption: string, extra = '') =>
  `<figure class="chart" data-chart="${chart}" data-dataset="${esc(dataset)}" data-series="${esc(series.join('|'))}" data-series-count="${series.length}"${extra}>` +
  `${svg}<figcaption>${caption}</figcaption></figure>`;

async function datasetSection(bundle: ReportBundle, ranking: DatasetRanking, o: HtmlOptions): Promise<string> {
  const s = bundle.summary;
  const ds = ranking.dataset;
  const pct = Math.round(s.targetPower * 100);
  const truth = s.truth.find((t) => t.dataset === ds);
  const tc = truth?.counts;
  const parts: string[] = [`<section class="dataset" id="dataset-${slug(ds)}" data-dataset="${esc(ds)}">`, `<h2>${esc(ds)}</h2>`];
  parts.push(
    `<p class="lead">${
      truth && tc
        ? `Truth: ${esc(truth.source)} (${esc(truth.unit ?? '')}) — ${tc.positive} positive, ${tc.negative} negative, ${tc.null} null (±${truth.nullMargin}), ${tc.indeterminate} indeterminate pairs excluded; truth trial <code>${esc(truth.trialId)}</code>.`
        : `Truth: ${esc(truth?.source ?? '?')} — ${esc(truth?.status ?? 'missing')}; power, FPR and ρ cannot be computed.`
    }</p>`,
  );

  parts.push('<h3>Ranking</h3>', rankingTable(s, ranking));
  parts.push(
    `<p class="legend-text">Rows: estimator × budget. <b>rank</b>: by CPU-seconds to reach ${pct} % power (reached first, cheapest first; then by best power). <b>@cost</b>: by power at matched cost. Mean over seeds [95 % CI]. Click a column header to sort.</p>`,
  );
  parts.push(
    `<p><b>Cost to reach ${pct} % power:</b></p><ul class="costs">${ranking.estimators
      .filter((e) => e.cost)
      .map((e) => `<li><b>${esc(e.estimator)}</b>: ${esc(costText(e.cost!))}</li>`)
      .join('')}</ul>`,
  );
  const compared = ranking.estimators.filter((e) => e.matchedRank !== null).sort((a, b) => a.matchedRank! - b.matchedRank!);
  if (ranking.matchedCpuSeconds !== null && compared.length > 1) {
    parts.push(
      `<p><b>Power at matched cost</b> (${seconds(ranking.matchedCpuSeconds)} CPU-s per estimate, interpolated in log cost): ${compared.map((e) => `${esc(e.estimator)} ${fixed(e.matchedPower)}`).join(' &gt; ')}.</p>`,
    );
  } else if (compared.length <= 1 && ranking.estimators.length > 1) {
    parts.push(
      '<p class="note">Power at matched cost: the budget ladders do not overlap in cost (or fewer than two estimators have power); compare cost to reach the target instead.</p>',
    );
  }

  const power = await powerVsComputeSvg(s, ds);
  parts.push('<h3>Power vs compute</h3>');
  const omitted = power.omitted.length ? ` Not drawn (no power or no positive CPU time): ${esc(power.omitted.join(', '))}.` : '';
  parts.push(
    power.svg
      ? `<div class="charts">${figure('power-vs-compute', ds, power.series, power.svg, `One line per estimator through its budgets; vertical bars: 95 % CI of power over seeds.${omitted}`)}</div>`
      : `<p class="note">No estimator has both power and a measured cost on this dataset.${omitted}</p>`,
  );

  if (o.heatmaps) {
    const matrices = transferMatrices(bundle, ds);
    if (matrices.length) {
      parts.push(
        '<h3>Transfer matrices</h3>',
        '<p class="legend-text">effect[target][source]: blue = positive transfer, red = negative, white = 0 (each matrix on its own symmetric scale: units differ). Estimators at their largest budget with finished trials, averaged over seeds.</p>',
      );
      const figs = await Promise.all(
        matrices.map(async (m) =>
          figure(
            'heatmap',
            ds,
            [m.name],
            await heatmapSvg(m),
            `${esc(m.title)} — ${esc(m.unit)}. Trials: ${m.trials.map((t) => `<code>${esc(t)}</code>`).join(' ')}`,
            ` data-matrix="${esc(m.name)}"`,
          ),
        ),
      );
      parts.push(`<div class="charts">${figs.join('')}</div>`);
    }
  }

  const lcRows = s.rows.filter((r) => r.dataset === ds && o.learningCurvePlugins.includes(r.plugin));
  const lcEstimators = [...new Set(lcRows.map((r) => r.estimator))];
  if (lcEstimators.length) {
    parts.push('<h3>Learning curves</h3>');
    const figs: string[] = [];
    for (const est of lcEstimators) {
      const budgetOrder = new Map(lcRows.filter((r) => r.estimator === est).map((r) => [r.budget, r.budgetIndex]));
      const recs = bundle.trials
        .filter((t) => t.job.kind === 'estimate' && t.job.dataset.id === ds && t.job.estimator?.id === est)
        .sort(
          (a, b) =>
            (budgetOrder.get(b.job.estimator!.budget) ?? 0) - (budgetOrder.get(a.job.estimator!.budget) ?? 0) || a.job.seed - b.job.seed,
        );
      const { figure: f, reason } = await learningCurveFigure(recs, o.learningCurveTargets, o.learningCurveCount);
      if (f)
        figs.push(
          figure(
            'learning-curve',
            ds,
            f.fitted,
            f.svg,
            `${esc(est)}: targets ${esc(f.targets.join(', '))}; trial <code>${esc(f.trialId)}</code>.`,
            ` data-estimator="${esc(est)}"`,
          ),
        );
      else parts.push(`<p class="note">${esc(est)}: no learning-curve plot — ${esc(reason ?? '')}.</p>`);
    }
    if (figs.length) parts.push(`<div class="charts">${figs.join('')}</div>`);
  }
  parts.push('</section>');
  return parts.join('\n');
}

export async function renderHtml(bundle: ReportBundle, options: HtmlOptions = htmlOptionsSchema.parse({})): Promise<string> {
  const s = bundle.summary;
  const rankings = rankAll(s);
  const sections: string[] = [];
  for (const r of rankings) sections.push(await datasetSection(bundle, r, options));
  const merge = bundle.merge;
  const mergeBlock = !merge
    ? ''
    : merge.forced
      ? `<div class="merge-warning" role="alert" id="merge-warning" data-forced="true">${esc(mergeText(bundle))}</div>`
      : `<div class="merge-note" id="merge-note" data-forced="false">${esc(mergeText(bundle))}</div>`;
  const facts = provenanceFacts(bundle)
    .map((f) => `<dt>${esc(f.label)}</dt><dd>${esc(f.value)}</dd>`)
    .join('');
  const failures = s.failures.length
    ? `<h2>Failed trials</h2><table class="ranking failures"><thead><tr><th>trial</th><th>reason</th><th>message</th></tr></thead><tbody>${s.failures.map((f) => `<tr><td>${esc(f.label)}</td><td>${esc(f.reason)}</td><td>${esc(f.message.slice(0, 300))}</td></tr>`).join('')}</tbody></table>`
    : '';
  const nav =
    rankings.length > 1
      ? `<p>Datasets: ${rankings.map((r) => `<a href="#dataset-${slug(r.dataset)}">${esc(r.dataset)}</a>`).join(' · ')}</p>`
      : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="@transferbench/reporters html">
<title>Leaderboard: ${esc(s.suite.name)} (${esc(s.suite.hash)})</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<header>
<h1>Leaderboard: ${esc(s.suite.name)}</h1>
${s.suite.description ? `<p class="lead">${esc(s.suite.description)}</p>` : ''}
${mergeBlock}
<dl class="provenance" id="provenance">${facts}</dl>
<p class="legend-text"><b>power</b>: share of truly non-null ordered pairs detected with the right sign after Benjamini–Hochberg at α = ${s.alpha}; <b>FPR</b>: share of truly null pairs detected; <b>ρ</b>: Spearman correlation of estimated with true effects; <b>CPU-s</b>: CPU-seconds of the estimator call per estimate; <b>passes</b>: sample-passes per estimate. "n/a": the estimator reports no p-values.</p>
${nav}
</header>
${sections.join('\n')}
${failures}
<footer>Generated by @transferbench/reporters (html) from ${esc(bundle.dir)} · summary created ${esc(s.createdAt)} · results schema v${s.schemaVersion}.</footer>
</main>
<script>${SORT_SCRIPT}</script>
</body>
</html>
`;
}

export const htmlReporter = defineReporter<ReportBundle, typeof htmlOptionsSchema>({
  meta: {
    name: 'html',
    version: '1.0.0',
    description: 'self-contained HTML leaderboard: sortable table, power-vs-compute, transfer heatmaps, learning curves',
  },
  options: htmlOptionsSchema,
  async render(bundle, options) {
    const o = htmlOptionsSchema.parse(options ?? {});
    return [{ path: o.file, content: await renderHtml(bundle, o) }];
  },
});
