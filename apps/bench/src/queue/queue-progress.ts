/**
 * Progress for a queued run: the pool hands every trial to the QueueRunner at once, so "started" means
 * "queued". This adapter shows a trial as running only when a worker takes it (the runner's `onActive`),
 * and bases the ETA on the trial slots of the workers connected at the start.
 */
import type { TrialJob } from '@transferbench/core';
import type { Progress } from '../run/progress.ts';

export interface QueueProgress {
  progress: Progress;
  /** a worker took the trial */
  active(job: TrialJob): void;
  /** parallel trial slots for the ETA (the workers' total concurrency) */
  setSlots(n: number): void;
}

export function queueProgress(base: Progress): QueueProgress {
  let slots = 1;
  const finished = new Set<string>();
  return {
    progress: {
      start: (total, alreadyDone) => base.start(total, alreadyDone, slots),
      trialStarted: () => {},
      trialFinished: (job, result) => {
        finished.add(job.id);
        base.trialFinished(job, result);
      },
      stop: () => base.stop(),
    },
    active(job) {
      if (!finished.has(job.id)) base.trialStarted(job);
    },
    setSlots(n) {
      slots = Math.max(1, Math.round(n));
    },
  };
}
