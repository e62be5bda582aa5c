/**
 * Acceptance: the HTML leaderboard in a real browser. Headless Chromium (Debian's `chromium`, driven by
 * playwright-core; CI installs it in .ci/run) opens the page from disk with every non-file request blocked,
 * finds the class rule, the truths and the pairwise and contextual tables (one row per estimator × budget, the
 * reference frontier apart), sorts a table by clicking column headers, counts what the SVG charts draw (estimator
 * lines and the dashed reference frontier, QQ lines and diagonal, forest-plot panels, heatmaps, learning curves),
 * and saves a screenshot to packages/reporters/test-artifacts/leaderboard.png.
 * Without /usr/bin/chromium (or $TRANSFERBENCH_CHROMIUM) the test is skipped with a message saying so —
 * except under CI, where a missing browser is a failure (core's `skipUnlessPresent`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { chromiumSkip, openFilePage, type OpenPage } from '@transferbench/core/testing/chromium';
import { fixtureBundle } from '../testing/fixture-bundle.ts';
import { htmlReporter } from './html-reporter.ts';

const ARTIFACTS = fileURLToPath(new URL('../../test-artifacts/', import.meta.url));

describe.skipIf(chromiumSkip())('HTML leaderboard in headless Chromium', () => {
  let work: string;
  let opened: OpenPage;
  let page: Page;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'tb-html-'));
    const [file] = await htmlReporter.render(fixtureBundle(), htmlReporter.options!.parse({}));
    writeFileSync(join(work, file.path), file.content);
    opened = await openFilePage(work, join(work, file.path));
    page = opened.page;
  });

  afterAll(async () => {
    await opened?.context.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  const PAIRWISE = 'table#ranking-synthetic-pairwise';
  const column = (name: string, table = PAIRWISE) =>
    page.evaluate(
      ([label, selector]) => {
        const t = document.querySelector(selector)!;
        const col = Array.from(t.querySelectorAll('thead th')).findIndex((th) => th.textContent === label);
        return Array.from(t.querySelectorAll('tbody tr')).map((tr) => ({
          key: `${tr.getAttribute('data-estimator')}@${tr.getAttribute('data-budget')}`,
          value: (tr as HTMLTableRowElement).cells[col].getAttribute('data-value') ?? (tr as HTMLTableRowElement).cells[col].textContent,
          text: (tr as HTMLTableRowElement).cells[col].textContent,
        }));
      },
      [name, table] as const,
    );

  it('shows the class rule, the truths, and a pairwise and a contextual table naming their truths', async () => {
    await expect
      .poll(() => page.locator('#class-rule').textContent())
      .toMatch(/^Truth classes \(δ per truth\): positive \/ negative: the truth CI excludes 0/);
    expect(await page.locator('table.truths tbody tr').count()).toBe(2);
    const headings = await page.locator('section.scope h3').allTextContents();
    expect(headings).toEqual([
      expect.stringMatching(/^Pairwise — truth: pairwise-oracle \(oracle\): Δ test ROC-AUC of .*; δ = 0\.005$/),
      expect.stringMatching(/^Contextual — truth: contextual-oracle \(oracle\): Δ test ROC-AUC of .*; δ = 0\.004$/),
    ]);
    const rows = page.locator(`${PAIRWISE} tbody tr`);
    await expect.poll(() => rows.count()).toBe(9);
    expect((await column('budget')).map((r) => r.key)).toEqual([
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
    // the power of learning-curve @ small with its Wilson interval (21 of 30)
    expect((await column('power'))[0].text).toBe('0.70 [0.52, 0.83]');
    expect((await column('FPR constr.'))[0].text).toBe('0.00 [0.00, 0.11]');
    expect((await column('KS p'))[2].text).toBe('<0.001 (n 30)');
    // the reference frontier is apart from the ranking
    expect((await column('budget', 'table#reference-synthetic-pairwise')).map((r) => r.key)).toEqual([
      'pairwise-oracle@r4',
      'pairwise-oracle@r8',
    ]);
    expect((await column('budget', 'table#ranking-synthetic-contextual')).map((r) => r.key)).toEqual([
      'gradient-cosine@r3',
      'gradient-cosine@r6',
      'gradient-cosine@r12',
      'tag@r3',
      'tag@r6',
      'tag@r12',
      'learning-curve@small',
      'learning-curve@large',
    ]);
    expect(opened.errors).toEqual([]);
    expect(opened.blocked).toEqual([]); // self-contained: nothing but the file itself was requested
  });

  it('sorts by a column when its header is clicked, and reverses on a second click', async () => {
    const header = page.locator(`${PAIRWISE} thead th`, { hasText: /^CPU-s$/ });
    await header.click();
    await expect.poll(() => header.getAttribute('aria-sort')).toBe('ascending');
    const asc = await column('CPU-s');
    const values = asc.map((r) => Number(r.value));
    expect(values).toEqual([...values].sort((a, b) => a - b));
    expect(asc[0].key).toBe('no-p@default'); // 0.2 CPU-s
    expect(asc.at(-1)!.key).toBe('learning-curve@large'); // 6 CPU-s

    await header.click();
    await expect.poll(() => header.getAttribute('aria-sort')).toBe('descending');
    const desc = await column('CPU-s');
    const down = desc.map((r) => Number(r.value));
    expect(down).toEqual([...values].sort((a, b) => b - a));
    expect(desc[0].key).toBe('learning-curve@large');
    expect(desc.at(-1)!.key).toBe('no-p@default');

    // power: the estimator without p-values has no value and stays last in both directions
    const power = page.locator(`${PAIRWISE} thead th`, { hasText: /^power$/ });
    await power.click();
    const byPower = await column('power');
    expect(byPower.map((r) => r.key).slice(0, 2)).toEqual(['gradient-cosine@r3', 'tag@r3']);
    expect(byPower.at(-1)!.key).toBe('no-p@default');
    await power.click();
    const byPowerDesc = await column('power');
    expect(byPowerDesc[0].key).toBe('learning-curve@large');
    expect(byPowerDesc.at(-1)!.key).toBe('no-p@default');
  });

  it('draws power vs compute with the reference frontier, the QQ plots, the forest plot and the other charts', async () => {
    for (const scope of ['pairwise', 'contextual']) {
      const power = page.locator(`figure[data-chart="power-vs-compute"][data-dataset="synthetic"][data-scope="${scope}"] svg`);
      await expect.poll(() => power.count()).toBe(1);
      // one line per estimator with power (no-p has no p-values), each with a Wilson bar per budget (3 + 3 + 2)
      expect(await power.locator('g.series_marks').count()).toBe(3);
      expect(await power.locator('g.ci_marks line, g.ci_marks path').count()).toBe(8);
      // the frontier: one black dashed line through the reference's 2 budgets, square points, its own bars
      const frontier = power.locator('g.frontier_marks path');
      expect(await frontier.count()).toBe(1);
      expect(await frontier.getAttribute('stroke')).toBe('#111');
      expect(await frontier.getAttribute('stroke-dasharray')).toBe('7,3');
      expect(await power.locator('g.frontier_points_marks path').count()).toBe(2);
      expect(await power.locator('g.frontier_ci_marks line').count()).toBe(2);
      expect(await power.locator('g.role-legend-label text').allTextContents()).toEqual(['tag', 'gradient-cosine', 'learning-curve']);
      expect((await power.boundingBox())!.width).toBeGreaterThan(300);

      const qq = page.locator(`figure[data-chart="qq"][data-scope="${scope}"] svg`);
      expect(await qq.count()).toBe(1);
      expect(await qq.locator('g.qq_marks').count()).toBe(4); // 3 estimators + the reference
      expect(await qq.locator('g.diagonal_marks path').count()).toBe(1);
      const labels = await qq.locator('g.role-legend-label text').allTextContents();
      // the anti-conservative fixture estimator: 30 constructed-null p-values pairwise, 3 contextually
      expect(labels[0]).toMatch(scope === 'pairwise' ? /^tag @ r12 — KS p <0\.001, n 30$/ : /^tag @ r12 — KS p 0\.\d+, n 3$/);
    }

    const forest = page.locator('figure[data-chart="forest"][data-scope="contextual"] svg');
    expect(await forest.count()).toBe(1);
    expect(await forest.locator('g.forest_points_marks').count()).toBe(5); // truth + 3 estimators + the reference
    expect(await forest.locator('g.forest_points_marks path').count()).toBe(5 * 6); // 6 targets per panel
    expect(await forest.locator('g.zero_marks line').count()).toBe(5);
    const panels = await forest.locator('g.role-column-header text').allTextContents();
    expect(panels).toEqual([
      'truth (contextual-oracle)',
      'tag @ r12',
      'gradient-cosine @ r12',
      'learning-curve @ large',
      'contextual-oracle (ref.) @ r4',
    ]);

    const heatmaps = page.locator('figure[data-chart="heatmap"]');
    expect(await heatmaps.count()).toBe(6); // pairwise truth + 4 estimators + the pairwise reference
    for (let k = 0; k < 6; k++) expect(await heatmaps.nth(k).locator('g.cells_marks path').count()).toBe(6 * 5); // 6 tasks, no diagonal
    expect(await heatmaps.first().getAttribute('data-matrix')).toBe('truth');
    const axis = await heatmaps.first().locator('g.role-axis-label text').allTextContents();
    expect(axis).toEqual(expect.arrayContaining(['fam0-0', 'control0']));

    const curves = page.locator('figure[data-chart="learning-curve"] svg');
    expect(await curves.count()).toBe(1);
    expect(await curves.locator('g.fit_marks').count()).toBe(3);
    expect(await curves.locator('g.points_marks path').count()).toBe(3 * 24); // 24 runs × 3 targets
    expect(opened.errors).toEqual([]);

    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'leaderboard.png'), fullPage: true });
    expect(existsSync(join(ARTIFACTS, 'leaderboard.png'))).toBe(true);
  });
});
