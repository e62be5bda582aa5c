/**
 * Plugins that misbehave on purpose, for the containment tests and the bad-input corpus (loaded with
 * `--plugin` / a suite's `plugins:` like any user plugin, so trial children load them the real way):
 *   test-bad-output   — an estimate with one planted defect (`defect` option: p-value −5 or 1.5, a duplicated
 *                       task id, a contextual vector of the wrong length, NaN or Infinity in it)
 *   test-offheap      — grows memory outside the JS heap (Buffers), `mbPerStep` at a time, until stopped
 *   test-wasm-grow    — grows a WebAssembly.Memory page block by block until it cannot
 *   test-spawns       — starts a sub-process (a sleeping node), writes its pid to `pidFile`, then hangs
 *   test-hangs        — writes its own pid to `pidFile`, then never returns (a timer keeps it alive)
 *   test-never-settles — returns a promise nothing can settle (Node ends the process with exit code 13)
 *   test-checked      — a pre-flight `check` that refuses `fraction` > 0.5 for the data at hand
 *   test-bad-data     — a dataset whose contents fail validation (`problem` option) or whose loader throws
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { z } from 'zod';
import {
  defineDataset,
  defineEstimator,
  InvalidOptionsError,
  squareMatrix,
  type EstimatorContext,
  type TransferEstimate,
} from '@transferbench/core';
import { tinyPlanted } from './test-plugins.ts';

function nullEstimate(ctx: EstimatorContext, name: string): TransferEstimate {
  const K = ctx.dataset.tasks.length;
  const effect = squareMatrix(K, 0);
  const pValue = squareMatrix(K, 0.5);
  return {
    estimator: { name, version: '1.0.0' },
    tasks: ctx.dataset.tasks.map((t) => t.id),
    unit: 'test units',
    pairwise: { effect, pValue },
    cost: ctx.cost.snapshot(),
    diagnostics: { warnings: [], fitFailures: 0, fitAttempts: 0, notes: [] },
  };
}

const defects = [
  'none',
  'p-negative',
  'p-above-one',
  'duplicate-task',
  'contextual-length',
  'contextual-nan',
  'contextual-infinity',
] as const;

export const testBadOutput = defineEstimator({
  meta: { name: 'test-bad-output', version: '1.0.0', kind: 'statistical', description: 'an estimate with one planted defect' },
  options: z.object({ defect: z.enum(defects).default('none') }).strict(),
  async estimate(ctx, o) {
    const est = nullEstimate(ctx, 'test-bad-output');
    const K = est.tasks.length;
    const contextual = (v: number) => ({ effect: Array.from({ length: K }, (_, i) => (i === 1 ? v : 0.1)) });
    switch (o.defect) {
      case 'p-negative':
        est.pairwise.pValue![0][1] = -5;
        break;
      case 'p-above-one':
        est.pairwise.pValue![1][0] = 1.5;
        break;
      case 'duplicate-task':
        est.tasks[K - 1] = est.tasks[0];
        break;
      case 'contextual-length':
        est.contextual = { effect: new Array(K - 1).fill(0.1) };
        break;
      case 'contextual-nan':
        est.contextual = contextual(Number.NaN);
        break;
      case 'contextual-infinity':
        est.contextual = contextual(Number.POSITIVE_INFINITY);
        break;
      case 'none':
        est.contextual = contextual(0.2);
    }
    return est;
  },
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export const testOffheap = defineEstimator({
  meta: { name: 'test-offheap', version: '1.0.0', kind: 'computational', description: 'grows memory outside the JS heap' },
  options: z.object({ mbPerStep: z.number().int().positive().default(32), limitMb: z.number().int().positive().default(8192) }).strict(),
  async estimate(ctx, o) {
    const hoard: Buffer[] = [];
    // synchronous, like a native or WebAssembly kernel: the trial's own thread never yields to a timer
    for (let mb = 0; mb < o.limitMb; mb += o.mbPerStep) hoard.push(Buffer.alloc(o.mbPerStep * 1024 * 1024, 1));
    return { ...nullEstimate(ctx, 'test-offheap'), details: { held: hoard.length } };
  },
});

export const testWasmGrow = defineEstimator({
  meta: { name: 'test-wasm-grow', version: '1.0.0', kind: 'computational', description: 'grows a WebAssembly memory until refused' },
  options: z.object({ pagesPerStep: z.number().int().positive().default(256) }).strict(),
  async estimate(_ctx, o) {
    const memory = new WebAssembly.Memory({ initial: 1 });
    for (;;) {
      memory.grow(o.pagesPerStep);
      new Uint8Array(memory.buffer).fill(1, memory.buffer.byteLength - o.pagesPerStep * 65536); // touch the pages
    }
  },
});

export const testSpawns = defineEstimator({
  meta: { name: 'test-spawns', version: '1.0.0', kind: 'computational', description: 'starts a sub-process, then hangs' },
  options: z.object({ pidFile: z.string() }).strict(),
  async estimate(_ctx, o) {
    const sub = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 600000)'], { stdio: 'ignore' });
    writeFileSync(o.pidFile, String(sub.pid));
    await sleep(600_000);
    throw new Error('test-spawns woke up: the timeout did not fire');
  },
});

export const testHangs = defineEstimator({
  meta: { name: 'test-hangs', version: '1.0.0', kind: 'computational', description: 'writes its pid, then never returns' },
  options: z.object({ pidFile: z.string() }).strict(),
  async estimate(_ctx, o) {
    writeFileSync(o.pidFile, String(process.pid));
    await sleep(600_000);
    throw new Error('test-hangs woke up');
  },
});

export const testNeverSettles = defineEstimator({
  meta: { name: 'test-never-settles', version: '1.0.0', kind: 'computational', description: 'a promise nothing can settle' },
  options: z.object({}).strict(),
  estimate: () => new Promise<TransferEstimate>(() => {}),
});

export const testChecked = defineEstimator({
  meta: { name: 'test-checked', version: '1.0.0', kind: 'statistical', description: 'a pre-flight check on its option' },
  options: z.object({ fraction: z.number().positive().max(1).default(0.2) }).strict(),
  check(input, o) {
    const labels = Math.floor(input.dataset.samples.length * o.fraction);
    if (o.fraction > 0.5)
      throw new InvalidOptionsError(
        `option "fraction": ${o.fraction} would hold out ${labels} of ${input.dataset.samples.length} samples; expected at most 0.5`,
      );
  },
  async estimate(ctx) {
    return nullEstimate(ctx, 'test-checked');
  },
});

export const testBadData = defineDataset({
  meta: { name: 'test-bad-data', version: '1.0.0', description: 'a dataset with bad contents' },
  options: z.object({ problem: z.enum(['labels', 'throws']).default('labels') }).strict(),
  async load(o, env) {
    if (o.problem === 'throws') throw new Error('test-bad-data: row 7 of the planted file has 3 columns; expected 5');
    const ds = await tinyPlanted.load(tinyPlanted.options.parse({}), env);
    return { ...ds, name: 'test-bad-data', labels: ds.labels.subarray(1) };
  },
});
