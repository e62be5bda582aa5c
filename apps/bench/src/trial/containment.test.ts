/**
 * What a trial is guaranteed (issue 17, "Containment"), with real child processes and hostile plugins
 * (src/testing/hostile-plugins.ts): memory outside the JS heap is stopped at the cap and recorded as
 * `memory`; a WebAssembly memory cannot grow past the cap; a timed-out trial's own sub-processes die with
 * it; a trial whose promise never settles says so; the other trials of the run go on.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TrialRecord } from '@transferbench/core';
import { runSuite } from '../run/run-suite.ts';
import { readResultLog } from '../store/jsonl-log.ts';
import { tempDir, writeSuite } from '../testing/suite-files.ts';
import { alive, HOSTILE_PLUGINS, waitFor } from '../testing/processes.ts';

const leftovers: number[] = [];
afterAll(() => {
  for (const pid of leftovers) if (alive(pid)) process.kill(pid, 'SIGKILL');
});

describe('trial containment', () => {
  // about 13 s on a quiet machine: 6 trial children, 2 at a time, one of them held to its 10 s timeout
  it(
    'stops off-heap and WebAssembly growth at the cap, kills a timed-out trial’s sub-processes, names a never-settling promise; the run goes on',
    { timeout: 90_000 },
    async () => {
      const dir = tempDir();
      const pidFile = join(dir, 'grandchild.pid');
      const suiteFile = writeSuite(dir, {
        name: 'containment',
        datasets: [{ plugin: 'tiny-planted' }],
        estimators: [
          // before issue 17 this one reached 3 GiB under a 384 MiB cap and finished "ok"
          { plugin: 'test-offheap', options: { limitMb: 3072 }, trial: { memoryMb: 384 } },
          { plugin: 'test-wasm-grow', trial: { memoryMb: 384 } },
          { plugin: 'test-spawns', options: { pidFile }, trial: { timeoutSec: 10 } },
          { plugin: 'test-never-settles' },
          { plugin: 'test-signal' },
        ],
        seeds: [1],
        truth: { source: 'planted' },
        engine: { name: 'none' },
        trial: { timeoutSec: 120, memoryMb: 1024 },
        plugins: [HOSTILE_PLUGINS],
      });
      const out = await runSuite({ suiteFile, out: join(dir, 'out'), concurrency: 2, log: () => {} });
      expect(out.status).toBe('complete');
      const log = readResultLog(join(out.dir, 'trials.jsonl'));
      const by = (name: string) => [...log.trials.values()].find((r) => r.job.estimator?.plugin === name) as TrialRecord;

      const offheap = by('test-offheap');
      expect(offheap.status).toBe('failed');
      expect(offheap.failure?.reason).toBe('memory');
      expect(offheap.failure?.message).toMatch(/resident memory \d+ MiB exceeded the trial's cap of 384 MiB/);
      expect(offheap.measures.peakRssMb).toBeLessThan(3072);

      const wasm = by('test-wasm-grow');
      expect(wasm.status).toBe('failed');
      // either the bounded memory refused to grow or the resident-memory cap stopped it: never GiBs past the cap
      expect(wasm.measures.peakRssMb).toBeLessThan(1500);

      const spawns = by('test-spawns');
      expect(spawns.failure?.reason).toBe('timeout');
      expect(existsSync(pidFile)).toBe(true);
      const grandchild = Number(readFileSync(pidFile, 'utf8'));
      leftovers.push(grandchild);
      // the group is killed as the trial ends; a signal takes a moment to land on a busy machine
      await waitFor(() => !alive(grandchild), 5000, `sub-process ${grandchild} of the timed-out trial to end`);

      const never = by('test-never-settles');
      expect(never.status).toBe('failed');
      expect(never.failure?.message).toMatch(/never settles/);

      expect(by('test-signal').status).toBe('ok');
      expect(out.summary?.trials).toMatchObject({ total: 6, ok: 2, failed: 4 });
    },
  );
});
