/**
 * Kill a run with SIGKILL midway (the CLI in its own process group, children included), then resume:
 * finished trials are not recomputed (counted), only missing ones run, and the final summary's numbers
 * equal those of an uninterrupted run of the same suite.
 */
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchSummary } from '@transferbench/core';
import { runSuite } from './run-suite.ts';
import { createBenchHost } from '../plugins/bench-host.ts';
import { InProcessRunner } from '../trial/in-process-runner.ts';
import { readResultLog } from '../store/jsonl-log.ts';
import { tempDir, writeSuite } from '../testing/suite-files.ts';

const BIN = fileURLToPath(new URL('../../bin/transferbench.js', import.meta.url));
// one code hash for the killed CLI and the resume: others editing the checkout meanwhile must not make it refuse
const CODE = `resume-test-${process.pid}`;

const suite = {
  name: 'resumable',
  datasets: [{ plugin: 'tiny-planted' }],
  estimators: [
    {
      plugin: 'test-signal',
      // the kill lands within one 100 ms poll of the 3rd result, while the 4th trial is still starting (a trial
      // child's start-up alone takes longer than that): the sleep only widens that margin
      options: { sleepMs: 300 },
      budgets: [
        { name: 'quiet', options: { noise: 0.1 } },
        { name: 'loud', options: { noise: 1 } },
      ],
    },
  ],
  seeds: [1, 2, 3],
  truth: { source: 'oracle', estimator: 'test-oracle' },
  engine: { name: 'none' },
};

/** The numbers of a summary without timings, timestamps and environment (those differ run to run). */
function numbers(s: BenchSummary) {
  return {
    trials: s.trials,
    truths: s.truths.map(({ cpuSeconds: _c, ...t }) => t),
    rows: s.rows.map(({ cpuSeconds: _c, wallSeconds: _w, peakRssMb: _p, ...r }) => r),
    // which budget is cheaper is a measurement (CPU time), so the cost-ordered fields and the CPU-s interval are left out
    costToPower: s.costToPower.map((c) => ({ ...c, cpuSeconds: undefined, lower: undefined, upper: undefined, budget: undefined })),
  };
}

async function waitFor(cond: () => boolean, timeoutMs: number): Promise<void> {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > timeoutMs) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('resume after SIGKILL', () => {
  // about 16 s on a quiet machine: a CLI run, 7 trial child processes, a resume and an in-process reference run
  it('keeps finished trials, runs only the rest, and ends with the summary of an uninterrupted run', { timeout: 90_000 }, async () => {
    const dir = tempDir();
    const suiteFile = writeSuite(dir, suite);
    const out = join(dir, 'out');
    const child = spawn(process.execPath, [BIN, 'run', suiteFile, '--out', out, '--concurrency', '2'], {
      detached: true,
      stdio: 'ignore',
      env: { ...process.env, TRANSFERBENCH_CODE_HASH: CODE },
    });
    const trialsFile = () => {
      if (!existsSync(out)) return null;
      const runs = readdirSync(out);
      return runs.length ? join(out, runs[0], 'trials.jsonl') : null;
    };
    const okLines = () => {
      const f = trialsFile();
      return f && existsSync(f) ? readResultLog(f).history.filter((r) => r.status === 'ok').length : 0;
    };
    try {
      await waitFor(() => okLines() >= 3, 45_000);
    } finally {
      process.kill(-child.pid!, 'SIGKILL'); // the whole process group: the run and its trial children
    }
    await new Promise((r) => child.once('exit', r));
    const runDir = join(out, readdirSync(out)[0]);
    const before = readResultLog(join(runDir, 'trials.jsonl'));
    const finishedBefore = [...before.trials.values()].filter((r) => r.status === 'ok').length;
    expect(finishedBefore).toBeGreaterThanOrEqual(3);
    expect(finishedBefore).toBeLessThan(7);
    expect(existsSync(join(runDir, 'summary.json'))).toBe(false);

    const resumed = await runSuite({ resume: runDir, concurrency: 2, log: () => {}, codeHash: CODE });
    expect(resumed.status).toBe('complete');
    expect(resumed.planned).toBe(7);
    expect(resumed.skipped).toBe(finishedBefore);
    expect(resumed.ran).toBe(7 - finishedBefore);
    const after = readResultLog(join(runDir, 'trials.jsonl'));
    expect(after.sessions.map((s) => s.resumed)).toEqual([false, true]);
    // finished trials were not recomputed: each id has exactly one ok line
    const okIds = after.history.filter((r) => r.status === 'ok').map((r) => r.id);
    expect(new Set(okIds).size).toBe(okIds.length);
    expect(okIds).toHaveLength(7);

    const host = await createBenchHost();
    const reference = await runSuite({ suiteFile, out: join(dir, 'reference'), runner: () => new InProcessRunner(host), log: () => {} });
    const summary = JSON.parse(readFileSync(join(runDir, 'summary.json'), 'utf8')) as BenchSummary;
    expect(summary.suite.hash).toBe(reference.summary!.suite.hash);
    expect(numbers(summary)).toEqual(numbers(reference.summary!));
    expect(summary.truths[0].counts).toEqual({ positive: 8, negative: 0, small: 0, null: 22, indeterminate: 0 });
  });
});
