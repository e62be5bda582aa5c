import { describe, expect, it } from 'vitest';
import type { MultiTaskDataset, MultiTaskModel, Split } from '@transferbench/core';
import { loadEngine } from '@transferbench/models';
import { LogisticTestModel, logisticTestFactory } from '../testing/logistic-model.ts';
import { testContext } from '../testing/context.ts';
import { tagProbe, tagProbeMatrix } from './probe.ts';
import { tagEstimator } from './tag.ts';

// Tiny net: 2 input bits, 1 hidden ReLU unit, 2 tasks. All weights are exact in float32.
const a0 = 0.5,
  a1 = 0.25,
  b1 = 0.125; // shared trunk: W1 = [a0; a1], b1
const u = [1.5, -2],
  c = [0.25, 0.5]; // heads: W2 = [u0, u1], b2 = [c0, c1]
const weights = { W1: [a0, a1], b1: [b1], W2: u, b2: c };
// rows: r0 = {bit 0}, r1 = {bit 1}, r2 = {bit 0, bit 1}
const features = { indptr: Int32Array.from([0, 1, 2, 4]), indices: Int32Array.from([0, 1, 0, 1]), dim: 2 };
// labels [task0, task1]: r0 = (1, 1), r1 = (0, missing), r2 = (1, 1)
const labels = Int8Array.from([1, 1, 0, -1, 1, 1]);
const batch = { rows: Int32Array.from([0, 1, 2]), labels };
const spec = { inputDim: 2, numTasks: 2, hidden: 1, dropout: 0, learningRate: 0.1, seed: 0 };

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));
const bce = (z: number, y: number) => -(y * Math.log(sigmoid(z)) + (1 - y) * Math.log(1 - sigmoid(z)));

/**
 * Z_{source→target} written out by hand for this net (float64):
 * h_r = a0·[bit0 ∈ r] + a1·[bit1 ∈ r] + b1 (all pre-activations stay > 0.05 before and after the step at
 * these learning rates, so ReLU is the identity),
 * z_rt = u_t·h_r + c_t; L_t = mean over rows labelled for t of BCE(z_rt, y_rt).
 * ∂L_s/∂z_rs = (σ(z_rs) − y_rs)/n_s, ∂z_rs/∂h_r = u_s, ∂h_r/∂a0 = [bit0 ∈ r], ∂h_r/∂a1 = [bit1 ∈ r], ∂h_r/∂b1 = 1.
 * SGD on the shared parameters only: (a0, a1, b1) ← (a0, a1, b1) − lr·∇L_s; heads unchanged.
 * Z = 1 − L_target(after)/L_target(before).
 */
function handZ(source: number, target: number, lr: number): number {
  const rowsBits = [
    [1, 0],
    [0, 1],
    [1, 1],
  ]; // [bit0, bit1] per row
  const y = [
    [1, 1],
    [0, -1],
    [1, 1],
  ];
  const loss = (A0: number, A1: number, B1: number, t: number) => {
    let s = 0,
      n = 0;
    rowsBits.forEach(([x0, x1], r) => {
      if (y[r][t] < 0) return;
      const h = A0 * x0 + A1 * x1 + B1;
      s += bce(u[t] * h + c[t], y[r][t]);
      n++;
    });
    return s / n;
  };
  // gradient of L_source w.r.t. (a0, a1, b1)
  let n = 0;
  for (const row of y) if (row[source] >= 0) n++;
  let g0 = 0,
    g1 = 0,
    gb = 0;
  rowsBits.forEach(([x0, x1], r) => {
    if (y[r][source] < 0) return;
    const h = a0 * x0 + a1 * x1 + b1;
    const e = ((sigmoid(u[source] * h + c[source]) - y[r][source]) / n) * u[source];
    g0 += e * x0;
    g1 += e * x1;
    gb += e;
  });
  const before = loss(a0, a1, b1, target);
  const after = loss(a0 - lr * g0, a1 - lr * g1, b1 - lr * gb, target);
  return 1 - after / before;
}

describe('tagProbe (closed form)', () => {
  it('equals the hand-computed Z for every (source, target), stored as z[target][source]', () => {
    const model = new LogisticTestModel(features, spec, weights);
    const lr = 0.1;
    const probe = tagProbe(model, batch, { lr, divideByLr: false });
    const z = tagProbeMatrix(probe, 2);
    expect(probe.present).toEqual([0, 1]);
    for (const source of [0, 1])
      for (const target of [0, 1]) {
        const expected = handZ(source, target, lr);
        expect(Math.abs((z[target][source] as number) - expected) / Math.abs(expected)).toBeLessThan(1e-6);
      }
    // orientation: a step on task 0's gradient helps task 1 (Z ≈ +0.00854) while a step on task 1's hurts
    // task 0 (Z ≈ −0.01309); swapping source and target moves the value to the other cell
    const z10 = handZ(0, 1, lr),
      z01 = handZ(1, 0, lr);
    expect(z10).toBeGreaterThan(0.008);
    expect(z01).toBeLessThan(-0.013);
    expect(z[1][0]).toBeGreaterThan(0);
    expect(z[0][1]).toBeLessThan(0);
  });

  it('divides by lr when asked and restores the shared parameters exactly', () => {
    const model = new LogisticTestModel(features, spec, weights);
    const before = model.getWeights();
    const lr = 0.05;
    const z = tagProbeMatrix(tagProbe(model, batch, { lr, divideByLr: true }), 2);
    expect(Math.abs((z[1][0] as number) - handZ(0, 1, lr) / lr) / Math.abs(handZ(0, 1, lr) / lr)).toBeLessThan(1e-6);
    expect(model.getWeights()).toEqual(before);
  });

  it('leaves out tasks without labels in the minibatch (null, not 0)', () => {
    const model = new LogisticTestModel(features, spec, weights);
    const onlyRow1 = { rows: Int32Array.from([1]), labels: Int8Array.from([0, -1]) };
    const probe = tagProbe(model, onlyRow1, { lr: 0.1, divideByLr: false });
    const z = tagProbeMatrix(probe, 2);
    expect(probe.present).toEqual([0]);
    expect(Array.from(probe.contextual!)).toEqual([NaN]); // no other task in the batch: not measured
    expect(z[0][1]).toBeNull();
    expect(z[1][0]).toBeNull();
    expect(z[1][1]).toBeNull();
    expect(typeof z[0][0]).toBe('number');
  });
});

/**
 * Three tasks on the same kind of net (2 bits, 1 hidden unit; every pre-activation stays > 0.3, so ReLU is
 * the identity): any lookahead direction Σ_s w_s·∇L_s by hand, for the contextual value of each target
 * (w = 1 for every other task) and for the pairwise ones (w = 1 for one source).
 */
const three = {
  bits: [
    [1, 0],
    [0, 1],
    [1, 1],
    [0, 1],
  ] as const,
  // labels [t0, t1, t2] per row; −1 = missing
  y: [
    [1, 1, 0],
    [0, -1, 1],
    [1, 1, -1],
    [-1, 0, 1],
  ],
  a: [0.5, 0.25],
  b1: 0.125,
  u: [1.5, -2, 0.75],
  c: [0.25, 0.5, -0.25],
};
function handLookahead3(direction: number[], target: number, lr: number): number {
  const { bits, y, u, c } = three;
  const loss = (a: number[], b: number, t: number) => {
    let s = 0,
      n = 0;
    bits.forEach(([x0, x1], r) => {
      if (y[r][t] < 0) return;
      s += bce(u[t] * (a[0] * x0 + a[1] * x1 + b) + c[t], y[r][t]);
      n++;
    });
    return s / n;
  };
  const g = [0, 0, 0]; // Σ_s w_s·∇L_s w.r.t. (a0, a1, b1)
  direction.forEach((w, s) => {
    if (w === 0) return;
    const n = y.filter((row) => row[s] >= 0).length;
    bits.forEach(([x0, x1], r) => {
      if (y[r][s] < 0) return;
      const h = three.a[0] * x0 + three.a[1] * x1 + three.b1;
      const e = w * ((sigmoid(u[s] * h + c[s]) - y[r][s]) / n) * u[s];
      g[0] += e * x0;
      g[1] += e * x1;
      g[2] += e;
    });
  });
  const { a, b1 } = three;
  return 1 - loss([a[0] - lr * g[0], a[1] - lr * g[1]], b1 - lr * g[2], target) / loss(a, b1, target);
}

describe('tagProbe contextual value (closed form, three tasks)', () => {
  const features3 = { indptr: Int32Array.from([0, 1, 2, 4, 5]), indices: Int32Array.from([0, 1, 0, 1, 1]), dim: 2 };
  const batch3 = { rows: Int32Array.from([0, 1, 2, 3]), labels: Int8Array.from(three.y.flat()) };
  const spec3 = { inputDim: 2, numTasks: 3, hidden: 1, dropout: 0, learningRate: 0.1, seed: 0 };
  const weights3 = { W1: three.a, b1: [three.b1], W2: three.u, b2: three.c };
  const lr = 0.1;
  // absolute tolerances (values 3e-4 … 0.13): the fallback steps along float32-rounded gradients (~5e-10 off);
  // the Gram primitive works in float64 from the float32 weights, exact here
  const engines: [string, number, () => Promise<MultiTaskModel>][] = [
    ['the stepping fallback (float64 test double)', 1e-8, async () => new LogisticTestModel(features3, spec3, weights3)],
    [
      "the fast engine's Gram primitive",
      1e-12,
      async () => {
        const m = (await loadEngine('fast')).create(features3, spec3);
        m.setWeights({
          W1: Float32Array.from(three.a),
          b1: Float32Array.from([three.b1]),
          W2: Float32Array.from(three.u),
          b2: Float32Array.from(three.c),
        });
        return m;
      },
    ],
  ];
  it.each(engines)('Z_{Σ→i} is the lookahead with the summed gradient of the other two tasks, on %s', async (_name, tolerance, create) => {
    const model = await create();
    const probe = tagProbe(model, batch3, { lr, divideByLr: false });
    expect(probe.present).toEqual([0, 1, 2]);
    const others = (i: number) => [0, 1, 2].map((s) => (s === i ? 0 : 1));
    for (const i of [0, 1, 2]) {
      const expected = handLookahead3(others(i), i, lr);
      expect(Math.abs(probe.contextual![i] - expected)).toBeLessThan(tolerance);
      for (const s of [0, 1, 2]) {
        const pair = handLookahead3(
          [0, 1, 2].map((k) => (k === s ? 1 : 0)),
          i,
          lr,
        );
        expect(Math.abs(tagProbeMatrix(probe, 3)[i][s]! - pair)).toBeLessThan(tolerance);
      }
    }
    // not the sum of the pairwise values (the lookahead is non-linear in the step), but close at this lr
    expect(probe.contextual![0]).not.toBe(probe.z[0 * 3 + 1] + probe.z[0 * 3 + 2]);
    expect(model.getWeights().W1).toEqual(Float32Array.from(three.a)); // shared parameters unchanged
  });
});

describe('tag estimator (closed form through the plugin)', () => {
  const dataset: MultiTaskDataset = {
    name: 'tiny',
    tasks: [{ id: 'A' }, { id: 'B' }],
    samples: [{ id: 'r0' }, { id: 'r1' }, { id: 'r2' }],
    features,
    labels,
    meta: { source: 'test', warnings: [], options: {} },
  };
  const split: Split = { kind: 'random', seed: 0, train: Int32Array.from([0, 1, 2]), val: new Int32Array(0), test: new Int32Array(0) };

  it('one probe at the initial weights lands Z_{A→B} in effect[B][A] and Z_{B→A} in effect[A][B]', async () => {
    const ctx = testContext({
      dataset,
      split,
      models: logisticTestFactory(weights),
      modelDefaults: { hidden: 1, dropout: 0, learningRate: 0.1, maxEpochs: 1 },
    });
    const options = tagEstimator.options.parse({ replicates: 1, probeEvery: 1, divideByLr: false });
    const est = await tagEstimator.estimate(ctx, options);
    expect(est.tasks).toEqual(['A', 'B']);
    const e = est.pairwise.effect;
    expect(Math.abs((e[1][0] as number) - handZ(0, 1, 0.1)) / Math.abs(handZ(0, 1, 0.1))).toBeLessThan(1e-6);
    expect(Math.abs((e[0][1] as number) - handZ(1, 0, 0.1)) / Math.abs(handZ(1, 0, 0.1))).toBeLessThan(1e-6);
    expect(Math.abs((e[0][0] as number) - handZ(0, 0, 0.1)) / Math.abs(handZ(0, 0, 0.1))).toBeLessThan(1e-6); // diagonal kept
    expect(est.pairwise.pValue?.[1][0]).toBeNull(); // one replicate: nothing to test
    // contextual: with two tasks "all other tasks" is the other one: contextual[B] = Z_{A→B} (> 0, A helps B)
    expect(Math.abs((est.contextual!.effect[1] as number) - handZ(0, 1, 0.1)) / Math.abs(handZ(0, 1, 0.1))).toBeLessThan(1e-6);
    expect(Math.abs((est.contextual!.effect[0] as number) - handZ(1, 0, 0.1)) / Math.abs(handZ(1, 0, 0.1))).toBeLessThan(1e-6);
    expect(est.contextual!.effect[1]).toBeGreaterThan(0);
    expect(est.contextual!.effect[0]).toBeLessThan(0);
    expect(est.cost.trainings).toBe(1);
    expect(est.cost.probes).toBe(4); // one lookahead per source, one contextual per target
    // 3 training sample-passes + probe: ½·3 (before) + 2·3 (gradients) + 2·½·3 (after) + 2·½·3 (contextual after) = 13.5
    expect(est.cost.samplePasses).toBeCloseTo(3 + 13.5, 12);
  });

  it('uses the model learning rate by default and divides by it like the reference code', async () => {
    const ctx = testContext({
      dataset,
      split,
      models: logisticTestFactory(weights),
      modelDefaults: { hidden: 1, dropout: 0, learningRate: 0.1, maxEpochs: 1 },
    });
    const est = await tagEstimator.estimate(ctx, tagEstimator.options.parse({ replicates: 2, probeEvery: 1 }));
    const expected = handZ(0, 1, 0.1) / 0.1;
    expect(Math.abs((est.pairwise.effect[1][0] as number) - expected) / Math.abs(expected)).toBeLessThan(1e-6);
    // both replicates see the same single full batch at the same weights → zero spread
    expect(est.pairwise.se?.[1][0]).toBe(0);
    expect(est.cost.trainings).toBe(2);
  });

  it('rejects unknown options with the option name', () => {
    expect(() => tagEstimator.options.parse({ probeEvry: 3 })).toThrow(/probeEvry/);
  });
});
