/**
 * On a private redis-server: a suite run with `run --queue` (one coordinator and two worker processes)
 * gives the estimates of a local run with the same seeds, trial by trial; a worker running other code
 * refuses a trial, leaves it queued and stops; an unreachable Redis is a clear error after a few quick
 * connection tries, before any results folder exists.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTrialJob, type BenchSummary } from '@transferbench/core';
import { runSuite } from '../run/run-suite.ts';
import { createBenchHost } from '../plugins/bench-host.ts';
import { buildProgram } from '../program.ts';
import { InProcessRunner } from '../trial/in-process-runner.ts';
import { TrialInterrupted } from '../trial/runner.ts';
import { readResultLog } from '../store/jsonl-log.ts';
import { RANDOM_ESTIMATOR, TEST_PLUGINS, tempDir, writeSuite } from '../testing/suite-files.ts';
import { QueueRunner } from './queue-runner.ts';
import { TrialWorker } from './queue-worker.ts';
import { ownStamp } from './stamp.ts';
import { exitOf, freePort, useRedisAndCli } from './testing/redis-fixture.ts';

// every process of this test claims the same code version: the shared checkout may be edited meanwhile
const CODE = `queue-run-test-${process.pid}`;
process.env.TRANSFERBENCH_CODE_HASH = CODE;
const env = { TRANSFERBENCH_CODE_HASH: CODE };

const suite = {
  name: 'queued',
  datasets: [{ plugin: 'tiny-planted' }],
  estimators: [{ plugin: 'test-signal', options: { noise: 0.5 } }, { plugin: 'random' }],
  seeds: [1, 2],
  truth: { source: 'oracle', estimator: 'test-oracle' },
  engine: { name: 'none' },
  plugins: [RANDOM_ESTIMATOR],
};

const processes = useRedisAndCli(env);
const start = processes.start;

describe('run --queue with two workers', () => {
  // about 11 s on a quiet machine (3 CLI processes, 5 trial children)
  it('gives the estimates of a local run with the same seeds, trial by trial', { timeout: 90_000 }, async () => {
    const dir = tempDir('tb-queue-');
    const suiteFile = writeSuite(dir, suite);
    const url = processes.redis.url(1);

    const coordinator = start(['run', suiteFile, '--out', join(dir, 'out'), '--queue', url]);
    const workers = [0, 1].map(() => start(['worker', '--queue', url, '--concurrency', '1']));
    expect(await exitOf(coordinator, 60_000)).toEqual({ code: 0, signal: null });
    for (const w of workers) w.kill('SIGTERM');
    for (const w of workers) expect((await exitOf(w, 20_000)).code).toBe(0);

    const runDir = join(dir, 'out', readdirSync(join(dir, 'out'))[0]);
    const log = readResultLog(join(runDir, 'trials.jsonl'));
    expect(log.sessions).toHaveLength(1);
    expect(log.sessions[0].runner.name).toMatch(/^bullmq redis:\/\/127\.0\.0\.1:\d+\/1 /);
    // exactly once each, all ok, all run by the workers
    expect(log.history).toHaveLength(5);
    expect(new Set(log.history.map((r) => r.id)).size).toBe(5);
    expect(log.history.every((r) => r.status === 'ok')).toBe(true);
    for (const r of log.history) expect(r.runner).toMatch(/^bullmq-worker .+:\d+#c1$/);

    const host = await createBenchHost();
    const reference = await runSuite({ suiteFile, out: join(dir, 'reference'), runner: () => new InProcessRunner(host), log: () => {} });
    const local = readResultLog(join(reference.dir, 'trials.jsonl'));
    expect([...local.trials.keys()].sort()).toEqual([...log.trials.keys()].sort());
    for (const [id, rec] of local.trials) {
      const queued = log.trials.get(id)!;
      expect(queued.job.seed).toBe(rec.job.seed);
      expect(queued.estimate!.tasks).toEqual(rec.estimate!.tasks);
      expect(queued.estimate!.pairwise).toEqual(rec.estimate!.pairwise);
    }
    const summary = JSON.parse(readFileSync(join(runDir, 'summary.json'), 'utf8')) as BenchSummary;
    expect(summary.suite.hash).toBe(reference.summary!.suite.hash);
    expect(summary.rows.map((r) => [r.estimator, r.budget, r.pairwise])).toEqual(
      reference.summary!.rows.map((r) => [r.estimator, r.budget, r.pairwise]),
    );
    expect(existsSync(join(runDir, 'leaderboard.md'))).toBe(true);
  });
});

describe('a worker on other code', () => {
  it('refuses the trial with a clear message, leaves it queued and stops', async () => {
    const url = processes.redis.url(3);
    const lines: string[] = [];
    const coordinator = await QueueRunner.open(url, { log: (l) => lines.push(l) });
    const job = makeTrialJob({
      kind: 'estimate',
      suiteHash: 'x',
      seed: 1,
      model: {},
      engine: { name: 'none' },
      plugins: [TEST_PLUGINS],
      dataset: { id: 'tiny-planted', plugin: 'tiny-planted', options: {}, split: {} },
      estimator: { id: 'test-signal', plugin: 'test-signal', budget: 'default', options: {} },
      limits: { timeoutMs: 60_000, memoryMb: 512 },
    });
    const ac = new AbortController();
    const result = coordinator.run(job, ac.signal);
    const workerLog: string[] = [];
    const stale = await TrialWorker.start(url, { stamp: { ...ownStamp(), codeHash: 'stale-code' }, log: (l) => workerLog.push(l) });
    const exit = await stale.done;
    expect(exit.code).toBe(2);
    expect(exit.message).toMatch(
      new RegExp(
        `refusing trial tiny-planted/test-signal@default#1 \\(${job.id}\\): it was queued by transferbench [\\d.]+ \\(results schema \\d+, code ${CODE}\\) but this worker runs transferbench [\\d.]+ \\(results schema \\d+, code stale-code\\); bring this machine to the coordinator's version`,
      ),
    );
    expect(workerLog.some((l) => l.startsWith('start '))).toBe(false);
    // the coordinator hears of it, and the trial waits for a suitable worker
    for (let i = 0; i < 50 && !lines.some((l) => l.includes('refused')); i++) await new Promise((r) => setTimeout(r, 100));
    expect(lines.find((l) => l.includes('refused'))).toMatch(
      /^worker \S+#c\d+ refused trial tiny-planted\/test-signal@default#1 and stopped: it was queued by/,
    );
    expect(await coordinator.counts()).toMatchObject({ waiting: 1, active: 0, completed: 0, failed: 0 });
    ac.abort();
    await expect(result).rejects.toBeInstanceOf(TrialInterrupted);
    await coordinator.close();
  });
});

describe('unreachable Redis', () => {
  // how soon it gives up is the retry policy's (3 tries 300 ms apart), checked on a fake clock in connection.test.ts
  it('fails with a clear message after its few connection tries and writes no results', async () => {
    const dir = tempDir('tb-queue-down-');
    const suiteFile = writeSuite(dir, suite);
    const url = `redis://:secret@127.0.0.1:${await freePort()}/0`;
    const message = /cannot use Redis at redis:\/\/:\*\*\*@127\.0\.0\.1:\d+\/0: .*ECONNREFUSED.* nothing listens on 127\.0\.0\.1:\d+/;
    for (const args of [
      ['run', suiteFile, '--out', join(dir, 'out'), '--queue', url],
      ['worker', '--queue', url],
    ]) {
      // the commands in-process (spares CLI start-ups); three quick connection attempts, then the error
      const err = await buildProgram()
        .parseAsync(args, { from: 'user' })
        .then(
          () => null,
          (e: Error) => e,
        );
      expect(err?.message).toMatch(message);
      expect(err?.message).not.toContain('secret');
    }
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });
});
