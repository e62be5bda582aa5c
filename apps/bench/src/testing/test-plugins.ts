/**
 * Purpose-built plugins for the bench's own tests (loaded with `--plugin` / a suite's `plugins:` like any
 * user plugin, so they exercise the real loading path in trial children):
 *   tiny-planted  — a small dataset with planted families and a control (instant to build)
 *   test-signal   — a deterministic estimator that finds the planted pairs (small p) and nothing else
 *   test-no-p     — effects without p-values
 *   test-oracle   — an oracle whose CIs reproduce the planted structure
 *   test-throws / test-sleeps / test-exits / test-oom — trials that fail in each way a trial can fail
 */
import { z } from 'zod';
import { appendFileSync, existsSync } from 'node:fs';
import {
  defineDataset,
  defineEstimator,
  squareMatrix,
  Rng,
  type EstimatorContext,
  type MultiTaskDataset,
  type TransferEstimate,
} from '@transferbench/core';

const tinyOptions = z.object({
  compounds: z.number().int().min(20).default(60),
  /** family sizes; then `independent` tasks, then `controls` */
  families: z.array(z.number().int().min(2)).default([3, 2]),
  independent: z.number().int().nonnegative().default(0),
  controls: z.number().int().nonnegative().default(1),
  seed: z.number().int().default(0),
  /** a data file that must exist (exercises the suite's missing-file check) */
  labelsFile: z.string().optional(),
  /** an existing file that gets a line per load (counts the loads) */
  loadCountFile: z.string().optional(),
});

export const tinyPlanted = defineDataset({
  meta: { name: 'tiny-planted', version: '1.0.0', description: 'tiny planted-family dataset for bench tests' },
  options: tinyOptions,
  async load(o) {
    if (o.labelsFile && !existsSync(o.labelsFile)) throw new Error(`tiny-planted: labelsFile ${o.labelsFile} not found`);
    if (o.loadCountFile) appendFileSync(o.loadCountFile, 'load\n');
    const family: (string | null)[] = [];
    o.families.forEach((n, f) => {
      for (let k = 0; k < n; k++) family.push(`F${f}`);
    });
    for (let k = 0; k < o.independent; k++) family.push(null);
    const controls: number[] = [];
    for (let k = 0; k < o.controls; k++) {
      controls.push(family.length);
      family.push(null);
    }
    const K = family.length,
      N = o.compounds,
      dim = 32;
    const rng = new Rng(o.seed).stream('tiny');
    const indptr = new Int32Array(N + 1);
    const idx: number[] = [];
    for (let r = 0; r < N; r++) {
      idx.push(r % 16, 16 + (r % 7));
      indptr[r + 1] = idx.length;
    }
    const labels = new Int8Array(N * K);
    for (let i = 0; i < labels.length; i++) labels[i] = rng.next() < 0.3 ? 1 : 0;
    for (let t = 0; t < K; t++) {
      labels[t] = 1;
      labels[K + t] = 0;
    } // both classes in every task
    const ds: MultiTaskDataset = {
      name: 'tiny-planted',
      tasks: family.map((g, t) => ({ id: `t${t}`, group: g })),
      samples: Array.from({ length: N }, (_, r) => ({ id: `c${r}` })),
      features: { indptr, indices: Int32Array.from(idx), dim },
      labels,
      meta: { source: 'test', planted: { family, controls, rho: 0.9 }, warnings: [], options: {} },
    };
    return ds;
  },
});

function planted(ctx: EstimatorContext, i: number, j: number): boolean {
  const p = ctx.dataset.meta.planted!;
  const f = p.family[i];
  return i !== j && f !== null && f === p.family[j] && !p.controls.includes(i) && !p.controls.includes(j);
}

function estimateOf(ctx: EstimatorContext, name: string, pairwise: TransferEstimate['pairwise']): TransferEstimate {
  return {
    estimator: { name, version: '1.0.0' },
    tasks: ctx.dataset.tasks.map((t) => t.id),
    unit: 'test units',
    pairwise,
    cost: { ...ctx.cost.snapshot(), samplePasses: 1000 * ctx.dataset.tasks.length },
    diagnostics: { warnings: [], fitFailures: 0, fitAttempts: 0, notes: [] },
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export const testSignal = defineEstimator({
  meta: { name: 'test-signal', version: '1.0.0', kind: 'statistical', description: 'finds planted pairs (p < 0.01), uniform p elsewhere' },
  options: z.object({ noise: z.number().nonnegative().default(0.3), sleepMs: z.number().int().nonnegative().default(0) }),
  async estimate(ctx, o) {
    if (o.sleepMs) await sleep(o.sleepMs);
    const rng = ctx.rng.stream('test-signal');
    const K = ctx.dataset.tasks.length;
    const effect = squareMatrix(K),
      pValue = squareMatrix(K);
    for (let i = 0; i < K; i++) {
      for (let j = 0; j < K; j++) {
        if (i === j) continue;
        const hit = planted(ctx, i, j);
        effect[i][j] = (hit ? 1 : 0) + rng.normal(0, o.noise);
        pValue[i][j] = hit ? rng.next() * 0.01 : rng.next();
      }
    }
    ctx.cost.addSamplePasses(123);
    return { ...estimateOf(ctx, 'test-signal', { effect, pValue }), details: { noise: o.noise } };
  },
});

export const testNoP = defineEstimator({
  meta: { name: 'test-no-p', version: '1.0.0', kind: 'computational', description: 'planted effects, no p-values' },
  options: z.object({}),
  async estimate(ctx) {
    const K = ctx.dataset.tasks.length;
    const effect = squareMatrix(K);
    for (let i = 0; i < K; i++) for (let j = 0; j < K; j++) if (i !== j) effect[i][j] = planted(ctx, i, j) ? 2 : ctx.rng.next() * 0.1;
    return estimateOf(ctx, 'test-no-p', { effect });
  },
});

export const testOracle = defineEstimator({
  meta: { name: 'test-oracle', version: '1.0.0', kind: 'oracle', description: 'CIs reproducing the planted structure' },
  options: z.object({ halfWidth: z.number().positive().default(0.005) }),
  async estimate(ctx, o) {
    const K = ctx.dataset.tasks.length;
    const effect = squareMatrix(K),
      lower = squareMatrix(K),
      upper = squareMatrix(K);
    for (let i = 0; i < K; i++) {
      for (let j = 0; j < K; j++) {
        if (i === j) continue;
        const e = planted(ctx, i, j) ? 0.05 : 0;
        effect[i][j] = e;
        lower[i][j] = e - o.halfWidth;
        upper[i][j] = e + o.halfWidth;
      }
    }
    return estimateOf(ctx, 'test-oracle', { effect, lower, upper });
  },
});

export const testThrows = defineEstimator({
  meta: { name: 'test-throws', version: '1.0.0', kind: 'computational', description: 'always throws' },
  options: z.object({ message: z.string().default('planted failure from test-throws') }),
  async estimate(_ctx, o) {
    throw new Error(o.message);
  },
});

export const testSleeps = defineEstimator({
  meta: { name: 'test-sleeps', version: '1.0.0', kind: 'computational', description: 'sleeps past any reasonable timeout' },
  options: z.object({ ms: z.number().int().positive().default(600_000) }),
  async estimate(_ctx, o) {
    await sleep(o.ms);
    throw new Error('test-sleeps woke up: the timeout did not fire');
  },
});

export const testExits = defineEstimator({
  meta: { name: 'test-exits', version: '1.0.0', kind: 'computational', description: 'exits the process with a non-zero code' },
  options: z.object({ code: z.number().int().min(1).max(255).default(3) }),
  async estimate(_ctx, o) {
    process.stderr.write('test-exits: leaving without a result\n');
    process.exit(o.code);
  },
});

export const testOom = defineEstimator({
  meta: { name: 'test-oom', version: '1.0.0', kind: 'computational', description: 'allocates until the heap cap' },
  options: z.object({}),
  async estimate() {
    const hoard: number[][] = [];
    for (;;) hoard.push(new Array(1 << 20).fill(1.5));
  },
});
