import { beforeAll, describe, expect, it } from 'vitest';
import type { LabelledRows, ModelFactory } from '@transferbench/core';
import { loadEngine } from '../index.ts';
import { randomProblem } from '../random-problem.ts';

// Per-task gradients of the shared parameters against central finite differences of taskLosses.
describe('tfjs sharedGradients', () => {
  let factory: ModelFactory;
  beforeAll(async () => {
    factory = await loadEngine('tfjs', { backend: 'wasm' });
  });

  const K = 4;
  const { features, data } = randomProblem({ samples: 12, features: 10, tasks: K, density: 0.3, missing: 0.3, seed: 7 });
  // task 3 has no labels in the batch: its gradient must be exactly zero
  const labels = data.labels.slice();
  for (let i = 0; i < 12; i++) labels[i * K + 3] = -1;
  const batch: LabelledRows = { rows: data.rows, labels };

  it('matches central differences for every task (relative error < 1e-2)', () => {
    const model = factory.create(features, { inputDim: 10, numTasks: K, hidden: 5, dropout: 0.5, seed: 3 });
    const grads = model.sharedGradients(batch);
    expect(grads).toHaveLength(K);
    const theta = model.snapshotShared();
    const eps = 3e-3;
    for (let t = 0; t < 3; t++) {
      const fd = new Float64Array(theta.length);
      for (let j = 0; j < theta.length; j++) {
        const probe = theta.slice();
        probe[j] = theta[j] + eps;
        model.restoreShared(probe);
        const up = model.taskLosses(batch)[t];
        probe[j] = theta[j] - eps;
        model.restoreShared(probe);
        const down = model.taskLosses(batch)[t];
        fd[j] = (up - down) / (2 * eps);
      }
      model.restoreShared(theta);
      let diff = 0;
      let norm = 0;
      for (let j = 0; j < fd.length; j++) {
        diff += (grads[t][j] - fd[j]) ** 2;
        norm += fd[j] ** 2;
      }
      expect(norm).toBeGreaterThan(1e-4); // a real signal, not two zero vectors
      expect(Math.sqrt(diff / norm)).toBeLessThan(1e-2);
    }
    expect(grads[3].every((g) => g === 0)).toBe(true);
    model.dispose();
  });

  it('returns the requested tasks in order, agreeing with the all-task call', () => {
    const model = factory.create(features, { inputDim: 10, numTasks: K, hidden: 5, seed: 3 });
    const all = model.sharedGradients(batch);
    const some = model.sharedGradients(batch, [2, 0]);
    expect(some).toHaveLength(2);
    expect(Array.from(some[0])).toEqual(Array.from(all[2]));
    expect(Array.from(some[1])).toEqual(Array.from(all[0]));
    expect(() => model.sharedGradients(batch, [K])).toThrow(/task 4 is not in 0\.\.3/);
    model.dispose();
  });

  it('one Adam step moves each shared parameter by ≈ −lr·sign(Σ_t ∂L_t/∂θ)', () => {
    // First Adam step: m̂/√v̂ = g/|g|, so the update is −lr·sign(g) wherever g ≠ 0 (dropout off).
    const lr = 0.01;
    const model = factory.create(features, { inputDim: 10, numTasks: K, hidden: 5, dropout: 0, learningRate: lr, seed: 3 });
    const total = new Float64Array(model.sharedSize);
    for (const g of model.sharedGradients(batch)) g.forEach((v, j) => (total[j] += v));
    const before = model.snapshotShared();
    model.trainStep(batch);
    const after = model.snapshotShared();
    let checked = 0;
    for (let j = 0; j < total.length; j++) {
      if (Math.abs(total[j]) > 1e-4) {
        expect(after[j] - before[j]).toBeCloseTo(-lr * Math.sign(total[j]), 4);
        checked++;
      } else if (total[j] === 0) {
        expect(after[j]).toBe(before[j]);
      }
    }
    expect(checked).toBeGreaterThan(model.sharedSize / 4);
    model.dispose();
  });
});
