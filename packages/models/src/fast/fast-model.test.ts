import { describe, expect, it } from 'vitest';
import {
  initialWeights,
  modelSpecSchema,
  type CsrMatrix,
  type LabelledRows,
  type ModelSpecInput,
  type ModelWeights,
} from '@transferbench/core';
import { loadFastFactory } from './engine.ts';
import type { FastModel } from './fast-model.ts';
import { inOrderBatches, syntheticFingerprints } from './synthetic.ts';

const maxAbsDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
};

/** Float64 reference of the total loss Σ_t mean-BCE_t in evaluation mode, dense and direct. */
function referenceLoss(w: Record<keyof ModelWeights, Float64Array>, f: CsrMatrix, batch: LabelledRows, H: number, K: number): number {
  const sums = new Float64Array(K),
    counts = new Float64Array(K);
  for (let i = 0; i < batch.rows.length; i++) {
    const r = batch.rows[i];
    const h = Float64Array.from(w.b1);
    for (let k = f.indptr[r]; k < f.indptr[r + 1]; k++) for (let u = 0; u < H; u++) h[u] += w.W1[f.indices[k] * H + u];
    for (let u = 0; u < H; u++) h[u] = Math.max(h[u], 0);
    for (let t = 0; t < K; t++) {
      const y = batch.labels[i * K + t];
      if (y < 0) continue;
      let z = w.b2[t];
      for (let u = 0; u < H; u++) z += h[u] * w.W2[u * K + t];
      sums[t] += Math.max(z, 0) - z * y + Math.log1p(Math.exp(-Math.abs(z)));
      counts[t]++;
    }
  }
  let L = 0;
  for (let t = 0; t < K; t++) if (counts[t] > 0) L += sums[t] / counts[t];
  return L;
}

const N = 96,
  D = 48,
  K = 3,
  H = 8;
const data = syntheticFingerprints(N, D, K, 0.15, 7);
const spec = { inputDim: D, numTasks: K, hidden: H, batchSize: 16, seed: 11 };
const batches = inOrderBatches(N, K, data.labels, 16);

describe.each(['wasm', 'js'])('fast engine on %s kernels', (backend) => {
  const create = async (s: Partial<ModelSpecInput> = {}) =>
    (await loadFastFactory({ backend })).create(data.features, { ...spec, ...s }) as FastModel;

  it('starts from core initialWeights and reports its backend', async () => {
    const m = await create();
    expect(m.engine).toBe('fast');
    expect(m.backend).toBe(backend);
    const w = m.getWeights(),
      ref = initialWeights(modelSpecSchema.parse(spec));
    expect(w.W1).toEqual(ref.W1);
    expect(w.W2).toEqual(ref.W2);
    expect(w.b1).toEqual(ref.b1);
    expect(m.sharedSize).toBe(D * H + H);
  });

  it('loss and gradients match central finite differences of a float64 reference', async () => {
    const m = await create();
    // a few steps first so biases and heads are not at their symmetric start
    for (const b of batches.slice(0, 3)) m.trainStep(b);
    const batch = batches[4];
    const w32 = m.getWeights();
    const w = {
      W1: Float64Array.from(w32.W1),
      b1: Float64Array.from(w32.b1),
      W2: Float64Array.from(w32.W2),
      b2: Float64Array.from(w32.b2),
    };
    const losses = m.taskLosses(batch);
    let total = 0;
    for (const l of losses) if (Number.isFinite(l)) total += l;
    expect(total).toBeCloseTo(referenceLoss(w, data.features, batch, H, K), 5);

    const g = m.gradient(batch);
    const eps = 1e-5;
    let checked = 0;
    for (const key of ['W1', 'b1', 'W2', 'b2'] as const) {
      for (let i = 0; i < w[key].length; i++) {
        if (key === 'W1' && i % 3 !== 0) continue; // a spread sample of W1 keeps the test fast
        const keep = w[key][i];
        w[key][i] = keep + eps;
        const up = referenceLoss(w, data.features, batch, H, K);
        w[key][i] = keep - eps;
        const down = referenceLoss(w, data.features, batch, H, K);
        w[key][i] = keep;
        const fd = (up - down) / (2 * eps);
        expect(Math.abs(g[key][i] - fd), `${key}[${i}]: analytic ${g[key][i]} vs finite difference ${fd}`).toBeLessThan(
          2e-5 + 1e-4 * Math.abs(fd),
        );
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(100);
    // a W1 row of a bit absent from the whole batch gets exactly zero gradient
    const present = new Set<number>();
    for (const r of batch.rows)
      for (let k = data.features.indptr[r]; k < data.features.indptr[r + 1]; k++) present.add(data.features.indices[k]);
    const absent = [...Array(D).keys()].find((j) => !present.has(j))!;
    expect(absent).toBeDefined();
    expect(Array.from(g.W1.subarray(absent * H, absent * H + H))).toEqual(new Array(H).fill(0));
  });

  it('sharedGradients are the per-task parts of the total gradient (W1 then b1), zero for unlabelled tasks', async () => {
    const m = await create();
    m.trainStep(batches[0]);
    const batch = batches[1];
    const per = m.sharedGradients(batch);
    const total = m.gradient(batch);
    const sum = new Float32Array(m.sharedSize);
    for (const g of per) for (let i = 0; i < sum.length; i++) sum[i] += g[i];
    expect(maxAbsDiff(sum.subarray(0, D * H), total.W1)).toBeLessThan(1e-6);
    expect(maxAbsDiff(sum.subarray(D * H), total.b1)).toBeLessThan(1e-6);
    // subset and order of tasks are honoured
    const [g2, g0] = m.sharedGradients(batch, [2, 0]);
    expect(g2).toEqual(per[2]);
    expect(g0).toEqual(per[0]);
    // a task without labels in the batch → exact zeros
    const labels = Int8Array.from(batch.labels);
    for (let i = 0; i < batch.rows.length; i++) labels[i * K + 1] = -1;
    const [z] = m.sharedGradients({ rows: batch.rows, labels }, [1]);
    expect(z.every((x) => x === 0)).toBe(true);
    expect(() => m.sharedGradients(batch, [K])).toThrow(/task 3/);
  });

  it('is deterministic: same seed → bitwise identical weights and losses; another seed differs', async () => {
    const run = async (seed: number) => {
      const m = await create({ seed, dropout: 0.3 });
      const losses = batches.map((b) => Array.from(m.trainStep(b)));
      return { losses, w: m.getWeights() };
    };
    const a = await run(5),
      b = await run(5),
      c = await run(6);
    expect(b.losses).toEqual(a.losses);
    expect(b.w.W1).toEqual(a.w.W1);
    expect(b.w.W2).toEqual(a.w.W2);
    expect(maxAbsDiff(c.w.W1, a.w.W1)).toBeGreaterThan(1e-3);
  });

  it('training lowers the loss of the batches it sees', async () => {
    const m = await create({ dropout: 0, learningRate: 1e-2 });
    const all: LabelledRows = { rows: Int32Array.from({ length: N }, (_, i) => i), labels: data.labels };
    const sum = (l: Float64Array) => l.reduce((s, x) => s + (Number.isFinite(x) ? x : 0), 0);
    const before = sum(m.taskLosses(all));
    for (let e = 0; e < 20; e++) for (const b of batches) m.trainStep(b);
    expect(sum(m.taskLosses(all))).toBeLessThan(before * 0.7);
  });

  it('sgdStepShared moves only the shared parameters by −lr·direction; restoreShared undoes it', async () => {
    const m = await create({ dropout: 0.2 });
    const twin = await create({ dropout: 0.2 });
    m.trainStep(batches[0]);
    twin.trainStep(batches[0]);
    const snap = m.snapshotShared();
    const before = m.getWeights();
    const lossBefore = m.taskLosses(batches[2]);
    const [dir] = m.sharedGradients(batches[1], [0]);
    m.sgdStepShared(dir, 0.5);
    const moved = m.snapshotShared();
    for (let i = 0; i < snap.length; i += 13) expect(moved[i]).toBeCloseTo(snap[i] - 0.5 * dir[i], 6);
    expect(maxAbsDiff(moved, snap)).toBeGreaterThan(1e-4);
    expect(m.getWeights().W2).toEqual(before.W2);
    expect(m.getWeights().b2).toEqual(before.b2);
    expect(Array.from(m.taskLosses(batches[2]))).not.toEqual(Array.from(lossBefore));
    m.restoreShared(snap);
    expect(m.snapshotShared()).toEqual(snap);
    expect(Array.from(m.taskLosses(batches[2]))).toEqual(Array.from(lossBefore));
    // the probe disturbed neither the optimiser state nor the dropout stream
    expect(Array.from(m.trainStep(batches[3]))).toEqual(Array.from(twin.trainStep(batches[3])));
    expect(m.getWeights().W1).toEqual(twin.getWeights().W1);
  });

  it('snapshotAll / restoreAll: a checkpoint of every parameter, as getWeights / setWeights give and take it', async () => {
    const m = await create({ dropout: 0.2 });
    const twin = await create({ dropout: 0.2 });
    for (const model of [m, twin]) model.trainStep(batches[0]);
    const snap = m.snapshotAll();
    const weights = m.getWeights();
    expect(snap).toHaveLength(D * H + H + H * K + K);
    for (const model of [m, twin]) model.trainStep(batches[1]);
    const into = new Float32Array(snap.length);
    expect(m.snapshotAll(into)).toBe(into); // written into the handed-back memory
    expect(maxAbsDiff(into, snap)).toBeGreaterThan(1e-4);
    // restoreAll(snap) ≡ setWeights(getWeights() at the snapshot), optimiser state kept by both
    m.restoreAll(snap);
    twin.setWeights(weights);
    expect(m.getWeights()).toEqual(weights);
    expect(Array.from(m.trainStep(batches[2]))).toEqual(Array.from(twin.trainStep(batches[2])));
    expect(m.getWeights()).toEqual(twin.getWeights());
    expect(() => m.restoreAll(new Float32Array(3))).toThrow(/restoreAll: expected \d+ values/);
    expect(() => m.snapshotAll(new Float32Array(3))).toThrow(/snapshotAll: out has 3 values/);
  });

  it('handles batches larger than batchSize, empty batches and predicts probabilities', async () => {
    const m = await create();
    const all: LabelledRows = { rows: Int32Array.from({ length: N }, (_, i) => i), labels: data.labels };
    const whole = m.taskLosses(all);
    // the weighted mean of per-batch losses equals the whole-set loss
    const sums = new Float64Array(K),
      counts = new Float64Array(K);
    for (const b of batches) {
      const l = m.taskLosses(b);
      for (let t = 0; t < K; t++) {
        let c = 0;
        for (let i = 0; i < b.rows.length; i++) if (b.labels[i * K + t] >= 0) c++;
        if (c) {
          sums[t] += l[t] * c;
          counts[t] += c;
        }
      }
    }
    for (let t = 0; t < K; t++) expect(whole[t]).toBeCloseTo(sums[t] / counts[t], 6);
    const p = m.predict(all.rows);
    expect(p.length).toBe(N * K);
    expect(p.every((x) => x > 0 && x < 1)).toBe(true);
    // predict and the loss agree: BCE of task 0 from the probabilities
    let s = 0,
      c = 0;
    for (let i = 0; i < N; i++) {
      const y = data.labels[i * K];
      if (y < 0) continue;
      s -= y ? Math.log(p[i * K]) : Math.log(1 - p[i * K]);
      c++;
    }
    expect(whole[0]).toBeCloseTo(s / c, 5);
    const empty = m.trainStep({ rows: new Int32Array(0), labels: new Int8Array(0) });
    expect(Array.from(empty).every(Number.isNaN)).toBe(true);
    expect(m.taskLosses({ rows: Int32Array.of(0), labels: new Int8Array(K).fill(-1) }).every(Number.isNaN)).toBe(true);
  });

  it('rejects bad input with messages naming the field', async () => {
    const m = await create();
    expect(() => m.trainStep({ rows: Int32Array.of(N), labels: new Int8Array(K) })).toThrow(/batch row 96/);
    expect(() => m.taskLosses({ rows: Int32Array.of(0, 1), labels: new Int8Array(K) })).toThrow(/labels has 3 entries; expected .* = 6/);
    expect(() => m.restoreShared(new Float32Array(3))).toThrow(/restoreShared.*W1 then b1/);
    expect(() => m.sgdStepShared(new Float32Array(3), 1)).toThrow(/sgdStepShared/);
    expect(() => m.setWeights({ ...m.getWeights(), b2: new Float32Array(1) })).toThrow(/b2: expected 3/);
    const factory = await loadFastFactory({ backend });
    expect(() => factory.create(data.features, { ...spec, inputDim: D + 1 })).toThrow(/inputDim/);
    expect(() => factory.create(data.features, { ...spec, hidden: -1 })).toThrow(/hidden/);
    const bad: CsrMatrix = { ...data.features, indices: Int32Array.from(data.features.indices, (j, k) => (k === 5 ? D : j)) };
    expect(() => factory.create(bad, spec)).toThrow(/indices\[5\]/);
    m.dispose();
    expect(() => m.predict(Int32Array.of(0))).toThrow(/dispose/);
  });
});

describe('fast engine backends', () => {
  it('wasm SIMD and JS kernels train to the same weights (float32 tolerance)', async () => {
    const [w, j] = await Promise.all([loadFastFactory({ backend: 'wasm' }), loadFastFactory({ backend: 'js' })]);
    const a = w.create(data.features, { ...spec, dropout: 0.2 }),
      b = j.create(data.features, { ...spec, dropout: 0.2 });
    for (const batch of batches) {
      const la = a.trainStep(batch),
        lb = b.trainStep(batch);
      expect(maxAbsDiff(la, lb)).toBeLessThan(1e-5);
    }
    const wa = a.getWeights(),
      wb = b.getWeights();
    expect(maxAbsDiff(wa.W1, wb.W1)).toBeLessThan(1e-5);
    expect(maxAbsDiff(wa.W2, wb.W2)).toBeLessThan(1e-5);
    expect(maxAbsDiff(wa.b1, wb.b1)).toBeLessThan(1e-5);
  });

  it('falls back to JS kernels when the hidden width is not a multiple of 4', async () => {
    const f = await loadFastFactory({ backend: 'wasm' });
    expect(f.create(data.features, { ...spec, hidden: 6 }).backend).toBe('js');
    await expect(loadFastFactory({ backend: 'gpu' })).rejects.toThrow(/backend "gpu": expected one of wasm, js/);
  });
});
