/**
 * A trial that throws, one that overruns its timeout, one that exits non-zero and one that exhausts its
 * heap cap are each recorded as failed with their reason, while the other trials complete. Real child
 * processes (the local runner), with purpose-built failing plugins from src/testing/test-plugins.ts.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { summarySchema, type TrialRecord } from '@transferbench/core';
import { runSuite } from './run-suite.ts';
import { readResultLog } from '../store/jsonl-log.ts';
import { tempDir, writeSuite } from '../testing/suite-files.ts';

describe('failed trials are data, not lost runs', () => {
  // about 9 s on a quiet machine: 7 trial children, 2 at a time, one of them held to its 6 s timeout
  it('records throw / timeout / exit / heap failures with reasons while the others finish', { timeout: 60_000 }, async () => {
    const dir = tempDir();
    const suiteFile = writeSuite(dir, {
      name: 'failures',
      datasets: [{ plugin: 'tiny-planted' }],
      estimators: [
        { plugin: 'test-signal' },
        { plugin: 'test-throws' },
        { plugin: 'test-sleeps', trial: { timeoutSec: 6 } },
        { plugin: 'test-exits', options: { code: 3 } },
        { plugin: 'test-oom', trial: { memoryMb: 128 } },
        { plugin: 'test-no-p' },
      ],
      seeds: [7],
      truth: { source: 'planted' },
      engine: { name: 'none' },
      trial: { timeoutSec: 120 },
    });
    const out = await runSuite({ suiteFile, out: join(dir, 'out'), concurrency: 2, log: () => {} });
    expect(out.status).toBe('complete');
    expect(out.planned).toBe(7);
    const log = readResultLog(join(out.dir, 'trials.jsonl'));
    const by = (name: string) => [...log.trials.values()].find((r) => r.job.estimator?.plugin === name) as TrialRecord;

    expect(by('test-signal').status).toBe('ok');
    expect(by('test-no-p').status).toBe('ok');
    const ok = by('test-signal');
    expect(ok.measures.cpuMs).toBeGreaterThanOrEqual(0);
    expect(ok.measures.processCpuMs).toBeGreaterThan(0);
    expect(ok.measures.peakRssMb).toBeGreaterThan(10);
    expect(ok.measures.runnerWallMs).toBeGreaterThan(0);
    expect(ok.estimate?.tasks).toHaveLength(6);

    const throws = by('test-throws');
    expect(throws.failure).toMatchObject({ reason: 'error', message: 'planted failure from test-throws' });
    expect(throws.failure?.stderrTail).toMatch(/planted failure from test-throws/);

    const sleeps = by('test-sleeps');
    expect(sleeps.failure?.reason).toBe('timeout');
    expect(sleeps.failure?.message).toMatch(/6 s trial timeout/);
    // not ended before its timeout (a timer never fires early); that it was ended at all is the reason above:
    // test-sleeps sleeps 10 minutes, then throws 'woke up' (reason error)
    expect(sleeps.measures.runnerWallMs).toBeGreaterThanOrEqual(6000);

    const exits = by('test-exits');
    expect(exits.failure).toMatchObject({ reason: 'exit', exitCode: 3 });
    expect(exits.failure?.stderrTail).toMatch(/leaving without a result/);

    expect(by('test-oom').failure?.reason).toBe('memory');

    const summary = summarySchema.parse(JSON.parse(readFileSync(join(out.dir, 'summary.json'), 'utf8')));
    expect(summary.trials).toEqual({ total: 7, ok: 3, failed: 4, missing: 0 });
    expect(summary.failures.map((f) => f.reason).sort()).toEqual(['error', 'exit', 'memory', 'timeout']);
    const signal = summary.rows.find((r) => r.estimator === 'test-signal')!;
    expect(signal.pairwise!.power.value).toBe(1); // every planted pair found with p < 0.01 ≤ BH threshold
    const noP = summary.rows.find((r) => r.estimator === 'test-no-p')!.pairwise!;
    expect(noP.hasPValues).toBe(false);
    expect(noP.power.value).toBeNull();
    expect(noP.spearman.mean).toBeGreaterThan(0.5);
    const board = readFileSync(join(out.dir, 'leaderboard.md'), 'utf8');
    // rank 1 with power 1 [Wilson interval of 8 of 8]; failed estimators ranked last, without numbers
    expect(board).toMatch(/\| 1 \| test-signal \| default \| 1\.00 \[0\.68, 1\.00\] \|/);
    expect(board).toMatch(/\| test-oom \| default \| — \| — \| — \| — \| — \| — \| — \| 0\/1 \|/);
    expect(board).toMatch(/## Failed trials/);
    expect(board).toMatch(/\| tiny-planted\/test-sleeps@default#7 \| timeout \| exceeded the 6 s trial timeout \|/);
    expect(board).toMatch(/test-no-p \| default \| n\/a \| n\/a \|/);
    expect(existsSync(join(out.dir, 'run.json'))).toBe(true);
  });
});
