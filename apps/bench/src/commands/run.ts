/**
 * `transferbench run [suite] [--resume dir [--allow-code-change]] [--plugin file]... [--concurrency N] [--out dir] [--estimators a,b] [--datasets a,b] [--queue url] [--study-report dir [--statistical id] [--computational id]]`
 * Without a suite: the default suite (apps/bench/suites/default.yaml). Ctrl-C stops cleanly (second Ctrl-C
 * quits at once); the exit code is 130 after an interruption, 0 when the run completed (failed trials are
 * recorded results), 1 when the suite is invalid. `--study-report` makes a study one command: when the run
 * completes, its folder's study report is written as `transferbench study-report <folder> --out dir` would.
 */
import type { Command } from 'commander';
import { z } from 'zod';
import { displayDir, runSuite } from '../run/run-suite.ts';
import { createProgress } from '../run/progress.ts';
import { collect } from './key-values.ts';
import { claimMethods, writeStudyReport } from './study-report.ts';
import type { Coordination } from '../queue/coordinate.ts';

const optionsSchema = z.object({
  resume: z.string().min(1).optional(),
  plugin: z.array(z.string().min(1)).default([]),
  concurrency: z.coerce
    .number({ error: '--concurrency: expected a whole number ≥ 1' })
    .int('--concurrency: expected a whole number ≥ 1')
    .positive('--concurrency: expected a whole number ≥ 1')
    .optional(),
  out: z.string().min(1).optional(),
  estimators: z.string().min(1).optional(),
  datasets: z.string().min(1).optional(),
  queue: z.string().min(1).optional(),
  allowCodeChange: z.boolean().default(false),
  studyReport: z.string().min(1).optional(),
  statistical: z.string().min(1).optional(),
  computational: z.string().min(1).optional(),
});

const ids = (list: string | undefined) =>
  list
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);

export function registerRun(program: Command): void {
  program
    .command('run')
    .description('run a benchmark suite (default: the built-in synthetic suite) and write results + leaderboard')
    .argument('[suite]', 'suite file (.yaml, .json, .ts/.js); relative paths inside resolve against its folder, then the working directory')
    .option(
      '--resume <dir>',
      'continue a run: re-run only its missing and failed trials (refused when the code changed since its trials ran)',
    )
    .option(
      '--allow-code-change',
      'with --resume: continue even though earlier trials were computed by other code (the reports state the mix)',
    )
    .option('--plugin <file>', 'load a plugin module (repeatable); its estimators join the suite', collect, [])
    .option('--concurrency <n>', 'trials in parallel (default: cores − 1, at least 1)')
    .option('--out <dir>', "results root (default: the suite's output, ./results)")
    .option('--estimators <ids>', 'run only these estimator ids (comma-separated)')
    .option(
      '--datasets <ids>',
      "run only these dataset ids (comma-separated; a `folds: each` entry's id stands for its folds): a part of a study too big for one sitting, same suite hash",
    )
    .option(
      '--queue <url>',
      'run the trials on `transferbench worker`s through Redis: redis://[user@]host[:port][/db] (rediss:// for TLS); the password from $TRANSFERBENCH_QUEUE_PASSWORD (kept off the command line)',
    )
    .option(
      '--study-report <dir>',
      'when the run completes, write its study report there (as `transferbench study-report`; e.g. docs/studies/kiba)',
    )
    .option('--statistical <estimator>', "with --study-report: the claim's statistical method (default learning-curve)")
    .option('--computational <estimator>', "with --study-report: the claim's computational baseline (default tag)")
    .action(async (suite: string | undefined, raw: unknown) => {
      const parsed = optionsSchema.safeParse(raw);
      if (!parsed.success) throw new Error(parsed.error.issues.map((i) => i.message).join('; '));
      const o = parsed.data;
      if (o.allowCodeChange && !o.resume) throw new Error('--allow-code-change only applies with --resume <dir>');
      if ((o.statistical || o.computational) && !o.studyReport)
        throw new Error('--statistical and --computational only apply with --study-report <dir>');
      const ac = new AbortController();
      const onSignal = () => {
        if (ac.signal.aborted) process.exit(130);
        process.stderr.write('\nstopping: finished trials are kept, running ones are killed (Ctrl-C again to quit at once)\n');
        ac.abort();
      };
      process.on('SIGINT', onSignal);
      process.on('SIGTERM', onSignal);
      let queued: Coordination | null = null;
      try {
        // bullmq is loaded only for --queue; an unreachable Redis fails here, before any results folder exists
        if (o.queue)
          queued = await (
            await import('../queue/coordinate.ts')
          ).coordinate(o.queue, {
            progress: createProgress(),
            onFatal: () => ac.abort(),
            resumeDir: o.resume,
            concurrencyGiven: o.concurrency !== undefined,
          });
        const outcome = await runSuite({
          suiteFile: suite,
          resume: o.resume,
          allowCodeChange: o.allowCodeChange,
          plugins: o.plugin,
          concurrency: o.concurrency,
          out: o.out,
          estimators: ids(o.estimators),
          datasets: ids(o.datasets),
          signal: ac.signal,
          // the claim's methods are checked before hours of trials, not after
          ...(o.studyReport ? { checkEstimators: (ids: string[]) => void claimMethods(o, ids, 'runs in this suite') } : {}),
          progress: queued?.progress ?? createProgress(),
          ...(queued ? { runner: queued.runner } : {}),
        });
        if (outcome.status === 'interrupted') process.exitCode = 130;
        else {
          // failed trials are results (reasons in summary.json / the leaderboard), not a failed run
          const failed = outcome.summary?.trials.failed ?? 0;
          if (failed) process.stderr.write(`note: ${failed} trial(s) failed; reasons in ${outcome.dir}/summary.json and the leaderboard\n`);
          process.stdout.write(`${outcome.dir}\n`);
        }
        queued?.afterRun(outcome);
        if (o.studyReport && outcome.status !== 'interrupted') {
          const { statistical, computational } = o;
          const { files } = await writeStudyReport({ dirs: [displayDir(outcome.dir)], out: o.studyReport, statistical, computational });
          for (const f of files) process.stdout.write(`${displayDir(f)}\n`);
        }
      } finally {
        await queued?.close();
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
      }
    });
}
