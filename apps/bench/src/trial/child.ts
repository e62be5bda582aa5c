/**
 * Trial child process entry: `node --import tsx --max-old-space-size=M child.ts <result-file>` with the
 * job as JSON on stdin. Runs the trial in-process (same code as `transferbench estimate`) and writes the
 * outcome atomically (temp file + rename) to <result-file>; exit 0 when ok, 1 when the trial failed.
 * Anything the estimator prints goes to stdout/stderr and never mixes with the result.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { trialJobSchema, type TrialOutcome } from '@transferbench/core';
import { createBenchHost } from '../plugins/bench-host.ts';
import { executeTrial } from './execute.ts';

const resultFile = process.argv[2];
if (!resultFile) {
  process.stderr.write('usage: child.ts <result-file> < job.json\n');
  process.exit(2);
}

let outcome: TrialOutcome;
try {
  const job = trialJobSchema.parse(JSON.parse(readFileSync(0, 'utf8')));
  outcome = await executeTrial(job, await createBenchHost({ reporters: false }));
} catch (err) {
  // the job or the host could not even be set up
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  outcome = {
    status: 'failed',
    failure: { reason: 'error', message: err instanceof Error ? err.message : String(err) },
    measures: { wallMs: null, cpuMs: null, setupMs: null, processCpuMs: null, peakRssMb: process.resourceUsage().maxRSS / 1024 },
    engine: null,
  };
}
writeFileSync(`${resultFile}.tmp`, JSON.stringify(outcome));
renameSync(`${resultFile}.tmp`, resultFile);
// exit explicitly: engine thread pools or timers must not keep a finished trial alive
process.exit(outcome.status === 'ok' ? 0 : 1);
