/**
 * The bundled trial child (child-bundle.ts) computes what the source computes: every file the code opens
 * beside itself is in the bundle, core's entry has core's surface, and a trial run by the bundled child gives
 * the in-process estimate — with the fast engine's training workers (train-worker.mjs from the bundle), with a
 * user plugin in JavaScript (its `@transferbench/core` resolved to the bundle's) and in TypeScript (tsx).
 */
import { describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as core from '@transferbench/core';
import { makeTrialJob, type TrialJob, type TrialResult } from '@transferbench/core';
import { createBenchHost } from '../plugins/bench-host.ts';
import { RANDOM_ESTIMATOR, TEST_PLUGINS, tempDir } from '../testing/suite-files.ts';
import { childBundle } from './child-bundle.ts';
import { InProcessRunner } from './in-process-runner.ts';
import { LocalProcessRunner } from './local-runner.ts';

function job(dataset: TrialJob['dataset'], estimator: string, options: Record<string, unknown>, plugins: string[] = []): TrialJob {
  return makeTrialJob({
    kind: 'estimate',
    suiteHash: 'bundle-test',
    dataset,
    estimator: { id: estimator, plugin: estimator, budget: 'b', options },
    seed: 3,
    model: { hidden: 8, maxEpochs: 4, patience: 1 },
    engine: { name: 'fast' },
    plugins,
    limits: { timeoutMs: 120_000, memoryMb: 1024 },
  });
}

const synthetic = {
  id: 'synthetic',
  plugin: 'synthetic',
  options: { compounds: 300, dim: 256, labelsPerTask: 120, families: [2], controls: 1, testCompounds: 300 },
  split: { kind: 'holdout', seed: 0, valFraction: 0.2 },
};
const tiny = { id: 'tiny', plugin: 'tiny-planted', options: {}, split: {} };

/** the estimate without its cost (CPU and memory differ between processes; nothing else may) */
const statistics = (r: TrialResult) => {
  expect(r.failure?.message ?? r.status).toBe('ok');
  const { cost: _cost, ...rest } = r.estimate as Record<string, unknown>;
  return rest;
};

describe('bundled trial child', () => {
  it('holds every file its code opens beside itself, and its core entry exports core', async () => {
    const bundle = await childBundle();
    expect(await childBundle()).toBe(bundle);
    const opened = new Set<string>();
    for (const f of readdirSync(bundle.dir).filter((n) => n.endsWith('.mjs')))
      for (const m of readFileSync(join(bundle.dir, f), 'utf8').matchAll(/new URL\((["'`])\.\/([^"'`$]+)\1, import\.meta\.url\)/g))
        opened.add(m[2]);
    for (const name of ['kernels.wat', 'train-worker.mjs', 'watchdog-thread.mjs']) expect(opened).toContain(name);
    // (plugin-resolve-hook.mjs, core.mjs and zod.mjs are named through a helper in child.ts)
    for (const name of [...opened, 'plugin-resolve-hook.mjs', 'core.mjs', 'zod.mjs'])
      expect(existsSync(join(bundle.dir, name)), `${name} beside the bundle`).toBe(true);
    const bundledCore = (await import(pathToFileURL(join(bundle.dir, 'core.mjs')).href)) as Record<string, unknown>;
    expect(Object.keys(bundledCore).sort()).toEqual(Object.keys(core).sort());
  });

  it('keeps the eight most recently used bundles and any used within a day; removes the rest and abandoned builds', async () => {
    const root = join(tempDir(), 'bundles');
    const twoDaysAgo = new Date(Date.now() - 2 * 24 * 3600 * 1000);
    const made = (name: string, when: Date) => {
      mkdirSync(join(root, name), { recursive: true });
      utimesSync(join(root, name), when, when);
    };
    for (let i = 0; i < 10; i++) made(`old${i}`, new Date(twoDaysAgo.getTime() - i * 60_000));
    made('recent', new Date());
    made('.abandoned-build', twoDaysAgo);
    const bundle = await childBundle(root);
    expect(readdirSync(root).sort()).toEqual([bundle.codeHash, 'recent', ...Array.from({ length: 7 }, (_, i) => `old${i}`)].sort());
  });

  it('gives the in-process estimate: training workers, a JavaScript plugin, a TypeScript plugin', { timeout: 120_000 }, async () => {
    const jobs = [
      job(synthetic, 'learning-curve', { points: 4, replicates: 1, solo: 1, testBootstrap: 0, restarts: 0 }),
      job(synthetic, 'random', {}, [RANDOM_ESTIMATOR]),
      job(tiny, 'test-signal', {}, [TEST_PLUGINS]),
    ];
    const workers = process.env.TRANSFERBENCH_WORKERS;
    // the child inherits it: two training threads, so the bundle's train-worker.mjs runs
    process.env.TRANSFERBENCH_WORKERS = '2';
    try {
      const local = new LocalProcessRunner({ concurrency: 1, tmpDir: join(tempDir(), 'tmp') });
      const host = await createBenchHost({ reporters: false });
      for (const f of [RANDOM_ESTIMATOR, TEST_PLUGINS]) await host.addPluginFile(f);
      const inProcess = new InProcessRunner(host);
      const signal = new AbortController().signal;
      for (const j of jobs) {
        const bundled = await local.run(j, signal);
        expect(statistics(bundled), j.estimator?.plugin).toEqual(statistics(await inProcess.run(j, signal)));
      }
      // a bundle that cannot be built (its folder cannot be made): the trial runs from source, same numbers
      const blocked = join(tempDir(), 'a-file');
      writeFileSync(blocked, '');
      const fromSource = new LocalProcessRunner({ concurrency: 1, tmpDir: join(tempDir(), 'tmp'), bundleRoot: join(blocked, 'bundles') });
      expect(statistics(await fromSource.run(jobs[2], signal))).toEqual(statistics(await inProcess.run(jobs[2], signal)));
    } finally {
      if (workers === undefined) delete process.env.TRANSFERBENCH_WORKERS;
      else process.env.TRANSFERBENCH_WORKERS = workers;
    }
  });
});
