/**
 * Test double of the engine contract, for exact (closed-form) checks of estimator arithmetic: the same
 * hard-parameter-sharing net as the real engines (sparse binary input → ReLU hidden → linear head per
 * task, masked mean BCE per task) but in float64 internally, with NO dropout and a plain SGD `trainStep`
 * (not Adam). Only for tests: values are exchanged through the contract's Float32Arrays, so choose
 * weights exactly representable in float32 when snapshot/restore must be exact.
 */
import {
  modelSpecSchema,
  type CsrMatrix,
  type LabelledRows,
  type ModelFactory,
  type ModelSpec,
  type ModelSpecInput,
  type ModelWeights,
  type MultiTaskModel,
} from '@transferbench/core';

export interface Float64Weights {
  W1: ArrayLike<number>;
  b1: ArrayLike<number>;
  W2: ArrayLike<number>;
  b2: ArrayLike<number>;
}

export class LogisticTestModel implements MultiTaskModel {
  readonly engine = 'test-logistic';
  readonly backend = 'js-float64';
  readonly spec: ModelSpec;
  readonly sharedSize: number;
  private W1: Float64Array;
  private b1: Float64Array;
  private W2: Float64Array;
  private b2: Float64Array;

  constructor(
    private readonly features: CsrMatrix,
    spec: ModelSpecInput,
    weights: Float64Weights,
  ) {
    this.spec = modelSpecSchema.parse(spec);
    const { inputDim: D, hidden: H, numTasks: K } = this.spec;
    if (features.dim !== D) throw new Error(`LogisticTestModel: features.dim ${features.dim} ≠ inputDim ${D}`);
    this.W1 = Float64Array.from(weights.W1);
    this.b1 = Float64Array.from(weights.b1);
    this.W2 = Float64Array.from(weights.W2);
    this.b2 = Float64Array.from(weights.b2);
    if (this.W1.length !== D * H || this.b1.length !== H || this.W2.length !== H * K || this.b2.length !== K) {
      throw new Error('LogisticTestModel: weight shapes do not match the spec');
    }
    this.sharedSize = D * H + H;
  }

  /** pre-activations (rows × H) and logits (rows × K) */
  private forward(rows: Int32Array): { pre: Float64Array; hid: Float64Array; logits: Float64Array } {
    const { hidden: H, numTasks: K } = this.spec;
    const n = rows.length;
    const pre = new Float64Array(n * H),
      hid = new Float64Array(n * H),
      logits = new Float64Array(n * K);
    for (let i = 0; i < n; i++) {
      const r = rows[i];
      for (let h = 0; h < H; h++) pre[i * H + h] = this.b1[h];
      for (let p = this.features.indptr[r]; p < this.features.indptr[r + 1]; p++) {
        const c = this.features.indices[p];
        for (let h = 0; h < H; h++) pre[i * H + h] += this.W1[c * H + h];
      }
      for (let h = 0; h < H; h++) hid[i * H + h] = Math.max(0, pre[i * H + h]);
      for (let t = 0; t < K; t++) {
        let z = this.b2[t];
        for (let h = 0; h < H; h++) z += hid[i * H + h] * this.W2[h * K + t];
        logits[i * K + t] = z;
      }
    }
    return { pre, hid, logits };
  }

  taskLosses(batch: LabelledRows): Float64Array {
    const K = this.spec.numTasks;
    const { logits } = this.forward(batch.rows);
    const sum = new Float64Array(K),
      count = new Float64Array(K);
    for (let i = 0; i < batch.rows.length; i++)
      for (let t = 0; t < K; t++) {
        const y = batch.labels[i * K + t];
        if (y < 0) continue;
        const z = logits[i * K + t];
        sum[t] += Math.max(z, 0) - y * z + Math.log1p(Math.exp(-Math.abs(z)));
        count[t]++;
      }
    return sum.map((s, t) => (count[t] > 0 ? s / count[t] : NaN));
  }

  /** d L_t / d logits (rows × K) for the tasks in `mask` (all tasks summed, as in the masked total loss). */
  private logitGrads(batch: LabelledRows, logits: Float64Array, task?: number): Float64Array {
    const K = this.spec.numTasks;
    const n = batch.rows.length;
    const count = new Float64Array(K);
    for (let i = 0; i < n; i++) for (let t = 0; t < K; t++) if (batch.labels[i * K + t] >= 0) count[t]++;
    const g = new Float64Array(n * K);
    for (let i = 0; i < n; i++)
      for (let t = 0; t < K; t++) {
        if (task !== undefined && t !== task) continue;
        const y = batch.labels[i * K + t];
        if (y < 0) continue;
        g[i * K + t] = (1 / (1 + Math.exp(-logits[i * K + t])) - y) / count[t];
      }
    return g;
  }

  /** gradients of the loss with logit gradients g: shared (W1, b1 flat) and heads */
  private backward(rows: Int32Array, pre: Float64Array, hid: Float64Array, g: Float64Array) {
    const { inputDim: D, hidden: H, numTasks: K } = this.spec;
    const shared = new Float64Array(D * H + H);
    const dW2 = new Float64Array(H * K),
      db2 = new Float64Array(K);
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i];
      for (let t = 0; t < K; t++) {
        const gt = g[i * K + t];
        db2[t] += gt;
        for (let h = 0; h < H; h++) dW2[h * K + t] += gt * hid[i * H + h];
      }
      for (let h = 0; h < H; h++) {
        if (pre[i * H + h] <= 0) continue;
        let dh = 0;
        for (let t = 0; t < K; t++) dh += g[i * K + t] * this.W2[h * K + t];
        shared[D * H + h] += dh;
        for (let p = this.features.indptr[r]; p < this.features.indptr[r + 1]; p++) shared[this.features.indices[p] * H + h] += dh;
      }
    }
    return { shared, dW2, db2 };
  }

  trainStep(batch: LabelledRows): Float64Array {
    const losses = this.taskLosses(batch);
    const { pre, hid, logits } = this.forward(batch.rows);
    const { shared, dW2, db2 } = this.backward(batch.rows, pre, hid, this.logitGrads(batch, logits));
    const lr = this.spec.learningRate;
    const DH = this.W1.length;
    for (let k = 0; k < DH; k++) this.W1[k] -= lr * shared[k];
    for (let h = 0; h < this.b1.length; h++) this.b1[h] -= lr * shared[DH + h];
    for (let k = 0; k < this.W2.length; k++) this.W2[k] -= lr * dW2[k];
    for (let t = 0; t < this.b2.length; t++) this.b2[t] -= lr * db2[t];
    return losses;
  }

  predict(rows: Int32Array): Float32Array {
    return Float32Array.from(this.forward(rows).logits, (z) => 1 / (1 + Math.exp(-z)));
  }

  /**
   * Ignores `out` on purpose (the contract allows it): always fresh arrays, so a caller that reads its
   * `out` arrays instead of the returned ones reads zeros and fails its tests with this double.
   */
  sharedGradients(batch: LabelledRows, tasks?: readonly number[], _out?: Float32Array[]): Float32Array[] {
    const list = tasks ?? Array.from({ length: this.spec.numTasks }, (_, t) => t);
    const { pre, hid, logits } = this.forward(batch.rows);
    return list.map((t) => Float32Array.from(this.backward(batch.rows, pre, hid, this.logitGrads(batch, logits, t)).shared));
  }

  /** Float64 variant for tests that need the exact gradient. */
  sharedGradient64(batch: LabelledRows, task: number): Float64Array {
    const { pre, hid, logits } = this.forward(batch.rows);
    return this.backward(batch.rows, pre, hid, this.logitGrads(batch, logits, task)).shared;
  }

  /** Ignores `out` on purpose, as sharedGradients does. */
  snapshotShared(_out?: Float32Array): Float32Array {
    const out = new Float32Array(this.sharedSize);
    out.set(this.W1);
    out.set(this.b1, this.W1.length);
    return out;
  }

  restoreShared(shared: Float32Array): void {
    this.W1.set(shared.subarray(0, this.W1.length));
    this.b1.set(shared.subarray(this.W1.length));
  }

  sgdStepShared(direction: Float32Array, lr: number): void {
    const DH = this.W1.length;
    for (let k = 0; k < DH; k++) this.W1[k] -= lr * direction[k];
    for (let h = 0; h < this.b1.length; h++) this.b1[h] -= lr * direction[DH + h];
  }

  getWeights(): ModelWeights {
    return {
      W1: Float32Array.from(this.W1),
      b1: Float32Array.from(this.b1),
      W2: Float32Array.from(this.W2),
      b2: Float32Array.from(this.b2),
    };
  }

  setWeights(w: ModelWeights): void {
    this.W1.set(w.W1);
    this.b1.set(w.b1);
    this.W2.set(w.W2);
    this.b2.set(w.b2);
  }

  dispose(): void {}
}

/** A factory whose every model starts from `weights` (the spec's seed is ignored). */
export function logisticTestFactory(weights: Float64Weights): ModelFactory {
  return {
    engine: 'test-logistic',
    backend: 'js-float64',
    create: (features, spec) => new LogisticTestModel(features, spec, weights),
  };
}
