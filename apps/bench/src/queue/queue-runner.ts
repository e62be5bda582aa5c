/**
 * Coordinator side of the queue: a TrialRunner whose `run(job)` enqueues the trial as a BullMQ job
 * (job id = trial id) and resolves with the TrialResult a worker returned. The coordinator stays the
 * only writer of trials.jsonl: workers hand results back through Redis, `runSuite` appends them.
 *
 * Enqueueing is idempotent and re-attaching: a job already in Redis for the trial is
 *   completed with an ok result and the same version stamp → collected, not re-run (a resumed run);
 *   waiting / active / delayed → waited for;
 *   failed, completed with a failed result, or stamped by other code → removed and queued again (as a
 *   local resume re-runs failed trials).
 * Results arrive through QueueEvents (completed / failed) with a periodic state poll as the safety net
 * (events missed during a reconnect, or a job removed by someone else, which is queued again).
 * A job that exhausts its attempts, or whose workers died more often than the workers allow, becomes a
 * failed trial with the reason. Jobs collected by this coordinator are removed from Redis on close (the
 * record is in trials.jsonl by then); age limits clean up after coordinators that were killed.
 * On abort (Ctrl-C) or a lost Redis, waiting trials reject with TrialInterrupted: they stay queued and
 * workers go on; `--resume <dir> --queue …` collects them.
 */
import { hostname } from 'node:os';
import { Queue, QueueEvents, type Job } from 'bullmq';
import { trialResultSchema, trialLabel, type TrialFailure, type TrialJob, type TrialResult } from '@transferbench/core';
import { TrialInterrupted, type TrialRunner } from '../trial/runner.ts';
import { connectionOptions, describeRedisError } from './connection.ts';
import { JOB_NAME, QUEUE_NAME, jobData, queueJobDataSchema, refusalSchema, sameStamp, type QueueJobData } from './job-data.ts';
import { parseQueueUrl, type RedisTarget } from './redis-url.ts';
import { ownStamp, stampFor, type OwnStamp, type VersionStamp } from './stamp.ts';

export interface CoordinatorOptions {
  /** attempts per trial when a worker's processing throws (not for trials that fail: those are results) */
  attempts?: number;
  /** state poll period */
  pollMs?: number;
  /** how long a lost Redis connection may take to come back before the run stops (resumable) */
  reconnectForMs?: number;
  /** keep finished jobs at most this long in Redis when nobody collects them */
  keepFinishedSec?: number;
  /** warn when no worker is connected after this long with trials waiting */
  noWorkerHintMs?: number;
  log?(line: string): void;
  /** Redis is gone for good: the caller should stop the run (pending trials are already interrupted) */
  onFatal?(err: Error): void;
  /** a worker started the trial */
  onActive?(job: TrialJob): void;
}

interface Waiter {
  job: TrialJob;
  stamp: VersionStamp;
  t0: number;
  startedAt: string;
  resolve(r: TrialResult): void;
  reject(e: Error): void;
  done: boolean;
  active: boolean;
  /** checks of one trial run one after another */
  chain: Promise<void>;
  /** Redis errors in a row while queueing or checking it */
  errors: number;
  cleanup(): void;
}

const DAY = 24 * 3600;
const MAX_ERRORS = 5;

export class QueueRunner implements TrialRunner {
  readonly name: string;
  /** trials handed out at once: all of them; the workers' capacity decides what runs */
  readonly concurrency = 100_000;
  readonly scheduling = 'all queued at once, run by the workers as they pull them';
  private readonly pending = new Map<string, Waiter>();
  /** trial ids whose jobs this coordinator collected (removed from Redis on close) */
  private readonly collected = new Set<string>();
  /** trial ids recorded in an earlier session whose finished jobs may still be in Redis */
  private readonly recorded = new Set<string>();
  private readonly refusals = new Set<string>();
  private poll?: NodeJS.Timeout;
  private fatal: Error | null = null;
  private closed = false;
  private lastPollError = '';
  private sawActive = false;
  private readonly log: (line: string) => void;

  private constructor(
    readonly target: RedisTarget,
    private readonly queue: Queue,
    private readonly events: QueueEvents,
    private readonly own: OwnStamp,
    private readonly opts: CoordinatorOptions,
  ) {
    this.name = `bullmq ${target.display} (coordinator ${hostname()})`;
    this.log = opts.log ?? ((l) => process.stderr.write(`${l}\n`));
  }

  /** Connects (failing fast with a clear error when Redis is unreachable) and starts listening. */
  static async open(url: string, opts: CoordinatorOptions = {}): Promise<QueueRunner> {
    const target = parseQueueUrl(url);
    const own = ownStamp();
    let runner: QueueRunner | undefined;
    const conn = connectionOptions(target, {
      reconnectForMs: opts.reconnectForMs ?? 60_000,
      onReconnecting: () =>
        runner?.log(
          `lost the connection to Redis at ${target.display}; reconnecting for up to ${Math.round((opts.reconnectForMs ?? 60_000) / 1000)} s`,
        ),
    });
    // connection errors arrive as events too; the fatal path below reports them once
    let lastError: unknown = null;
    const queue = new Queue(QUEUE_NAME, { connection: conn.options });
    queue.on('error', (e) => {
      lastError = e;
    });
    // one connection first: closing BullMQ connections that are still being set up can throw later
    try {
      await queue.waitUntilReady();
    } catch (err) {
      await queue.close().catch(() => {});
      throw new Error(describeRedisError(err ?? lastError, target));
    }
    conn.markReady();
    const events = new QueueEvents(QUEUE_NAME, { connection: conn.options });
    events.on('error', (e) => {
      lastError = e;
    });
    try {
      await events.waitUntilReady();
    } catch (err) {
      await Promise.allSettled([queue.close(), events.close()]);
      throw new Error(describeRedisError(err ?? lastError, target));
    }
    runner = new QueueRunner(target, queue, events, own, opts);
    for (const client of [await queue.client, await events.client]) {
      client.on('ready', () => conn.markReady());
      client.on('end', () => runner!.lost(new Error(describeRedisError(lastError ?? new Error('connection closed'), target))));
    }
    runner.listen();
    return runner;
  }

  private listen(): void {
    this.events.on('completed', ({ jobId }) => this.check(jobId));
    this.events.on('failed', ({ jobId }) => this.check(jobId));
    this.events.on('active', ({ jobId }) => {
      this.sawActive = true;
      const w = this.pending.get(jobId);
      if (w && !w.active) {
        w.active = true;
        this.opts.onActive?.(w.job);
      }
    });
    this.events.on('stalled', ({ jobId }) => {
      const w = this.pending.get(jobId);
      if (w) this.log(`trial ${trialLabel(w.job)} lost its worker (killed or disconnected): back in the queue for another worker`);
      if (w) w.active = false;
    });
    this.events.on('progress', ({ jobId, data }) => {
      const r = refusalSchema.safeParse(data);
      if (!r.success) return;
      const key = `${r.data.worker}\n${r.data.refused}`;
      if (this.refusals.has(key)) return;
      this.refusals.add(key);
      const w = this.pending.get(jobId);
      this.log(`worker ${r.data.worker} refused trial ${w ? trialLabel(w.job) : jobId} and stopped: ${r.data.refused}`);
    });
    const pollMs = this.opts.pollMs ?? 2000;
    const hintAfter = this.opts.noWorkerHintMs ?? 15_000;
    const t0 = Date.now();
    let hinted = false;
    this.poll = setInterval(() => {
      void this.pollStates();
      if (!hinted && !this.sawActive && this.pending.size && Date.now() - t0 > hintAfter) {
        hinted = true;
        void this.queue.getWorkersCount().then(
          (n) => {
            if (n === 0 && !this.sawActive)
              this.log(
                `no worker is connected to ${this.target.display} yet: start some with \`transferbench worker --queue <url>\` (see "Running on several machines")`,
              );
          },
          () => {},
        );
      }
    }, pollMs);
    this.poll.unref();
  }

  async run(job: TrialJob, signal: AbortSignal): Promise<TrialResult> {
    if (signal.aborted || this.fatal || this.closed) throw new TrialInterrupted(job.id);
    if (this.pending.has(job.id)) throw new Error(`trial ${job.id} is already being run by this coordinator`);
    const stamp = stampFor(job.plugins, this.own);
    return new Promise<TrialResult>((resolve, reject) => {
      const onAbort = () => this.interrupt(w);
      const w: Waiter = {
        job,
        stamp,
        t0: performance.now(),
        startedAt: new Date().toISOString(),
        resolve,
        reject,
        done: false,
        active: false,
        chain: Promise.resolve(),
        errors: 0,
        cleanup: () => signal.removeEventListener('abort', onAbort),
      };
      this.pending.set(job.id, w);
      signal.addEventListener('abort', onAbort, { once: true });
      this.serial(w, () => this.enqueue(w));
    });
  }

  /**
   * Runs `step` after the trial's previous check. A Redis error leaves the trial to the next poll (which
   * queues a job that is missing); after several in a row the trial fails as a runner error.
   */
  private serial(w: Waiter, step: () => Promise<void>): void {
    w.chain = w.chain.then(async () => {
      if (w.done) return;
      try {
        await step();
        w.errors = 0;
      } catch (err) {
        if (w.done) return;
        if (this.fatal || this.closed) return this.interrupt(w);
        const e = err instanceof Error ? err : new Error(String(err));
        if (++w.errors < MAX_ERRORS) {
          this.log(`queue: ${e.message} (trial ${trialLabel(w.job)}; trying again)`);
          return;
        }
        this.settle(w, null, e);
      }
    });
  }

  private check(id: string): void {
    const w = this.pending.get(id);
    if (w) this.serial(w, () => this.inspect(w));
  }

  private async enqueue(w: Waiter): Promise<void> {
    const id = w.job.id;
    const existing = await this.queue.getJob(id);
    if (existing) {
      const state = await existing.getState();
      const data = queueJobDataSchema.safeParse(existing.data);
      const same = data.success && sameStamp(data.data.stamp, w.stamp);
      if (state === 'completed') {
        const r = trialResultSchema.safeParse(existing.returnvalue);
        if (same && r.success && r.data.status === 'ok' && r.data.id === id) {
          this.collected.add(id);
          return this.settle(w, r.data);
        }
        await this.removeQuietly(existing); // a failed trial, or one computed by other code: run it again
      } else if (state === 'failed' || (!same && state !== 'active')) {
        await this.removeQuietly(existing);
      } else {
        return; // queued or running already (e.g. the coordinator was restarted): wait for it
      }
    }
    const keep = this.opts.keepFinishedSec ?? 7 * DAY;
    await this.queue.add(JOB_NAME, jobData(w.job, w.stamp) satisfies QueueJobData, {
      jobId: id,
      attempts: this.opts.attempts ?? 2,
      backoff: { type: 'fixed', delay: 1000 },
      removeOnComplete: { age: keep },
      removeOnFail: { age: keep },
    });
  }

  /** Looks at the trial's job: collects a final state, re-queues a vanished or stale job. */
  private async inspect(w: Waiter): Promise<void> {
    const id = w.job.id;
    const job = await this.queue.getJob(id);
    if (!job) return this.enqueue(w); // removed by someone else: queue it again
    const state = await job.getState();
    if (state !== 'completed' && state !== 'failed') return;
    const data = queueJobDataSchema.safeParse(job.data);
    if (!data.success || !sameStamp(data.data.stamp, w.stamp)) {
      // finished by another version's worker for another coordinator: not ours to collect
      await this.removeQuietly(job);
      return this.enqueue(w);
    }
    this.collected.add(id);
    if (state === 'completed') {
      const r = trialResultSchema.safeParse(job.returnvalue);
      if (r.success && r.data.id === id) return this.settle(w, r.data);
      const why = r.success
        ? `result for trial ${r.data.id}`
        : r.error.issues
            .slice(0, 3)
            .map((i) => `${i.path.join('.')}: ${i.message}`)
            .join('; ');
      return this.settle(
        w,
        this.failure(w, { reason: 'invalid-output', message: `the worker's return value is not this trial's TrialResult (${why})` }),
      );
    }
    const reason = job.failedReason ?? 'unknown';
    const stalled = /stalled/i.test(reason);
    return this.settle(
      w,
      this.failure(
        w,
        stalled
          ? {
              reason: 'crash',
              message: `the worker running it was lost ${job.stalledCounter} time(s) (killed, crashed or disconnected), more than the workers allow: ${reason}`,
            }
          : {
              reason: 'error',
              message: `queue: ${reason} (after ${job.attemptsMade} attempt(s))`,
              stderrTail: job.stacktrace?.at(-1)?.slice(-4000),
            },
      ),
    );
  }

  private failure(w: Waiter, f: TrialFailure): TrialResult {
    return {
      id: w.job.id,
      status: 'failed',
      failure: f,
      measures: { wallMs: null, cpuMs: null, setupMs: null, processCpuMs: null, peakRssMb: null, runnerWallMs: performance.now() - w.t0 },
      engine: null,
      runner: this.name,
      startedAt: w.startedAt,
      finishedAt: new Date().toISOString(),
    };
  }

  private settle(w: Waiter, result: TrialResult | null, err?: Error): void {
    if (w.done) return;
    w.done = true;
    w.cleanup();
    this.pending.delete(w.job.id);
    if (result) w.resolve(result);
    else w.reject(err!);
  }

  private interrupt(w: Waiter): void {
    this.settle(w, null, new TrialInterrupted(w.job.id));
  }

  private async pollStates(): Promise<void> {
    if (!this.pending.size || this.fatal) return;
    const ids = [...this.pending.keys()];
    try {
      // concurrent commands share one connection and travel pipelined
      for (let i = 0; i < ids.length; i += 200) {
        const chunk = ids.slice(i, i + 200);
        const states = await Promise.all(chunk.map((id) => this.queue.getJobState(id)));
        chunk.forEach((id, k) => {
          const s = states[k];
          if (s === 'completed' || s === 'failed' || s === 'unknown') this.check(id);
          else if (s === 'active') {
            const w = this.pending.get(id);
            if (w && !w.active) {
              w.active = true;
              this.sawActive = true;
              this.opts.onActive?.(w.job);
            }
          }
        });
      }
      this.lastPollError = '';
    } catch (err) {
      const msg = err instanceof Error ? err.message : String(err);
      if (msg !== this.lastPollError && !this.fatal && !this.closed) this.log(`queue poll failed (will retry): ${msg}`);
      this.lastPollError = msg;
    }
  }

  /** Redis is gone after the reconnect window: stop waiting; trials stay queued for a resume. */
  private lost(err: Error): void {
    if (this.fatal || this.closed) return;
    this.fatal = err;
    if (this.poll) clearInterval(this.poll);
    for (const w of [...this.pending.values()]) this.interrupt(w);
    this.opts.onFatal?.(err);
  }

  /** Counts by state (for progress and tests). */
  async counts(): Promise<Record<string, number>> {
    return this.queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'completed', 'failed');
  }

  /** Connected workers, and their trial slots when they announce them in their name (`…#c<N>`). */
  async workerSlots(): Promise<{ workers: number; slots: number }> {
    const list = await this.queue.getWorkers();
    let slots = 0;
    // CLIENT LIST spans every database of the server: count this queue's database only
    const here = list.filter((w) => w.db === undefined || String(w.db) === String(this.target.db));
    for (const w of here) slots += Number(/#c(\d+)$/.exec(String(w.rawname ?? ''))?.[1] ?? 1);
    return { workers: here.length, slots };
  }

  /**
   * Trials already in trials.jsonl from an earlier session (a coordinator killed before it could clean
   * up): their finished jobs are removed on close.
   */
  forgetOnClose(ids: Iterable<string>): void {
    for (const id of ids) this.recorded.add(id);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.poll) clearInterval(this.poll);
    for (const w of [...this.pending.values()]) this.interrupt(w);
    if (!this.fatal && (this.collected.size || this.recorded.size)) {
      // recorded in trials.jsonl by now: free Redis of the (possibly large) results
      const finished = async (id: string) => ['completed', 'failed'].includes(await this.queue.getJobState(id));
      const removals = [
        ...[...this.collected].map((id) => this.queue.remove(id)),
        ...[...this.recorded].filter((id) => !this.collected.has(id)).map(async (id) => ((await finished(id)) ? this.queue.remove(id) : 0)),
      ];
      await withTimeout(Promise.allSettled(removals), 10_000);
    }
    await withTimeout(Promise.allSettled([this.events.close(), this.queue.close()]), 5000);
    if (this.fatal) {
      // connections that gave up reconnecting do not close cleanly; make sure nothing keeps the process alive
      this.queue.disconnect().catch(() => {});
      this.events.disconnect().catch(() => {});
    }
  }

  private async removeQuietly(job: Job): Promise<void> {
    try {
      await job.remove();
    } catch {
      // locked by a worker right now: it runs, and the next check looks again
    }
  }
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<undefined>((r) => {
    timer = setTimeout(() => r(undefined), ms);
  });
  return Promise.race([p, expired]).finally(() => clearTimeout(timer));
}
