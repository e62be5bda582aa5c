/** Helpers for tests: write a suite file into a temp folder, with the test plugins loaded. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';

export const TEST_PLUGINS = fileURLToPath(new URL('./test-plugins.ts', import.meta.url));
export const RANDOM_ESTIMATOR = fileURLToPath(new URL('../../../../examples/random-estimator/index.mjs', import.meta.url));

export function tempDir(prefix = 'tb-bench-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Writes `suite` (plus the test plugins) as YAML into `dir`; returns the file path. */
export function writeSuite(dir: string, suite: Record<string, unknown>, name = 'suite.yaml'): string {
  const file = join(dir, name);
  const plugins = [TEST_PLUGINS, ...((suite.plugins as string[] | undefined) ?? [])];
  writeFileSync(file, stringify({ ...suite, plugins }));
  return file;
}
