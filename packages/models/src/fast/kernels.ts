/**
 * The kernel contract of the fast engine: the few fused loops that do the arithmetic of one
 * training step over an arena (see arena.ts). Two implementations share it: portable TypeScript
 * (kernels-js.ts) and WebAssembly SIMD (kernels-wasm.ts). Everything that is cheap or needs the
 * seeded Rng (batch staging, dropout masks, the loss) stays in the model, in TypeScript.
 */
import type { Layout, Views } from './arena.ts';

/** Adam constants of one step, already rounded to float32 the way tfjs' scalars are. */
export interface AdamStep {
  beta1: number;
  oneMinusBeta1: number;
  beta2: number;
  oneMinusBeta2: number;
  /** 1/(1 − β1^t) and 1/(1 − β2^t): reciprocals of tfjs' oneMinusAccBeta1/2 */
  invC1: number;
  invC2: number;
  /** −learning rate */
  negLr: number;
  epsilon: number;
}

export interface Kernels {
  readonly name: string;
  /** Make the memory hold at least `words` 4-byte words (zero-filled); returns current views. */
  reserve(words: number): Views;
  views(): Views;
  /**
   * h[r] = relu(b1 + Σ_{j ∈ cols of row r} W1[j]) (× mask[r] when `masked`), then
   * logits[r] = b2 + h[r]·W2, for the n staged rows.
   */
  forward(L: Layout, n: number, masked: boolean): void;
  /**
   * h[r] = b1 + Σ_{j ∈ cols of row r} W1[j] for the n staged rows: the pre-activations (no ReLU, dropout
   * or heads), summed four W1 rows at a time as (h + ((a + b) + (c + d))) with every addition rounded to
   * float32 — the SIMD forward's order, in both kernel sets, so probes see the same bits on either.
   */
  preact(L: Layout, n: number): void;
  /**
   * From dlogits: accumulate ∂/∂W2, ∂/∂b2, ∂/∂b1 and the touched rows of ∂/∂W1 into g (which must
   * be zero), flagging and listing the touched rows. Returns how many rows were touched.
   */
  backward(L: Layout, n: number, masked: boolean): number;
  /** Zero g and the touched flags after `backward` without updating parameters. */
  clearGrad(L: Layout, touchedCount: number): void;
  /**
   * Backward pass from dlogits and one Adam step on every parameter (tfjs' update rule; rows of
   * W1 without gradient take the g = 0 update). Leaves g zero.
   */
  step(L: Layout, n: number, masked: boolean, s: AdamStep): void;
  /**
   * Plain SGD on the shared parameters W1‖b1, seen as D + 1 rows of H floats: w ← w − a·d with d
   * read from g's W1‖b1 part (the model copies the caller's direction there), computed as
   * JavaScript's `w -= a * d` on a Float32Array does (float64 product and difference, rounded once
   * to float32). Leaves g zero. `rows` says which rows may be left unvisited (see SgdRows).
   */
  sgdShared(L: Layout, a: number, rows: SgdRows): void;

  // Float64 kernels of the Gram probes (gram-probe.ts). Offsets are in 4-byte words, as the arena's;
  // float64 arrays start at even words. Rows hold H float64 values; `rows`/`entryRow`/`entryTask` are int32.
  /** U[r] = Σ_{k<n} G[r·m + rows[k]]·delta[k] for r < m (G: m×m; delta: n rows), each sum from 0 in k order. */
  gramTimes(U: number, G: number, m: number, H: number, rows: number, n: number, delta: number): void;
  /** out[k][u] = A[rows[k]][u] > 0 ? dl[k]·w[u] : 0 for k < count (w: one row of H; dl: count float64). */
  deltas(out: number, A: number, rows: number, count: number, w: number, dl: number, H: number): void;
  /** out[k] = src[rows[k]] widened to float64 (src: rows of H float32; out: count rows of H float64). */
  widen(out: number, src: number, rows: number, count: number, H: number): void;
  /** h[i] = max(A[i] − lr·U[i], 0) (as `a > 0 ? a : 0`) over `count` values. */
  stepRelu(h: number, A: number, U: number, lr: number, count: number): void;
  /** out[e] = b2[t] + h[entryRow[e]]·W[t] with t = entryTask[e], for e < count (W: rows of H; b2: float64). */
  logits(out: number, h: number, W: number, b2: number, entryRow: number, entryTask: number, count: number, H: number): void;
  /** Σ_{k<count} delta[k]·U[rows[k]]. */
  rowDots(delta: number, rows: number, count: number, U: number, H: number): number;
  /**
   * G[r·m + q] = 1 + Σ_bits x_r·x_q (float64) for m rows in CSR (rowPtr: m + 1 int32, cols: int32 bits,
   * repeated bits counted with multiplicity); mark: one int32 per bit, zero on entry and left zero.
   */
  gram(G: number, m: number, rowPtr: number, cols: number, mark: number): void;
  /** y[i] += x[i] over `count` float64. */
  addTo(y: number, x: number, count: number): void;
  /**
   * For k < count, r = rows[k]: out[k] = b + Σ_u max(A[r][u] − lr·(usum[r][u] − own[k][u]), 0)·w[u]
   * (w: one row of H float64; the logit of a row after a step that moves it by −lr·(usum − own)).
   */
  ctxLogits(
    out: number,
    A: number,
    usum: number,
    own: number,
    rows: number,
    count: number,
    w: number,
    b: number,
    lr: number,
    H: number,
  ): void;
}

/**
 * Σ_u x[xo+u]·y[yo+u] over H float64 in the SIMD kernel's order: four partial sums by u mod 4, combined
 * as ((s0 + s2) + (s1 + s3)), then the H mod 4 tail — so that both kernel sets give the same bits.
 */
export function dotRow64(x: Float64Array, xo: number, y: Float64Array, yo: number, H: number): number {
  let s0 = 0,
    s1 = 0,
    s2 = 0,
    s3 = 0,
    u = 0;
  for (const vec = H & ~3; u < vec; u += 4) {
    s0 += x[xo + u] * y[yo + u];
    s1 += x[xo + u + 1] * y[yo + u + 1];
    s2 += x[xo + u + 2] * y[yo + u + 2];
    s3 += x[xo + u + 3] * y[yo + u + 3];
  }
  let s = s0 + s2 + (s1 + s3);
  for (; u < H; u++) s += x[xo + u] * y[yo + u];
  return s;
}

/**
 * Rows of W1‖b1 an SGD step visits. A row whose direction is all +0 bits (every W1 row without an
 * active bit in the batch, for a gradient from `sharedGradients`) would come out of w − a·(+0)
 * unchanged — bit for bit — except where a·(+0) is −0 (a < 0 or a = −0) and w is −0, which the
 * formula turns into +0; and a non-finite a makes a·0 NaN.
 * - 'all': visit every row (any a);
 * - 'nonzero': skip rows whose direction is all +0 bits (exact for a = +0 and finite a > 0);
 * - 'nonzero-or-negzero': skip rows whose direction is all +0 bits and that hold no −0 weight
 *   (exact for every finite a).
 */
export type SgdRows = 'all' | 'nonzero' | 'nonzero-or-negzero';

/** The cheapest exact choice of rows for a step of w − a·d (a already rounded to float32). */
export function sgdRowsFor(a: number): SgdRows {
  if (!Number.isFinite(a)) return 'all';
  return a > 0 || Object.is(a, 0) ? 'nonzero' : 'nonzero-or-negzero';
}

/** Zero the touched W1 gradient rows (and their flags) and the dense tail of g: shared by both kernel sets. */
export function clearTouchedGrad({ f32, i32 }: Views, L: Layout, touchedCount: number): void {
  const { H } = L;
  for (let i = 0; i < touchedCount; i++) {
    const j = i32[L.touchedList + i];
    i32[L.touched + j] = 0;
    f32.fill(0, L.g + j * H, L.g + j * H + H);
  }
  f32.fill(0, L.g + (L.b1 - L.W1), L.g + L.P);
}
