/**
 * The tfjs engine's descriptor, apart from the engine itself: importing it costs nothing, `load` imports
 * tfjs (about 0.5 CPU-s) — so a process that runs the fast engine never loads tfjs.
 */
import type { EngineDescriptor } from '@transferbench/core';

export const tfjsEngine: EngineDescriptor = {
  name: 'tfjs',
  description:
    'TensorFlow.js reference engine (tfjs ops and Adam; dense first layer). Backends: tensorflow (tfjs-node, optional) → wasm → cpu.',
  async load(options) {
    const { loadTfjsFactory } = await import('./engine.ts');
    return loadTfjsFactory(options);
  },
};
