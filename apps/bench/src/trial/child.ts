/**
 * Trial child process entry:
 *   `node --max-old-space-size=M <bundle>/child.mjs <result-file> <parent-pid> <timeout-ms> <memory-mb>`
 * (child-bundle.ts; from source: `node --import tsx/esm … child.ts …`) with the job as JSON on stdin.
 * Environment: TRANSFERBENCH_TRIAL_BUNDLE=1 when it runs bundled; TRANSFERBENCH_PREPARED_DATA, the folder
 * where the session's trials share their prepared data (trial-data.ts). Starts its watchdog first (watchdog.ts:
 * parent gone, resident-memory cap, own deadline), then runs the trial in-process (same code as `transferbench estimate`) and writes the
 * outcome atomically (temp file + rename) to <result-file>; exit 0 when ok, 1 when the trial failed.
 * Anything the estimator prints goes to stdout/stderr and never mixes with the result. The heavy modules
 * are imported after the watchdog runs, so a parent that dies during start-up is noticed too.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { register } from 'node:module';
import type { TrialOutcome } from '@transferbench/core';
import { boundWebAssemblyMemory, startWatchdog } from './watchdog.ts';

const [resultFile, parentPid, timeoutMs, memoryMb] = process.argv.slice(2);
if (!resultFile || !(Number(parentPid) > 0) || !(Number(timeoutMs) > 0) || !(Number(memoryMb) > 0)) {
  process.stderr.write('usage: child.ts <result-file> <parent-pid> <timeout-ms> <memory-mb> < job.json\n');
  process.exit(2);
}
startWatchdog({ resultFile, parentPid: Number(parentPid), timeoutMs: Number(timeoutMs), memoryMb: Number(memoryMb) });
boundWebAssemblyMemory(Number(memoryMb));

const failedOutcome = (message: string): TrialOutcome => ({
  status: 'failed',
  failure: { reason: 'error', message },
  measures: { wallMs: null, cpuMs: null, setupMs: null, processCpuMs: null, peakRssMb: process.resourceUsage().maxRSS / 1024 },
  engine: null,
});

let written = false;
const write = (outcome: TrialOutcome) => {
  writeFileSync(`${resultFile}.tmp`, JSON.stringify(outcome));
  renameSync(`${resultFile}.tmp`, resultFile);
  written = true;
};
// Node ends a process whose top-level await can never settle with exit code 13 and no word: say why
process.on('exit', (code) => {
  // (Node 20 hands the handler 0 and sets process.exitCode to 13)
  if (!written && (code === 13 || process.exitCode === 13))
    write(
      failedOutcome(
        'the estimator returned a promise that never settles (nothing was left running that could settle it: exit code 13); make sure every code path resolves or rejects',
      ),
    );
});

/**
 * User plugins in a bundled child: their `@transferbench/core` and `zod` are the bundle's (plugin-resolve-hook.mjs),
 * and TypeScript plugin files load through tsx, as they do in a process that runs from source.
 */
async function resolvePluginsInBundle(files: string[]): Promise<void> {
  if (files.some((f) => /\.[cm]?tsx?$/i.test(f))) (await import('tsx/esm/api')).register();
  const beside = (name: string) => new URL(`./${name}`, import.meta.url).href;
  register(beside('plugin-resolve-hook.mjs'), { data: { '@transferbench/core': beside('core.mjs'), zod: beside('zod.mjs') } });
}

let outcome: TrialOutcome;
try {
  const [{ trialJobSchema }, { createBenchHost }, { executeTrial }] = await Promise.all([
    import('@transferbench/core'),
    import('../plugins/bench-host.ts'),
    import('./execute.ts'),
  ]);
  const job = trialJobSchema.parse(JSON.parse(readFileSync(0, 'utf8')));
  if (job.plugins.length && process.env.TRANSFERBENCH_TRIAL_BUNDLE) await resolvePluginsInBundle(job.plugins);
  outcome = await executeTrial(job, await createBenchHost({ reporters: false }), {
    preparedDataDir: process.env.TRANSFERBENCH_PREPARED_DATA || undefined,
  });
} catch (err) {
  // the job or the host could not even be set up
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  outcome = failedOutcome(err instanceof Error ? err.message : String(err));
}
write(outcome);

// exit explicitly: engine thread pools or timers must not keep a finished trial alive
process.exit(outcome.status === 'ok' ? 0 : 1);
