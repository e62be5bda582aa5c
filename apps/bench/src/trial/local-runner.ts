/**
 * Local runner: each trial in its own Node child process (execa), with the job on stdin, a wall-clock
 * timeout, a V8 heap cap (`--max-old-space-size`) and the outcome in a result file. The parent times the
 * child; the child reports its own CPU time and peak RSS (`process.resourceUsage().maxRSS`). A child that
 * throws, crashes, runs out of heap, exits non-zero or overruns its timeout becomes a failed result with
 * the tail of its stderr.
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
import { TrialInterrupted, type TrialRunner } from './runner.ts';

export interface LocalRunnerOptions {
  /** parallel children; default max(1, cores − 1) */
  concurrency?: number;
  /** folder for result files (the results dir's `.tmp`) */
  tmpDir: string;
  /** grace period between SIGTERM and SIGKILL */
  killGraceMs?: number;
  /** extra node flags for the child */
  nodeArgs?: string[];
}

export function defaultConcurrency(): number {
  return Math.max(1, availableParallelism() - 1);
}

const childEntry = fileURLToPath(new URL('./child.ts', import.meta.url));
const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
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
    const resultFile = join(this.opts.tmpDir, `${job.id}-${process.pid}-${this.counter++}.json`);
    const stderr = new TailBuffer();
    const args = [
      ...(this.opts.nodeArgs ?? []),
      '--import',
      tsxLoader,
      `--max-old-space-size=${job.limits.memoryMb}`,
      childEntry,
      resultFile,
    ];
    const sub = execa(process.execPath, args, {
      input: JSON.stringify(job),
      timeout: job.limits.timeoutMs,
      cancelSignal: signal,
      forceKillAfterDelay: this.opts.killGraceMs ?? 3000,
      reject: false,
      buffer: false,
      stdout: 'ignore',
      stderr: 'pipe',
      env: { TRANSFERBENCH_TRIAL: job.id },
    });
    sub.stderr?.on('data', (c: Buffer) => stderr.push(c));
    const r = await sub;
    const runnerWallMs = performance.now() - t0;
    const outcome = readOutcome(resultFile);
    rmSync(resultFile, { force: true });
    rmSync(`${resultFile}.tmp`, { force: true });
    // Ctrl-C on a terminal reaches the children too: a child killed by SIGINT was interrupted, not broken
    if (r.isCanceled || (r.signal === 'SIGINT' && !outcome) || (signal.aborted && !outcome)) throw new TrialInterrupted(job.id);

    const tail = stderr.text();
    const done = (o: Pick<TrialOutcome, 'status' | 'estimate' | 'failure'> & Partial<TrialOutcome>): TrialResult => ({
      id: job.id,
      status: o.status,
      ...(o.estimate ? { estimate: o.estimate } : {}),
      ...(o.failure ? { failure: o.failure } : {}),
      measures: { ...(o.measures ?? { wallMs: null, cpuMs: null, setupMs: null, processCpuMs: null, peakRssMb: null }), runnerWallMs },
      engine: o.engine ?? null,
      runner: this.name,
      startedAt,
      finishedAt: new Date().toISOString(),
    });
    const fail = (failure: Omit<TrialFailure, 'stderrTail' | 'exitCode' | 'signal'>) =>
      done({ status: 'failed', failure: { ...failure, exitCode: r.exitCode ?? null, signal: r.signal ?? null, stderrTail: tail } });

    if (r.timedOut) return fail({ reason: 'timeout', message: `exceeded the ${job.limits.timeoutMs / 1000} s trial timeout` });
    if (outcome instanceof Error) return fail({ reason: 'invalid-output', message: outcome.message });
    if (outcome) {
      if (outcome.failure) outcome.failure = { ...outcome.failure, exitCode: r.exitCode ?? null, stderrTail: tail };
      return done(outcome);
    }
    if (HEAP_EXHAUSTED.test(tail)) return fail({ reason: 'memory', message: `ran out of heap (cap ${job.limits.memoryMb} MiB)` });
    if (r.signal) return fail({ reason: 'crash', message: `killed by ${r.signal}` });
    if (r.exitCode !== 0) return fail({ reason: 'exit', message: `exited with code ${r.exitCode} without reporting a result` });
    return fail({ reason: 'invalid-output', message: 'exited without writing a result' });
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
