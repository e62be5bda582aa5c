/** The HTML page's content without a browser (the browser test checks it renders and sorts). */
import { describe, expect, it } from 'vitest';
import { fixtureBundle } from '../testing/fixture-bundle.ts';
import { htmlReporter, renderHtml } from './html-reporter.ts';

const count = (html: string, re: RegExp) => html.match(re)?.length ?? 0;

describe('html leaderboard', () => {
  it('is one self-contained page: inline style, SVG and script, nothing to fetch', async () => {
    const [file] = await htmlReporter.render(fixtureBundle(), htmlReporter.options!.parse({}));
    expect(file.path).toBe('leaderboard.html');
    const html = file.content as string;
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

  it('has the ranking table, one figure per chart with its series, and the provenance', async () => {
    const bundle = fixtureBundle();
    const html = await renderHtml(bundle);
    expect(count(html, /<tr data-estimator=/g)).toBe(9);
    expect(html).toMatch(
      /<figure class="chart" data-chart="power-vs-compute" data-dataset="synthetic" data-series="tag\|gradient-cosine\|learning-curve" data-series-count="3"/,
    );
    expect(count(html, /class="mark-line role-mark series_marks"/g)).toBe(3);
    expect(html).toContain('Not drawn (no power or no positive CPU time): no-p.');
    expect(count(html, /data-chart="heatmap"/g)).toBe(5);
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
        { dir: 'a', suite: { name: 'fixture', hash: 'aaaa' }, schemaVersion: 1, gitShas: [], trials: 3 },
        { dir: 'b', suite: { name: 'fixture', hash: 'bbbb' }, schemaVersion: 1, gitShas: [], trials: 4 },
      ],
    };
    const html = await renderHtml(bundle);
    expect(html).toMatch(
      /<div class="merge-warning" role="alert" id="merge-warning" data-forced="true">FORCED MERGE of 2 incompatible runs \(--force\): suite hash differs: aaaa \(a\), bbbb \(b\)\. Suite hashes merged: aaaa, bbbb\./,
    );
    expect(html).toContain('2 trial(s) present in several runs');
  });

  it('escapes names from the results', async () => {
    const html = await renderHtml(
      fixtureBundle({
        estimators: [{ id: '<script>alert(1)</script>', plugin: 'x', kind: 'computational', budgets: ['b'], power: [0.5], cpu: [1] }],
      }),
    );
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(count(html, /<script>/g)).toBe(1);
  });
});
