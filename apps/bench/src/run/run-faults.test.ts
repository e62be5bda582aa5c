/**
 * Faults around a run (issue 17, acceptance 3): SIGKILL of `run` while a trial hangs leaves no trial process
 * alive (the child's watchdog sees its parent gone); a second run on a results folder in use is refused,
 * naming the holder, and the first run's results stay whole.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hostname } from 'node:os';
import { runSuite } from './run-suite.ts';
import { createBenchHost } from '../plugins/bench-host.ts';
import { InProcessRunner } from '../trial/in-process-runner.ts';
import { readResultLog } from '../store/jsonl-log.ts';
import { tempDir, writeSuite } from '../testing/suite-files.ts';
import { alive, HOSTILE_PLUGINS, waitFor } from '../testing/processes.ts';

const BIN = fileURLToPath(new URL('../../bin/transferbench.js', import.meta.url));

const leftovers: number[] = [];
afterAll(() => {
  for (const pid of leftovers) if (alive(pid)) process.kill(pid, 'SIGKILL');
});

describe('run faults', () => {
  it('SIGKILL of `run` during a hanging trial leaves no trial process alive', { timeout: 60_000 }, async () => {
    const dir = tempDir();
    const pidFile = join(dir, 'trial.pid');
    const timeoutSec = 60;
    const suiteFile = writeSuite(dir, {
      name: 'killed',
      datasets: [{ plugin: 'tiny-planted' }],
      estimators: [{ plugin: 'test-hangs', options: { pidFile } }],
      seeds: [1],
      truth: { source: 'planted' },
      engine: { name: 'none' },
      trial: { timeoutSec },
      plugins: [HOSTILE_PLUGINS],
    });
    const run = spawn(process.execPath, [BIN, 'run', suiteFile, '--out', join(dir, 'out'), '--concurrency', '1'], { stdio: 'ignore' });
    let trialPid = 0;
    try {
      await waitFor(() => existsSync(pidFile) && readFileSync(pidFile, 'utf8').length > 0, 30_000, 'the trial to start');
      trialPid = Number(readFileSync(pidFile, 'utf8'));
      leftovers.push(trialPid);
      expect(alive(trialPid)).toBe(true);
    } finally {
      run.kill('SIGKILL'); // the run only: its trial child is in a process group of its own
    }
    // the acceptance bound is the trial's timeout + 5 s; the watchdog needs about 0.1 s. Waiting at most 15 s, well
    // under the trial's 60 s timeout: the trial must end because its parent died, not because its timeout came
    await waitFor(() => !alive(trialPid), 15_000, `trial process ${trialPid} to end after its run was killed`);
    expect(alive(trialPid)).toBe(false);
  });

  it('a second run on a results folder in use is refused naming the holder; the first finishes whole', async () => {
    const dir = tempDir();
    const suiteFile = writeSuite(dir, {
      name: 'locked',
      datasets: [{ plugin: 'tiny-planted' }],
      estimators: [{ plugin: 'test-signal', options: { sleepMs: 400 } }],
      seeds: [1, 2, 3],
      truth: { source: 'planted' },
      engine: { name: 'none' },
    });
    const host = await createBenchHost();
    const out = join(dir, 'out');
    const first = runSuite({ suiteFile, out, runner: () => new InProcessRunner(host), log: () => {} });
    const runDir = () => (existsSync(out) && readdirSync(out).length ? join(out, readdirSync(out)[0]) : null);
    await waitFor(() => !!runDir() && existsSync(join(runDir()!, 'trials.jsonl')), 60_000, 'the first run to start');

    const second = await runSuite({ resume: runDir()!, runner: () => new InProcessRunner(host), log: () => {} }).then(
      () => null,
      (e: Error) => e,
    );
    expect(second?.message).toMatch(
      new RegExp(`is in use by process ${process.pid} on ${hostname()} \\(\`.*\`, since \\d{4}-\\d\\d-\\d\\dT.*\\): one run at a time`),
    );

    const done = await first;
    expect(done.status).toBe('complete');
    const log = readResultLog(join(done.dir, 'trials.jsonl'));
    expect(log.sessions).toHaveLength(1);
    const ok = log.history.filter((r) => r.status === 'ok').map((r) => r.id);
    expect(ok).toHaveLength(4);
    expect(new Set(ok).size).toBe(4); // nothing computed twice, no false failure
    expect(log.history.every((r) => r.status === 'ok')).toBe(true);
    // the lock went with the run: resuming now is allowed (and finds nothing to do)
    const again = await runSuite({ resume: done.dir, runner: () => new InProcessRunner(host), log: () => {} });
    expect(again).toMatchObject({ status: 'complete', skipped: 4, ran: 0 });
  });
});
