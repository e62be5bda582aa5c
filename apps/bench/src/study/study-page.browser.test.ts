/**
 * Acceptance: a study's index.html in a real browser. The tiny run's report (testing/tiny-study.ts, as
 * study-report.test.ts makes it) opens from disk in headless Chromium (Debian's `chromium`, driven by
 * playwright-core, as the reporters' leaderboard.browser.test.ts does; CI installs it in .ci/run) with every
 * non-file request blocked. The conclusion comes first after the header and gives a verdict per part of the claim;
 * the protocol and compute tables have their rows; every chart is an SVG that draws marks; the page does not
 * scroll sideways; nothing is logged as an error. A screenshot goes to apps/bench/test-artifacts/study-page.png.
 * Without /usr/bin/chromium (or $TRANSFERBENCH_CHROMIUM) the test is skipped with a message saying so — except
 * under CI, where a missing browser is a failure (core's `skipUnlessPresent`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { chromiumSkip, openFilePage, type OpenPage } from '@transferbench/core/testing/chromium';
import { writeStudyReport } from '../commands/study-report.ts';
import { tempDir } from '../testing/suite-files.ts';
import { runTinyStudy, TINY_STUDY_METHODS } from '../testing/tiny-study.ts';

const ARTIFACTS = fileURLToPath(new URL('../../test-artifacts/', import.meta.url));

describe.skipIf(chromiumSkip())('study page in headless Chromium', () => {
  let root: string;
  let opened: OpenPage;
  let page: Page;

  beforeAll(async () => {
    root = tempDir('tb-study-browser-');
    const out = join(root, 'study');
    await writeStudyReport({ dirs: [await runTinyStudy(root)], out, ...TINY_STUDY_METHODS, log: () => {} });
    opened = await openFilePage(root, join(out, 'index.html'));
    page = opened.page;
  });

  afterAll(async () => {
    await opened?.context.close();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('puts the conclusion first after the header, with a verdict per part of the claim', async () => {
    const next = await page.evaluate(() => {
      const after = document.querySelector('main > header')?.nextElementSibling;
      return { id: after?.id, first: after?.firstElementChild?.id };
    });
    expect(next).toEqual({ id: 'preamble', first: 'study-conclusion' });
    // first on screen too: nothing drawn between the header and the conclusion's heading
    const header = (await page.locator('main > header').boundingBox())!;
    const heading = (await page.locator('#study-conclusion').boundingBox())!;
    expect(heading.y - (header.y + header.height)).toBeLessThan(60);

    const lists = await page.locator('ul.claim').evaluateAll((uls) => uls.map((ul) => ul.previousElementSibling?.textContent));
    expect(lists).toEqual(['plain', 'cv']); // one list of verdicts per dataset, under its name
    const verdicts = await page
      .locator('ul.claim li')
      .evaluateAll((lis) =>
        lis.map((li) => [li.getAttribute('data-part'), li.getAttribute('data-verdict'), li.querySelector('b')?.textContent]),
      );
    expect(verdicts).toHaveLength(4); // per dataset: pairwise power and cost
    for (const [part, verdict, shown] of verdicts) {
      expect(['pairwise power', 'cost']).toContain(part);
      expect(['confirmed', 'refuted', 'undecided']).toContain(verdict);
      expect(shown).toBe(verdict);
    }
  });

  it('shows the protocol and compute tables with their rows', async () => {
    const rows = (name: string) => page.locator(`table[data-table="${name}"] tbody tr`);
    expect(await rows('protocol-datasets').count()).toBe(2);
    expect(await rows('protocol-truths').count()).toBe(1);
    expect(await rows('protocol-estimators').count()).toBe(2);
    expect(await rows('compute').count()).toBeGreaterThanOrEqual(2 * 4); // truths, slow, quick, start-up per dataset
    for (const name of ['protocol-datasets', 'protocol-truths', 'protocol-estimators', 'compute']) {
      await expect.poll(() => page.locator(`table[data-table="${name}"]`).isVisible()).toBe(true);
      expect((await page.locator(`table[data-table="${name}"]`).boundingBox())!.height).toBeGreaterThan(40);
    }
    // the preamble comes before the leaderboard's first dataset
    const [compute, plain] = await Promise.all(
      ['table[data-table="compute"]', '#dataset-plain'].map(async (s) => (await page.locator(s).boundingBox())!.y),
    );
    expect(compute).toBeLessThan(plain);
  });

  it("draws the leaderboard's charts as SVG with marks, without sideways scrolling or errors", async () => {
    const charts = await page.locator('figure.chart[data-chart]').evaluateAll((figs) =>
      figs.map((f) => {
        const svg = f.querySelector('svg');
        const box = svg?.getBoundingClientRect();
        return {
          chart: f.getAttribute('data-chart'),
          svgs: f.querySelectorAll('svg').length,
          marks: svg ? svg.querySelectorAll('g[class*="_marks"] path, g[class*="_marks"] line, g[class*="_marks"] rect').length : 0,
          width: box?.width ?? 0,
        };
      }),
    );
    expect(charts.map((c) => c.chart).sort()).toEqual([
      // per dataset the truth's and each estimator's matrix; the cv group's estimators come from its folds' trials
      ...Array(6).fill('heatmap'),
      ...Array(2).fill('power-vs-compute'),
      ...Array(2).fill('qq'),
    ]);
    for (const c of charts) {
      expect(c.svgs, c.chart!).toBe(1);
      expect(c.marks, c.chart!).toBeGreaterThan(0);
      expect(c.width, c.chart!).toBeGreaterThan(100);
    }
    // power vs compute per dataset: a line for each of the two estimators, a Wilson bar per budget (2 + 1)
    for (const ds of ['plain', 'cv']) {
      const power = page.locator(`figure[data-chart="power-vs-compute"][data-dataset="${ds}"][data-scope="pairwise"] svg`);
      expect(await power.locator('g.series_marks').count()).toBe(2);
      expect(await power.locator('g.ci_marks line, g.ci_marks path').count()).toBe(3);
      expect(await power.locator('g.role-legend-label text').allTextContents()).toEqual(['slow', 'quick']);
    }

    // wide tables scroll inside their .table-wrap, never the page: on a desktop and on a phone
    for (const width of [1300, 420]) {
      await page.setViewportSize({ width, height: 900 });
      const sideways = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(sideways, `${width} px wide`).toBeLessThanOrEqual(0);
    }
    await page.setViewportSize({ width: 1300, height: 900 });
    expect(opened.errors).toEqual([]);
    expect(opened.blocked).toEqual([]); // self-contained: nothing but the file itself was requested

    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'study-page.png'), fullPage: true });
    expect(existsSync(join(ARTIFACTS, 'study-page.png'))).toBe(true);
  });
});
