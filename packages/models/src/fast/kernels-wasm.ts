/**
 * WebAssembly SIMD kernels: kernels.wat assembled by the `wabt` npm package (WABT's own assembler compiled
 * to JS/wasm — no native toolchain, no build step, no generated binary in the repository), compiled once per
 * process, and instantiated per model with its own memory.
 *
 * The assembled binary is cached (kernel-cache.ts) under the sha256 of the .wat source and the wabt version:
 * assembling costs every trial process about 0.1 CPU-s and loading wabt more, so only a cache miss imports
 * wabt at all.
 */
import { readFile } from 'node:fs/promises';
import { viewsOf, type Layout, type Views } from './arena.ts';
import { cachedBinary, defaultKernelCacheDir, kernelCacheKey } from './kernel-cache.ts';
import { clearTouchedGrad, type AdamStep, type Kernels, type SgdRows } from './kernels.ts';

interface Exports {
  memory: WebAssembly.Memory;
  forward(...args: number[]): void;
  preact(...args: number[]): void;
  backward(...args: number[]): number;
  step(...args: number[]): void;
  sgdShared(...args: number[]): void;
  gramTimes(...args: number[]): void;
  stepRelu(...args: number[]): void;
  logits(...args: number[]): void;
  rowDots(...args: number[]): number;
  gram(...args: number[]): void;
  addTo(...args: number[]): void;
  ctxLogits(...args: number[]): void;
  deltas(...args: number[]): void;
  widen(...args: number[]): void;
}

const SGD_ROWS: Record<SgdRows, number> = { all: 0, nonzero: 1, 'nonzero-or-negzero': 2 };

let compiled: Promise<WebAssembly.Module> | undefined;

/** True when this runtime validates a module using 128-bit SIMD. */
export function wasmSimdSupported(): boolean {
  // (module (func (result v128) (v128.const i32x4 0 0 0 0)))
  const probe = new Uint8Array([
    0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 22, 1, 20, 0, 253, 12, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 11,
  ]);
  try {
    return typeof WebAssembly === 'object' && WebAssembly.validate(probe);
  } catch {
    return false;
  }
}

/** kernels.wat → WebAssembly binary, by wabt (imported here only: a cache miss). */
export async function assembleKernels(wat: string): Promise<Uint8Array> {
  const { default: initWabt } = await import('wabt');
  const wabt = await initWabt();
  let parsed: ReturnType<typeof wabt.parseWat>;
  try {
    parsed = wabt.parseWat('kernels.wat', wat, { simd: true });
  } catch (e) {
    throw new Error(`fast engine: assembling kernels.wat failed: ${(e as Error).message}`);
  }
  try {
    parsed.resolveNames();
    parsed.validate();
    return new Uint8Array(parsed.toBinary({}).buffer);
  } finally {
    parsed.destroy();
  }
}

/** The compiled kernels, and whether the binary came from the cache (`cacheDir`) or was assembled now. */
export async function loadKernels(cacheDir: string): Promise<{ module: WebAssembly.Module; from: 'cache' | 'assembled' }> {
  const wat = await readFile(new URL('./kernels.wat', import.meta.url), 'utf8');
  let from: 'cache' | 'assembled' = 'cache';
  const binary = await cachedBinary(cacheDir, kernelCacheKey(wat), () => {
    from = 'assembled';
    return assembleKernels(wat);
  });
  return { module: await WebAssembly.compile(binary as Uint8Array<ArrayBuffer>), from };
}

/** Compile kernels.wat (once per process), through the binary cache. */
export function compileKernels(): Promise<WebAssembly.Module> {
  compiled ??= loadKernels(defaultKernelCacheDir()).then((k) => k.module);
  return compiled;
}

export class WasmKernels implements Kernels {
  readonly name = 'wasm';
  private readonly ex: Exports;
  private v: Views;

  constructor(module: WebAssembly.Module) {
    this.ex = new WebAssembly.Instance(module, {}).exports as unknown as Exports;
    this.v = viewsOf(this.ex.memory.buffer);
  }

  reserve(words: number): Views {
    const have = this.ex.memory.buffer.byteLength;
    const need = words * 4;
    if (need > have) this.ex.memory.grow(Math.ceil((need - have) / 65536));
    if (this.v.f32.buffer !== this.ex.memory.buffer) this.v = viewsOf(this.ex.memory.buffer);
    return this.v;
  }

  views(): Views {
    return this.v;
  }

  forward(L: Layout, n: number, masked: boolean): void {
    this.ex.forward(
      n,
      masked ? 1 : 0,
      4 * L.W1,
      4 * L.b1,
      4 * L.W2,
      4 * L.b2,
      4 * L.h,
      4 * L.mask,
      4 * L.logits,
      4 * L.rowPtr,
      4 * L.cols,
      L.H,
      L.K,
    );
  }

  preact(L: Layout, n: number): void {
    this.ex.preact(n, 4 * L.W1, 4 * L.b1, 4 * L.h, 4 * L.rowPtr, 4 * L.cols, L.H);
  }

  backward(L: Layout, n: number, masked: boolean): number {
    const g = (at: number) => 4 * (L.g + (at - L.W1));
    return this.ex.backward(
      n,
      masked ? 1 : 0,
      g(L.W1),
      g(L.b1),
      4 * L.W2,
      g(L.W2),
      g(L.b2),
      4 * L.h,
      4 * L.dz,
      4 * L.mask,
      4 * L.dlogits,
      4 * L.rowPtr,
      4 * L.cols,
      4 * L.touched,
      4 * L.touchedList,
      L.H,
      L.K,
    );
  }

  step(L: Layout, n: number, masked: boolean, s: AdamStep): void {
    const dense = ((L.P + 3) & ~3) - L.D * L.H;
    this.ex.step(
      n,
      masked ? 1 : 0,
      L.D,
      L.H,
      L.K,
      4 * L.W1,
      4 * (L.m - L.W1),
      4 * (L.v - L.W1),
      4 * (L.g - L.W1),
      4 * L.h,
      4 * L.dz,
      4 * L.mask,
      4 * L.dlogits,
      4 * L.rowPtr,
      4 * L.cols,
      4 * L.touched,
      4 * L.next,
      4 * L.dzRow,
      4 * L.gRow,
      dense,
      s.beta1,
      s.oneMinusBeta1,
      s.beta2,
      s.oneMinusBeta2,
      s.invC1,
      s.invC2,
      s.negLr,
      s.epsilon,
    );
  }

  clearGrad(L: Layout, touchedCount: number): void {
    clearTouchedGrad(this.v, L, touchedCount);
  }

  sgdShared(L: Layout, a: number, rows: SgdRows): void {
    this.ex.sgdShared(4 * L.W1, 4 * (L.g - L.W1), L.D + 1, L.H, a, SGD_ROWS[rows]);
  }

  gramTimes(U: number, G: number, m: number, H: number, rows: number, n: number, delta: number): void {
    this.ex.gramTimes(4 * U, 4 * G, m, H, 4 * rows, n, 4 * delta);
  }

  deltas(out: number, A: number, rows: number, count: number, w: number, dl: number, H: number): void {
    this.ex.deltas(4 * out, 4 * A, 4 * rows, count, 4 * w, 4 * dl, H);
  }

  widen(out: number, src: number, rows: number, count: number, H: number): void {
    this.ex.widen(4 * out, 4 * src, 4 * rows, count, H);
  }

  stepRelu(h: number, A: number, U: number, lr: number, count: number): void {
    this.ex.stepRelu(4 * h, 4 * A, 4 * U, lr, count);
  }

  logits(out: number, h: number, W: number, b2: number, entryRow: number, entryTask: number, count: number, H: number): void {
    this.ex.logits(4 * out, 4 * h, 4 * W, 4 * b2, 4 * entryRow, 4 * entryTask, count, H);
  }

  rowDots(delta: number, rows: number, count: number, U: number, H: number): number {
    return this.ex.rowDots(4 * delta, 4 * rows, count, 4 * U, H);
  }

  gram(G: number, m: number, rowPtr: number, cols: number, mark: number): void {
    this.ex.gram(4 * G, m, 4 * rowPtr, 4 * cols, 4 * mark);
  }

  addTo(y: number, x: number, count: number): void {
    this.ex.addTo(4 * y, 4 * x, count);
  }

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
  ): void {
    this.ex.ctxLogits(4 * out, 4 * A, 4 * usum, 4 * own, 4 * rows, count, 4 * w, b, lr, H);
  }
}
