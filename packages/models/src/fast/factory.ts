/**
 * Builds fast models from resolved kernels: WebAssembly SIMD when a compiled module is given and the
 * hidden width is a multiple of 4 (the SIMD kernels process whole f32x4 vectors), else portable JS.
 * `model.backend` records what actually ran. Shared by the engine (main thread) and training workers.
 */
import type { CsrMatrix, ModelFactory, ModelSpecInput } from '@transferbench/core';
import { FastModel } from './fast-model.ts';
import { JsKernels } from './kernels-js.ts';
import { WasmKernels } from './kernels-wasm.ts';
import type { Kernels } from './kernels.ts';

export function makeFastFactory(module: WebAssembly.Module | undefined): ModelFactory {
  const kernelsFor = (hidden: number): Kernels => (module && hidden % 4 === 0 ? new WasmKernels(module) : new JsKernels());
  return {
    engine: 'fast',
    backend: module ? 'wasm' : 'js',
    create: (features: CsrMatrix, spec: ModelSpecInput) => new FastModel(features, spec, kernelsFor(spec.hidden ?? 256)),
  };
}
