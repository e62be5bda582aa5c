/** Test helper: the shared data folder `../shared/data` relative to the repository root (never copied into the repo). */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
export const SHARED_DATA = resolve(repoRoot, '../shared/data');

/**
 * True when `../shared/data/<sub>` exists; otherwise prints why the dependent tests are skipped — except in CI
 * (CI=true), where missing data is an error: a silent skip there would hide the tests that need it.
 */
export function hasSharedData(sub: string): boolean {
  const ok = existsSync(resolve(SHARED_DATA, sub));
  if (!ok && process.env.CI && process.env.CI !== 'false')
    throw new Error(`CI: ${resolve(SHARED_DATA, sub)} not found; the tests that need it must not be skipped in CI`);
  if (!ok)
    console.warn(`skipping tests that need ${resolve(SHARED_DATA, sub)}: folder not found (see the data README for where to get it)`);
  return ok;
}
