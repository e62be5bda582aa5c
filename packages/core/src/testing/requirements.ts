/**
 * Test helper (import from `@transferbench/core/testing`, never from the library): for tests that need something
 * outside the repository — the shared data sets in ../shared/data, a browser.
 *
 *   outside CI  a missing requirement SKIPS the tests that need it, with a warning saying what is missing and how
 *               to get it;
 *   in CI       (CI set to anything but '', 'false' or '0') it FAILS them: the call throws while the test file
 *               loads, so the file fails with the message. A skip there would hide the tests that need it.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** `../shared/data` beside the repository root (the data are never copied into the repository). */
export const SHARED_DATA = resolve(fileURLToPath(new URL('../../../../../shared/data', import.meta.url)));

/** True when the CI variable says this is a CI run. */
export function inCi(env: NodeJS.ProcessEnv = process.env): boolean {
  const v = env.CI?.trim().toLowerCase();
  return !!v && v !== 'false' && v !== '0';
}

/**
 * Whether the tests needing `what` must be skipped: true when it is missing outside CI (after a warning naming it
 * and `hint`, how to get it). Missing in CI: throws. Present: false.
 */
export function skipUnlessPresent(what: string, present: boolean, hint: string, env: NodeJS.ProcessEnv = process.env): boolean {
  if (present) return false;
  if (inCi(env)) throw new Error(`${what} is missing (${hint}); CI is set, so the tests that need it fail instead of being skipped`);
  console.warn(`skipping the tests that need ${what}: missing (${hint}); in CI they fail instead`);
  return true;
}

/**
 * `../shared/data/<name>` for tests: its path, and `skip` — true when the folder is absent outside CI. In CI an
 * absent folder throws (see the file header). Use as `describe.skipIf(kiba.skip)(…)`.
 */
export function sharedData(name: string, env: NodeJS.ProcessEnv = process.env): { dir: string; skip: boolean } {
  const dir = join(SHARED_DATA, name);
  const skip = skipUnlessPresent(dir, existsSync(dir), 'the data sets live in ../shared/data beside the checkout: see its README', env);
  return { dir, skip };
}
