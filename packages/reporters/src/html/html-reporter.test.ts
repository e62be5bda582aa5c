/** The HTML page's content without a browser (the browser test checks it renders and sorts). */
import { beforeAll, describe, expect, it } from 'vitest';
import { CLASS_RULE } from '@transferbench/core';
import { FIXTURE_UNITS, fixtureBundle } from '../testing/fixture-bundle.ts';
import { esc } from './escape.ts';
import { htmlReporter, renderHtml } from './html-reporter.ts';

const count = (html: string, re: RegExp) => html.match(re)?.length ?? 0;

describe('html leaderboard', () => {
  // the default fixture's page, rendered once through the reporter (rendering every chart takes seconds)
  const bundle = fixtureBundle();
  let path: string;
  let html: string;
  beforeAll(async () => {
    const [file] = await htmlReporter.render(bundle, htmlReporter.options!.parse({}));
    path = file.path;
    html = file.content as string;
  });

  it('is one self-contained page: inline style, SVG and script, nothing to fetch', () => {
    expect(path).toBe('leaderboard.html');
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).not.toMatch(/<link\b|<img\b|<iframe\b|\bsrc=|@import|url\((?!#)/i);
    // in-page references (legend gradients) point at ids the page has
    for (const [, id] of html.matchAll(/url\(#([^)]+)\)/g)) expect(html).toContain(`id="${id}"`);
    // the only URLs are XML namespace names inside the SVGs
    expect([...new Set(html.match(/https?:\/\/[^"'\s)]+/g))].sort()).toEqual([
      'http://www.w3.org/1999/xlink',
      'http://www.w3.org/2000/svg',
    ]);
    const ids = html.match(/\bid="[^"]+"/g)!;
    expect(new Set(ids).size).toBe(ids.length); // several inline SVGs: their clip/gradient ids must not clash
  });

  it('has a pairwise and a contextual section, each naming its truth, with ranked and reference tables', () => {
    expect(html).toContain(`<p class="class-rule" id="class-rule"><b>Truth classes (δ per truth): ${esc(CLASS_RULE)}.</b></p>`);
    expect(html).toContain(`<h3>Pairwise — truth: pairwise-oracle (oracle): ${esc(FIXTURE_UNITS.pairwise)}; δ = 0.005</h3>`);
    expect(html).toContain(`<h3>Contextual — truth: contextual-oracle (oracle): ${esc(FIXTURE_UNITS.contextual)}; δ = 0.004</h3>`);
    const table = (id: string) => html.slice(html.indexOf(`id="${id}"`), html.indexOf('</table>', html.indexOf(`id="${id}"`)));
    const keys = (t: string) => [...t.matchAll(/<tr data-estimator="([^"]+)" data-budget="([^"]+)"/g)].map((m) => `${m[1]}@${m[2]}`);
    expect(keys(table('ranking-synthetic-pairwise'))).toEqual([
      'learning-curve@small',
      'learning-curve@large',
      'tag@r3',
      'tag@r6',
      'tag@r12',
      'gradient-cosine@r3',
      'gradient-cosine@r6',
      'gradient-cosine@r12',
      'no-p@default',
    ]);
    expect(keys(table('reference-synthetic-pairwise'))).toEqual(['pairwise-oracle@r4', 'pairwise-oracle@r8']);
    expect(
      keys(table('ranking-synthetic-contextual')).filter((k, i, a) => a.findIndex((x) => x.split('@')[0] === k.split('@')[0]) === i),
    ).toEqual(['gradient-cosine@r3', 'tag@r3', 'learning-curve@small']);
    expect(keys(table('reference-synthetic-contextual'))).toEqual(['contextual-oracle@r2', 'contextual-oracle@r4']);
    expect(table('ranking-synthetic-pairwise')).toContain(
      '<th scope="col" tabindex="0" aria-sort="none" data-type="number" title="Spearman',
    );
    expect(table('ranking-synthetic-pairwise')).toContain('>ρ (ceiling 0.90)</th>');
    expect(table('ranking-synthetic-contextual')).toContain('>ρ (ceiling 0.80)</th>');
    // learning-curve @ small: power 21/30 with its Wilson interval, constructed-null FPR 0/30
    expect(table('ranking-synthetic-pairwise')).toContain(
      '<td class="num" data-value="0.7" data-col="power" title="21 of 30">0.70 <span class="ci">[0.52, 0.83]</span></td>',
    );
    expect(table('ranking-synthetic-pairwise')).toContain(
      '<td class="num" data-value="0" data-col="fpr-constructed" title="0 of 30">0.00 <span class="ci">[0.00, 0.11]</span></td>',
    );
    expect(html).toMatch(
      /<li data-estimator="gradient-cosine" data-method="extrapolated" class="extrapolated"><b>gradient-cosine<\/b>: ≈ 12\.0 CPU-s \[6\.00, unbounded\] — EXTRAPOLATED/,
    );
    expect(html).toContain('No contextual output: no-p, pairwise-oracle.');
    expect(html).toContain(
      '<td class="num" data-value="0.8666666666666667">87 %</td><td class="num">10</td><td class="num">0.81 (0.90)</td>',
    );
    expect(html).toContain(
      'Power at matched cost (2.00 CPU-s per estimate, interpolated in log cost): learning-curve 0.74 &gt; tag 0.60 &gt; gradient-cosine 0.50; reference frontier: pairwise-oracle 0.65.',
    );
  });

  it('draws power vs compute with the frontier, a QQ plot per scope, the contextual forest plot, heatmaps and learning curves', async () => {
    for (const [scope, frontier] of [
      ['pairwise', 'pairwise-oracle'],
      ['contextual', 'contextual-oracle'],
    ])
      expect(html).toContain(
        `<figure class="chart" data-chart="power-vs-compute" data-dataset="synthetic" data-series="tag|gradient-cosine|learning-curve" data-series-count="3" data-scope="${scope}" data-frontier="${frontier}">`,
      );
    expect(count(html, /class="mark-line role-mark series_marks"/g)).toBe(6);
    expect(count(html, /class="mark-line role-mark frontier_marks"/g)).toBe(2);
    expect(html).toContain('Not drawn (no pairwise power or no positive CPU time): no-p, contextual-oracle.');
    expect(html).toMatch(
      /data-chart="qq" data-dataset="synthetic" data-series="tag\|gradient-cosine\|learning-curve\|pairwise-oracle" data-series-count="4" data-scope="pairwise"/,
    );
    expect(html).toMatch(
      /data-chart="qq" data-dataset="synthetic" data-series="tag\|gradient-cosine\|learning-curve\|contextual-oracle" data-series-count="4" data-scope="contextual"/,
    );
    expect(count(html, /class="mark-line role-mark qq_marks"/g)).toBe(8);
    expect(count(html, /data-chart="forest"/g)).toBe(1);
    expect(html).toMatch(
      /data-chart="forest" data-dataset="synthetic" data-series="truth\|tag\|gradient-cosine\|learning-curve\|contextual-oracle"/,
    );
    expect(count(html, /class="mark-symbol role-mark forest_points_marks"/g)).toBe(5);
    expect(count(html, /data-chart="heatmap"/g)).toBe(6);
    expect(count(html, /data-chart="learning-curve"/g)).toBe(1);
    expect(count(html, /class="mark-line role-mark fit_marks"/g)).toBe(3);
    for (const text of [
      bundle.summary.suite.hash,
      bundle.summary.environment.git.sha!,
      '<dt>seeds</dt><dd>1, 2, 3</dd>',
      'Node v20.0.0-fixture',
      'Fixture CPU × 2',
    ])
      expect(html).toContain(text);
    expect(html).not.toContain('id="merge-warning"');
    // matrices wider than heatmapMaxTasks are named, not drawn (the fixture has 6 tasks)
    const narrow = await renderHtml(fixtureBundle(), htmlReporter.options!.parse({ heatmapMaxTasks: 5 }) as never);
    expect(count(narrow, /data-chart="heatmap"/g)).toBe(0);
    expect(narrow).toContain(
      'data-heatmaps-skipped="6">Transfer matrices of more than 5 tasks are not drawn (truth: 6 tasks, tag: 6 tasks,',
    );
    // a pairwise-only summary: no contextual section, no forest plot
    const pairwiseOnly = await renderHtml(fixtureBundle({ scopes: ['pairwise'] }));
    expect(pairwiseOnly).toContain('id="scope-synthetic-pairwise"');
    expect(pairwiseOnly).not.toContain('id="scope-synthetic-contextual"');
    expect(pairwiseOnly).not.toContain('data-chart="forest"');
  });

  it('draws the contextual truths of data sets with the same targets side by side, before the data sets', async () => {
    expect(html).not.toContain('id="truths-side-by-side"'); // one data set: nothing beside it
    const two = await renderHtml(fixtureBundle({ datasets: ['compound', 'scaffold'] }));
    expect(count(two, /data-chart="forest-side-by-side"/g)).toBe(1);
    expect(two).toContain(
      'data-chart="forest-side-by-side" data-dataset="compound|scaffold" data-series="compound|scaffold" data-series-count="2"',
    );
    // 2 side-by-side panels, then each data set's own forest plot of 5 panels
    expect(count(two, /class="mark-symbol role-mark forest_points_marks"/g)).toBe(2 + 2 * 5);
    expect(two.indexOf('id="truths-side-by-side"')).toBeLessThan(two.indexOf('id="dataset-compound"'));
  });

  it('draws the chosen learning-curve targets', async () => {
    const html = await renderHtml(fixtureBundle(), htmlReporter.options!.parse({ learningCurveTargets: ['fam1-1', 'control0'] }) as never);
    expect(html).toMatch(/data-chart="learning-curve" data-dataset="synthetic" data-series="fam1-1\|control0"/);
  });

  it('shows a forced merge as an alert naming the merged hashes', async () => {
    const bundle = fixtureBundle({ suiteHash: 'aaaa+bbbb' });
    bundle.merge = {
      forced: true,
      conflicts: ['suite hash differs: aaaa (a), bbbb (b)'],
      duplicateTrials: 2,
      runs: [
        { dir: 'a', suite: { name: 'fixture', hash: 'aaaa' }, schemaVersion: 2, gitShas: [], trials: 3 },
        { dir: 'b', suite: { name: 'fixture', hash: 'bbbb' }, schemaVersion: 2, gitShas: [], trials: 4 },
      ],
    };
    const html = await renderHtml(bundle);
    expect(html).toMatch(
      /<div class="merge-warning" role="alert" id="merge-warning" data-forced="true">FORCED MERGE of 2 incompatible runs \(--force\): suite hash differs: aaaa \(a\), bbbb \(b\)\. Suite hashes merged: aaaa, bbbb\./,
    );
    expect(html).toContain('2 trial(s) present in several runs');
  });

  it('places a preamble once, after the header and before the datasets, under the given title', async () => {
    const preamble = '<h2 id="conclusion">Conclusion</h2><p>The <b>answer</b> first.</p>';
    const [file] = await htmlReporter.render(
      fixtureBundle({ scopes: ['pairwise'] }),
      htmlReporter.options!.parse({ preamble, title: 'fixture — study report', heatmaps: false }),
    );
    const page = file.content as string;
    expect(count(page, /<h2 id="conclusion">Conclusion<\/h2><p>The <b>answer<\/b> first\.<\/p>/g)).toBe(1);
    const at = page.indexOf(preamble);
    expect(page.lastIndexOf('</header>', at)).toBeGreaterThan(page.indexOf('id="class-rule"'));
    expect(at).toBeGreaterThan(page.indexOf('</header>'));
    expect(at).toBeLessThan(page.indexOf('<section class="dataset"'));
    expect(page).toContain('<section class="preamble" id="preamble">');
    expect(page).toContain('<h1>fixture — study report</h1>');
    expect(page).toMatch(/<title>fixture — study report \([^)]+\)<\/title>/);
    // without the options: the leaderboard's own title and no preamble section
    expect(html).toContain('<h1>Leaderboard: fixture</h1>');
    expect(html).not.toContain('id="preamble"');
  });

  it('escapes names from the results', async () => {
    const html = await renderHtml(
      fixtureBundle({
        estimators: [
          {
            id: '<script>alert(1)</script>',
            plugin: 'x',
            kind: 'computational',
            budgets: ['b'],
            cpu: [1],
            pairwise: [0.5],
            contextual: [0.5],
          },
        ],
      }),
    );
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(count(html, /<script>/g)).toBe(1);
  });
});
