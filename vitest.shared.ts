/**
 * Test settings every package's vitest.config.ts is built from, so that `npm test` holds on a busy 2-core machine.
 *
 * CPU share. `npm test` is `nx run-many -t test`, which runs `parallel` projects at once (nx.json). Under Nx each
 * project's tests get cores ÷ parallel (at least 1); a lone `npx vitest run` gets every core. The share caps
 *  - vitest's own workers (`maxWorkers`: test files run side by side), and
 *  - the fast engine's `trainMany` threads: TRANSFERBENCH_WORKERS (read in one place, `defaultWorkers` in
 *    packages/models/src/fast/engine.ts) is 1 in the test processes and in every CLI or trial process a test starts
 *    (they inherit it), so a file never adds threads to its worker slot. Results do not depend on the thread count
 *    (packages/models/src/fast/train-pool.test.ts checks 1, 2 and 3 workers explicitly).
 * A TRANSFERBENCH_WORKERS already set in the environment wins.
 *
 * Timeouts. Each package states the longest a test of its may take on a busy machine (about 3× the slowest on a
 * quiet one); the few slower tests carry their own `{ timeout }` beside them, so the bound stays honest.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { configDefaults, defineConfig } from 'vitest/config';

const nx = JSON.parse(readFileSync(new URL('./nx.json', import.meta.url), 'utf8')) as { parallel?: number };

/** Projects Nx runs at once: nx.json's `parallel` when Nx started these tests (it sets NX_TASK_TARGET_PROJECT), else 1. */
export const projectsAtOnce = process.env.NX_TASK_TARGET_PROJECT ? Math.max(1, nx.parallel ?? 3) : 1;

/** Cores this project's tests may keep busy. */
export const testCores = Math.max(1, Math.floor(availableParallelism() / projectsAtOnce));

export interface PackageTestOptions {
  /** the longest any test of the package may take on a busy machine, ms */
  testTimeout: number;
  /** for beforeAll/afterAll (fixtures built once per file); default `testTimeout` */
  hookTimeout?: number;
  /**
   * false: all the package's test files share one module graph (no re-import per file: several seconds saved).
   * Only for packages whose tests leave no global state behind (no env changes, no module-level caches they
   * depend on being fresh); checked by running the package's tests in shuffled order.
   */
  isolate?: boolean;
  /**
   * With `isolate` true: globs of test files that may share one module graph after all (as `isolate: false`
   * above); they run as a vitest project of their own, every other file stays isolated — new files included.
   */
  sharedModules?: string[];
}

export function packageTestConfig(o: PackageTestOptions) {
  const test = {
    testTimeout: o.testTimeout,
    hookTimeout: o.hookTimeout ?? o.testTimeout,
    isolate: o.isolate ?? true,
    maxWorkers: testCores,
    env: { TRANSFERBENCH_WORKERS: process.env.TRANSFERBENCH_WORKERS || '1' },
  };
  if (!o.sharedModules?.length) return defineConfig({ test });
  return defineConfig({
    test: {
      ...test,
      projects: [
        { extends: true, test: { name: 'shared-modules', include: o.sharedModules, isolate: false } },
        { extends: true, test: { name: 'isolated', exclude: [...configDefaults.exclude, ...o.sharedModules] } },
      ],
    },
  });
}
