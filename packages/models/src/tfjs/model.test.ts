import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { Rng, trainModel } from '@transferbench/core';
import type { LabelledRows, ModelFactory } from '@transferbench/core';
import { loadEngine } from '../index.ts';
import { randomProblem } from '../random-problem.ts';

const softplus = (z: number) => Math.log1p(Math.exp(z));

describe('tfjs model', () => {
  let wasm: ModelFactory;
  let cpu: ModelFactory;
  beforeAll(async () => {
    cpu = await loadEngine('tfjs', { backend: 'cpu' });
    wasm = await loadEngine('tfjs', { backend: 'wasm' });
  });

  const problem = randomProblem({ samples: 240, features: 64, tasks: 3, density: 0.1, seed: 11 });
  const spec = { inputDim: 64, numTasks: 3, hidden: 16, dropout: 0.3, seed: 5 };
  const train: LabelledRows = { rows: problem.data.rows.subarray(0, 200), labels: problem.data.labels.subarray(0, 600) };
  const val: LabelledRows = { rows: problem.data.rows.subarray(200), labels: problem.data.labels.subarray(600) };

  it('reports its engine and backend', () => {
    expect([wasm.engine, wasm.backend, cpu.backend]).toEqual(['tfjs', 'wasm', 'cpu']);
    const m = wasm.create(problem.features, spec);
    expect([m.engine, m.backend, m.sharedSize]).toEqual(['tfjs', 'wasm', 64 * 16 + 16]);
    m.dispose();
  });

  it('masked loss: per-task mean BCE over present labels, NaN for a task without labels', () => {
    const features = { indptr: Int32Array.of(0, 2, 3, 6), indices: Int32Array.of(0, 2, 1, 0, 1, 2), dim: 3 };
    // x0 = [1,0,1], x1 = [0,1,0], x2 = [1,1,1]
    const weights = {
      W1: Float32Array.of(0.5, -1, 1, 0.25, -0.5, 0.5),
      b1: Float32Array.of(0.1, -0.2),
      W2: Float32Array.of(1, -2, 0.5, 3, 1, -1),
      b2: Float32Array.of(0, 0.5, -0.5),
    };
    // h0 = [0.1, 0], h1 = [1.1, 0.05], h2 = [1.1, 0] → z0 = [0.1, 0.3, −0.45], z1 = [1.25, −1.65, 0], z2 = [1.1, −1.7, 0.05]
    const batch: LabelledRows = { rows: Int32Array.of(0, 1, 2), labels: Int8Array.of(1, -1, 0, 0, -1, 1, -1, -1, 1) };
    const expected = [
      (softplus(-0.1) + softplus(1.25)) / 2, // task 0: y=1 at z=0.1, y=0 at z=1.25
      NaN, // task 1: no labels
      (softplus(-0.45) + Math.log(2) + softplus(-0.05)) / 3, // task 2
    ];
    for (const f of [wasm, cpu]) {
      const m = f.create(features, { inputDim: 3, numTasks: 3, hidden: 2, dropout: 0, seed: 1 });
      m.setWeights(weights);
      const losses = m.taskLosses(batch);
      expect(losses[1]).toBeNaN();
      expect(losses[0]).toBeCloseTo(expected[0], 5);
      expect(losses[2]).toBeCloseTo(expected[2], 5);
      const p = m.predict(Int32Array.of(1));
      expect(p[0]).toBeCloseTo(1 / (1 + Math.exp(-1.25)), 5);
      // trainStep reports the losses of its forward pass (before the update)
      const stepLosses = m.trainStep(batch);
      expect(stepLosses[1]).toBeNaN();
      expect(stepLosses[0]).toBeCloseTo(expected[0], 5);
      expect(stepLosses[2]).toBeCloseTo(expected[2], 5);
      m.dispose();
    }
  });

  it('same seed → identical predictions after training; another seed → different', () => {
    const run = (seed: number) => {
      const m = wasm.create(problem.features, { ...spec, seed });
      trainModel(m, train, undefined, { rng: new Rng(seed).stream('train'), maxEpochs: 2, batchSize: 32 });
      const p = m.predict(val.rows);
      m.dispose();
      return p;
    };
    const a = run(5);
    expect(run(5)).toEqual(a);
    expect(run(6)).not.toEqual(a);
  });

  it('wasm and cpu agree after training (same init, same dropout masks)', () => {
    const run = (f: ModelFactory) => {
      const m = f.create(problem.features, spec);
      trainModel(m, train, undefined, { rng: new Rng(1).stream('train'), maxEpochs: 1, batchSize: 50 });
      const p = m.predict(val.rows);
      m.dispose();
      return p;
    };
    const a = run(wasm);
    const b = run(cpu);
    let maxDiff = 0;
    for (let i = 0; i < a.length; i++) maxDiff = Math.max(maxDiff, Math.abs(a[i] - b[i]));
    expect(maxDiff).toBeLessThan(1e-4);
  });

  it('keeps tf.memory().numTensors constant across epochs and releases everything on dispose', () => {
    const baseline = tf.memory().numTensors;
    const m = wasm.create(problem.features, spec);
    const counts: number[] = [];
    trainModel(m, train, val, {
      rng: new Rng(2),
      maxEpochs: 4,
      patience: 10,
      batchSize: 32,
      hooks: {
        afterEpoch: () => {
          // every primitive, so that a leak anywhere shows up
          const snap = m.snapshotShared();
          m.sgdStepShared(m.sharedGradients(val)[0], 0.01);
          m.restoreShared(snap);
          m.predict(val.rows);
          m.taskLosses(val);
          m.setWeights(m.getWeights());
          counts.push(tf.memory().numTensors);
        },
      },
    });
    expect(counts).toHaveLength(4);
    expect(new Set(counts).size).toBe(1);
    m.dispose();
    expect(tf.memory().numTensors).toBe(baseline);
  });

  for (const backend of ['wasm', 'cpu'] as const) {
    it(`sgdStepShared moves only the shared parameters and restoreShared undoes it (${backend})`, () => {
      const m = (backend === 'wasm' ? wasm : cpu).create(problem.features, spec);
      trainModel(m, train, undefined, { rng: new Rng(3), maxEpochs: 1, batchSize: 64 });
      const before = m.getWeights();
      const snap = m.snapshotShared();
      const p0 = m.predict(val.rows);
      const rng = new Rng(4);
      const dir = Float32Array.from({ length: m.sharedSize }, () => rng.normal());
      m.sgdStepShared(dir, 0.05);
      const moved = m.snapshotShared();
      for (let j = 0; j < moved.length; j += 97) expect(moved[j]).toBeCloseTo(snap[j] - 0.05 * dir[j], 5);
      const after = m.getWeights();
      expect(after.W2).toEqual(before.W2);
      expect(after.b2).toEqual(before.b2);
      expect(m.predict(val.rows)).not.toEqual(p0);
      m.restoreShared(snap);
      snap.fill(0); // the model must hold its own copy
      expect(m.snapshotShared()).toEqual(Float32Array.from([...before.W1, ...before.b1]));
      expect(m.predict(val.rows)).toEqual(p0);
      m.dispose();
    });
  }

  it('dropout is on in trainStep and off in taskLosses/predict', () => {
    const withDropout = wasm.create(problem.features, { ...spec, dropout: 0.6 });
    const without = wasm.create(problem.features, { ...spec, dropout: 0 });
    const p = withDropout.predict(val.rows);
    expect(withDropout.predict(val.rows)).toEqual(p);
    expect(without.predict(val.rows)).toEqual(p);
    expect(withDropout.taskLosses(val)).toEqual(without.taskLosses(val));
    expect(withDropout.trainStep(train)).not.toEqual(without.trainStep(train));
    withDropout.dispose();
    without.dispose();
  });

  it('predicts in chunks beyond the evaluation chunk size', () => {
    const big = randomProblem({ samples: 1500, features: 8, tasks: 2, density: 0.4, seed: 2 });
    const m = wasm.create(big.features, { inputDim: 8, numTasks: 2, hidden: 4, seed: 1 });
    const all = m.predict(big.data.rows);
    const tail = m.predict(big.data.rows.subarray(1400));
    expect(all.subarray(1400 * 2)).toEqual(tail);
    const chunked = m.taskLosses(big.data);
    const parts = [
      m.taskLosses({ rows: big.data.rows.subarray(0, 700), labels: big.data.labels.subarray(0, 1400) }),
      m.taskLosses({ rows: big.data.rows.subarray(700), labels: big.data.labels.subarray(1400) }),
    ];
    // the whole-set loss is the label-weighted mean of the parts
    const n = (from: number, to: number, t: number) => {
      let c = 0;
      for (let i = from; i < to; i++) if (big.data.labels[i * 2 + t] >= 0) c++;
      return c;
    };
    for (let t = 0; t < 2; t++) {
      const w0 = n(0, 700, t);
      const w1 = n(700, 1500, t);
      expect(chunked[t]).toBeCloseTo((parts[0][t] * w0 + parts[1][t] * w1) / (w0 + w1), 5);
    }
    m.dispose();
  });

  it('rejects bad specs and weights with messages naming the field', () => {
    expect(() => wasm.create(problem.features, { ...spec, hidden: -1 })).toThrow(/model spec \(tfjs engine\):\n✖ .*\n {2}→ at hidden/);
    expect(() => wasm.create(problem.features, { ...spec, inputDim: 65 })).toThrow(/inputDim 65 does not match the feature dimension 64/);
    const m = wasm.create(problem.features, spec);
    expect(() => m.setWeights({ ...m.getWeights(), b2: new Float32Array(2) })).toThrow(/b2 must have 3 values/);
    expect(() => m.restoreShared(new Float32Array(3))).toThrow(/expected 1040 values/);
    expect(() => m.predict(Int32Array.of(240))).toThrow(/row 240 is outside/);
    m.dispose();
    expect(() => m.predict(Int32Array.of(0))).toThrow(/after dispose/);
  });
});
