/**
 * Hands jobs to a runner, at most `runner.concurrency` at a time, until all are done or the signal
 * aborts. A runner error that is not an interruption (a bug, a spawn failure) becomes a failed result,
 * so one broken trial never stops the run.
 */
import type { TrialJob, TrialResult } from '@transferbench/core';
import { TrialInterrupted, type TrialRunner } from '../trial/runner.ts';

export interface PoolHooks {
  onStart?(job: TrialJob): void;
  onResult(job: TrialJob, result: TrialResult): void;
}

export async function runPool(jobs: readonly TrialJob[], runner: TrialRunner, signal: AbortSignal, hooks: PoolHooks): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (!signal.aborted && next < jobs.length) {
      const job = jobs[next++];
      hooks.onStart?.(job);
      const startedAt = new Date().toISOString();
      const t0 = performance.now();
      let result: TrialResult;
      try {
        result = await runner.run(job, signal);
      } catch (err) {
        if (err instanceof TrialInterrupted || signal.aborted) continue;
        result = {
          id: job.id,
          status: 'failed',
          failure: { reason: 'error', message: `runner ${runner.name}: ${err instanceof Error ? err.message : String(err)}` },
          measures: { wallMs: null, cpuMs: null, setupMs: null, processCpuMs: null, peakRssMb: null, runnerWallMs: performance.now() - t0 },
          engine: null,
          runner: runner.name,
          startedAt,
          finishedAt: new Date().toISOString(),
        };
      }
      hooks.onResult(job, result);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(runner.concurrency, jobs.length)) }, worker));
}
