/**
 * `transferbench worker --queue redis://host:port[/db] [--concurrency N] [--cache-dir dir]`
 * Pulls trials queued by `transferbench run --queue …` and runs each in its own child process (timeout,
 * heap cap) exactly as a local run does; results go back through Redis to the coordinator, which is the
 * only writer of the results folder. Runs until stopped: Ctrl-C / SIGTERM kills running trials and puts
 * them back in the queue (a second Ctrl-C quits at once). Exit code 2: the worker refused a trial queued
 * by a different version of the code. bullmq is imported only here and in `run --queue`.
 */
import type { Command } from 'commander';
import { z } from 'zod';

const whole = (flag: string, min: number) =>
  z.coerce
    .number({ error: `${flag}: expected a whole number ≥ ${min}` })
    .int(`${flag}: expected a whole number ≥ ${min}`)
    .min(min, `${flag}: expected a whole number ≥ ${min}`);

const optionsSchema = z.object({
  queue: z.string({ error: '--queue <url> is required: redis://host:port[/db]' }).min(1),
  concurrency: whole('--concurrency', 1).optional(),
  cacheDir: z.string().min(1).optional(),
  lockDuration: whole('--lock-duration', 500).optional(),
  stalledInterval: whole('--stalled-interval', 200).optional(),
  maxStalled: whole('--max-stalled', 0).optional(),
});

export function registerWorker(program: Command): void {
  program
    .command('worker')
    .description('run trials queued by `transferbench run --queue` (on this or any machine with the same checkout)')
    .requiredOption(
      '--queue <url>',
      'Redis URL: redis://[user@]host[:port][/db], rediss://… for TLS; the password from $TRANSFERBENCH_QUEUE_PASSWORD (kept off the command line)',
    )
    .option('--concurrency <n>', 'trials at once, each in its own process (default: cores − 1, at least 1)')
    .option('--cache-dir <dir>', 'dataset/estimator cache on this machine (default ./.cache/transferbench)')
    .option('--lock-duration <ms>', 'a trial whose worker stops renewing its lock this long is given to another worker', '30000')
    .option('--stalled-interval <ms>', 'how often to look for trials of dead workers', '30000')
    .option('--max-stalled <n>', 'times a trial may lose its worker before it is recorded as failed', '2')
    .action(async (raw: unknown) => {
      const parsed = optionsSchema.safeParse(raw);
      if (!parsed.success) throw new Error(parsed.error.issues.map((i) => i.message).join('; '));
      const o = parsed.data;
      const { TrialWorker } = await import('../queue/queue-worker.ts');
      const worker = await TrialWorker.start(o.queue, {
        concurrency: o.concurrency,
        cacheDir: o.cacheDir,
        lockDurationMs: o.lockDuration,
        stalledIntervalMs: o.stalledInterval,
        maxStalled: o.maxStalled,
      });
      let stopping = false;
      const onSignal = () => {
        if (stopping) process.exit(130);
        stopping = true;
        process.stderr.write('stopping: running trials go back to the queue (Ctrl-C again to quit at once)\n');
        void worker.stop();
      };
      process.on('SIGINT', onSignal);
      process.on('SIGTERM', onSignal);
      const exit = await worker.done;
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      if (exit.code !== 0) {
        process.stderr.write(`transferbench worker: ${exit.message ?? `stopped with code ${exit.code}`}\n`);
        process.exitCode = exit.code;
      }
    });
}
