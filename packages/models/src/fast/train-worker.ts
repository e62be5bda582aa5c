/**
 * A training worker: receives the compiled kernels once (workerData), datasets' features as
 * SharedArrayBuffer-backed CSR arrays, then jobs; runs each with core's `runTrainJob` — the very
 * code the main thread would run — and posts the result back.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { runTrainJob, type CsrMatrix, type TrainJob } from '@transferbench/core';
import { makeFastFactory } from './factory.ts';
import type { ToWorker } from './train-pool.ts';

const factory = makeFastFactory((workerData as { module?: WebAssembly.Module }).module);
/** features by id; a few at most (a pool normally serves one dataset) */
const features = new Map<number, CsrMatrix>();
const KEEP_FEATURES = 4;

parentPort!.on('message', (msg: ToWorker) => {
  if (msg.type === 'features') {
    features.set(msg.id, { indptr: msg.indptr, indices: msg.indices, dim: msg.dim });
    while (features.size > KEEP_FEATURES) features.delete(features.keys().next().value!);
    return;
  }
  try {
    const f = features.get(msg.features);
    if (!f) throw new Error(`features ${msg.features} were never sent to this worker`);
    const result = runTrainJob(factory, f, msg.job as TrainJob);
    const transfer = result.predictions ? [result.predictions.buffer as ArrayBuffer] : [];
    parentPort!.postMessage({ type: 'result', index: msg.index, result }, transfer);
  } catch (e) {
    const err = e as Error;
    parentPort!.postMessage({ type: 'error', index: msg.index, message: err?.message ?? String(e), stack: err?.stack });
  }
});
