/**
 * Worker side of the queue: a BullMQ Worker that pulls trial jobs and runs each through the same
 * LocalProcessRunner as a local run (own child process, timeout, heap cap, CPU/RSS measures), returning
 * the TrialResult as the job's return value. A trial that fails is a result, not a job failure; the
 * job fails only when the worker itself cannot run it (then BullMQ retries it, bounded by `attempts`).
 *
 * Faults: a worker that dies mid-trial stops renewing its lock; after `lockDurationMs` another worker's
 * stalled check (every `stalledIntervalMs`) puts the job back in the queue, at most `maxStalled` times,
 * then fails it ("job stalled more than allowable limit"), which the coordinator records with the reason.
 * A job stamped by other code (or with plugin files that differ here) is refused: put back in the
 * queue untouched, the refusal published as job progress for the coordinator, and this worker stops
 * (exit code 2) since it cannot serve this queue. Stopping (SIGINT/SIGTERM) kills running trials and
 * puts their jobs back in the queue without using up an attempt.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Queue, UnrecoverableError, WaitingError, Worker, type Job } from 'bullmq';
import type { TrialResult } from '@transferbench/core';
import { LocalProcessRunner, defaultConcurrency } from '../trial/local-runner.ts';
import { TrialInterrupted } from '../trial/runner.ts';
import { connectionOptions, describeRedisError } from './connection.ts';
import { QUEUE_NAME, queueJobDataSchema, type Refusal } from './job-data.ts';
import { parseQueueUrl, type RedisTarget } from './redis-url.ts';
import { ownStamp, stampMismatch, type OwnStamp } from './stamp.ts';

export interface TrialWorkerOptions {
  /** trials at once (each its own child process); default max(1, cores − 1) */
  concurrency?: number;
  /** dataset/estimator cache on this machine (replaces the coordinator's path); default ./.cache/transferbench */
  cacheDir?: string;
  /** how long a job's lock lasts without renewal: a dead worker's trial is retried after about this long */
  lockDurationMs?: number;
  /** how often this worker looks for stalled jobs (of any worker) */
  stalledIntervalMs?: number;
  /** times a trial may lose its worker before it is failed */
  maxStalled?: number;
  log?(line: string): void;
  /** the version this worker claims; default its own (tests use another to provoke a refusal) */
  stamp?: OwnStamp;
}

export interface WorkerExit {
  /** 0 stopped, 2 refused a trial (version mismatch) */
  code: number;
  message?: string;
}

export class TrialWorker {
  readonly name: string;
  readonly concurrency: number;
  private readonly shutdown = new AbortController();
  private readonly tmp: string;
  private readonly local: LocalProcessRunner;
  private readonly log: (line: string) => void;
  private stopping = false;
  private refusal: string | null = null;
  private finished!: (e: WorkerExit) => void;
  /** resolves once the worker has stopped */
  readonly done: Promise<WorkerExit>;
  private worker!: Worker;

  private constructor(
    readonly target: RedisTarget,
    private readonly own: OwnStamp,
    private readonly opts: TrialWorkerOptions,
  ) {
    this.concurrency = opts.concurrency ?? defaultConcurrency();
    this.name = `${hostname()}:${process.pid}#c${this.concurrency}`;
    this.log = opts.log ?? ((l) => process.stderr.write(`${l}\n`));
    this.tmp = mkdtempSync(join(tmpdir(), 'transferbench-worker-'));
    this.local = new LocalProcessRunner({ concurrency: this.concurrency, tmpDir: this.tmp });
    this.done = new Promise((r) => {
      this.finished = r;
    });
  }

  /** Connects (a clear error within seconds when Redis is unreachable) and starts pulling trials. */
  static async start(url: string, opts: TrialWorkerOptions = {}): Promise<TrialWorker> {
    const target = parseQueueUrl(url);
    const tw = new TrialWorker(target, opts.stamp ?? ownStamp(), opts);
    const conn = connectionOptions(target, {
      reconnectForMs: Infinity,
      onReconnecting: () => tw.log(`lost the connection to Redis at ${target.display}; reconnecting (running trials go on)`),
    });
    // reachability first, on one plain connection: closing a Worker whose connections are still being
    // set up can throw later from inside BullMQ
    let lastError: unknown = null;
    const probe = new Queue(QUEUE_NAME, { connection: conn.options });
    probe.on('error', (e) => {
      lastError = e;
    });
    try {
      await probe.waitUntilReady();
    } catch (err) {
      rmSync(tw.tmp, { recursive: true, force: true });
      throw new Error(describeRedisError(err ?? lastError, target));
    } finally {
      await probe.close().catch(() => {});
    }
    conn.markReady();
    let lastLogged = '';
    const worker = new Worker(QUEUE_NAME, (job, token, signal) => tw.process(job, token, signal), {
      connection: conn.options,
      name: tw.name,
      concurrency: tw.concurrency,
      autorun: false,
      lockDuration: opts.lockDurationMs ?? 30_000,
      stalledInterval: opts.stalledIntervalMs ?? 30_000,
      maxStalledCount: opts.maxStalled ?? 2,
    });
    tw.worker = worker;
    worker.on('error', (e) => {
      lastError = e;
      if (!conn.state.everReady) return;
      const msg = e instanceof Error ? e.message : String(e);
      if (msg !== lastLogged) tw.log(`worker: ${msg}`);
      lastLogged = msg;
    });
    // both connections up before it counts as started: stopping a Worker whose blocking connection is still
    // connecting leaves an unhandled "Connection is closed" rejection inside BullMQ (taskforcesh/bullmq#2686)
    await worker.waitUntilReady();
    (await worker.client).on('ready', () => conn.markReady());
    worker.run().catch((e) => tw.log(`worker stopped: ${e instanceof Error ? e.message : String(e)}`));
    tw.log(
      `worker ${tw.name} ready: queue ${target.display}, ${tw.concurrency} trial(s) at a time, ${tw.own.project} ${tw.own.version} code ${tw.own.codeHash}`,
    );
    return tw;
  }

  private async process(bj: Job, token: string | undefined, lockSignal?: AbortSignal): Promise<TrialResult> {
    const parsed = queueJobDataSchema.safeParse(bj.data);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new UnrecoverableError(`job ${bj.id} is not a transferbench trial (${issue.path.join('.')}: ${issue.message})`);
    }
    const { job, stamp, label } = parsed.data;
    if (this.stopping) return this.giveBack(bj, token);
    const why = stampMismatch(stamp, this.own);
    if (why) {
      const message = `refusing trial ${label} (${job.id}): ${why}`;
      this.log(message);
      const refusal: Refusal = { refused: why, worker: this.name };
      await bj.updateProgress(refusal).catch(() => {});
      this.refusal ??= message;
      void this.stop(2, message);
      return this.giveBack(bj, token);
    }
    this.log(`start ${label} (${job.id})`);
    const signal = lockSignal ? AbortSignal.any([this.shutdown.signal, lockSignal]) : this.shutdown.signal;
    try {
      const result = await this.local.run({ ...job, cacheDir: resolve(this.opts.cacheDir ?? join('.cache', 'transferbench')) }, signal);
      const secs = (result.measures.runnerWallMs / 1000).toFixed(1);
      this.log(
        `${result.status === 'ok' ? 'ok' : `FAILED (${result.failure?.reason}: ${result.failure?.message.split('\n')[0].slice(0, 160)})`} ${label} ${secs}s`,
      );
      return { ...result, runner: `bullmq-worker ${this.name}` };
    } catch (err) {
      if (err instanceof TrialInterrupted && this.shutdown.signal.aborted) return this.giveBack(bj, token);
      if (err instanceof TrialInterrupted)
        throw new Error(`trial ${label} interrupted: ${String(lockSignal?.reason ?? 'the job was cancelled')}`);
      throw err;
    }
  }

  /** Back to the waiting list without using up an attempt (BullMQ's WaitingError protocol). */
  private async giveBack(bj: Job, token: string | undefined): Promise<never> {
    await bj.moveToWait(token);
    throw new WaitingError();
  }

  /** Stops pulling trials, kills running ones (their jobs go back to the queue) and disconnects. */
  async stop(code = 0, message?: string): Promise<WorkerExit> {
    if (!this.stopping) {
      this.stopping = true;
      // a refusal lets the trials already running here finish (they passed the check); a stop kills them
      if (code === 0) this.shutdown.abort();
      void (async () => {
        try {
          await this.worker.close();
        } catch (err) {
          this.log(`closing the worker: ${err instanceof Error ? err.message : String(err)}`);
        } finally {
          rmSync(this.tmp, { recursive: true, force: true });
          this.finished({ code, ...(message ? { message } : {}) });
        }
      })();
    }
    return this.done;
  }
}
