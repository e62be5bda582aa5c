/**
 * A plugin's estimate with a contextual vector of the wrong length or with non-finite values (issue 15,
 * acceptance 6), or with p-values outside [0, 1] (issue 17): the trial is recorded as failed with a message
 * naming the plugin and the field, and the run goes on to score the other estimators.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { TrialRecord } from '@transferbench/core';
import { runSuite } from './run-suite.ts';
import { createBenchHost } from '../plugins/bench-host.ts';
import { InProcessRunner } from '../trial/in-process-runner.ts';
import { readResultLog } from '../store/jsonl-log.ts';
import { tempDir, writeSuite } from '../testing/suite-files.ts';
import { HOSTILE_PLUGINS } from '../testing/processes.ts';

describe('invalid plugin output in a run', () => {
  it('records each bad estimate as failed (invalid-output, plugin and field named) and completes the run', async () => {
    const dir = tempDir();
    const bad = (defect: string) => ({ id: defect, plugin: 'test-bad-output', options: { defect } });
    const suiteFile = writeSuite(dir, {
      name: 'bad-output',
      datasets: [{ plugin: 'tiny-planted' }],
      estimators: [
        bad('contextual-length'),
        bad('contextual-nan'),
        bad('contextual-infinity'),
        bad('p-negative'),
        { plugin: 'test-signal' },
      ],
      seeds: [1],
      truth: { source: 'planted' },
      engine: { name: 'none' },
      plugins: [HOSTILE_PLUGINS],
    });
    const host = await createBenchHost();
    const out = await runSuite({ suiteFile, out: join(dir, 'out'), runner: () => new InProcessRunner(host), log: () => {} });
    expect(out.status).toBe('complete');
    const trials = [...readResultLog(join(out.dir, 'trials.jsonl')).trials.values()];
    const by = (id: string) => trials.find((r) => r.job.estimator?.id === id) as TrialRecord;
    expect(by('contextual-length').failure).toMatchObject({
      reason: 'invalid-output',
      message: 'estimator "test-bad-output": contextual.effect has 5 entries; expected 6 (one per task)',
    });
    expect(by('contextual-nan').failure?.message).toMatch(
      /^estimator "test-bad-output": invalid TransferEstimate at contextual\.effect\.1: .*NaN/,
    );
    expect(by('contextual-infinity').failure?.message).toMatch(
      /^estimator "test-bad-output": invalid TransferEstimate at contextual\.effect\.1/,
    );
    expect(by('p-negative').failure?.message).toMatch(/pairwise\.pValue\[0\]\[1\] is -5; expected a p-value in \[0, 1\]/);
    expect(by('test-signal').status).toBe('ok');
    expect(out.summary?.trials).toMatchObject({ total: 6, ok: 2, failed: 4 });
  });
});
