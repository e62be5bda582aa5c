// The fast engine: sparse first layer, fused kernels, same semantics as the tfjs engine.
export { fastEngine, loadFastFactory } from './engine.ts';
export { FastModel } from './fast-model.ts';
