/**
 * The fast engine's Gram-matrix probe primitives (lookaheadLosses, sharedGradientProducts) against a plain
 * float64 reference written out below — dense forward, per-task gradients, an actual step on the shared
 * weights — on both kernel sets; the kernel sets against each other bit for bit; and the model around
 * them untouched (weights, dropout stream, memory views).
 */
import { describe, expect, it } from 'vitest';
import type { CsrMatrix, LabelledRows, ModelWeights } from '@transferbench/core';
import { randomProblem } from '../random-problem.ts';
import { loadFastFactory } from './engine.ts';
import type { FastModel } from './fast-model.ts';

const bce = (z: number, y: number) => Math.max(z, 0) - z * y + Math.log1p(Math.exp(-Math.abs(z)));

/** Float64 reference: the per-task losses after shared ← shared − lr·Σ_t c_t·∇L_t, and the gradients. */
class Reference {
  constructor(
    private readonly features: CsrMatrix,
    private readonly w: ModelWeights,
    private readonly K: number,
    private readonly H: number,
    private readonly batch: LabelledRows,
  ) {}

  private pre(W1: ArrayLike<number>, b1: ArrayLike<number>): Float64Array {
    const { H, batch, features } = this;
    const out = new Float64Array(batch.rows.length * H);
    batch.rows.forEach((r, i) => {
      for (let u = 0; u < H; u++) out[i * H + u] = b1[u];
      for (let k = features.indptr[r]; k < features.indptr[r + 1]; k++)
        for (let u = 0; u < H; u++) out[i * H + u] += W1[features.indices[k] * H + u];
    });
    return out;
  }

  private logit(pre: Float64Array, i: number, t: number): number {
    let z = this.w.b2[t];
    for (let u = 0; u < this.H; u++) z += Math.max(pre[i * this.H + u], 0) * this.w.W2[u * this.K + t];
    return z;
  }

  losses(W1: ArrayLike<number> = this.w.W1, b1: ArrayLike<number> = this.w.b1): number[] {
    const pre = this.pre(W1, b1);
    return Array.from({ length: this.K }, (_, t) => {
      let s = 0,
        n = 0;
      this.batch.rows.forEach((_r, i) => {
        const y = this.batch.labels[i * this.K + t];
        if (y < 0) return;
        s += bce(this.logit(pre, i, t), y);
        n++;
      });
      return n > 0 ? s / n : NaN;
    });
  }

  /** ∇_(W1‖b1) Σ_t c_t·L_t */
  gradient(c: number[]): Float64Array {
    const { H, K, batch, features, w } = this;
    const D = features.dim;
    const pre = this.pre(w.W1, w.b1);
    const n = Array.from({ length: K }, (_, t) => batch.rows.reduce((a, _r, i) => a + (batch.labels[i * K + t] >= 0 ? 1 : 0), 0));
    const g = new Float64Array(D * H + H);
    batch.rows.forEach((r, i) => {
      for (let u = 0; u < H; u++) {
        if (!(pre[i * H + u] > 0)) continue;
        let d = 0;
        for (let t = 0; t < K; t++) {
          const y = batch.labels[i * K + t];
          if (y < 0 || c[t] === 0) continue;
          d += (c[t] * (1 / (1 + Math.exp(-this.logit(pre, i, t))) - y) * w.W2[u * K + t]) / n[t];
        }
        g[D * H + u] += d;
        for (let k = features.indptr[r]; k < features.indptr[r + 1]; k++) g[features.indices[k] * H + u] += d;
      }
    });
    return g;
  }

  after(c: number[], lr: number): number[] {
    const g = this.gradient(c);
    const DH = this.w.W1.length;
    return this.losses(
      Array.from(this.w.W1, (x, i) => x - lr * g[i]),
      Array.from(this.w.b1, (x, u) => x - lr * g[DH + u]),
    );
  }
}

const N = 80,
  D = 40,
  K = 5;
// a third of the labels present, so tasks have different rows; task 4 is unlabelled in `batch`
const { features, data } = randomProblem({ samples: N, features: D, tasks: K, density: 0.15, missing: 0.65, seed: 4 });
const rowsOf = (rows: number[], drop?: number): LabelledRows => ({
  rows: Int32Array.from(rows),
  labels: Int8Array.from(rows.flatMap((r) => Array.from(data.labels.subarray(r * K, r * K + K), (y, t) => (t === drop ? -1 : y)))),
});
const batch = rowsOf(
  [...Array(24).keys()].map((i) => i * 3),
  4,
);
const trainBatches = [0, 1, 2, 3].map((b) => rowsOf([...Array(16).keys()].map((i) => (b * 16 + i) % N)));
const one = (s: number) => [...Array(K).keys()].map((t) => (t === s ? 1 : 0));
const others = (s: number, sources: number[]) => [...Array(K).keys()].map((t) => (t !== s && sources.includes(t) ? 1 : 0));

async function trained(backend: string, H: number): Promise<FastModel> {
  const m = (await loadFastFactory({ backend, workers: 1 })).create(features, {
    inputDim: D,
    numTasks: K,
    hidden: H,
    dropout: 0.25,
    learningRate: 0.02,
    seed: 3,
  }) as FastModel;
  for (const b of trainBatches) m.trainStep(b);
  return m;
}

describe.each([
  ['wasm', 8],
  ['js', 8],
  ['js', 5], // a hidden width that is not a multiple of 4 or 2 (the scalar tails)
])('Gram probes on %s kernels, hidden %i', (backend, H) => {
  it('lookaheadLosses equals stepping the float64 weights, for small and ReLU-crossing steps, with contextual', async () => {
    const m = await trained(backend, H);
    const ref = new Reference(features, m.getWeights(), K, H, batch);
    const sources = [0, 1, 2, 4]; // 4 has no label in the batch: a zero gradient
    const before = ref.losses();
    for (const lr of [0.05, 3]) {
      const got = m.lookaheadLosses(batch, lr, { sources, contextual: true });
      for (let t = 0; t < K; t++) {
        if (t === 4) expect(got.before[t]).toBeNaN();
        else expect(Math.abs(got.before[t] - before[t]) / before[t]).toBeLessThan(1e-6);
      }
      sources.forEach((s, k) => {
        const want = ref.after(one(s), lr);
        for (let t = 0; t < K; t++) {
          if (t === 4) expect(got.after[k * K + t]).toBeNaN();
          else expect(Math.abs(got.after[k * K + t] - want[t]) / want[t]).toBeLessThan(1e-6);
        }
        if (s === 4) expect(got.contextual![k]).toBeNaN();
        else expect(Math.abs(got.contextual![k] - ref.after(others(s, sources), lr)[s]) / before[s]).toBeLessThan(1e-6);
      });
      // the large step changes the losses a lot (ReLU units switch), the small one a little: both exact
      const change = Math.abs(got.after[0] - got.before[0]) / got.before[0];
      if (lr === 3) expect(change).toBeGreaterThan(0.05);
      else expect(change).toBeLessThan(0.05);
    }
  });

  it('sharedGradientProducts equals the float64 gradients’ inner products, and each with their sum', async () => {
    const m = await trained(backend, H);
    const ref = new Reference(features, m.getWeights(), K, H, batch);
    const tasks = [3, 0, 4, 1];
    const g = tasks.map((t) => ref.gradient(one(t)));
    const dot = (a: Float64Array, b: Float64Array) => a.reduce((s, x, i) => s + x * b[i], 0);
    const sum = g[0].map((_, i) => g.reduce((s, v) => s + v[i], 0));
    const p = m.sharedGradientProducts(batch, tasks);
    const scale = Math.max(...g.map((v) => dot(v, v)));
    expect(scale).toBeGreaterThan(0);
    for (let a = 0; a < 4; a++) {
      for (let b = 0; b < 4; b++) expect(Math.abs(p.gram[a * 4 + b] - dot(g[a], g[b])) / scale).toBeLessThan(1e-6);
      expect(Math.abs(p.withSum[a] - dot(g[a], sum)) / scale).toBeLessThan(1e-6);
    }
    expect(p.gram[2 * 4 + 2]).toBe(0); // task 4: no label, zero gradient
    expect(Math.abs(p.sumNorm2 - dot(sum, sum)) / scale).toBeLessThan(1e-6);
  });

  it('leaves the model as it was: weights, optimiser, dropout stream and memory views (training continues identically)', async () => {
    const probed = await trained(backend, H);
    const twin = await trained(backend, H);
    const w0 = probed.getWeights();
    // a batch far larger than any before (more than one evaluation chunk): the work area grows the memory
    const big = rowsOf(Array.from({ length: 1100 }, (_, i) => i % N));
    probed.lookaheadLosses(big, 0.1, { sources: [0, 1, 2, 3, 4], contextual: true });
    probed.sharedGradientProducts(batch, [0, 1, 2]);
    expect(probed.getWeights()).toEqual(w0);
    for (const b of trainBatches) expect(Array.from(probed.trainStep(b))).toEqual(Array.from(twin.trainStep(b)));
    expect(probed.getWeights()).toEqual(twin.getWeights());
  });

  it('rejects repeated or unknown tasks and a non-finite lr, naming the primitive', async () => {
    const m = await trained(backend, H);
    expect(() => m.lookaheadLosses(batch, 0.1, { sources: [1, 1] })).toThrow(
      /lookaheadLosses: task 1: expected distinct integers in \[0, 5\)/,
    );
    expect(() => m.sharedGradientProducts(batch, [5])).toThrow(/sharedGradientProducts: task 5/);
    expect(() => m.lookaheadLosses(batch, NaN, { sources: [0] })).toThrow(/lr = NaN/);
  });
});

describe('Gram probes: SIMD and portable kernels agree bit for bit', () => {
  it('gives identical losses and products on wasm and js', async () => {
    const a = await trained('wasm', 8),
      b = await trained('js', 8);
    b.setWeights(a.getWeights()); // (training itself may differ in the last bit between the kernel sets)
    const req = { sources: [0, 1, 2, 3], contextual: true };
    const x = a.lookaheadLosses(batch, 0.07, req),
      y = b.lookaheadLosses(batch, 0.07, req);
    expect(Array.from(x.after)).toEqual(Array.from(y.after));
    expect(Array.from(x.contextual!)).toEqual(Array.from(y.contextual!));
    const p = a.sharedGradientProducts(batch, [0, 1, 2, 3]),
      q = b.sharedGradientProducts(batch, [0, 1, 2, 3]);
    expect(Array.from(p.gram)).toEqual(Array.from(q.gram));
    expect(Array.from(p.withSum)).toEqual(Array.from(q.withSum));
    expect(a.backend).toBe('wasm');
    expect(b.backend).toBe('js');
  });
});
