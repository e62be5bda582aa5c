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
