/**
 * Trial child process entry:
 *   `node --import tsx/esm --max-old-space-size=M child.ts <result-file> <parent-pid> <timeout-ms> <memory-mb>`
 * with the job as JSON on stdin. Starts its watchdog first (watchdog.ts: parent gone, resident-memory cap,
 * own deadline), then runs the trial in-process (same code as `transferbench estimate`) and writes the
 * outcome atomically (temp file + rename) to <result-file>; exit 0 when ok, 1 when the trial failed.
 * Anything the estimator prints goes to stdout/stderr and never mixes with the result. The heavy modules
 * are imported after the watchdog runs, so a parent that dies during start-up is noticed too.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
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

let outcome: TrialOutcome;
try {
  const [{ trialJobSchema }, { createBenchHost }, { executeTrial }] = await Promise.all([
    import('@transferbench/core'),
    import('../plugins/bench-host.ts'),
    import('./execute.ts'),
  ]);
  const job = trialJobSchema.parse(JSON.parse(readFileSync(0, 'utf8')));
  outcome = await executeTrial(job, await createBenchHost({ reporters: false }));
} catch (err) {
  // the job or the host could not even be set up
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  outcome = failedOutcome(err instanceof Error ? err.message : String(err));
}
write(outcome);
// exit explicitly: engine thread pools or timers must not keep a finished trial alive
process.exit(outcome.status === 'ok' ? 0 : 1);
