/**
 * The tfjs multi-task model: hard parameter sharing, masked loss Σ_t mean-BCE_t, Adam on all
 * parameters. Initial weights come from core's `initialWeights` and dropout masks from the seeded
 * stream `Rng(seed).stream('dropout')`, generated on the host and fed as a tensor, so a run is
 * deterministic and the same on every backend up to floating-point rounding.
 *
 * Every operation runs inside tf.tidy; the only tensors that outlive a call are the four variables
 * and Adam's moment estimates, so `tf.memory().numTensors` is constant once training has started.
 */
import * as tf from '@tensorflow/tfjs';
import { Rng, initialWeights } from '@transferbench/core';
import type { CsrMatrix, LabelledRows, ModelSpec, ModelWeights, MultiTaskModel } from '@transferbench/core';
import { type BackendName, useBackend } from '../backend.ts';
import { BatchBuffers } from './batch-buffers.ts';
import { checkGradientOut, checkSnapshotOut } from '../shared-out.ts';
import { type NetVariables, logits, maskedBceSums, preActivation, preActivationTrainable } from './graph.ts';

/** rows per forward pass in predict/taskLosses: bounds the dense input buffer for large sets */
const EVAL_CHUNK = 1024;

export class TfjsModel implements MultiTaskModel {
  readonly engine = 'tfjs';
  readonly sharedSize: number;
  private readonly v: NetVariables;
  private readonly optimizer: tf.AdamOptimizer;
  private readonly buffers: BatchBuffers;
  private readonly dropoutRng: Rng;
  private keepBuf = new Float32Array(0);
  private disposed = false;

  constructor(
    private readonly features: CsrMatrix,
    readonly spec: ModelSpec,
    readonly backend: BackendName,
  ) {
    if (features.dim !== spec.inputDim) {
      throw new RangeError(`model spec inputDim ${spec.inputDim} does not match the feature dimension ${features.dim}`);
    }
    useBackend(backend);
    const { inputDim: D, hidden: H, numTasks: K } = spec;
    this.sharedSize = D * H + H;
    const w = initialWeights(spec);
    // inside tidy so the initial-value tensors are released; variables survive tidy
    this.v = tf.tidy(() => ({
      W1: tf.variable(tf.tensor2d(w.W1, [D, H]), true),
      b1: tf.variable(tf.tensor1d(w.b1), true),
      W2: tf.variable(tf.tensor2d(w.W2, [H, K]), true),
      b2: tf.variable(tf.tensor1d(w.b2), true),
    }));
    this.optimizer = tf.train.adam(spec.learningRate, spec.beta1, spec.beta2, spec.epsilon);
    this.buffers = new BatchBuffers(features, K);
    this.dropoutRng = new Rng(spec.seed).stream('dropout');
  }

  private enter(): void {
    if (this.disposed) throw new Error('tfjs model: used after dispose()');
    useBackend(this.backend);
  }

  /** Inverted-dropout multipliers for n rows, drawn from the seeded stream (n × hidden). */
  private dropoutKeep(n: number): Float32Array {
    const size = n * this.spec.hidden;
    if (this.keepBuf.length < size) this.keepBuf = new Float32Array(size);
    const p = this.spec.dropout;
    const scale = 1 / (1 - p);
    const buf = this.keepBuf;
    for (let i = 0; i < size; i++) buf[i] = this.dropoutRng.next() < p ? 0 : scale;
    return buf.subarray(0, size);
  }

  private inputs(batch: LabelledRows, withTranspose = false) {
    const n = batch.rows.length;
    const { dim } = this.features;
    const K = this.spec.numTasks;
    const lab = this.buffers.labels(batch.labels, n);
    const x = tf.tensor2d(this.buffers.dense(batch.rows), [n, dim]);
    const xT = withTranspose ? tf.tensor2d(this.buffers.denseTransposed(batch.rows), [dim, n]) : undefined;
    const y = tf.tensor2d(lab.y, [n, K]);
    const mask = tf.tensor2d(lab.mask, [n, K]);
    const invCount = tf.tensor1d(lab.invCount);
    return { n, x, xT, y, mask, invCount, count: lab.count };
  }

  private lossesOut(values: ArrayLike<number>, count: Int32Array): Float64Array {
    const out = new Float64Array(this.spec.numTasks);
    for (let t = 0; t < out.length; t++) out[t] = count[t] > 0 ? values[t] : NaN;
    return out;
  }

  trainStep(batch: LabelledRows): Float64Array {
    this.enter();
    const n = batch.rows.length;
    if (n === 0) return new Float64Array(this.spec.numTasks).fill(NaN);
    const keepHost = this.spec.dropout > 0 ? this.dropoutKeep(n) : null;
    let count!: Int32Array;
    const losses = tf.tidy(() => {
      const inp = this.inputs(batch, true);
      count = inp.count;
      const keep = keepHost ? tf.tensor2d(keepHost, [n, this.spec.hidden]) : undefined;
      let perTask!: tf.Tensor;
      const { grads } = tf.variableGrads(() => {
        const z = logits(this.v, preActivationTrainable(this.v, inp.x, inp.xT!), keep);
        const l = tf.mul(maskedBceSums(z, inp.y, inp.mask), inp.invCount);
        perTask = tf.keep(l);
        return tf.sum(l) as tf.Scalar;
      }, [this.v.W1, this.v.b1, this.v.W2, this.v.b2]);
      this.optimizer.applyGradients(grads as tf.NamedTensorMap as Record<string, tf.Variable>);
      return perTask;
    });
    const values = losses.dataSync();
    const out = this.lossesOut(values, count);
    losses.dispose();
    return out;
  }

  taskLosses(batch: LabelledRows): Float64Array {
    this.enter();
    const K = this.spec.numTasks;
    const n = batch.rows.length;
    const sums = new Float64Array(K);
    const count = new Int32Array(K);
    for (let s = 0; s < n; s += EVAL_CHUNK) {
      const e = Math.min(n, s + EVAL_CHUNK);
      const part: LabelledRows = { rows: batch.rows.subarray(s, e), labels: batch.labels.subarray(s * K, e * K) };
      const partSums = tf.tidy(() => {
        const inp = this.inputs(part);
        for (let t = 0; t < K; t++) count[t] += inp.count[t];
        return maskedBceSums(logits(this.v, preActivation(this.v, inp.x)), inp.y, inp.mask);
      });
      const v = partSums.dataSync();
      for (let t = 0; t < K; t++) sums[t] += v[t];
      partSums.dispose();
    }
    return this.lossesOut(
      sums.map((s, t) => (count[t] > 0 ? s / count[t] : NaN)),
      count,
    );
  }

  predict(rows: Int32Array): Float32Array {
    this.enter();
    const K = this.spec.numTasks;
    const { dim } = this.features;
    const out = new Float32Array(rows.length * K);
    for (let s = 0; s < rows.length; s += EVAL_CHUNK) {
      const e = Math.min(rows.length, s + EVAL_CHUNK);
      const p = tf.tidy(() => {
        const x = tf.tensor2d(this.buffers.dense(rows.subarray(s, e)), [e - s, dim]);
        return tf.sigmoid(logits(this.v, preActivation(this.v, x)));
      });
      out.set(p.dataSync(), s * K);
      p.dispose();
    }
    return out;
  }

  /**
   * One forward pass through the trunk for all requested tasks: the pre-activation A is computed
   * once and replicated per task, one autodiff call gives ∂L_t/∂A_t for every copy (copy t carries
   * only task t's loss), and then ∂L_t/∂W1 = Xᵀ·∂L_t/∂A_t for all tasks is a single matmul and
   * ∂L_t/∂b1 = Σ_rows ∂L_t/∂A_t. Without `out`, the returned vectors are views into one fresh
   * buffer; with it, each task's slice of the result is copied into out[k] and `out` is returned.
   */
  sharedGradients(batch: LabelledRows, tasks?: readonly number[], out?: Float32Array[]): Float32Array[] {
    this.enter();
    const { inputDim: D, hidden: H, numTasks: K } = this.spec;
    const wanted = tasks ?? Array.from({ length: K }, (_, t) => t);
    for (const t of wanted) {
      if (!Number.isInteger(t) || t < 0 || t >= K) throw new RangeError(`sharedGradients: task ${t} is not in 0..${K - 1}`);
    }
    const T = wanted.length;
    const S = this.sharedSize;
    if (out !== undefined) checkGradientOut('tfjs model', out, T, S);
    const n = batch.rows.length;
    if (T === 0) return out ?? [];
    if (n === 0) {
      if (!out) return wanted.map(() => new Float32Array(S));
      for (const o of out) o.fill(0);
      return out;
    }
    const select = new Float32Array(T * K);
    wanted.forEach((t, c) => (select[c * K + t] = 1));
    const flat = tf.tidy(() => {
      const inp = this.inputs(batch, true);
      const pre = preActivation(this.v, inp.x);
      const rep = tf.tile(tf.expandDims(pre, 0), [T, 1, 1]); // T × n × H
      const sel = tf.tensor2d(select, [T, K]);
      const lossOfCopies = (a: tf.Tensor) =>
        tf.sum(tf.mul(tf.mul(maskedBceSums(logits(this.v, a), inp.y, inp.mask), inp.invCount), sel)) as tf.Scalar;
      const dA = tf.grad(lossOfCopies)(rep) as tf.Tensor3D; // T × n × H
      const dAWide = tf.reshape(tf.transpose(dA, [1, 0, 2]), [n, T * H]) as tf.Tensor2D;
      const dW1 = tf.matMul(inp.xT!, dAWide); // D × (T·H); see preActivationTrainable on transposeA
      const dW1PerTask = tf.reshape(tf.transpose(tf.reshape(dW1, [D, T, H]), [1, 0, 2]), [T, D * H]);
      const db1 = tf.sum(dA, 1); // T × H
      return tf.concat([dW1PerTask, db1], 1); // T × S
    });
    if (out) {
      // copied before dispose: on the cpu backend dataSync returns the tensor's own storage
      const data = flat.dataSync() as Float32Array;
      out.forEach((o, c) => o.set(data.subarray(c * S, (c + 1) * S)));
      flat.dispose();
      return out;
    }
    const all = new Float32Array(flat.dataSync());
    flat.dispose();
    return wanted.map((_, c) => all.subarray(c * S, (c + 1) * S));
  }

  snapshotShared(out?: Float32Array): Float32Array {
    this.enter();
    if (out !== undefined) checkSnapshotOut('tfjs model', out, this.sharedSize);
    const dest = out ?? new Float32Array(this.sharedSize);
    dest.set(this.v.W1.dataSync());
    dest.set(this.v.b1.dataSync(), this.sharedSize - this.spec.hidden);
    return dest;
  }

  private checkShared(what: string, shared: Float32Array): void {
    if (shared.length !== this.sharedSize) {
      throw new RangeError(`${what}: expected ${this.sharedSize} values (W1 then b1), got ${shared.length}`);
    }
  }

  restoreShared(shared: Float32Array): void {
    this.enter();
    this.checkShared('restoreShared', shared);
    const { inputDim: D, hidden: H } = this.spec;
    // copies: on the cpu backend a tensor made from a typed array aliases it
    tf.tidy(() => {
      this.v.W1.assign(tf.tensor2d(shared.slice(0, D * H), [D, H]));
      this.v.b1.assign(tf.tensor1d(shared.slice(D * H)));
    });
  }

  sgdStepShared(direction: Float32Array, lr: number): void {
    this.enter();
    this.checkShared('sgdStepShared', direction);
    if (!Number.isFinite(lr)) throw new RangeError(`sgdStepShared: lr must be a finite number, got ${lr}`);
    const { inputDim: D, hidden: H } = this.spec;
    tf.tidy(() => {
      const dW1 = tf.tensor2d(direction.subarray(0, D * H), [D, H]);
      const db1 = tf.tensor1d(direction.subarray(D * H));
      this.v.W1.assign(tf.sub(this.v.W1, tf.mul(dW1, lr)));
      this.v.b1.assign(tf.sub(this.v.b1, tf.mul(db1, lr)));
    });
  }

  getWeights(): ModelWeights {
    this.enter();
    return {
      W1: new Float32Array(this.v.W1.dataSync()),
      b1: new Float32Array(this.v.b1.dataSync()),
      W2: new Float32Array(this.v.W2.dataSync()),
      b2: new Float32Array(this.v.b2.dataSync()),
    };
  }

  setWeights(weights: ModelWeights): void {
    this.enter();
    const { inputDim: D, hidden: H, numTasks: K } = this.spec;
    const expected: Record<keyof ModelWeights, number[]> = { W1: [D, H], b1: [H], W2: [H, K], b2: [K] };
    for (const key of Object.keys(expected) as (keyof ModelWeights)[]) {
      const size = expected[key].reduce((a, b) => a * b, 1);
      if (weights[key]?.length !== size) {
        throw new RangeError(`setWeights: ${key} must have ${size} values (${expected[key].join('×')}), got ${weights[key]?.length}`);
      }
    }
    tf.tidy(() => {
      for (const key of Object.keys(expected) as (keyof ModelWeights)[]) {
        this.v[key].assign(tf.tensor(weights[key].slice(), expected[key]));
      }
    });
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    useBackend(this.backend);
    this.optimizer.dispose();
    for (const v of Object.values(this.v)) v.dispose();
  }
}
