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
