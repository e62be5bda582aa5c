/**
 * TrainPool: runs independent training jobs (core's `TrainJob`) on worker threads, one model per
 * worker at a time. Features go to each worker once, as SharedArrayBuffer-backed CSR arrays; jobs
 * are handed out as workers free up and results come back in job order. Each job runs core's
 * `runTrainJob` in the worker — the same code, kernels and float operations as in the main thread —
 * so results are identical to a sequential run whatever the number of workers or the scheduling.
 *
 * Workers live across runs (starting one costs ~1 s: tsx, core, kernels) and are unref'd while
 * idle, so they never keep the process alive; `close()` ends them.
 */
import { Worker } from 'node:worker_threads';
import type { CsrMatrix, TrainJob, TrainJobResult, TrainManyOptions } from '@transferbench/core';

export type ToWorker =
  | { type: 'features'; id: number; indptr: Int32Array; indices: Int32Array; dim: number }
  | { type: 'job'; index: number; features: number; job: TrainJob };

type FromWorker =
  { type: 'result'; index: number; result: TrainJobResult } | { type: 'error'; index: number; message: string; stack?: string };

interface Slot {
  worker: Worker;
  /** feature sets this worker holds */
  has: Set<number>;
}

interface SharedFeatures {
  id: number;
  indptr: Int32Array;
  indices: Int32Array;
  dim: number;
}

/** The array itself if it is SharedArrayBuffer-backed, else a shared copy. */
function shared(a: Int32Array): Int32Array {
  if (a.buffer instanceof SharedArrayBuffer) return a;
  const out = new Int32Array(new SharedArrayBuffer(a.byteLength));
  out.set(a);
  return out;
}

/** A view's own bytes: structured clone of a view would copy its whole underlying buffer. */
function compact<T extends Int32Array | Int8Array>(a: T): T {
  return (a.byteLength === a.buffer.byteLength ? a : a.slice()) as T;
}

function compactJob(job: TrainJob): TrainJob {
  const rows = (l: TrainJob['train']) => ({ rows: compact(l.rows), labels: compact(l.labels) });
  return {
    ...job,
    train: rows(job.train),
    val: job.val && rows(job.val),
    predict: job.predict && compact(job.predict),
  };
}

export class TrainPool {
  private slots: Slot[] = [];
  private readonly featureCache = new WeakMap<CsrMatrix, SharedFeatures>();
  private nextFeatureId = 1;
  /** runs are serialised: one batch of jobs at a time */
  private queue: Promise<unknown> = Promise.resolve();

  /**
   * @param size number of worker threads (≥ 1)
   * @param workerData passed to every worker: the compiled kernels (undefined → JS kernels)
   */
  constructor(
    readonly size: number,
    private readonly workerData: { module?: WebAssembly.Module },
  ) {
    if (!(Number.isInteger(size) && size >= 1)) throw new Error(`TrainPool: size must be an integer ≥ 1, got ${size}`);
  }

  run(features: CsrMatrix, jobs: readonly TrainJob[], options: TrainManyOptions = {}): Promise<TrainJobResult[]> {
    const next = this.queue.then(() => this.runNow(features, jobs, options));
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Ends the workers (a later run starts new ones). */
  async close(): Promise<void> {
    const slots = this.slots;
    this.slots = [];
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }

  private spawn(): Slot {
    const worker = new Worker(new URL('./train-worker.mjs', import.meta.url), { workerData: this.workerData });
    worker.unref();
    return { worker, has: new Set() };
  }

  private sharedFeatures(features: CsrMatrix): SharedFeatures {
    let s = this.featureCache.get(features);
    if (!s) {
      s = { id: this.nextFeatureId++, indptr: shared(features.indptr), indices: shared(features.indices), dim: features.dim };
      this.featureCache.set(features, s);
    }
    return s;
  }

  private runNow(features: CsrMatrix, jobs: readonly TrainJob[], options: TrainManyOptions): Promise<TrainJobResult[]> {
    options.signal?.throwIfAborted();
    if (jobs.length === 0) return Promise.resolve([]);
    const feats = this.sharedFeatures(features);
    const n = Math.min(this.size, jobs.length);
    while (this.slots.length < n) this.slots.push(this.spawn());
    const active = this.slots.slice(0, n);
    const results: TrainJobResult[] = new Array(jobs.length);

    return new Promise<TrainJobResult[]>((resolve, reject) => {
      let nextJob = 0;
      let finished = 0;
      let settled = false;
      const listeners: (() => void)[] = [];

      const detach = () => {
        for (const off of listeners) off();
        for (const s of active) s.worker.unref();
      };
      const fail = (error: unknown) => {
        if (settled) return;
        settled = true;
        detach();
        // a failed or aborted run leaves workers mid-job: end them, later runs start fresh ones
        void this.close();
        reject(error);
      };
      const feed = (s: Slot) => {
        if (nextJob >= jobs.length) return;
        const index = nextJob++;
        if (!s.has.has(feats.id)) {
          const msg: ToWorker = { type: 'features', ...feats };
          s.worker.postMessage(msg);
          s.has.add(feats.id);
        }
        const msg: ToWorker = { type: 'job', index, features: feats.id, job: compactJob(jobs[index]) };
        s.worker.postMessage(msg);
      };

      const onAbort = () => fail(options.signal!.reason);
      options.signal?.addEventListener('abort', onAbort, { once: true });
      listeners.push(() => options.signal?.removeEventListener('abort', onAbort));

      for (const s of active) {
        const onMessage = (msg: FromWorker) => {
          if (settled) return;
          if (msg.type === 'error') {
            fail(new Error(`training job ${msg.index} failed in a worker: ${msg.message}`));
            return;
          }
          results[msg.index] = msg.result;
          finished++;
          options.onJobDone?.(msg.index, finished, jobs.length);
          if (finished === jobs.length) {
            settled = true;
            detach();
            resolve(results);
          } else {
            feed(s);
          }
        };
        const onError = (e: Error) => fail(new Error(`training worker failed: ${e.message}`));
        const onExit = (code: number) => fail(new Error(`training worker exited early (code ${code})`));
        s.worker.on('message', onMessage);
        s.worker.on('error', onError);
        s.worker.on('exit', onExit);
        listeners.push(() => {
          s.worker.off('message', onMessage);
          s.worker.off('error', onError);
          s.worker.off('exit', onExit);
        });
        s.worker.ref();
        feed(s);
      }
    });
  }
}
