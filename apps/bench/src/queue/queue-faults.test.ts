/**
 * Faults of a queued run, on a private redis-server: a worker killed with SIGKILL while it holds a trial
 * (its job stalls and the other worker completes it), then the coordinator killed with SIGKILL; workers
 * go on, and `run --resume <dir> --queue …` collects what they finished without re-running anything.
 * Every trial ends up exactly once in trials.jsonl, and Redis is left without jobs.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Queue, Worker } from 'bullmq';
import { makeTrialJob } from '@transferbench/core';
import { readResultLog } from '../store/jsonl-log.ts';
import { runSuite, type RunOutcome } from '../run/run-suite.ts';
import type { Progress } from '../run/progress.ts';
import { coordinate } from './coordinate.ts';
import { TEST_PLUGINS, tempDir, writeSuite } from '../testing/suite-files.ts';
import { QueueRunner } from './queue-runner.ts';
import { TrialWorker } from './queue-worker.ts';
import { QUEUE_NAME } from './job-data.ts';
import { exitOf, useRedisAndCli } from './testing/redis-fixture.ts';

const env = { TRANSFERBENCH_CODE_HASH: `queue-faults-test-${process.pid}` };
process.env.TRANSFERBENCH_CODE_HASH = env.TRANSFERBENCH_CODE_HASH;
// short locks so a dead worker's trial is retried within seconds (defaults: 30 s)
const workerArgs = (url: string) => [
  'worker',
  '--queue',
  url,
  '--concurrency',
  '1',
  '--lock-duration',
  '3000',
  '--stalled-interval',
  '1000',
];

const suite = {
  name: 'faulty',
  datasets: [{ plugin: 'tiny-planted' }],
  // long enough to be killed in the middle of
  estimators: [{ plugin: 'test-signal', options: { sleepMs: 800 } }],
  seeds: [1, 2],
  truth: { source: 'oracle', estimator: 'test-oracle' },
  engine: { name: 'none' },
};
const TRIALS = 3;

const processes = useRedisAndCli(env);
const start = processes.start;

async function until(cond: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const count = (text: string, re: RegExp) => [...text.matchAll(re)].length;
const silent: Progress = { start() {}, trialStarted() {}, trialFinished() {}, stop() {} };

describe('queued run faults', () => {
  // about 12 s on a quiet machine (3 CLI processes, 4 trial children, a 3 s lock expiry)
  it(
    "a killed worker's trial is completed by the other; a killed coordinator resumes and collects without re-running",
    { timeout: 90_000 },
    async () => {
      const dir = tempDir('tb-queue-faults-');
      const suiteFile = writeSuite(dir, suite);
      const out = join(dir, 'out');
      const url = processes.redis.url(2);

      const workers = [start(workerArgs(url)), start(workerArgs(url))];
      const coordinator = start(['run', suiteFile, '--out', out, '--queue', url]);

      // 1. SIGKILL (whole process group: worker and trial child) the first worker seen running a test-signal trial
      const started = /start (\S+test-signal\S+) \((\w+)\)/;
      const first = await Promise.race(workers.map((w, i) => w.waitFor(started, 30_000).then((m) => ({ i, label: m[1], id: m[2] }))));
      const killed = workers[first.i];
      const survivor = workers[1 - first.i];
      killed.kill('SIGKILL');
      expect((await exitOf(killed, 10_000)).signal).toBe('SIGKILL');

      // 2. SIGKILL the coordinator as soon as it has recorded a trial (the truth, long before the killed
      //    trial can be re-run); the survivor goes on with the queue, including the stalled trial
      const runDir = () => join(out, readdirSync(out)[0]);
      const trialsFile = () => (existsSync(out) && readdirSync(out).length ? join(runDir(), 'trials.jsonl') : '');
      await until(() => !!trialsFile() && readResultLog(trialsFile()).history.length >= 1, 30_000, 'a recorded trial');
      coordinator.kill('SIGKILL');
      await exitOf(coordinator, 10_000);
      const recordedBefore = readResultLog(trialsFile()).history.length;
      expect(recordedBefore).toBeLessThan(TRIALS);
      const finished = () => new Set([...(killed.output() + survivor.output()).matchAll(/^ok (\S+) /gm)].map((m) => m[1]));
      await until(() => finished().size >= TRIALS, 45_000, 'the workers to finish every trial');
      // the killed worker's trial went back to the queue (stalled) and the survivor ran it
      expect(survivor.output()).toMatch(new RegExp(`^ok ${first.label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} `, 'm'));
      const startsBeforeResume = count(survivor.output(), /^start /gm);

      // 3. resume (in-process, as `run --resume <dir> --queue <url>` does): what the workers finished is
      //    collected from Redis, nothing runs again
      const lines: string[] = [];
      const queued = await coordinate(url, {
        progress: silent,
        onFatal: (e) => {
          throw e;
        },
        resumeDir: runDir(),
        log: (l) => lines.push(l),
      });
      let outcome: RunOutcome;
      try {
        outcome = await runSuite({ resume: runDir(), runner: queued.runner, progress: queued.progress, log: (l) => lines.push(l) });
      } finally {
        await queued.close();
      }
      expect(outcome.status).toBe('complete');
      expect(outcome).toMatchObject({ planned: TRIALS, skipped: recordedBefore, ran: TRIALS - recordedBefore });
      expect(lines.find((l) => l.startsWith(`${TRIALS} trials:`))).toMatch(
        `${TRIALS} trials: ${recordedBefore} already finished (not recomputed), 0 failed before (re-running), ${TRIALS - recordedBefore} new`,
      );
      expect(count(survivor.output(), /^start /gm)).toBe(startsBeforeResume);
      survivor.kill('SIGTERM');
      expect((await exitOf(survivor, 20_000)).code).toBe(0);

      const log = readResultLog(trialsFile());
      expect(log.sessions.map((s) => s.resumed)).toEqual([false, true]);
      expect(log.history.map((r) => r.status)).toEqual(Array(TRIALS).fill('ok'));
      expect(new Set(log.history.map((r) => r.id)).size).toBe(TRIALS);
      const survivorName = survivor.output().match(/worker (\S+) ready/)![1];
      expect(log.trials.get(first.id)!.runner).toBe(`bullmq-worker ${survivorName}`);
      // it finished after the coordinator died: collected from Redis by the resumed session
      expect(log.trials.get(first.id)!.sessionId).toBe(log.sessions[1].sessionId);

      // collected jobs are removed: Redis keeps no results
      const queue = new Queue(QUEUE_NAME, { connection: { host: '127.0.0.1', port: processes.redis.port, db: 2 } });
      try {
        const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'completed', 'failed');
        expect(counts).toMatchObject({ waiting: 0, active: 0, delayed: 0, completed: 0, failed: 0 });
      } finally {
        await queue.close();
      }
    },
  );
});

describe('bounded retries', () => {
  it('a trial that loses its worker more often than the workers allow is recorded as failed, reason crash', async () => {
    const url = processes.redis.url(4);
    const coordinator = await QueueRunner.open(url, { log: () => {} });
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
    const result = coordinator.run(job, new AbortController().signal);
    // a worker that takes the trial and then dies: it stops renewing its lock without finishing
    let taken!: () => void;
    const took = new Promise<void>((r) => {
      taken = r;
    });
    const doomed = new Worker(
      QUEUE_NAME,
      () => {
        taken();
        return new Promise(() => {});
      },
      {
        connection: { host: '127.0.0.1', port: processes.redis.port, db: 4 },
        lockDuration: 1000,
        // the stalled check is throttled queue-wide by the interval of the worker that ran it last
        stalledInterval: 300,
      },
    );
    await took;
    await doomed.close(true);
    // a healthy worker that allows no lost worker: its stalled check fails the trial instead of re-running it
    const lines: string[] = [];
    const healthy = await TrialWorker.start(url, { maxStalled: 0, stalledIntervalMs: 300, log: (l) => lines.push(l) });
    try {
      const r = await result;
      expect(r.id).toBe(job.id);
      expect(r.status).toBe('failed');
      expect(r.failure).toMatchObject({ reason: 'crash' });
      expect(r.failure!.message).toMatch(
        /^the worker running it was lost 1 time\(s\) \(killed, crashed or disconnected\), more than the workers allow: job stalled more than allowable limit/,
      );
      expect(lines.some((l) => l.startsWith('start '))).toBe(false);
    } finally {
      await healthy.stop();
      await coordinator.close();
    }
  });
});
