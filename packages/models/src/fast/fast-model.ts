/**
 * FastModel: the multi-task net of core's Model contract on a sparse first layer.
 * Same semantics as the tfjs engine, weight for weight:
 * - initial weights from core's `initialWeights(spec)`;
 * - training-mode dropout after the hidden ReLU, inverted (kept units × 1/(1−p)), with one uniform
 *   per hidden unit per row, row-major, from `new Rng(spec.seed).stream('dropout')`, kept if u ≥ p;
 * - loss Σ_t mean over task t's present labels of the stable BCE-with-logits
 *   max(z,0) − z·y + log(1 + e^−|z|), so ∂L/∂z = (σ(z) − y)/n_t;
 * - tfjs' Adam (tfjs-core AdamOptimizer.applyGradients): m ← β1·m + (1−β1)·g,
 *   v ← β2·v + (1−β2)·g², w ← w − lr·m̂/(√v̂ + ε) with m̂ = m/(1−β1^t), v̂ = v/(1−β2^t) and β^t
 *   accumulated in float32 (ε is added to √v̂, not to √v as in Keras); applied to every parameter
 *   every step (rows of W1 without gradient still decay their moments and move). The divisions by
 *   1−β^t are multiplications by the float32 reciprocal here (≤ 1 ulp apart; they cost a third of
 *   the step on the division unit).
 * The arithmetic lives in the kernels (JS or WebAssembly SIMD); this class stages batches, draws
 * dropout masks, computes the loss and keeps the optimiser's step constants.
 */
import {
  initialWeights,
  modelSpecSchema,
  parseOptions,
  Rng,
  type CsrMatrix,
  type GradientProducts,
  type LabelledRows,
  type LookaheadLosses,
  type LookaheadRequest,
  type ModelSpec,
  type ModelSpecInput,
  type ModelWeights,
  type MultiTaskModel,
} from '@transferbench/core';
import { makeLayout, type Layout, type Views } from './arena.ts';
import { sgdRowsFor, type AdamStep, type Kernels } from './kernels.ts';
import { checkGradientOut, checkSnapshotOut } from '../shared-out.ts';
import { GramProbe } from './gram-probe.ts';

const f32 = Math.fround;
/** rows evaluated at once in predict/taskLosses */
const EVAL_CHUNK = 1024;

/** rows×cols row-major → cols×rows row-major */
function transpose(a: Float32Array, rows: number, cols: number): Float32Array {
  const out = new Float32Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out[j * rows + i] = a[i * cols + j];
  return out;
}

/** Throws unless the features fit the spec (kernels index W1 by these columns without checks). */
function checkFeatures(features: CsrMatrix, spec: ModelSpec): void {
  if (features.dim !== spec.inputDim) {
    throw new Error(`fast engine: features.dim is ${features.dim} but spec.inputDim is ${spec.inputDim}; expected them equal`);
  }
  const { indptr, indices, dim } = features;
  const nnz = indptr[indptr.length - 1];
  if (indptr.length < 1 || indptr[0] !== 0 || nnz > indices.length) {
    throw new Error('fast engine: features.indptr: expected a CSR row-pointer array starting at 0 and ending within indices');
  }
  for (let k = 0; k < nnz; k++) {
    const j = indices[k];
    if (!(j >= 0 && j < dim)) throw new Error(`fast engine: features.indices[${k}] = ${j}: expected an integer in [0, ${dim})`);
  }
}

export class FastModel implements MultiTaskModel {
  readonly engine = 'fast';
  readonly backend: string;
  readonly spec: ModelSpec;
  readonly sharedSize: number;
  private L: Layout;
  private mem: Views;
  private readonly dropoutRng: Rng;
  private readonly keepScale: number;
  /** tfjs' accBeta1/2: β^t as float32 scalars, multiplied once per step */
  private accBeta1: number;
  private accBeta2: number;
  private readonly counts: Float64Array;
  private readonly sums: Float64Array;
  private readonly scaleBuf: Float64Array;
  private disposed = false;
  /** pre-activations of a probed batch (lookaheadLosses, sharedGradientProducts), reused across calls */
  private preBuf = new Float32Array(0);

  constructor(
    private readonly features: CsrMatrix,
    specInput: ModelSpecInput,
    private kernels: Kernels,
  ) {
    this.spec = parseOptions('model spec (fast engine)', modelSpecSchema, specInput);
    checkFeatures(features, this.spec);
    const { inputDim: D, hidden: H, numTasks: K } = this.spec;
    this.backend = kernels.name;
    this.sharedSize = D * H + H;
    this.L = makeLayout({ D, H, K }, this.spec.batchSize, this.spec.batchSize * 64);
    this.mem = kernels.reserve(this.L.words);
    this.setWeights(initialWeights(this.spec));
    this.dropoutRng = new Rng(this.spec.seed).stream('dropout');
    this.keepScale = f32(1 / (1 - this.spec.dropout));
    this.accBeta1 = f32(this.spec.beta1);
    this.accBeta2 = f32(this.spec.beta2);
    this.counts = new Float64Array(K);
    this.sums = new Float64Array(K);
    this.scaleBuf = new Float64Array(K);
  }

  // ── staging ────────────────────────────────────────────────────────────────────────────────

  /** Copy the active columns of rows[start, start+n) into the staging area, growing it if needed. */
  private stage(rows: Int32Array, start: number, n: number): void {
    const { indptr, indices } = this.features;
    let nnz = 0;
    for (let i = start; i < start + n; i++) {
      const r = rows[i];
      if (!(r >= 0 && r + 1 < indptr.length)) {
        throw new Error(`fast engine: batch row ${r}: expected an integer in [0, ${indptr.length - 1})`);
      }
      nnz += indptr[r + 1] - indptr[r];
    }
    if (n > this.L.cap || nnz > this.L.colCap) {
      this.L = makeLayout(this.L, Math.max(n, this.L.cap), Math.max(nnz, this.L.colCap * 2));
      this.mem = this.kernels.reserve(this.L.words);
    }
    const { i32 } = this.mem;
    const { rowPtr, cols } = this.L;
    let at = 0;
    i32[rowPtr] = 0;
    for (let i = 0; i < n; i++) {
      const r = rows[start + i];
      const a = indptr[r],
        b = indptr[r + 1];
      for (let k = a; k < b; k++) i32[cols + at++] = indices[k];
      i32[rowPtr + i + 1] = at;
    }
  }

  private checkBatch(what: string, batch: LabelledRows): void {
    const want = batch.rows.length * this.L.K;
    if (batch.labels.length !== want) {
      throw new Error(`fast engine: ${what}: labels has ${batch.labels.length} entries; expected rows.length × numTasks = ${want}`);
    }
  }

  /** Training-mode dropout multipliers for n rows: one uniform per unit, row-major. */
  private drawMask(n: number): void {
    const { f32: m } = this.mem;
    const p = this.spec.dropout,
      scale = this.keepScale,
      rng = this.dropoutRng;
    const e = this.L.mask + n * this.L.H;
    for (let i = this.L.mask; i < e; i++) m[i] = rng.next() >= p ? scale : 0;
  }

  /**
   * Per-task BCE sums and counts of the staged logits against labels[labelStart..] (n rows);
   * with `gradScale`, also writes ∂L/∂logit scaled by gradScale[t] (1/n_t, or 0 for tasks not wanted).
   */
  private lossAndGrad(labels: Int8Array, labelStart: number, n: number, gradScale: Float64Array | null): void {
    const K = this.L.K;
    const { f32: v } = this.mem;
    const lo = this.L.logits,
      dl = this.L.dlogits;
    for (let r = 0; r < n; r++) {
      for (let t = 0; t < K; t++) {
        const y = labels[(labelStart + r) * K + t];
        const i = r * K + t;
        if (y < 0) {
          if (gradScale) v[dl + i] = 0;
          continue;
        }
        const z = v[lo + i];
        const e = Math.exp(-Math.abs(z));
        this.sums[t] += (z > 0 ? z : 0) - z * y + Math.log1p(e);
        this.counts[t]++;
        if (gradScale) {
          const sig = z >= 0 ? 1 / (1 + e) : e / (1 + e);
          v[dl + i] = (sig - y) * gradScale[t];
        }
      }
    }
  }

  /** Labels per task in the batch (into `out`). */
  private taskCounts(labels: Int8Array, n: number, out: Float64Array = new Float64Array(this.L.K)): Float64Array {
    const K = this.L.K;
    out.fill(0);
    for (let i = 0; i < n * K; i++) if (labels[i] >= 0) out[i % K]++;
    return out;
  }

  /** ∂L/∂logit scale per task for L = Σ_t mean_t: 1/n_t (0 without labels), into the reused buffer. */
  private inverseCounts(labels: Int8Array, n: number): Float64Array {
    const c = this.taskCounts(labels, n, this.scaleBuf);
    for (let t = 0; t < c.length; t++) c[t] = c[t] > 0 ? 1 / c[t] : 0;
    return c;
  }

  private resetSums(): void {
    this.sums.fill(0);
    this.counts.fill(0);
  }

  private meanLosses(): Float64Array {
    return this.sums.map((s, t) => (this.counts[t] > 0 ? s / this.counts[t] : NaN));
  }

  /** Adam constants of the next step; advances tfjs' accumulated β^t (float32, once per step). */
  private nextAdamStep(): AdamStep {
    const s = this.spec;
    const step: AdamStep = {
      beta1: f32(s.beta1),
      oneMinusBeta1: f32(1 - s.beta1),
      beta2: f32(s.beta2),
      oneMinusBeta2: f32(1 - s.beta2),
      invC1: f32(1 / f32(1 - this.accBeta1)),
      invC2: f32(1 / f32(1 - this.accBeta2)),
      negLr: f32(-s.learningRate),
      epsilon: f32(s.epsilon),
    };
    this.accBeta1 = f32(this.accBeta1 * f32(s.beta1));
    this.accBeta2 = f32(this.accBeta2 * f32(s.beta2));
    return step;
  }

  // ── contract ───────────────────────────────────────────────────────────────────────────────

  trainStep(batch: LabelledRows): Float64Array {
    this.live();
    this.checkBatch('trainStep', batch);
    const n = batch.rows.length;
    // as the tfjs engine: an empty batch is no step at all
    if (n === 0) return new Float64Array(this.L.K).fill(NaN);
    const scale = this.inverseCounts(batch.labels, n);
    this.stage(batch.rows, 0, n);
    const masked = this.spec.dropout > 0;
    if (masked) this.drawMask(n);
    this.kernels.forward(this.L, n, masked);
    this.resetSums();
    this.lossAndGrad(batch.labels, 0, n, scale);
    this.kernels.step(this.L, n, masked, this.nextAdamStep());
    return this.meanLosses();
  }

  taskLosses(batch: LabelledRows): Float64Array {
    this.live();
    this.checkBatch('taskLosses', batch);
    this.resetSums();
    const n = batch.rows.length;
    for (let s = 0; s < n; s += EVAL_CHUNK) {
      const m = Math.min(EVAL_CHUNK, n - s);
      this.stage(batch.rows, s, m);
      this.kernels.forward(this.L, m, false);
      this.lossAndGrad(batch.labels, s, m, null);
    }
    return this.meanLosses();
  }

  predict(rows: Int32Array): Float32Array {
    this.live();
    const K = this.L.K;
    const out = new Float32Array(rows.length * K);
    for (let s = 0; s < rows.length; s += EVAL_CHUNK) {
      const m = Math.min(EVAL_CHUNK, rows.length - s);
      this.stage(rows, s, m);
      this.kernels.forward(this.L, m, false);
      const { f32: v } = this.mem;
      for (let i = 0; i < m * K; i++) {
        const z = v[this.L.logits + i];
        const e = Math.exp(-Math.abs(z));
        out[s * K + i] = z >= 0 ? 1 / (1 + e) : e / (1 + e);
      }
    }
    return out;
  }

  sharedGradients(batch: LabelledRows, tasks?: readonly number[], out?: Float32Array[]): Float32Array[] {
    this.live();
    this.checkBatch('sharedGradients', batch);
    const K = this.L.K;
    const list = tasks ?? Array.from({ length: K }, (_, t) => t);
    for (const t of list) {
      if (!(Number.isInteger(t) && t >= 0 && t < K))
        throw new Error(`fast engine: sharedGradients task ${t}: expected an integer in [0, ${K})`);
    }
    if (out !== undefined) checkGradientOut('fast engine', out, list.length, this.sharedSize);
    const n = batch.rows.length;
    const counts = this.taskCounts(batch.labels, n);
    this.stage(batch.rows, 0, n);
    this.kernels.forward(this.L, n, false);
    const scale = new Float64Array(K);
    const result = out ?? new Array<Float32Array>(list.length);
    list.forEach((t, k) => {
      // a fresh array is zero already; a reused one holds whatever the caller's last use left
      const dest = out ? out[k] : new Float32Array(this.sharedSize);
      result[k] = dest;
      if (counts[t] === 0) {
        if (out) dest.fill(0);
        return;
      }
      scale.fill(0);
      scale[t] = 1 / counts[t];
      this.resetSums();
      this.lossAndGrad(batch.labels, 0, n, scale);
      const touched = this.kernels.backward(this.L, n, false);
      this.copySharedGrad(dest, touched, out !== undefined);
      this.kernels.clearGrad(this.L, touched);
    });
    return result;
  }

  /**
   * g's W1‖b1 part into `out` after `backward`: only the touched W1 rows and b1, since every other
   * row of g is zero (g is zero at rest and backward writes only the rows it lists). For sparse
   * fingerprints that is ~10 % of the 2 MB a full copy moves. `out` must be zero-filled first unless
   * it is fresh (`reused` false): its other rows may hold an earlier gradient's touched rows, or
   * anything the caller wrote.
   */
  private copySharedGrad(out: Float32Array, touched: number, reused: boolean): void {
    const { f32, i32 } = this.mem;
    const { g, D, H, touchedList } = this.L;
    if (touched > D / 4) {
      out.set(f32.subarray(g, g + this.sharedSize));
      return;
    }
    if (reused) out.fill(0, 0, D * H);
    for (let i = 0; i < touched; i++) {
      const at = i32[touchedList + i] * H;
      out.set(f32.subarray(g + at, g + at + H), at);
    }
    out.set(f32.subarray(g + D * H, g + D * H + H), D * H);
  }

  /**
   * Gradient of the total loss Σ_t L_t w.r.t. every parameter, evaluation mode (no dropout, no
   * random draws), in the contract's layout. Not part of the Model contract: for tests and
   * diagnostics.
   */
  gradient(batch: LabelledRows): ModelWeights {
    this.live();
    this.checkBatch('gradient', batch);
    const n = batch.rows.length;
    this.stage(batch.rows, 0, n);
    this.kernels.forward(this.L, n, false);
    this.resetSums();
    this.lossAndGrad(batch.labels, 0, n, this.inverseCounts(batch.labels, n));
    const touched = this.kernels.backward(this.L, n, false);
    const L = this.L,
      v = this.mem.f32,
      at = (p: number) => L.g + (p - L.W1);
    const out: ModelWeights = {
      W1: v.slice(at(L.W1), at(L.W1) + L.D * L.H),
      b1: v.slice(at(L.b1), at(L.b1) + L.H),
      W2: transpose(v.subarray(at(L.W2), at(L.W2) + L.H * L.K), L.K, L.H),
      b2: v.slice(at(L.b2), at(L.b2) + L.K),
    };
    this.kernels.clearGrad(L, touched);
    return out;
  }

  snapshotShared(out?: Float32Array): Float32Array {
    this.live();
    const shared = this.mem.f32.subarray(this.L.W1, this.L.W1 + this.sharedSize);
    if (out === undefined) return shared.slice();
    checkSnapshotOut('fast engine', out, this.sharedSize);
    out.set(shared);
    return out;
  }

  restoreShared(shared: Float32Array): void {
    this.live();
    if (shared.length !== this.sharedSize) {
      throw new Error(`fast engine: restoreShared: expected ${this.sharedSize} values (W1 then b1), got ${shared.length}`);
    }
    this.mem.f32.set(shared, this.L.W1);
  }

  sgdStepShared(direction: Float32Array, lr: number): void {
    this.live();
    if (direction.length !== this.sharedSize) {
      throw new Error(
        `fast engine: sgdStepShared: expected a direction of ${this.sharedSize} values (W1 then b1), got ${direction.length}`,
      );
    }
    // The direction goes through g (zero at rest, left zero by the kernel), where the kernel sees
    // which rows of W1 it leaves unchanged and skips them — for a minibatch gradient, every row
    // whose bit no batch row has. Same float32 results as the dense loop `w[i] -= a * d[i]`
    // (sgdRowsFor only skips where that is exact), at the cost of one 2 MB copy and a scan.
    const a = f32(lr);
    this.mem.f32.set(direction, this.L.g);
    this.kernels.sgdShared(this.L, a, sgdRowsFor(a));
  }

  /**
   * Core's optional probe primitive, from the batch's Gram matrix (gram-probe.ts): no step, no restore;
   * float64 from the float32 pre-activations on.
   */
  lookaheadLosses(batch: LabelledRows, lr: number, request: LookaheadRequest): LookaheadLosses {
    if (!Number.isFinite(lr)) throw new Error(`fast engine: lookaheadLosses: lr = ${lr}; expected a finite number`);
    try {
      return this.gramProbe('lookaheadLosses', batch, request.sources).lookahead(request.sources, lr, request.contextual ?? false);
    } finally {
      this.refreshViews();
    }
  }

  /** Core's optional probe primitive, from the batch's Gram matrix (gram-probe.ts), float64. */
  sharedGradientProducts(batch: LabelledRows, tasks: readonly number[]): GradientProducts {
    try {
      return this.gramProbe('sharedGradientProducts', batch, tasks).products(tasks);
    } finally {
      this.refreshViews();
    }
  }

  /** The probes' work area may have grown (replaced) the memory: take its current views. */
  private refreshViews(): void {
    if (!this.disposed) this.mem = this.kernels.views();
  }

  /** Pre-activations of the batch (evaluation mode) and its Gram probe. */
  private gramProbe(what: string, batch: LabelledRows, tasks: readonly number[]): GramProbe {
    this.live();
    this.checkBatch(what, batch);
    const { K, H } = this.L;
    const seen = new Set<number>();
    for (const t of tasks) {
      if (!(Number.isInteger(t) && t >= 0 && t < K) || seen.has(t))
        throw new Error(`fast engine: ${what}: task ${t}: expected distinct integers in [0, ${K})`);
      seen.add(t);
    }
    const n = batch.rows.length;
    this.refreshViews();
    // a minibatch is staged at once and its pre-activations stay in the arena; a larger batch goes in chunks
    let pre: Float32Array | number;
    if (n <= EVAL_CHUNK) {
      this.stage(batch.rows, 0, n);
      this.kernels.preact(this.L, n);
      pre = this.L.h;
    } else {
      if (this.preBuf.length < n * H) this.preBuf = new Float32Array(n * H);
      for (let s = 0; s < n; s += EVAL_CHUNK) {
        const m = Math.min(EVAL_CHUNK, n - s);
        this.stage(batch.rows, s, m);
        this.kernels.preact(this.L, m);
        this.preBuf.set(this.mem.f32.subarray(this.L.h, this.L.h + m * H), s * H);
      }
      pre = this.preBuf;
    }
    const L = this.L;
    return new GramProbe(this.kernels, {
      features: this.features,
      batch,
      K,
      H,
      pre,
      W2T: L.W2,
      b2: L.b2,
      base: L.words,
    });
  }

  getWeights(): ModelWeights {
    this.live();
    const { f32: v } = this.mem;
    const L = this.L;
    return {
      W1: v.slice(L.W1, L.W1 + L.D * L.H),
      b1: v.slice(L.b1, L.b1 + L.H),
      W2: transpose(v.subarray(L.W2, L.W2 + L.H * L.K), L.K, L.H),
      b2: v.slice(L.b2, L.b2 + L.K),
    };
  }

  /** All parameters in the arena's order (W1 ‖ b1 ‖ W2ᵀ ‖ b2 are contiguous): one copy, no transpose. */
  snapshotAll(out?: Float32Array): Float32Array {
    this.live();
    const all = this.mem.f32.subarray(this.L.W1, this.L.W1 + this.L.P);
    if (out === undefined) return all.slice();
    if (out.length !== this.L.P)
      throw new Error(`fast engine: snapshotAll: out has ${out.length} values; expected ${this.L.P} (a snapshotAll of this model)`);
    out.set(all);
    return out;
  }

  restoreAll(snapshot: Float32Array): void {
    this.live();
    if (snapshot.length !== this.L.P)
      throw new Error(`fast engine: restoreAll: expected ${this.L.P} values (a snapshotAll of this model), got ${snapshot.length}`);
    this.mem.f32.set(snapshot, this.L.W1);
  }

  /** Replaces the parameters; the optimiser state is kept, as tfjs' `setWeights` keeps it. */
  setWeights(weights: ModelWeights): void {
    this.live();
    const L = this.L;
    const want = { W1: L.D * L.H, b1: L.H, W2: L.H * L.K, b2: L.K } as const;
    for (const key of Object.keys(want) as (keyof typeof want)[]) {
      if (weights[key]?.length !== want[key]) {
        throw new Error(`fast engine: setWeights: ${key}: expected ${want[key]} values, got ${weights[key]?.length}`);
      }
    }
    const v = this.mem.f32;
    v.set(weights.W1, L.W1);
    v.set(weights.b1, L.b1);
    v.set(transpose(weights.W2, L.H, L.K), L.W2);
    v.set(weights.b2, L.b2);
  }

  dispose(): void {
    this.disposed = true;
    this.kernels = undefined as unknown as Kernels;
    this.mem = undefined as unknown as Views;
  }

  private live(): void {
    if (this.disposed) throw new Error('fast engine: model used after dispose()');
  }
}
