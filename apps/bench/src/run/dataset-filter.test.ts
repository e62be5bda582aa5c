/**
 * `run --datasets`: a part of a suite is the same work as in the whole run (same suite hash, same trial ids), it
 * resumes as the part it was, and the parts' folders merge into the whole run's numbers.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { runSuite } from './run-suite.ts';
import { createBenchHost } from '../plugins/bench-host.ts';
import { InProcessRunner } from '../trial/in-process-runner.ts';
import { readRunFile } from '../store/results-dir.ts';
import { loadResultsDir } from '../report/load-results.ts';
import { mergeRuns } from '../report/merge-runs.ts';
import { tempDir, writeSuite } from '../testing/suite-files.ts';

const suite = {
  name: 'parts',
  datasets: [
    { id: 'a', plugin: 'tiny-planted' },
    { id: 'b', plugin: 'tiny-planted', options: { seed: 5 } },
  ],
  estimators: [{ plugin: 'test-signal', budgets: [{ name: 'quiet', options: { noise: 0.1 } }] }],
  seeds: [1],
  truth: { source: 'oracle', estimator: 'test-oracle' },
  engine: { name: 'none' },
};

describe('run --datasets', () => {
  it(
    'runs only the named datasets (their truths included), resumes as that part, and parts merge into the whole run',
    { timeout: 60_000 },
    async () => {
      const dir = tempDir();
      const suiteFile = writeSuite(dir, suite);
      const host = await createBenchHost();
      const common = { suiteFile, runner: () => new InProcessRunner(host), log: () => {} };
      const partB = await runSuite({ ...common, out: join(dir, 'b'), datasets: ['b'] });
      expect([partB.status, partB.planned, partB.ran]).toEqual(['complete', 2, 2]);
      expect(readRunFile(partB.dir).datasetFilter).toEqual(['b']);
      expect(partB.summary!.trials).toEqual({ total: 2, ok: 2, failed: 0, missing: 0 });

      const resumed = await runSuite({ resume: partB.dir, runner: () => new InProcessRunner(host), log: () => {} });
      expect([resumed.planned, resumed.skipped, resumed.ran]).toEqual([2, 2, 0]);
      await expect(runSuite({ resume: partB.dir, datasets: ['a'], log: () => {} })).rejects.toThrow(
        '--plugin, --estimators and --datasets cannot change a run being resumed',
      );

      const partA = await runSuite({ ...common, out: join(dir, 'a'), datasets: ['a'] });
      const whole = await runSuite({ ...common, out: join(dir, 'whole') });
      expect(partA.summary!.suite.hash).toBe(whole.summary!.suite.hash);
      const merged = mergeRuns([loadResultsDir(partA.dir), loadResultsDir(partB.dir)]).bundle;
      expect(merged.summary.trials).toEqual({ total: 4, ok: 4, failed: 0, missing: 0 });
      const estimates = (trials: typeof merged.trials) =>
        Object.fromEntries(
          trials.map((t) => [t.id, t.estimate ? { pairwise: t.estimate.pairwise, contextual: t.estimate.contextual } : null]),
        );
      expect(estimates(merged.trials)).toEqual(estimates([...loadResultsDir(whole.dir).records.values()]));
    },
  );
});
