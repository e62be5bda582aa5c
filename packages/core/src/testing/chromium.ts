/**
 * Headless Chromium for the browser tests of the HTML pages (the leaderboard, a study's report): Debian's
 * `chromium` driven by playwright-core, a fresh profile, every request but `file:` blocked and recorded, page
 * errors and console errors collected. Without the browser the tests skip with a message — under CI they fail.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { skipUnlessPresent } from './requirements.ts';

const CHROMIUM = process.env.TRANSFERBENCH_CHROMIUM ?? '/usr/bin/chromium';
const INSTALL = 'apt-get update && apt-get install -y --no-install-recommends chromium';

/** true when the browser tests must skip (not under CI: there a missing browser throws) */
export const chromiumSkip = (): boolean =>
  skipUnlessPresent(`Chromium at ${CHROMIUM}`, existsSync(CHROMIUM), `install it with \`${INSTALL}\`; CI does, in .ci/run`);

export interface OpenPage {
  context: BrowserContext;
  page: Page;
  /** requests that were not for a local file (blocked) */
  blocked: string[];
  /** page errors and console errors */
  errors: string[];
}

/** Opens a local HTML file in headless Chromium with a fresh profile under `work`. */
export async function openFilePage(work: string, file: string, viewport = { width: 1300, height: 900 }): Promise<OpenPage> {
  const blocked: string[] = [];
  const errors: string[] = [];
  const context = await chromium.launchPersistentContext(join(work, 'profile'), {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport,
  });
  await context.route('**/*', (route) => {
    if (route.request().url().startsWith('file:')) return route.continue();
    blocked.push(route.request().url());
    return route.abort();
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.goto(pathToFileURL(file).href);
  return { context, page, blocked, errors };
}
