/**
 * Static HTML leaderboard (`leaderboard.html`): one self-contained page — inline CSS, inline SVG charts
 * rendered at report time with Vega-Lite (charts/), one small inline script for sorting — that opens from
 * disk with no network. The class rule heads the page. Per dataset: the truths (classes, settled share,
 * constructed nulls, reliability); per truth scope (PAIRWISE, CONTEXTUAL), headed by the truth it is scored
 * against (oracle, what Δ means, δ): the sortable ranking table (estimator × budget: power, FPR, FPR on
 * constructed nulls with Wilson intervals, KS p, ρ under the truth's ceiling, cost), the reference frontier
 * apart, the cost to reach the target power (extrapolations marked), power at matched cost, power by |Δ|, a
 * power-vs-compute chart (log CPU-seconds, one line per estimator, Wilson bars, the reference frontier black
 * and dashed), a QQ plot of the constructed-null p-values, and for the contextual scope a per-target forest
 * plot (truth Δ_i with its CI beside each estimator's contextual effect). Then transfer-matrix heatmaps (the
 * pairwise truth next to each estimator's largest budget) and learning-curve plots with fitted curves.
 * Provenance (suite + hash, commits, seeds, environment, merged runs, forced merges) heads the page; an optional
 * `preamble` (trusted HTML, `section#preamble`) follows the header, before the datasets, and `title` renames the page.
 *
 * Markup hooks for tests and readers: `figure.chart[data-chart][data-dataset][data-series][data-scope]` around
 * each SVG (`data-chart` one of power-vs-compute, qq, forest, heatmap, learning-curve; `data-series` lists the
 * series drawn; the SVG holds one `g.series_marks` line per estimator and `g.frontier_marks` per reference line,
 * `g.qq_marks` per calibration series, `g.forest_points_marks` per forest panel, `g.cells_marks` for heatmap
 * cells, `g.fit_marks` per learning curve), `section.scope[data-scope]`, `table.ranking[data-scope]` (ranked
 * estimators), `table.reference[data-scope]` (the frontier), `table.truths`, `#class-rule`.
 */
import { defineReporter } from '@transferbench/core';
import { z } from 'zod';
import type { ReportBundle } from '../bundle.ts';
import { heatmapSvg } from '../charts/heatmap.ts';
import { learningCurveFigure } from '../charts/learning-curve.ts';
import { forestSvg, truthsSideBySide } from '../charts/forest-plot.ts';
import { powerVsComputeSvg } from '../charts/power-vs-compute.ts';
import { qqSvg } from '../charts/qq-plot.ts';
import { transferMatrices } from '../charts/transfer-matrix.ts';
import { cellNoun, classRuleText, costText, countsText, delta, scopeTitle, truthName } from '../format.ts';
import { mergeText, provenanceFacts } from '../provenance.ts';
import { rankAll, truthUsable, type DatasetRanking, type ScopeRanking } from '../ranking.ts';
import { matchedText, rowNotes } from '../scope-rows.ts';
import { esc, slug } from './escape.ts';
import { powerByEffectTable, rankingTable, referenceTable, truthTable } from './ranking-table.ts';
import { SORT_SCRIPT } from './sort-script.ts';
import { STYLE } from './style.ts';
import { datasetMembers } from '../dataset-members.ts';

export const htmlOptionsSchema = z.object({
  file: z.string().default('leaderboard.html'),
  /** target tasks whose learning curves are drawn (default: the first `learningCurveCount` fitted tasks) */
  learningCurveTargets: z.array(z.string()).nullable().default(null),
  learningCurveCount: z.number().int().positive().default(3),
  /** estimator plugins whose details are read as learning curves */
  learningCurvePlugins: z.array(z.string()).default(['learning-curve']),
  heatmaps: z.boolean().default(true),
  /**
   * Matrices of more tasks are not drawn: 240 px hold 48 cells of 5 px, and an SVG of a 176-task matrix (31,000
   * cells) is 9 MB of page for cells under 2 px wide.
   */
  heatmapMaxTasks: z.number().int().positive().default(48),
  /** the page's title (default `Leaderboard: <suite>`): a page built around the leaderboard, e.g. a study report, names itself */
  title: z.string().min(1).optional(),
  /**
   * HTML placed after the header and before the datasets (a study's conclusion and protocol). Trusted markup,
   * printed as given: the caller escapes whatever it takes from result files (`transferbench study-report` does).
   */
  preamble: z.string().optional(),
});
export type HtmlOptions = z.infer<typeof htmlOptionsSchema>;

const figure = (chart: string, dataset: string, series: string[], svg: string, caption: string, extra = '') =>
  `<figure class="chart" data-chart="${chart}" data-dataset="${esc(dataset)}" data-series="${esc(series.join('|'))}" data-series-count="${series.length}"${extra}>` +
  `${svg}<figcaption>${caption}</figcaption></figure>`;

async function scopeSection(bundle: ReportBundle, sr: ScopeRanking): Promise<string> {
  const s = bundle.summary;
  const { scope, truth, dataset: ds } = sr;
  const pct = Math.round(s.targetPower * 100);
  const parts: string[] = [
    `<section class="scope" id="scope-${slug(ds)}-${scope}" data-scope="${scope}" data-truth="${esc(truth?.id ?? '')}">`,
    `<h3>${scopeTitle(scope)} — truth: ${esc(truthName(truth))}</h3>`,
    `<p class="lead">${
      truthUsable(truth)
        ? `${truth!.cells.length} ${cellNoun(scope)}: ${esc(countsText(truth!))} (δ = ${esc(delta(truth!))}); ${truth!.constructedNulls} null by construction; truth trial <code>${esc(truth!.trialId)}</code>.`
        : `The ${scope} truth is ${esc(truth?.status ?? 'missing')}: power, FPR and ρ of this scope cannot be computed.`
    }</p>`,
  ];
  if (sr.estimators.length) parts.push(`<div class="table-wrap">${rankingTable(s, sr)}</div>`);
  parts.push(
    `<p class="legend-text">Rows: estimator × budget. <b>rank</b>: by CPU-seconds to reach ${pct} % power (reached within the ladder first, cheapest first; then extrapolated — marked ≈ —; then by best power). <b>@cost</b>: by power at matched cost. Proportions pooled over seeds [95 % Wilson interval]; ρ mean over seeds [bootstrap CI]. Click a column header to sort.</p>`,
  );
  if (sr.references.length)
    parts.push(
      '<h4>Reference frontier</h4>',
      `<p class="legend-text">The truth's own oracle at small budgets on a seed stream disjoint from the truth's: the brute-force line every estimator should beat at equal CPU-s (not ranked).</p>`,
      `<div class="table-wrap">${referenceTable(s, sr)}</div>`,
    );
  if (sr.withoutOutput.length) parts.push(`<p class="note">No ${scope} output: ${esc(sr.withoutOutput.join(', '))}.</p>`);
  const notes = rowNotes(sr);
  if (notes.length) parts.push(`<ul class="notes">${notes.map((n) => `<li>${esc(n)}</li>`).join('')}</ul>`);
  const costed = [...sr.estimators, ...sr.references].filter((e) => e.cost);
  if (costed.length)
    parts.push(
      `<p><b>Cost to reach ${pct} % power</b> (CPU-s per estimate [95 % bootstrap interval over seeds]):</p><ul class="costs">${costed
        .map(
          (e) =>
            `<li data-estimator="${esc(e.estimator)}" data-method="${e.cost!.method}"${e.cost!.method === 'extrapolated' ? ' class="extrapolated"' : ''}>${e.role === 'reference' ? 'reference ' : ''}<b>${esc(e.estimator)}</b>: ${esc(costText(e.cost!))}</li>`,
        )
        .join('')}</ul>`,
    );
  const matched = matchedText(sr, esc);
  if (matched) parts.push(`<p class="matched">${matched.replace(/ > /g, ' &gt; ')}</p>`);
  const bins = powerByEffectTable(sr);
  if (bins) parts.push(`<details><summary>Power by |Δ| (${scope})</summary>${bins}</details>`);

  const figs: string[] = [];
  const power = await powerVsComputeSvg(s, ds, scope);
  const omitted = power.omitted.length ? ` Not drawn (no ${scope} power or no positive CPU time): ${esc(power.omitted.join(', '))}.` : '';
  if (power.svg)
    figs.push(
      figure(
        'power-vs-compute',
        ds,
        power.series,
        power.svg,
        `One line per estimator through its budgets; vertical bars: 95 % Wilson interval of the power pooled over seeds.${power.frontier.length ? ` Black dashed line, square points: the reference frontier (${esc(power.frontier.join(', '))}).` : ''}${omitted}`,
        ` data-scope="${scope}" data-frontier="${esc(power.frontier.join('|'))}"`,
      ),
    );
  else parts.push(`<p class="note">No estimator has both ${scope} power and a measured cost on this dataset.${omitted}</p>`);
  const qq = await qqSvg(s, ds, scope);
  if (qq.svg)
    figs.push(
      figure(
        'qq',
        ds,
        qq.series.map((x) => x.estimator),
        qq.svg,
        `Raw p-values on the cells null by construction (label-permuted controls), pooled over seeds, against U(0, 1): each estimator at its largest budget with such p-values. Below the diagonal: too many small p-values (false positives).`,
        ` data-scope="${scope}"`,
      ),
    );
  else if (truthUsable(truth))
    parts.push(
      `<p class="note">No calibration plot: no ${scope} p-values on constructed nulls (the truth has ${truth!.constructedNulls} such cells).</p>`,
    );
  if (scope === 'contextual') {
    const forest = await forestSvg(bundle, ds);
    if (forest.svg)
      figs.push(
        figure(
          'forest',
          ds,
          forest.series.map((x) => x.name),
          forest.svg,
          `Per target: the contextual truth Δ_i with its CI, and each estimator's contextual effect (mean over seeds of effect and CI bounds) at its largest budget; each panel on its own scale. Panels: ${forest.series.map((x) => `${esc(x.title)} — ${esc(x.unit)}${x.name === 'truth' ? '' : ` (${x.trials.length} seed${x.trials.length === 1 ? '' : 's'})`}`).join('; ')}.`,
          ` data-scope="${scope}"`,
        ),
      );
  }
  if (figs.length) parts.push(`<div class="charts">${figs.join('')}</div>`);
  parts.push('</section>');
  return parts.join('\n');
}

async function datasetSection(bundle: ReportBundle, ranking: DatasetRanking, o: HtmlOptions): Promise<string> {
  const s = bundle.summary;
  const ds = ranking.dataset;
  const parts: string[] = [`<section class="dataset" id="dataset-${slug(ds)}" data-dataset="${esc(ds)}">`, `<h2>${esc(ds)}</h2>`];
  const truths = s.truths.filter((t) => t.dataset === ds);
  parts.push(
    '<h3>Truths</h3>',
    truths.length
      ? `<div class="table-wrap">${truthTable(truths)}</div>`
      : '<p class="note">No truth for this dataset: power, FPR and ρ cannot be computed.</p>',
  );
  for (const sr of ranking.scopes) parts.push(await scopeSection(bundle, sr));

  if (o.heatmaps) {
    const all = transferMatrices(bundle, ds);
    const matrices = all.filter((m) => m.tasks.length <= o.heatmapMaxTasks);
    if (all.length > matrices.length)
      parts.push(
        `<p class="note" data-heatmaps-skipped="${all.length - matrices.length}">Transfer matrices of more than ${o.heatmapMaxTasks} tasks are not drawn (${all
          .filter((m) => !matrices.includes(m))
          .map((m) => `${esc(m.name)}: ${m.tasks.length} tasks`)
          .join(', ')}): their cells would be too small to read. The matrices are in the trial records.</p>`,
      );
    if (matrices.length) {
      parts.push(
        '<h3>Transfer matrices (pairwise)</h3>',
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
  const members = datasetMembers(s, ds);
  if (lcEstimators.length) {
    parts.push('<h3>Learning curves</h3>');
    const figs: string[] = [];
    for (const est of lcEstimators) {
      const budgetOrder = new Map(lcRows.filter((r) => r.estimator === est).map((r) => [r.budget, r.budgetIndex]));
      const recs = bundle.trials
        .filter((t) => t.job.kind === 'estimate' && members.has(t.job.dataset.id) && t.job.estimator?.id === est)
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
  const sideBySide = await truthsSideBySide(bundle);
  if (sideBySide.length)
    sections.unshift(
      `<section class="side-by-side" id="truths-side-by-side"><h2>Contextual truths side by side</h2>` +
        sideBySide
          .map((f) =>
            figure(
              'forest-side-by-side',
              f.datasets.join('|'),
              f.datasets,
              f.svg,
              `Per target: the contextual truth Δ_i with its CI in ${f.datasets.map(esc).join(', ')} (the same targets), on one scale, each point coloured by its own data set's truth class.`,
            ),
          )
          .join('') +
        '</section>',
    );
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
  const title = options.title ?? `Leaderboard: ${s.suite.name}`;
  const preamble = options.preamble ? `<section class="preamble" id="preamble">\n${options.preamble}\n</section>\n` : '';
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
<title>${esc(title)} (${esc(s.suite.hash)})</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<header>
<h1>${esc(title)}</h1>
${s.suite.description ? `<p class="lead">${esc(s.suite.description)}</p>` : ''}
${mergeBlock}
<dl class="provenance" id="provenance">${facts}</dl>
<p class="class-rule" id="class-rule"><b>${esc(classRuleText(s))}</b></p>
<p class="legend-text"><b>power</b>: share of the truth's positive and negative cells (ordered pairs, or targets in the contextual scope) detected with the right sign after Benjamini–Hochberg at α = ${s.alpha}; <b>FPR</b>: share of the truth's null cells detected; <b>FPR constr.</b>: share of cells null by construction (a label-permuted control as source or target) detected — all pooled over seeds with 95 % Wilson intervals; <b>KS p</b>: Kolmogorov–Smirnov test of the raw p-values on constructed nulls against U(0, 1); <b>ρ</b>: Spearman correlation of estimated with true effects under the truth's noise ceiling; <b>CPU-s</b>: CPU-seconds of the estimator call per estimate; <b>passes</b>: sample-passes per estimate. "n/a": the estimator reports no p-values for the scope.</p>
${nav}
</header>
${preamble}${sections.join('\n')}
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
    version: '2.2.0',
    description:
      'self-contained HTML leaderboard: pairwise and contextual tables, power vs compute with the reference frontier, calibration QQ plots, contextual forest plot, transfer heatmaps, learning curves',
  },
  options: htmlOptionsSchema,
  async render(bundle, options) {
    const o = htmlOptionsSchema.parse(options ?? {});
    return [{ path: o.file, content: await renderHtml(bundle, o) }];
  },
});
