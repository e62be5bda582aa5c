/**
 * The learning-curve estimator on the fast engine and on tfjs (wasm) agrees: same seeds → same design,
 * same subsamples and same initial weights (core initialWeights), so every run's test AUC and the fitted
 * effects must match to float32-training tolerance (issue 8, acceptance 2: "same effects to statistical
 * tolerance"). A tiny case (small net, few epochs) keeps tfjs affordable.
 */
import { describe, expect, it } from 'vitest';
import { generateSynthetic, makeSplit } from '@transferbench/datasets';
import { loadEngine } from '@transferbench/models';
import type { TransferEstimate } from '@transferbench/core';
import { testContext } from '../testing/context.ts';
import { learningCurveEstimator } from './learning-curve.ts';
import type { CurveRun } from './design-fits.ts';

async function run(engine: string): Promise<TransferEstimate> {
  const dataset = generateSynthetic({ compounds: 400, dim: 256, families: [2], independent: 0, controls: 1, labelsPerTask: 300, seed: 3 });
  const split = makeSplit(dataset, { kind: 'random', seed: 3 });
  const models = await loadEngine(engine);
  const ctx = testContext({ dataset, split, models, seed: 5, modelDefaults: { hidden: 16, maxEpochs: 4, patience: 10, dropout: 0 } });
  const options = learningCurveEstimator.options.parse({
    points: 15,
    replicates: 1,
    testBootstrap: 0,
    fTests: false,
    restarts: 2,
    minResidualDf: 3,
  });
  return learningCurveEstimator.estimate(ctx, options);
}

describe('learning-curve: fast engine vs tfjs', () => {
  it('gives the same learning-curve points and effects', async () => {
    const fast = await run('fast');
    const tfjs = await run('tfjs');
    expect(fast.engine?.name).toBe('fast');
    expect(tfjs.engine?.name).toBe('tfjs');
    const pf = fast.details!.points as CurveRun[];
    const pt = tfjs.details!.points as CurveRun[];
    expect(pf.map((p) => p.counts)).toEqual(pt.map((p) => p.counts));
    expect(pf.map((p) => p.epochs)).toEqual(pt.map((p) => p.epochs));
    pf.forEach((p, r) => p.metric.forEach((m, t) => expect(Math.abs(m! - pt[r].metric[t]!), `run ${r} task ${t}`).toBeLessThan(2e-3)));
    // effects: same sign and within a small fraction of their standard error
    const K = fast.tasks.length;
    expect(fast.pairwise.effect.flat().filter((v) => v !== null)).toHaveLength(K * (K - 1));
    for (let i = 0; i < K; i++)
      for (let j = 0; j < K; j++) {
        const a = fast.pairwise.effect[i][j],
          b = tfjs.pairwise.effect[i][j];
        if (i === j) continue;
        expect(a === null, `effect[${i}][${j}] estimated by one engine only`).toBe(b === null);
        if (a === null || b === null) continue;
        const se = fast.pairwise.se?.[i][j] ?? Math.abs(a);
        expect(Math.abs(a - b), `effect[${i}][${j}]: fast ${a}, tfjs ${b}, se ${se}`).toBeLessThan(0.1 * se + 1e-9);
      }
    fast.contextual!.effect.forEach((a, i) => {
      const b = tfjs.contextual!.effect[i];
      if (a === null || b === null) return expect(a).toBe(b);
      expect(Math.abs(a - b)).toBeLessThan(0.1 * (fast.contextual!.se?.[i] ?? Math.abs(a)) + 1e-9);
    });
  });
});
