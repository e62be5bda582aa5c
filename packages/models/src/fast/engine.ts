/**
 * The `fast` engine descriptor: resolves its kernels once, then builds models synchronously.
 * Backends: 'wasm' (WebAssembly SIMD, the default where the runtime validates SIMD) and 'js'
 * (portable TypeScript). A model whose hidden width is not a multiple of 4 runs on 'js' kernels
 * (the SIMD kernels process whole f32x4 vectors); `model.backend` records what actually ran.
 */
import type { CsrMatrix, EngineDescriptor, ModelFactory, ModelSpecInput } from '@transferbench/core';
import { FastModel } from './fast-model.ts';
import { JsKernels } from './kernels-js.ts';
import { compileKernels, wasmSimdSupported, WasmKernels } from './kernels-wasm.ts';
import type { Kernels } from './kernels.ts';

export const FAST_BACKENDS = ['wasm', 'js'] as const;
export type FastBackend = (typeof FAST_BACKENDS)[number];

export async function loadFastFactory(options: { backend?: string } = {}): Promise<ModelFactory> {
  const wanted = options.backend ?? (wasmSimdSupported() ? 'wasm' : 'js');
  if (!(FAST_BACKENDS as readonly string[]).includes(wanted)) {
    throw new Error(`fast engine: backend "${wanted}": expected one of ${FAST_BACKENDS.join(', ')}`);
  }
  if (wanted === 'wasm' && !wasmSimdSupported()) {
    throw new Error('fast engine: backend "wasm" needs WebAssembly SIMD, which this runtime lacks; use backend "js"');
  }
  const module = wanted === 'wasm' ? await compileKernels() : undefined;
  const kernelsFor = (hidden: number): Kernels =>
    module && hidden % 4 === 0 ? new WasmKernels(module) : new JsKernels();
  return {
    engine: 'fast',
    backend: wanted,
    create: (features: CsrMatrix, spec: ModelSpecInput) => new FastModel(features, spec, kernelsFor(spec.hidden ?? 256)),
  };
}

export const fastEngine: EngineDescriptor = {
  name: 'fast',
  description: 'sparse first layer (gather-sum / scatter-add), fused WebAssembly SIMD kernels, tfjs-identical Adam',
  load: loadFastFactory,
};
