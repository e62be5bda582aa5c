/**
 * The network as tensor functions: dense trunk (x·W1 + b1 → ReLU → dropout), K linear heads as one
 * hidden×K matrix, and the masked per-task binary cross-entropy. Callers run these inside tf.tidy.
 */
import * as tf from '@tensorflow/tfjs';

export interface NetVariables {
  W1: tf.Variable; // inputDim × hidden
  b1: tf.Variable; // hidden
  W2: tf.Variable; // hidden × K
  b2: tf.Variable; // K
}

/** Pre-activation of the hidden layer, n × hidden. */
export function preActivation(v: NetVariables, x: tf.Tensor2D): tf.Tensor2D {
  return tf.add(tf.matMul(x, v.W1), v.b1);
}

/**
 * The same pre-activation with its gradient written out (∂/∂W1 = Xᵀ·dy, ∂/∂b1 = Σ_rows dy), taking
 * Xᵀ ready-made: autodiff's own matMul gradient uses transposeA, which the wasm backend runs ~30×
 * slower than a plain matMul. X is a constant (the data), so it gets no gradient.
 */
export function preActivationTrainable(v: NetVariables, x: tf.Tensor2D, xT: tf.Tensor2D): tf.Tensor2D {
  const layer = tf.customGrad((W1, b1) => ({
    value: tf.add(tf.matMul(x, W1 as tf.Tensor2D), b1 as tf.Tensor),
    gradFunc: (dy: tf.Tensor) => [tf.matMul(xT, dy as tf.Tensor2D), tf.sum(dy, 0)],
  }));
  return layer(v.W1, v.b1) as tf.Tensor2D;
}

/**
 * Head logits from pre-activations of any leading shape (…, hidden) → (…, K). `keep` is the
 * inverted-dropout multiplier (0 or 1/(1−p)) for training, omitted in evaluation mode.
 */
export function logits(v: NetVariables, pre: tf.Tensor, keep?: tf.Tensor): tf.Tensor {
  let h = tf.relu(pre);
  if (keep) h = tf.mul(h, keep);
  const [H, K] = v.W2.shape as [number, number];
  const flat = tf.reshape(h, [-1, H]) as tf.Tensor2D;
  const z = tf.add(tf.matMul(flat, v.W2), v.b2);
  return tf.reshape(z, [...pre.shape.slice(0, -1), K]);
}

/**
 * Σ over rows of mask·BCE(z, y), per task: shape (…, K) for logits (…, n, K). Uses the stable form
 * BCE = max(z, 0) − z·y + log(1 + e^−|z|).
 */
export function maskedBceSums(z: tf.Tensor, y: tf.Tensor, mask: tf.Tensor): tf.Tensor {
  const bce = tf.add(tf.sub(tf.relu(z), tf.mul(z, y)), tf.log1p(tf.exp(tf.neg(tf.abs(z)))));
  return tf.sum(tf.mul(bce, mask), -2);
}
