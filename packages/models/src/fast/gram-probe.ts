/**
 * The fast engine's probe primitives (core's optional `lookaheadLosses` and `sharedGradientProducts`)
 * computed from the batch's Gram matrix instead of by stepping the weights.
 *
 * The first layer is linear in the sparse input: with X the batch's 0/1 rows and δ_s = ∂L_s/∂A the
 * gradient of task s's loss w.r.t. the hidden pre-activations A (B×H), the shared gradient is
 * ∇_W1 L_s = Xᵀδ_s, ∇_b1 L_s = 1ᵀδ_s. A plain SGD step along it moves the pre-activations of the SAME
 * batch to A − lr·(XXᵀ + 11ᵀ)·δ_s, and two tasks' gradients have the inner product ⟨δ_a, (XXᵀ + 11ᵀ)·δ_b⟩.
 * So everything comes from G = XXᵀ + 1 (B×B: shared bits of two rows, plus one for b1) and the δ's, which
 * are non-zero only on the rows where their task has a label: a lookahead of task s costs B·n_s·H plus
 * reading the losses (one dot product of H per label in the batch), with no 2 MB gradient, step or
 * restore, and the shared parameters are never touched.
 *
 * Precision: A is the engine's float32 pre-activation (forward's own sum); everything after it — the
 * losses before and after, δ, G·δ, the stepped pre-activations — is float64, so the lookahead is the
 * exact one-step lookahead of those float32 weights up to float64 rounding (the stepping path rounds the
 * stepped weights and the logits to float32, which moves Z = (1 − L_after/L_before)/lr by up to ~1e-4).
 * Only rows with at least one label take part (the others have neither a loss nor a δ).
 *
 * The heavy loops (G·δ, the stepped ReLU, the logits, the inner products) are the kernels' float64
 * `gramTimes`, `stepRelu`, `logits` and `rowDots` (f64x2 SIMD in wasm), over a work area placed after
 * the model's arena in the same memory for the duration of one call.
 * Hand-written: no library computes masked multi-task lookaheads from a sparse Gram matrix.
 */
import type { CsrMatrix, GradientProducts, LabelledRows, LookaheadLosses } from '@transferbench/core';
import type { Kernels } from './kernels.ts';

export interface ProbeInput {
  features: CsrMatrix;
  batch: LabelledRows;
  K: number;
  H: number;
  /**
   * float32 pre-activations of every batch row (rows.length × H): an array, or the word offset where the
   * kernels' memory holds them (they are widened to float64 there, without a copy through JS)
   */
  pre: Float32Array | number;
  /** word offsets of the heads in the arena: W2 transposed (K rows of H float32) and b2 (K float32) */
  W2T: number;
  b2: number;
  /** first free word after the arena (the work area starts here) */
  base: number;
}

/** BCE with logits, stable: max(z,0) − z·y + log(1 + e^−|z|) (the engine's loss). */
function bce(z: number, y: number): number {
  return (z > 0 ? z : 0) - z * y + Math.log1p(Math.exp(-Math.abs(z)));
}

/** Word offsets of the work area's arrays (float64 arrays on 16-byte boundaries). */
interface Area {
  A: number;
  h: number;
  U: number;
  G: number;
  W: number;
  b2: number;
  delta: number;
  own: number;
  dsum: number;
  usum: number;
  z: number;
  entryRow: number;
  entryTask: number;
  ident: number;
  rowPtr: number;
  cols: number;
  mark: number;
  dl: number;
  prerows: number;
}

export class GramProbe {
  readonly K: number;
  readonly H: number;
  /** labelled rows */
  readonly m: number;
  /** labels in the batch (entries), grouped by task: task t's entries are taskStart[t] .. taskStart[t+1] − 1 */
  readonly L: number;
  private readonly taskStart: Int32Array;
  /** per entry: its row among the labelled rows, its label (∂L_t/∂z before any step is in the work area) */
  private readonly entryRow: Int32Array;
  private readonly entryY: Float64Array;
  /** per task: loss before any step (NaN without labels) */
  readonly before: Float64Array;
  private readonly at: Area;

  constructor(
    private readonly kernels: Kernels,
    input: ProbeInput,
  ) {
    const { batch, K, H, pre, features } = input;
    this.K = K;
    this.H = H;
    const n = batch.rows.length;
    // labelled rows, and the entries grouped by task (counting sort)
    const rowOf = new Int32Array(n);
    const start = new Int32Array(K + 1);
    let m = 0;
    for (let i = 0; i < n; i++) {
      let any = false;
      for (let t = 0; t < K; t++)
        if (batch.labels[i * K + t] >= 0) {
          start[t + 1]++;
          any = true;
        }
      rowOf[i] = any ? m++ : -1;
    }
    for (let t = 0; t < K; t++) start[t + 1] += start[t];
    this.m = m;
    this.L = start[K];
    this.taskStart = start;
    const L = this.L;
    this.entryRow = new Int32Array(L);
    this.entryY = new Float64Array(L);
    const entryTask = new Int32Array(L);
    const cursor = start.slice(0, K);
    const rows = new Int32Array(m);
    for (let i = 0; i < n; i++) {
      const r = rowOf[i];
      if (r < 0) continue;
      rows[r] = batch.rows[i];
      for (let t = 0; t < K; t++) {
        const y = batch.labels[i * K + t];
        if (y < 0) continue;
        const e = cursor[t]++;
        this.entryRow[e] = r;
        this.entryY[e] = y;
        entryTask[e] = t;
      }
    }

    // the work area after the arena
    let next = (input.base + 3) & ~3;
    const take = (words: number) => {
      const o = next;
      next += (words + 3) & ~3;
      return o;
    };
    const mH = 2 * m * H,
      LH = 2 * L * H;
    let nnz = 0;
    for (let r = 0; r < m; r++) nnz += features.indptr[rows[r] + 1] - features.indptr[rows[r]];
    this.at = {
      A: take(mH),
      h: take(mH),
      U: take(mH),
      G: take(2 * m * m),
      W: take(2 * K * H),
      b2: take(2 * K),
      delta: take(LH),
      own: take(LH),
      dsum: take(mH),
      usum: take(mH),
      z: take(2 * L),
      entryRow: take(L),
      entryTask: take(L),
      ident: take(m),
      rowPtr: take(m + 1),
      cols: take(nnz),
      mark: take(features.dim),
      dl: take(2 * L),
      prerows: take(m),
    };
    const { f32, f64, i32 } = kernels.reserve(next);
    const at = this.at;
    for (let i = 0; i < n; i++) if (rowOf[i] >= 0) i32[at.prerows + rowOf[i]] = i;
    if (typeof pre === 'number') kernels.widen(at.A, pre, at.prerows, m, H);
    else
      for (let i = 0; i < n; i++) {
        const r = rowOf[i];
        if (r < 0) continue;
        for (let u = 0, a = (at.A >> 1) + r * H, p = i * H; u < H; u++) f64[a + u] = pre[p + u];
      }
    for (let i = 0; i < K * H; i++) f64[(at.W >> 1) + i] = f32[input.W2T + i];
    for (let t = 0; t < K; t++) f64[(at.b2 >> 1) + t] = f32[input.b2 + t];
    i32.set(this.entryRow, at.entryRow);
    i32.set(entryTask, at.entryTask);
    for (let r = 0; r < m; r++) i32[at.ident + r] = r;
    // G from the labelled rows' bits
    i32[at.rowPtr] = 0;
    for (let r = 0, o = 0; r < m; r++) {
      for (let k = features.indptr[rows[r]]; k < features.indptr[rows[r] + 1]; k++) i32[at.cols + o++] = features.indices[k];
      i32[at.rowPtr + r + 1] = o;
    }
    i32.fill(0, at.mark, at.mark + features.dim);
    kernels.gram(at.G, m, at.rowPtr, at.cols, at.mark);

    // losses and ∂L/∂z before any step (h = relu(A): a step of 0)
    kernels.stepRelu(at.h, at.A, at.A, 0, m * H);
    kernels.logits(at.z, at.h, at.W, at.b2, at.entryRow, at.entryTask, L, H);
    this.before = new Float64Array(K).fill(NaN);
    for (let t = 0; t < K; t++) {
      const s = start[t],
        e = start[t + 1];
      if (e === s) continue;
      let sum = 0;
      for (let k = s; k < e; k++) {
        const z = f64[(at.z >> 1) + k],
          y = this.entryY[k];
        sum += bce(z, y);
        const ez = Math.exp(-Math.abs(z));
        f64[(at.dl >> 1) + k] = ((z >= 0 ? 1 / (1 + ez) : ez / (1 + ez)) - y) / (e - s);
      }
      this.before[t] = sum / (e - s);
    }
  }

  /** δ rows of task t's entries (n_t rows of H, at word offset `out`): dl·W2T[t] where the unit is active (A > 0). */
  private deltas(t: number, out: number): void {
    const { H, at } = this;
    const start = this.taskStart[t];
    this.kernels.deltas(out, at.A, at.entryRow + start, this.taskStart[t + 1] - start, at.W + 2 * t * H, at.dl + 2 * start, H);
  }

  /** Mean loss per task from the logits in z (NaN without labels), into out[at..at+K). */
  private losses(out: Float64Array, at: number): void {
    const f64 = this.kernels.views().f64;
    const z = this.at.z >> 1;
    for (let t = 0; t < this.K; t++) {
      const s = this.taskStart[t],
        e = this.taskStart[t + 1];
      if (e === s) {
        out[at + t] = NaN;
        continue;
      }
      let sum = 0;
      for (let k = s; k < e; k++) sum += bce(f64[z + k], this.entryY[k]);
      out[at + t] = sum / (e - s);
    }
  }

  lookahead(sources: readonly number[], lr: number, contextual: boolean): LookaheadLosses {
    const { K, H, m, L, at, kernels } = this;
    const S = sources.length;
    const after = new Float64Array(S * K);
    const f64 = kernels.views().f64;
    // G·δ_Σ for the contextual steps: summed from the sources' G·δ_s while there are fewer sources than
    // rows (S·m·H), else once from δ_Σ (m²·H) — linear in the number of tasks either way
    const sumU = contextual && S < m;
    if (contextual) f64.fill(0, (sumU ? at.usum : at.dsum) >> 1, ((sumU ? at.usum : at.dsum) >> 1) + m * H);
    sources.forEach((s, k) => {
      const start = this.taskStart[s],
        count = this.taskStart[s + 1] - start;
      this.deltas(s, at.delta);
      kernels.gramTimes(at.U, at.G, m, H, at.entryRow + start, count, at.delta);
      kernels.stepRelu(at.h, at.A, at.U, lr, m * H);
      kernels.logits(at.z, at.h, at.W, at.b2, at.entryRow, at.entryTask, L, H);
      this.losses(after, k * K);
      if (!contextual) return;
      // the source's own rows of G·δ_s, subtracted from G·δ_Σ below
      for (let e = start; e < start + count; e++) {
        const r = (at.U >> 1) + this.entryRow[e] * H;
        f64.copyWithin((at.own >> 1) + e * H, r, r + H);
      }
      if (sumU) kernels.addTo(at.usum, at.U, m * H);
      else
        for (let e = start, o = at.delta >> 1; e < start + count; e++, o += H) {
          for (let u = 0, d = (at.dsum >> 1) + this.entryRow[e] * H; u < H; u++) f64[d + u] += f64[o + u];
        }
    });
    if (!contextual) return { before: this.before.slice(), after };
    if (!sumU) kernels.gramTimes(at.usum, at.G, m, H, at.ident, m, at.dsum);
    // the others' summed step moves source s's rows by −lr·(G·δ_Σ − G·δ_s); read L_s there
    const ctx = new Float64Array(S).fill(NaN);
    sources.forEach((s, k) => {
      const start = this.taskStart[s],
        count = this.taskStart[s + 1] - start;
      if (count === 0) return;
      kernels.ctxLogits(
        at.z,
        at.A,
        at.usum,
        at.own + 2 * start * H,
        at.entryRow + start,
        count,
        at.W + 2 * s * H,
        f64[(at.b2 >> 1) + s],
        lr,
        H,
      );
      let sum = 0;
      for (let e = 0; e < count; e++) sum += bce(f64[(at.z >> 1) + e], this.entryY[start + e]);
      ctx[k] = sum / count;
    });
    return { before: this.before.slice(), after, contextual: ctx };
  }

  products(tasks: readonly number[]): GradientProducts {
    const { H, m, at, kernels } = this;
    const n = tasks.length;
    const gram = new Float64Array(n * n);
    const withSum = new Float64Array(n);
    const f64 = kernels.views().f64;
    // G·δ_Σ: summed from the tasks' G·δ_b while there are fewer tasks than rows, else once from δ_Σ
    const sumU = n < m;
    f64.fill(0, (sumU ? at.usum : at.dsum) >> 1, ((sumU ? at.usum : at.dsum) >> 1) + m * H);
    // δ of every listed task at its entries' place (entry e at delta + 2·e·H words)
    const deltaOf = (t: number) => at.delta + 2 * this.taskStart[t] * H;
    for (const t of tasks) {
      this.deltas(t, deltaOf(t));
      if (!sumU)
        for (let e = this.taskStart[t]; e < this.taskStart[t + 1]; e++) {
          const r = (at.dsum >> 1) + this.entryRow[e] * H,
            o = (at.delta >> 1) + e * H;
          for (let u = 0; u < H; u++) f64[r + u] += f64[o + u];
        }
    }
    const count = (t: number) => this.taskStart[t + 1] - this.taskStart[t];
    // ⟨δ_a, G·δ_b⟩ over a's rows, for a ≤ b
    for (let b = 0; b < n; b++) {
      const tb = tasks[b];
      if (count(tb) === 0) continue; // zero gradient: its row and column stay 0
      kernels.gramTimes(at.U, at.G, m, H, at.entryRow + this.taskStart[tb], count(tb), deltaOf(tb));
      if (sumU) kernels.addTo(at.usum, at.U, m * H);
      for (let a = 0; a <= b; a++) {
        const ta = tasks[a];
        const v = kernels.rowDots(deltaOf(ta), at.entryRow + this.taskStart[ta], count(ta), at.U, H);
        gram[a * n + b] = v;
        gram[b * n + a] = v;
      }
    }
    // each with the sum: one pass over each task's rows against G·δ_Σ (linear in the number of tasks)
    if (!sumU) kernels.gramTimes(at.usum, at.G, m, H, at.ident, m, at.dsum);
    let sumNorm2 = 0;
    for (let a = 0; a < n; a++) {
      const ta = tasks[a];
      withSum[a] = kernels.rowDots(deltaOf(ta), at.entryRow + this.taskStart[ta], count(ta), at.usum, H);
      sumNorm2 += withSum[a]; // |Σ g|² = Σ_a g_a·Σ g
    }
    return { gram, withSum, sumNorm2 };
  }
}
