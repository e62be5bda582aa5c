/**
 * Runs trials in the calling process, one at a time: no isolation (a crash takes the run down, a hang
 * has no timeout, CPU and RSS are the whole process's), but no process start-up either. For tests and
 * debugging; benchmarks use the LocalProcessRunner. Same `executeTrial` as the child.
 */
import type { TrialJob, TrialResult } from '@transferbench/core';
import type { PluginHost } from '../plugins/host.ts';
import { executeTrial } from './execute.ts';
import { TrialInterrupted, type TrialRunner } from './runner.ts';

export class InProcessRunner implements TrialRunner {
  readonly name = 'in-process';
  readonly concurrency = 1;

  constructor(
    private readonly host: PluginHost,
    private readonly log: (m: string) => void = () => {},
  ) {}

  async run(job: TrialJob, signal: AbortSignal): Promise<TrialResult> {
    if (signal.aborted) throw new TrialInterrupted(job.id);
    const startedAt = new Date().toISOString();
    const t0 = performance.now();
    const outcome = await executeTrial(job, this.host, { signal, log: this.log });
    return {
      id: job.id,
      status: outcome.status,
      ...(outcome.estimate ? { estimate: outcome.estimate } : {}),
      ...(outcome.failure ? { failure: outcome.failure } : {}),
      ...(outcome.datasetInfo ? { datasetInfo: outcome.datasetInfo } : {}),
      measures: { ...outcome.measures, runnerWallMs: performance.now() - t0 },
      engine: outcome.engine,
      runner: this.name,
      startedAt,
      finishedAt: new Date().toISOString(),
    };
  }
}
