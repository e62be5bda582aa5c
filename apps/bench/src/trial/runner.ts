/**
 * Where trials run is a choice behind this interface: the local pool of child processes now, a job
 * queue (BullMQ workers) later. A runner takes a self-contained job and returns its result; failures of
 * the trial itself (throws, crashes, timeouts) are results, not exceptions. Only an interruption of the
 * whole run (Ctrl-C) rejects, with `TrialInterrupted`, so the trial is left missing and re-run on resume.
 */
import type { TrialJob, TrialResult } from '@transferbench/core';

export interface TrialRunner {
  /** e.g. `local-process` */
  readonly name: string;
  /** how many trials the scheduler may hand it at once */
  readonly concurrency: number;
  /** how trials are scheduled, for the run's log line (default: `<concurrency> at a time`) */
  readonly scheduling?: string;
  run(job: TrialJob, signal: AbortSignal): Promise<TrialResult>;
  close?(): Promise<void>;
}

export class TrialInterrupted extends Error {
  constructor(readonly trialId: string) {
    super(`trial ${trialId} interrupted`);
    this.name = 'TrialInterrupted';
  }
}
