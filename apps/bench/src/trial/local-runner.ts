/**
 * Local runner: each trial in its own Node child process (execa), with the job on stdin and the outcome in
 * a result file. Containment (what a trial is guaranteed, README "Trials and runners"):
 *   - the child leads its own process group (`detached`); on timeout, cancel or exit the whole group is
 *     killed (SIGTERM, then SIGKILL after the grace period), so a trial's own sub-processes never outlive it;
 *   - a wall-clock timeout here, and the child's own watchdog (watchdog.ts) with a deadline a little later,
 *     a resident-memory cap over the whole process (`memoryMb`: heap, buffers, WebAssembly memory) and a
 *     check that this process is still alive (a SIGKILLed run leaves no trial running);
 *   - `--max-old-space-size` as well, so plain heap growth fails with V8's own message;
 *   - when this process exits by any path it can still run code on, it kills the groups of running trials.
 * The parent times the child; the child reports its own CPU time and peak RSS. A child that throws, crashes,
 * runs out of memory, exits non-zero or overruns its timeout becomes a failed result with its stderr tail.
 *
 * Concurrency: default max(1, cores − 1). Trials are timed by CPU time, which contention inflates far
 * less than wall time, but on a 2-core machine shared with other work one trial at a time still gives
 * the cleanest numbers.
 */
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, hostname } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { execa } from 'execa';
import { trialOutcomeSchema, type TrialFailure, type TrialJob, type TrialOutcome, type TrialResult } from '@transferbench/core';
import { TailBuffer } from './tail-buffer.ts';
import { childBundle, type ChildBundle } from './child-bundle.ts';
import { TrialInterrupted, type TrialRunner } from './runner.ts';
import { MAX_TIMER_MS } from './watchdog.ts';

export interface LocalRunnerOptions {
  /** parallel children; default max(1, cores − 1) */
  concurrency?: number;
  /** folder for result files (the results dir's `.tmp`) */
  tmpDir: string;
  /** grace period between SIGTERM and SIGKILL */
  killGraceMs?: number;
  /** extra node flags for the child */
  nodeArgs?: string[];
  /** where bundled children are kept (child-bundle.ts; default, and for anything but tests: the repository's node_modules/.cache, whose node_modules resolve the bundle's external packages) */
  bundleRoot?: string;
}

export function defaultConcurrency(): number {
  return Math.max(1, availableParallelism() - 1);
}

const sourceEntry = fileURLToPath(new URL('./child.ts', import.meta.url));
// from source (when the bundle cannot be built): tsx's ESM loader only: its CommonJS hook would also run every require() of a CommonJS library (@stdlib's
// hundreds of small modules) through its transformer — about 0.2 CPU-s of every trial's start-up
const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm')).href;
const HEAP_EXHAUSTED = /heap out of memory|Reached heap limit|Allocation failed/i;

export class LocalProcessRunner implements TrialRunner {
  readonly name = `local-process@${hostname()}`;
  readonly concurrency: number;
  private counter = 0;

  constructor(private readonly opts: LocalRunnerOptions) {
    this.concurrency = opts.concurrency ?? defaultConcurrency();
    mkdirSync(opts.tmpDir, { recursive: true });
  }

  async run(job: TrialJob, signal: AbortSignal): Promise<TrialResult> {
    const startedAt = new Date().toISOString();
    const t0 = performance.now();
    // the file name must not come from the job: a job id from a queue could otherwise point outside tmpDir
    const resultFile = join(this.opts.tmpDir, `trial-${process.pid}-${this.counter++}.json`);
    const stderr = new TailBuffer();
    const timeoutMs = Math.min(job.limits.timeoutMs, MAX_TIMER_MS);
    const bundle = await bundledChild(this.opts.bundleRoot);
    const args = [
      ...(this.opts.nodeArgs ?? []),
      ...(bundle ? [] : ['--import', tsxLoader]),
      `--max-old-space-size=${job.limits.memoryMb}`,
      bundle?.entry ?? sourceEntry,
      resultFile,
      String(process.pid),
      String(timeoutMs),
      String(job.limits.memoryMb),
    ];
    const sub = execa(process.execPath, args, {
      input: JSON.stringify(job),
      // its own process group: the kill below reaches whatever the trial started
      detached: true,
      cleanup: false,
      reject: false,
      buffer: false,
      stdout: 'ignore',
      stderr: 'pipe',
      env: {
        TRANSFERBENCH_TRIAL: job.id,
        TRANSFERBENCH_PREPARED_DATA: join(this.opts.tmpDir, 'prepared'),
        ...(bundle ? { TRANSFERBENCH_TRIAL_BUNDLE: '1' } : {}),
      },
    });
    sub.stderr?.on('data', (c: Buffer) => stderr.push(c));
    const pid = sub.pid;
    let timedOut = false;
    let canceled = false;
    let forceKill: NodeJS.Timeout | undefined;
    const stop = () => {
      killGroup(pid, 'SIGTERM');
      forceKill ??= setTimeout(() => killGroup(pid, 'SIGKILL'), this.opts.killGraceMs ?? 3000);
    };
    const timer = setTimeout(() => {
      timedOut = true;
      stop();
    }, timeoutMs);
    const onAbort = () => {
      canceled = true;
      stop();
    };
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
    if (pid !== undefined) liveGroups.add(pid);
    const r = await sub;
    clearTimeout(timer);
    clearTimeout(forceKill);
    signal.removeEventListener('abort', onAbort);
    // the trial is over: nothing it started may go on running
    killGroup(pid, 'SIGKILL');
    if (pid !== undefined) liveGroups.delete(pid);
    const runnerWallMs = performance.now() - t0;
    const outcome = readOutcome(resultFile);
    rmSync(resultFile, { force: true });
    rmSync(`${resultFile}.tmp`, { force: true });
    rmSync(`${resultFile}.watchdog`, { force: true });
    if (canceled && !(outcome && !(outcome instanceof Error))) throw new TrialInterrupted(job.id);

    const tail = stderr.text();
    const done = (o: Pick<TrialOutcome, 'status' | 'estimate' | 'failure'> & Partial<TrialOutcome>): TrialResult => ({
      id: job.id,
      status: o.status,
      ...(o.estimate ? { estimate: o.estimate } : {}),
      ...(o.failure ? { failure: o.failure } : {}),
      ...(o.datasetInfo ? { datasetInfo: o.datasetInfo } : {}),
      measures: { ...(o.measures ?? { wallMs: null, cpuMs: null, setupMs: null, processCpuMs: null, peakRssMb: null }), runnerWallMs },
      engine: o.engine ?? null,
      runner: this.name,
      startedAt,
      finishedAt: new Date().toISOString(),
    });
    const fail = (failure: Omit<TrialFailure, 'stderrTail' | 'exitCode' | 'signal'>) =>
      done({ status: 'failed', failure: { ...failure, exitCode: r.exitCode ?? null, signal: r.signal ?? null, stderrTail: tail } });

    if (timedOut) return fail({ reason: 'timeout', message: `exceeded the ${job.limits.timeoutMs / 1000} s trial timeout` });
    if (outcome instanceof Error) return fail({ reason: 'invalid-output', message: outcome.message });
    if (outcome) {
      if (outcome.failure)
        outcome.failure = { ...outcome.failure, exitCode: r.exitCode ?? null, signal: r.signal ?? null, stderrTail: tail };
      return done(outcome);
    }
    if (HEAP_EXHAUSTED.test(tail)) return fail({ reason: 'memory', message: `ran out of heap (cap ${job.limits.memoryMb} MiB)` });
    if (r.signal) return fail({ reason: 'crash', message: `killed by ${r.signal}` });
    if (r.exitCode === 13)
      return fail({ reason: 'exit', message: 'exited with code 13 without a result: a promise the trial awaited never settled' });
    if (r.exitCode !== 0) return fail({ reason: 'exit', message: `exited with code ${r.exitCode} without reporting a result` });
    return fail({ reason: 'invalid-output', message: 'exited without writing a result' });
  }
}

let bundleWarned = false;

/** The bundled child (child-bundle.ts), or null — with one warning — when it cannot be built: trials then run from source. */
async function bundledChild(root?: string): Promise<ChildBundle | null> {
  try {
    return await childBundle(root);
  } catch (err) {
    if (!bundleWarned)
      process.stderr.write(`warning: ${err instanceof Error ? err.message : String(err)}; trials run from source (slower start-up)\n`);
    bundleWarned = true;
    return null;
  }
}

/** Process groups of running trials: killed when this process exits (normally, on an error, or on a signal it handles). */
const liveGroups = new Set<number>();
process.once('exit', () => {
  for (const pid of liveGroups) killGroup(pid, 'SIGKILL');
});

function killGroup(pid: number | undefined, sig: NodeJS.Signals): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, sig);
  } catch {
    /* the group is gone already */
  }
}

function readOutcome(file: string): TrialOutcome | Error | null {
  if (!existsSync(file)) return null;
  try {
    return trialOutcomeSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  } catch (err) {
    return new Error(`unreadable trial result: ${err instanceof Error ? err.message.slice(0, 500) : String(err)}`);
  }
}
