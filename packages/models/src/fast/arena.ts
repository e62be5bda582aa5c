/**
 * Arena: every buffer of one fast model in a single linear memory, addressed by element offsets.
 * One layout serves both kernel sets: the JS kernels read it through typed-array views, the
 * WebAssembly kernels through the same offsets (×4 bytes) into their own memory. Nothing is
 * allocated per batch; the activation area only grows when a larger batch than ever before arrives.
 *
 * Parameter block (one contiguous run, so the shared vector W1‖b1 is a prefix of it):
 *   W1 [D×H] · b1 [H] · W2ᵀ [K×H] · b2 [K]
 * (W2 is kept transposed so that every head is a contiguous row of H floats, SIMD-friendly;
 * get/setWeights convert to the contract's H×K.)
 * followed by Adam's m and v and the gradient g in the same layout, the touched-row marks, then
 * per-batch scratch (the only part that moves when the capacity grows).
 */

/** Round up to a multiple of 4 floats (16 bytes) so SIMD rows start aligned. */
const align4 = (n: number) => (n + 3) & ~3;

export interface Dims {
  D: number;
  H: number;
  K: number;
}

export interface Layout extends Dims {
  /** rows of activations the scratch area holds */
  cap: number;
  /** active-bit slots the staging area holds */
  colCap: number;
  /** parameter count P = D·H + H + H·K + K */
  P: number;
  W1: number;
  b1: number;
  W2: number;
  b2: number;
  m: number;
  v: number;
  g: number;
  /** hidden activations after ReLU and dropout [cap×H] */
  h: number;
  /** gradient w.r.t. the hidden pre-activation [cap×H] */
  dz: number;
  /** dropout multipliers (0 or 1/(1−p)) [cap×H] */
  mask: number;
  /** logits, then ∂L/∂logit [cap×K] each */
  logits: number;
  dlogits: number;
  /** staged batch: CSR row pointers [cap+1] and active columns [colCap] (int32 words) */
  rowPtr: number;
  cols: number;
  /** per staged entry k: next entry of the same W1 row + 1 (0 ends the list), and its dz row (bytes) */
  next: number;
  dzRow: number;
  /** one row of W1 gradient, summed just before its Adam update [H] */
  gRow: number;
  /**
   * per W1 row, int32, 0 at rest: non-zero when the row has gradient in the current call —
   * a flag (1) after `backward`, the head of its entry list (entry + 1) inside `step`
   */
  touched: number;
  /** list of touched W1 rows [D] (int32 words) */
  touchedList: number;
  /** total words */
  words: number;
}

export function makeLayout(dims: Dims, cap: number, colCap: number): Layout {
  const { D, H, K } = dims;
  const P = D * H + H + H * K + K;
  let at = 0;
  const take = (n: number) => {
    const o = at;
    at += align4(n);
    return o;
  };
  // parameters: W1 rows are H floats apart; b1, W2, b2 follow without padding so W1‖b1 is contiguous
  const W1 = take(P);
  const b1 = W1 + D * H;
  const W2 = b1 + H;
  const b2 = W2 + H * K;
  const m = take(P);
  const v = take(P);
  const g = take(P);
  // touched marks stay at fixed offsets (before the growable scratch) and are all zero at rest
  const touched = take(D);
  const touchedList = take(D);
  const h = take(cap * H);
  const dz = take(cap * H);
  const mask = take(cap * H);
  const logits = take(cap * K);
  const dlogits = take(cap * K);
  const rowPtr = take(cap + 1);
  const cols = take(colCap);
  const gRow = take(H);
  const next = take(colCap);
  const dzRow = take(colCap);
  return {
    D,
    H,
    K,
    cap,
    colCap,
    P,
    W1,
    b1,
    W2,
    b2,
    m,
    v,
    g,
    h,
    dz,
    mask,
    logits,
    dlogits,
    rowPtr,
    cols,
    next,
    dzRow,
    gRow,
    touched,
    touchedList,
    words: at,
  };
}

/** Typed-array views over one memory. Rebuilt whenever the memory is replaced or grown. */
export interface Views {
  f32: Float32Array;
  i32: Int32Array;
  /** float64 view of the same memory (the Gram probes' work area): element i = words 2i, 2i+1 */
  f64: Float64Array;
}

export function viewsOf(buffer: ArrayBufferLike): Views {
  return {
    f32: new Float32Array(buffer),
    i32: new Int32Array(buffer),
    f64: new Float64Array(buffer, 0, Math.floor(buffer.byteLength / 8)),
  };
}
