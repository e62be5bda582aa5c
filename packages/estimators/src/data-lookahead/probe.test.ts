import { describe, expect, it } from 'vitest';
import type { CsrMatrix, LabelledRows } from '@transferbench/core';
import { LogisticTestModel } from '../testing/logistic-model.ts';
import { lookaheadProbe, SOURCES_PER_CALL, unionBatch } from './probe.ts';

// 3 input bits, 2 hidden units, 3 tasks; weights exact in float32.
const weights = {
  W1: [0.5, -0.25, 0.25, 0.75, -0.5, 0.5],
  b1: [0.125, 0.25],
  W2: [1.5, -1, 0.5, 0.75, 1.25, -0.5],
  b2: [0.25, -0.125, 0],
};
// rows 0..7: bit patterns
const bits = [[0], [1], [2], [0, 1], [1, 2], [0, 2], [0, 1, 2], [1]];
const features: CsrMatrix = {
  indptr: Int32Array.from([0, ...bits.map((_, i) => bits.slice(0, i + 1).flat().length)]),
  indices: Int32Array.from(bits.flat()),
  dim: 3,
};
const spec = { inputDim: 3, numTasks: 3, hidden: 2, dropout: 0, learningRate: 0.1, seed: 0 };
const K = 3;
/** rows labelled for task t only */
const onlyTask = (t: number, rows: number[], ys: number[]): LabelledRows => {
  const labels = new Int8Array(rows.length * K).fill(-1);
  ys.forEach((y, i) => (labels[i * K + t] = y));
  return { rows: Int32Array.from(rows), labels };
};
// validation rows 4..7 with labels for every task
const val: LabelledRows = { rows: Int32Array.from([4, 5, 6, 7]), labels: Int8Array.from([1, 0, 1, 0, 1, 1, 1, 1, 0, 0, 0, 1]) };
const unseen = [onlyTask(0, [0, 1], [1, 0]), onlyTask(1, [2, 3], [1, 1]), onlyTask(2, [0, 3], [0, 1])];

/** Validation losses after an SGD step with direction d on a fresh copy (float64, independent of the probe). */
function lossesAfter(d: Float64Array, lr: number): Float64Array {
  const W1 = Float64Array.from(weights.W1),
    b1 = Float64Array.from(weights.b1);
  for (let k = 0; k < W1.length; k++) W1[k] -= lr * d[k];
  for (let h = 0; h < b1.length; h++) b1[h] -= lr * d[W1.length + h];
  return new LogisticTestModel(features, spec, { ...weights, W1, b1 }).taskLosses(val);
}

describe('lookaheadProbe', () => {
  it("forward: Z[target][source] = 1 − L_target^val(after)/L_target^val(before) for a step with the source's unseen batch, ÷ lr", () => {
    const model = new LogisticTestModel(features, spec, weights);
    const lr = 0.05;
    const before = model.taskLosses(val);
    const res = lookaheadProbe(model, val, unseen, { lr, divideByLr: true, context: true, difference: 'forward' });
    const grads = unseen.map((b, j) => model.sharedGradient64(b, j));
    for (let j = 0; j < K; j++) {
      const after = lossesAfter(grads[j], lr);
      for (let i = 0; i < K; i++) expect(res.z[i][j]).toBeCloseTo((1 - after[i] / before[i]) / lr, 5);
    }
    // context of target i: one step along the mean of the 3 sources' gradients, read for every target, × 3, minus z_ii
    const mean = new Float64Array(grads[0].length);
    grads.forEach((g) => g.forEach((v, k) => (mean[k] += v / 3)));
    const afterMean = lossesAfter(mean, lr);
    for (let i = 0; i < K; i++) {
      expect(res.context[i]).toBeCloseTo((3 * (1 - afterMean[i] / before[i])) / lr - (res.z[i][i] as number), 5);
    }
    expect(res.sources).toEqual([0, 1, 2]);
    expect(res.steps).toBe(4); // 3 sources + 1 context direction
    // cost: before + 4 after-reads (½ pass per val row each) + one gradient pass over the 6 unseen rows
    expect(res.samplePasses).toBe(4 / 2 + 6 + 4 * (4 / 2));
  });

  it('central: Z = [L(θ + lr·g) − L(θ − lr·g)] / (2·L(θ)) ÷ lr, two steps per direction', () => {
    const model = new LogisticTestModel(features, spec, weights);
    const lr = 0.05;
    const before = model.taskLosses(val);
    const res = lookaheadProbe(model, val, unseen, { lr, divideByLr: true, context: true, difference: 'central' });
    const grads = unseen.map((b, j) => model.sharedGradient64(b, j));
    for (let j = 0; j < K; j++) {
      const plus = lossesAfter(grads[j], -lr);
      const minus = lossesAfter(grads[j], lr);
      for (let i = 0; i < K; i++) expect(res.z[i][j]).toBeCloseTo((plus[i] - minus[i]) / (2 * before[i]) / lr, 5);
    }
    expect(res.steps).toBe(8);
    expect(res.samplePasses).toBe(4 / 2 + 6 + 8 * (4 / 2));
  });

  it('central context = the derivative of a step with every OTHER source at once, to O(lr²) — as the K-step probe of version 2', () => {
    const model = new LogisticTestModel(features, spec, weights);
    const before = model.taskLosses(val);
    const grads = unseen.map((b, j) => model.sharedGradient64(b, j));
    const valGrads = [0, 1, 2].map((i) => model.sharedGradient64(val, i));
    const dot = (a: Float64Array, b: Float64Array) => a.reduce((s, v, k) => s + v * b[k], 0);
    const others = (i: number) => {
      const d = new Float64Array(grads[0].length);
      grads.forEach((g, j) => {
        if (j !== i) g.forEach((v, k) => (d[k] += v));
      });
      return d;
    };
    const derivative = (i: number) => dot(valGrads[i], others(i)) / before[i];
    const error = (lr: number) => {
      const c = lookaheadProbe(model, val, unseen, { lr, divideByLr: true, context: true, difference: 'central' }).context;
      return Math.max(...[0, 1, 2].map((i) => Math.abs((c[i] as number) - derivative(i))));
    };
    expect(error(0.04) / error(0.02)).toBeGreaterThan(3.5); // O(lr²): halving lr quarters the error
    expect(error(0.04) / error(0.02)).toBeLessThan(4.5);
    // version 2's definition: one central step with the summed batches of the other sources, per target
    const lr = 0.02;
    const c = lookaheadProbe(model, val, unseen, { lr, divideByLr: true, context: true, difference: 'central' }).context;
    for (let i = 0; i < K; i++) {
      const direct = (lossesAfter(others(i), -lr)[i] - lossesAfter(others(i), lr)[i]) / (2 * before[i]) / lr;
      expect(Math.abs((c[i] as number) - direct)).toBeLessThan(1e-3 * Math.abs(derivative(i)) + 1e-6);
    }
  });

  it("central has no curvature bias: its error against the derivative ∇L_i·g_j / L_i is O(lr²), the forward difference's O(lr)", () => {
    const model = new LogisticTestModel(features, spec, weights);
    const before = model.taskLosses(val);
    const grads = unseen.map((b, j) => model.sharedGradient64(b, j));
    const valGrads = [0, 1, 2].map((i) => model.sharedGradient64(val, i));
    const dot = (a: Float64Array, b: Float64Array) => a.reduce((s, v, k) => s + v * b[k], 0);
    /** largest |Z − derivative| over all pairs (small lr: no ReLU of this net changes side) */
    const error = (lr: number, difference: 'forward' | 'central') => {
      const z = lookaheadProbe(model, val, unseen, { lr, divideByLr: true, context: false, difference }).z;
      let worst = 0;
      for (let i = 0; i < K; i++)
        for (let j = 0; j < K; j++) worst = Math.max(worst, Math.abs((z[i][j] as number) - dot(valGrads[i], grads[j]) / before[i]));
      return worst;
    };
    const central = [error(0.04, 'central'), error(0.02, 'central')];
    const forward = [error(0.04, 'forward'), error(0.02, 'forward')];
    expect(central[0] / central[1]).toBeGreaterThan(3.5); // halving lr quarters the error
    expect(central[0] / central[1]).toBeLessThan(4.5);
    expect(forward[0] / forward[1]).toBeGreaterThan(1.8); // … but only halves the forward difference's
    expect(forward[0] / forward[1]).toBeLessThan(2.2);
    expect(central[1]).toBeLessThan(forward[1] / 50);
  });

  it('restores the shared parameters exactly and leaves the heads alone', () => {
    const model = new LogisticTestModel(features, spec, weights);
    const w0 = model.getWeights();
    lookaheadProbe(model, val, unseen, { lr: 0.5, divideByLr: false, context: true });
    const w1 = model.getWeights();
    expect(Array.from(w1.W1)).toEqual(Array.from(w0.W1));
    expect(Array.from(w1.b1)).toEqual(Array.from(w0.b1));
    expect(Array.from(w1.W2)).toEqual(Array.from(w0.W2));
    expect(Array.from(w1.b2)).toEqual(Array.from(w0.b2));
  });

  it('orientation: a source without a batch leaves its column null; a target without validation labels its row null', () => {
    const model = new LogisticTestModel(features, spec, weights);
    const valNo2: LabelledRows = { rows: val.rows, labels: val.labels.map((y, k) => (k % K === 2 ? -1 : y)) };
    const res = lookaheadProbe(model, valNo2, [unseen[0], null, unseen[2]], { lr: 0.05, divideByLr: true, context: true });
    expect(res.z.map((row) => row.map((v) => v !== null))).toEqual([
      [true, false, true],
      [true, false, true],
      [false, false, false],
    ]);
    // context: targets 0 (probed; the other source is 2) and 1 (not probed: both sources are others); 2 has no validation labels
    expect(res.context.map((v) => v !== null)).toEqual([true, true, false]);
    // one source only: no context step
    const res2 = lookaheadProbe(model, val, [unseen[0], null, null], { lr: 0.05, divideByLr: true, context: true });
    expect(res2.context).toEqual([null, null, null]);
    expect(res2.steps).toBe(2);
  });

  it("the union batch keeps each source's rows labelled for that source only (so L_j over the union = L_j over batch j)", () => {
    const u = unionBatch([unseen[0], null, unseen[2]], K);
    expect(Array.from(u.rows)).toEqual([0, 1, 0, 3]);
    expect(Array.from(u.labels)).toEqual([1, -1, -1, 0, -1, -1, -1, -1, 0, -1, -1, 1]);
    const model = new LogisticTestModel(features, spec, weights);
    expect(model.taskLosses(u)[2]).toBeCloseTo(model.taskLosses(unseen[2])[2], 12);
  });
});

describe('lookaheadProbe with more sources than one gradient call takes', () => {
  it(`${SOURCES_PER_CALL + 4} sources (two gradient calls): every column as if computed alone, context over all of them`, () => {
    const K20 = SOURCES_PER_CALL + 4;
    // 3 input bits, 2 hidden units as above; head weights in eighths (exact in float32)
    const w = {
      W1: weights.W1,
      b1: weights.b1,
      W2: Array.from({ length: 2 * K20 }, (_, k) => ((k * 5) % 13) / 8 - 0.75),
      b2: Array.from({ length: K20 }, (_, t) => ((t % 5) - 2) / 8),
    };
    const spec20 = { ...spec, numTasks: K20 };
    const model = new LogisticTestModel(features, spec20, w);
    const only = (t: number, rows: number[]): LabelledRows => {
      const labels = new Int8Array(rows.length * K20).fill(-1);
      rows.forEach((r, i) => (labels[i * K20 + t] = (r + t) % 2));
      return { rows: Int32Array.from(rows), labels };
    };
    const batches = Array.from({ length: K20 }, (_, t) => only(t, [t % 4, (t + 1) % 4, 3]));
    const val20: LabelledRows = {
      rows: Int32Array.from([4, 5, 6, 7]),
      labels: Int8Array.from({ length: 4 * K20 }, (_, k) => ((k * 7) % 3 === 0 ? 1 : 0)),
    };
    const lr = 0.05;
    const res = lookaheadProbe(model, val20, batches, { lr, divideByLr: true, context: true, difference: 'central' });
    const before = model.taskLosses(val20);
    const after = (d: Float64Array, step: number) => {
      const W1 = Float64Array.from(w.W1),
        b1 = Float64Array.from(w.b1);
      for (let k = 0; k < W1.length; k++) W1[k] -= step * d[k];
      for (let h = 0; h < b1.length; h++) b1[h] -= step * d[W1.length + h];
      return new LogisticTestModel(features, spec20, { ...w, W1, b1 }).taskLosses(val20);
    };
    const grads = batches.map((b, j) => model.sharedGradient64(b, j));
    for (const j of [0, SOURCES_PER_CALL - 1, SOURCES_PER_CALL, K20 - 1])
      for (let i = 0; i < K20; i++) {
        const expected = (after(grads[j], -lr)[i] - after(grads[j], lr)[i]) / (2 * before[i]) / lr;
        expect(res.z[i][j]).toBeCloseTo(expected, 5);
      }
    const mean = new Float64Array(grads[0].length);
    grads.forEach((g) => g.forEach((v, k) => (mean[k] += v / K20)));
    const [plus, minus] = [after(mean, -lr), after(mean, lr)];
    for (const i of [0, K20 - 1])
      expect(res.context[i]).toBeCloseTo((K20 * (plus[i] - minus[i])) / (2 * before[i]) / lr - (res.z[i][i] as number), 4);
    expect(res.steps).toBe(2 * (K20 + 1));
  });
});
