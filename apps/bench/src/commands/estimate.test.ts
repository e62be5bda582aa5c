/** `transferbench estimate`: one trial in-process through the CLI, same numbers as a benchmark trial. */
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { makeTrialJob, transferEstimateSchema } from '@transferbench/core';
import { createBenchHost } from '../plugins/bench-host.ts';
import { executeTrial } from '../trial/execute.ts';
import { TEST_PLUGINS } from '../testing/suite-files.ts';

const BIN = fileURLToPath(new URL('../../bin/transferbench.js', import.meta.url));
const cli = (...args: string[]) =>
  execa(process.execPath, [BIN, 'estimate', '--plugin', TEST_PLUGINS, '--dataset', 'tiny-planted', '--engine', 'none', ...args], {
    reject: false,
  });

describe('transferbench estimate', () => {
  it('prints the TransferEstimate of one trial, equal to the benchmark trial with the same seed', async () => {
    const r = await cli('--estimator', 'test-signal', '--opt', 'noise=0.2', '--data-opt', 'compounds=40', '--seed', '4', '--json');
    expect(r.exitCode, r.stderr).toBe(0);
    const est = transferEstimateSchema.parse(JSON.parse(r.stdout));
    expect(est.tasks).toEqual(['t0', 't1', 't2', 't3', 't4', 't5']);

    const host = await createBenchHost();
    await host.addPluginFile(TEST_PLUGINS);
    const job = makeTrialJob({
      kind: 'estimate',
      suiteHash: 'x',
      seed: 4,
      model: {},
      engine: { name: 'none' },
      plugins: [],
      limits: { timeoutMs: 1e6, memoryMb: 512 },
      dataset: { id: 'd', plugin: 'tiny-planted', options: { compounds: 40 }, split: {} },
      estimator: { id: 'e', plugin: 'test-signal', budget: 'b', options: { noise: 0.2 } },
    });
    const trial = await executeTrial(job, host, { log: () => {} });
    expect(trial.estimate?.pairwise).toEqual(est.pairwise);
  });

  it('fails with the option path and expected form for a bad option', async () => {
    const r = await cli('--estimator', 'test-signal', '--opt', 'noise=loud');
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/invalid options for estimator "test-signal":\n✖ .*expected number, received string\n {2}→ at noise/);
    expect(r.stderr).not.toMatch(/\n\s+at /); // the message is the whole story: no stack trace
  });
});
