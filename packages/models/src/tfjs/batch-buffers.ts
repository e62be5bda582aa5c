/**
 * Reused host buffers that turn a batch (sparse binary CSR rows + Int8 labels) into the dense
 * Float32 inputs tfjs needs. The first layer is dense on purpose: a sparse `tf.gather` layer does
 * not train on the wasm backend (no UnsortedSegmentSum kernel for gather's gradient).
 *
 * Buffers grow to the largest batch seen and are then reused, so a training step allocates no
 * per-sample memory; dense inputs are cleared sparsely (only the ones that were set). The input is
 * also offered transposed (dim × n) because the wasm backend's matMul with transposeA is ~30×
 * slower than a plain one, and Xᵀ·dA is the first layer's weight gradient.
 */
import type { CsrMatrix } from '@transferbench/core';

/** 0/1 rows of a CSR matrix written into a reused dense buffer, row-major or transposed. */
class DenseRows {
  private buf = new Float32Array(0);
  /** rows written last time, for the sparse clear */
  private last: Int32Array | null = null;

  constructor(
    private readonly features: CsrMatrix,
    private readonly transposed: boolean,
  ) {}

  private write(rows: Int32Array, value: 0 | 1): void {
    const { indptr, indices, dim } = this.features;
    const n = rows.length;
    const N = indptr.length - 1;
    for (let i = 0; i < n; i++) {
      const r = rows[i];
      if (!(r >= 0 && r < N)) throw new RangeError(`row ${r} is outside the feature matrix (0..${N - 1})`);
      if (this.transposed) for (let p = indptr[r]; p < indptr[r + 1]; p++) this.buf[indices[p] * n + i] = value;
      else for (let p = indptr[r], base = i * dim; p < indptr[r + 1]; p++) this.buf[base + indices[p]] = value;
    }
  }

  /** Valid until the next call. */
  fill(rows: Int32Array): Float32Array {
    if (this.last) this.write(this.last, 0);
    this.last = null;
    const size = rows.length * this.features.dim;
    if (this.buf.length < size) this.buf = new Float32Array(Math.max(size, 2 * this.buf.length));
    this.write(rows, 1);
    this.last = rows.slice();
    return this.buf.subarray(0, size);
  }
}

export class BatchBuffers {
  private readonly rowsX: DenseRows;
  private readonly rowsXT: DenseRows;
  private y = new Float32Array(0);
  private mask = new Float32Array(0);
  private readonly invCount: Float32Array;
  private readonly count: Int32Array;

  constructor(
    features: CsrMatrix,
    private readonly numTasks: number,
  ) {
    this.rowsX = new DenseRows(features, false);
    this.rowsXT = new DenseRows(features, true);
    this.invCount = new Float32Array(numTasks);
    this.count = new Int32Array(numTasks);
  }

  /** Dense 0/1 rows, n × dim row-major. Valid until the next call. */
  dense(rows: Int32Array): Float32Array {
    return this.rowsX.fill(rows);
  }

  /** The same, transposed: dim × n row-major. Valid until the next call. */
  denseTransposed(rows: Int32Array): Float32Array {
    return this.rowsXT.fill(rows);
  }

  /**
   * Targets, presence mask (both n × K) and per-task 1/count (0 for a task without labels), plus
   * the label counts. Valid until the next call.
   */
  labels(labels: Int8Array, n: number): { y: Float32Array; mask: Float32Array; invCount: Float32Array; count: Int32Array } {
    const K = this.numTasks;
    if (labels.length !== n * K) {
      throw new RangeError(`labels: expected ${n}×${K} = ${n * K} entries (rows × tasks), got ${labels.length}`);
    }
    if (this.y.length < n * K) {
      this.y = new Float32Array(Math.max(n * K, 2 * this.y.length));
      this.mask = new Float32Array(this.y.length);
    }
    this.count.fill(0);
    for (let j = 0; j < n * K; j++) {
      const l = labels[j];
      const present = l >= 0 ? 1 : 0;
      this.mask[j] = present;
      this.y[j] = l > 0 ? 1 : 0;
      this.count[j % K] += present;
    }
    for (let t = 0; t < K; t++) this.invCount[t] = this.count[t] > 0 ? 1 / this.count[t] : 0;
    return { y: this.y.subarray(0, n * K), mask: this.mask.subarray(0, n * K), invCount: this.invCount, count: this.count };
  }
}
