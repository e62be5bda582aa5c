/**
 * The `fast` engine descriptor: resolves its kernels once, then builds models synchronously.
 * Backends: 'wasm' (WebAssembly SIMD, the default where the runtime validates SIMD) and 'js'
 * (portable TypeScript). Its factory also trains many independent models in parallel
 * (`trainMany`, core's ParallelModelFactory) on `workers` threads: by default
 * TRANSFERBENCH_WORKERS if set, else one per CPU core.
 */
import { availableParallelism } from 'node:os';
import {
  trainMany,
  type CsrMatrix,
  type EngineDescriptor,
  type ParallelModelFactory,
  type TrainJob,
  type TrainManyOptions,
} from '@transferbench/core';
import { makeFastFactory } from './factory.ts';
import { compileKernels, wasmSimdSupported } from './kernels-wasm.ts';
import { TrainPool } from './train-pool.ts';

export const FAST_BACKENDS = ['wasm', 'js'] as const;
export type FastBackend = (typeof FAST_BACKENDS)[number];

export interface FastEngineOptions {
  backend?: string;
  /** worker threads for `trainMany` (1 = run jobs in this thread) */
  workers?: number;
}

/** Worker count: the option, else TRANSFERBENCH_WORKERS, else the number of cores. */
export function defaultWorkers(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.TRANSFERBENCH_WORKERS;
  if (raw === undefined || raw === '') return availableParallelism();
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) {
    throw new Error(`TRANSFERBENCH_WORKERS="${raw}": expected a whole number of worker threads ≥ 1`);
  }
  return n;
}

export async function loadFastFactory(options: FastEngineOptions = {}): Promise<ParallelModelFactory> {
  const wanted = options.backend ?? (wasmSimdSupported() ? 'wasm' : 'js');
  if (!(FAST_BACKENDS as readonly string[]).includes(wanted)) {
    throw new Error(`fast engine: backend "${wanted}": expected one of ${FAST_BACKENDS.join(', ')}`);
  }
  if (wanted === 'wasm' && !wasmSimdSupported()) {
    throw new Error('fast engine: backend "wasm" needs WebAssembly SIMD, which this runtime lacks; use backend "js"');
  }
  const workers = options.workers ?? defaultWorkers();
  if (!(Number.isInteger(workers) && workers >= 1)) {
    throw new Error(`fast engine: workers must be a whole number ≥ 1, got ${workers}`);
  }
  const module = wanted === 'wasm' ? await compileKernels() : undefined;
  const base = makeFastFactory(module);
  let pool: TrainPool | undefined;
  return {
    ...base,
    trainMany(features: CsrMatrix, jobs: readonly TrainJob[], opts?: TrainManyOptions) {
      // in this thread: core's sequential path over the plain factory (same results)
      if (workers === 1 || jobs.length <= 1) return trainMany(base, features, jobs, opts);
      pool ??= new TrainPool(workers, { module });
      return pool.run(features, jobs, opts);
    },
  };
}

export const fastEngine: EngineDescriptor = {
  name: 'fast',
  description: 'sparse first layer (gather-sum / scatter-add), fused WebAssembly SIMD kernels, tfjs-identical Adam; parallel trainMany',
  load: loadFastFactory,
};
