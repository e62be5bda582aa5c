/**
 * The initialisation every engine uses, so that engines are comparable weight for weight:
 * Glorot/Xavier uniform kernels (Keras' and tfjs' default for dense layers), zero biases,
 * drawn from the model's seeded stream in a fixed order (W1 row-major, then W2).
 */
import { Rng } from '../rng.ts';
import type { ModelSpec, ModelWeights } from '../contracts/model.ts';

function glorot(rng: Rng, fanIn: number, fanOut: number): Float32Array {
  const limit = Math.sqrt(6 / (fanIn + fanOut));
  const w = new Float32Array(fanIn * fanOut);
  for (let i = 0; i < w.length; i++) w[i] = (2 * rng.next() - 1) * limit;
  return w;
}

export function initialWeights(spec: Pick<ModelSpec, 'inputDim' | 'hidden' | 'numTasks' | 'seed'>): ModelWeights {
  const rng = new Rng(spec.seed).stream('init');
  return {
    W1: glorot(rng, spec.inputDim, spec.hidden),
    b1: new Float32Array(spec.hidden),
    W2: glorot(rng, spec.hidden, spec.numTasks),
    b2: new Float32Array(spec.numTasks),
  };
}
