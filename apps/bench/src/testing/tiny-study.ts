/**
 * Test helper: a tiny benchmark run made in-process for the study-report tests (test plugins, a plain dataset and
 * a `folds: each` group of 2 folds, an oracle truth; seconds). Shared by study-report.test.ts and the study page's
 * browser test, so both look at the same report.
 */
import { join } from 'node:path';
import { createBenchHost } from '../plugins/bench-host.ts';
import { runSuite } from '../run/run-suite.ts';
import { InProcessRunner } from '../trial/in-process-runner.ts';
import { TEST_PLUGINS, writeSuite } from './suite-files.ts';

/** the claim's two methods in the tiny suite */
export const TINY_STUDY_METHODS = { statistical: 'slow', computational: 'quick' };

export const TINY_STUDY_SUITE = {
  name: 'tiny-study',
  datasets: [
    { id: 'plain', plugin: 'tiny-planted' },
    { id: 'cv', plugin: 'tiny-planted', options: { seed: 1 }, split: { kind: 'kfold', folds: 2, seed: 0 }, folds: 'each' },
  ],
  estimators: [
    {
      id: 'slow',
      plugin: 'test-signal',
      budgets: [
        { name: 'lo', options: { noise: 0.5 } },
        { name: 'hi', options: { noise: 0.1 } },
      ],
    },
    { id: 'quick', plugin: 'test-signal', options: { noise: 0.3 } },
  ],
  seeds: [1, 2],
  truth: { pairwise: { estimator: 'test-oracle', options: { halfWidth: 0.004 }, nullMargin: 0.01 } },
  engine: { name: 'none' },
};

/** Runs the tiny suite (or a part of it: `run --datasets`) into `<root>/out`; returns the results folder. */
export async function runTinyStudy(root: string, datasets?: string[]): Promise<string> {
  const host = await createBenchHost({ reporters: false });
  await host.addPluginFile(TEST_PLUGINS);
  const { dir } = await runSuite({
    suiteFile: writeSuite(root, TINY_STUDY_SUITE),
    out: join(root, 'out'),
    runner: () => new InProcessRunner(host),
    log: () => {},
    datasets,
  });
  return dir;
}
