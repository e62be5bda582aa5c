import { describe, expect, it } from 'vitest';
import type { MultiTaskDataset, Split } from '@transferbench/core';
import { logisticTestFactory } from '../testing/logistic-model.ts';
import { testContext } from '../testing/context.ts';
import { gradientCosineEstimator } from './gradient-cosine.ts';

// Same tiny net as the TAG closed-form test: 2 bits, 1 hidden ReLU unit, 2 tasks.
const a0 = 0.5,
  a1 = 0.25,
  b1 = 0.125,
  u = [1.5, -2],
  c = [0.25, 0.5];
const features = { indptr: Int32Array.from([0, 1, 2, 4]), indices: Int32Array.from([0, 1, 0, 1]), dim: 2 };
const labels = Int8Array.from([1, 1, 0, -1, 1, 1]); // r0 = (1, 1), r1 = (0, missing), r2 = (1, 1)
const dataset: MultiTaskDataset = {
  name: 'tiny',
  tasks: [{ id: 'A' }, { id: 'B' }],
  samples: [{ id: 'r0' }, { id: 'r1' }, { id: 'r2' }],
  features,
  labels,
  meta: { source: 'test', warnings: [], options: {} },
};
const split: Split = { kind: 'random', seed: 0, train: Int32Array.from([0, 1, 2]), val: new Int32Array(0), test: new Int32Array(0) };

/** ∇_(a0, a1, b1) L_s by hand: Σ_r (σ(u_s h_r + c_s) − y_rs)/n_s · u_s · (∂h_r/∂a0, ∂h_r/∂a1, 1). */
function handGradient(s: number): number[] {
  const bitsOf = [
    [1, 0],
    [0, 1],
    [1, 1],
  ];
  const y = [
    [1, 1],
    [0, -1],
    [1, 1],
  ];
  const n = y.filter((r) => r[s] >= 0).length;
  const g = [0, 0, 0];
  bitsOf.forEach(([x0, x1], r) => {
    if (y[r][s] < 0) return;
    const h = a0 * x0 + a1 * x1 + b1;
    const e = ((1 / (1 + Math.exp(-(u[s] * h + c[s]))) - y[r][s]) / n) * u[s];
    g[0] += e * x0;
    g[1] += e * x1;
    g[2] += e;
  });
  return g;
}

describe('gradient-cosine estimator', () => {
  it('one probe at the initial weights gives the hand-computed cosine, symmetric', async () => {
    const ctx = testContext({
      dataset,
      split,
      models: logisticTestFactory({ W1: [a0, a1], b1: [b1], W2: u, b2: c }),
      modelDefaults: { hidden: 1, dropout: 0, learningRate: 0.1, maxEpochs: 1 },
    });
    const est = await gradientCosineEstimator.estimate(ctx, gradientCosineEstimator.options.parse({ replicates: 1, probeEvery: 1 }));
    const gA = handGradient(0),
      gB = handGradient(1);
    const dot = gA.reduce((acc, v, i) => acc + v * gB[i], 0);
    const cos = dot / (Math.hypot(...gA) * Math.hypot(...gB));
    expect(Math.abs((est.pairwise.effect[1][0] as number) - cos)).toBeLessThan(1e-6);
    expect(est.pairwise.effect[0][1]).toBe(est.pairwise.effect[1][0]);
    expect(est.pairwise.effect[0][0]).toBeNull();
    // contextual: with two tasks "all other tasks" is the other one
    expect(Math.abs((est.contextual!.effect[0] as number) - cos)).toBeLessThan(1e-6);
    expect(Math.abs((est.contextual!.effect[1] as number) - cos)).toBeLessThan(1e-6);
    expect(est.unit).toBe('cosine');
    expect(est.cost.probes).toBe(1);
    expect(est.cost.samplePasses).toBeCloseTo(3 + 2 * 3, 12); // training pass + 2 task gradients over 3 rows
  });
});
