/**
 * The fast engine against the tfjs engine (the reference implementation with autodiff and tfjs'
 * own Adam): same initial weights, same batches, same dropout masks → same losses, weights,
 * per-task shared gradients and lookahead steps, to float32 tolerance.
 */
import { describe, expect, it } from 'vitest';
import type { MultiTaskModel } from '@transferbench/core';
import { loadEngine } from '../index.ts';
import { inOrderBatches, syntheticFingerprints } from './synthetic.ts';

const N = 256,
  D = 128,
  K = 4,
  H = 16,
  B = 32;
const data = syntheticFingerprints(N, D, K, 0.06, 3);
const batches = inOrderBatches(N, K, data.labels, B);

const maxAbsDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
};

function expectSameWeights(a: MultiTaskModel, b: MultiTaskModel, tol: number) {
  const wa = a.getWeights(),
    wb = b.getWeights();
  for (const key of ['W1', 'b1', 'W2', 'b2'] as const) {
    expect(maxAbsDiff(wa[key], wb[key]), key).toBeLessThanOrEqual(tol);
  }
}

describe.each([
  ['cpu', 0],
  ['cpu', 0.25],
  ['wasm', 0.25],
])('fast vs tfjs (%s backend), dropout %s', (tfBackend, dropout) => {
  const pair = async () => {
    const spec = { inputDim: D, numTasks: K, hidden: H, batchSize: B, dropout, seed: 17 };
    const tf = (await loadEngine('tfjs', { backend: tfBackend })).create(data.features, spec);
    const fast = (await loadEngine('fast')).create(data.features, spec);
    return { tf, fast };
  };

  it('agrees step by step on losses and weights through several Adam steps', async () => {
    const { tf, fast } = await pair();
    expectSameWeights(tf, fast, 0); // both start from core's initialWeights
    for (const batch of [...batches, ...batches.slice(0, 4)]) {
      const lt = tf.trainStep(batch),
        lf = fast.trainStep(batch);
      for (let t = 0; t < K; t++) expect(lf[t]).toBeCloseTo(lt[t], 5);
    }
    // near-zero gradients (cancellation) make Adam's normalised step sensitive to the last bit,
    // so a few W1 entries may differ by ~1e-6; everything else agrees to ~1e-8
    expectSameWeights(tf, fast, 1e-5);
    const diffs = Array.from(tf.getWeights().W1, (x, i) => Math.abs(x - fast.getWeights().W1[i]));
    expect(diffs.filter((d) => d > 1e-7).length).toBeLessThan(diffs.length / 1000 + 2);
    expect(maxAbsDiff(tf.taskLosses(batches[1]), fast.taskLosses(batches[1]))).toBeLessThan(1e-5);
    expect(maxAbsDiff(tf.predict(batches[2].rows), fast.predict(batches[2].rows))).toBeLessThan(1e-5);
    tf.dispose();
    fast.dispose();
  });

  it('has equal per-task shared gradients and lookahead steps', async () => {
    const { tf, fast } = await pair();
    for (const batch of batches.slice(0, 3)) {
      tf.trainStep(batch);
      fast.trainStep(batch);
    }
    const gt = tf.sharedGradients(batches[3]),
      gf = fast.sharedGradients(batches[3]);
    expect(gf.length).toBe(K);
    for (let t = 0; t < K; t++) {
      const scale = Math.max(...Array.from(gt[t], Math.abs));
      expect(scale).toBeGreaterThan(1e-4);
      expect(maxAbsDiff(gt[t], gf[t]) / scale, `task ${t}`).toBeLessThan(1e-4);
    }
    const snapT = tf.snapshotShared(),
      snapF = fast.snapshotShared();
    tf.sgdStepShared(gt[1], 0.1);
    fast.sgdStepShared(gt[1], 0.1);
    expect(maxAbsDiff(tf.snapshotShared(), fast.snapshotShared())).toBeLessThan(1e-5);
    expect(maxAbsDiff(tf.taskLosses(batches[4]), fast.taskLosses(batches[4]))).toBeLessThan(1e-5);
    tf.restoreShared(snapT);
    fast.restoreShared(snapF);
    expect(maxAbsDiff(tf.snapshotShared(), fast.snapshotShared())).toBeLessThan(1e-5);
    tf.dispose();
    fast.dispose();
  });
});
