/**
 * What `transferbench run --queue <url>` adds to a run: connects first (an unreachable Redis fails here,
 * before a results folder exists), then supplies the runner and the progress adapter for `runSuite`,
 * and after the run explains what happened to queued trials. Lazily imported by commands/run.ts.
 */
import type { TrialJob } from '@transferbench/core';
import type { Progress } from '../run/progress.ts';
import type { RunOutcome } from '../run/run-suite.ts';
import type { TrialRunner } from '../trial/runner.ts';
import { readResultLog } from '../store/jsonl-log.ts';
import { resultFiles } from '../store/results-dir.ts';
import { QueueRunner } from './queue-runner.ts';
import { queueProgress } from './queue-progress.ts';

export interface Coordination {
  runner(): TrialRunner;
  progress: Progress;
  /** notes and exit code after the run */
  afterRun(outcome: RunOutcome): void;
  close(): Promise<void>;
}

export interface CoordinateOptions {
  progress: Progress;
  /** Redis was lost for good: stop the run (it stays resumable) */
  onFatal(err: Error): void;
  /** `--resume <dir>`: trials recorded there need no job in Redis any more */
  resumeDir?: string;
  /** `--concurrency` was given: it has no effect on a queued run */
  concurrencyGiven?: boolean;
  log?(line: string): void;
}

export async function coordinate(url: string, opts: CoordinateOptions): Promise<Coordination> {
  const log = opts.log ?? ((l: string) => process.stderr.write(`${l}\n`));
  const qp = queueProgress(opts.progress);
  let fatal: Error | null = null;
  const runner = await QueueRunner.open(url, {
    log,
    onActive: (job: TrialJob) => qp.active(job),
    onFatal: (err) => {
      fatal = err;
      log(`stopping the run: ${err.message}`);
      opts.onFatal(err);
    },
  });
  if (opts.resumeDir) {
    const file = resultFiles(opts.resumeDir).trials;
    runner.forgetOnClose([...readResultLog(file).trials.values()].filter((r) => r.status === 'ok').map((r) => r.id));
  }
  const { workers, slots } = await runner.workerSlots().catch(() => ({ workers: 0, slots: 1 }));
  qp.setSlots(slots);
  log(
    `queue ${runner.target.display}: ${workers} worker(s) connected now (${slots} trial slot(s))${workers ? '' : '; trials wait until workers connect (`transferbench worker --queue <url>`)'}`,
  );
  if (opts.concurrencyGiven) log('note: --concurrency has no effect with --queue; each worker has its own --concurrency');
  return {
    runner: () => runner,
    progress: qp.progress,
    afterRun(outcome) {
      if (outcome.status !== 'interrupted') return;
      log(
        `trials already queued stay in the queue and workers go on with them; to collect them (and run what is missing):\n  transferbench run --resume ${outcome.dir} --queue <url>`,
      );
      if (fatal) process.exitCode = 1;
    },
    close: () => runner.close(),
  };
}
