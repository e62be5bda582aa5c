import { describe, expect, it } from 'vitest';
import { modelSpecSchema, type MultiTaskModel } from '../contracts/model.ts';
import type { LabelledRows } from '../contracts/split.ts';
import { lookaheadLosses, sharedGradientProducts } from './lookahead.ts';

/**
 * A quadratic stand-in for an engine: shared parameters w (inputDim 1, hidden 2 → 4 values),
 * L_t(w) = ½|w − c_t|² for every task with a label in the batch (NaN otherwise), so ∇L_t = w − c_t and every
 * lookahead has a closed form. All values are multiples of 1/8: exact in float32.
 */
function quadraticModel(w0: number[], centres: number[][]): MultiTaskModel & { w: Float32Array } {
  const spec = modelSpecSchema.parse({ inputDim: 1, numTasks: centres.length, hidden: 2, seed: 0 });
  const K = centres.length;
  const w = Float32Array.from(w0);
  const labelled = (b: LabelledRows, t: number) => b.labels.some((y, i) => i % K === t && y >= 0);
  const model = {
    engine: 'quadratic',
    backend: 'js',
    spec,
    sharedSize: 4,
    w,
    taskLosses: (b: LabelledRows) =>
      Float64Array.from(centres, (c, t) => (labelled(b, t) ? 0.5 * c.reduce((s, ci, i) => s + (w[i] - ci) ** 2, 0) : NaN)),
    sharedGradients: (b: LabelledRows, tasks: readonly number[]) =>
      tasks.map((t) => Float32Array.from(centres[t], (ci, i) => (labelled(b, t) ? w[i] - ci : 0))),
    snapshotShared: () => w.slice(),
    restoreShared: (s: Float32Array) => w.set(s),
    sgdStepShared: (d: Float32Array, lr: number) => {
      for (let i = 0; i < 4; i++) w[i] -= lr * d[i];
    },
  };
  return model as unknown as MultiTaskModel & { w: Float32Array };
}

const w0 = [0.5, -0.25, 1, 0];
const centres = [
  [1, 0, 0.5, 0.25],
  [0, 0.5, 1, -1],
  [-0.5, 0.25, 0, 1],
];
// two rows; task 2 is labelled nowhere
const batch: LabelledRows = { rows: Int32Array.from([0, 1]), labels: Int8Array.from([1, -1, -1, -1, 0, -1]) };
const loss = (w: number[], c: number[]) => 0.5 * c.reduce((s, ci, i) => s + (w[i] - ci) ** 2, 0);
const grad = (c: number[]) => w0.map((wi, i) => wi - c[i]);

describe('lookaheadLosses (stepping fallback)', () => {
  it('gives the closed-form losses after each source step and after the summed step of the others, and restores w', () => {
    const model = quadraticModel(w0, centres);
    const lr = 0.5;
    const r = lookaheadLosses(model, batch, lr, { sources: [0, 1, 2], contextual: true });
    expect(Array.from(r.before)).toEqual([loss(w0, centres[0]), loss(w0, centres[1]), NaN]);
    for (const [k, s] of [0, 1, 2].entries()) {
      const g = s === 2 ? [0, 0, 0, 0] : grad(centres[s]); // task 2 has no label: zero gradient
      const w1 = w0.map((wi, i) => wi - lr * g[i]);
      expect(r.after[k * 3 + 0]).toBeCloseTo(loss(w1, centres[0]), 12);
      expect(r.after[k * 3 + 1]).toBeCloseTo(loss(w1, centres[1]), 12);
      expect(r.after[k * 3 + 2]).toBeNaN();
    }
    // contextual of source 0: the step along ∇L_1 (+ the zero gradient of task 2), read L_0
    const w1 = w0.map((wi, i) => wi - lr * grad(centres[1])[i]);
    expect(r.contextual![0]).toBeCloseTo(loss(w1, centres[0]), 12);
    const w2 = w0.map((wi, i) => wi - lr * grad(centres[0])[i]);
    expect(r.contextual![1]).toBeCloseTo(loss(w2, centres[1]), 12);
    expect(r.contextual![2]).toBeNaN();
    expect(Array.from(model.w)).toEqual(w0);
  });

  it("uses the engine's own primitive when it has one, and rejects bad sources with the field named", () => {
    const model = quadraticModel(w0, centres);
    const own = { before: new Float64Array(3), after: new Float64Array(3) };
    model.lookaheadLosses = () => own;
    expect(lookaheadLosses(model, batch, 0.1, { sources: [1] })).toBe(own);
    expect(() => lookaheadLosses(model, batch, 0.1, { sources: [1, 1] })).toThrow(/sources: task 1 listed twice/);
    expect(() => lookaheadLosses(model, batch, 0.1, { sources: [3] })).toThrow(/sources: task 3: expected an integer in \[0, 3\)/);
    expect(() => lookaheadLosses(model, batch, NaN, { sources: [0] })).toThrow(/lr = NaN/);
  });
});

describe('sharedGradientProducts (gradient fallback)', () => {
  it('gives every inner product, each with the sum, and the squared norm of the sum', () => {
    const model = quadraticModel(w0, centres);
    const tasks = [1, 0, 2];
    const g = tasks.map((t) => (t === 2 ? [0, 0, 0, 0] : grad(centres[t])));
    const dot = (a: number[], b: number[]) => a.reduce((s, x, i) => s + x * b[i], 0);
    const p = sharedGradientProducts(model, batch, tasks);
    for (let a = 0; a < 3; a++) for (let b = 0; b < 3; b++) expect(p.gram[a * 3 + b]).toBeCloseTo(dot(g[a], g[b]), 12);
    const sum = g[0].map((_, i) => g[0][i] + g[1][i] + g[2][i]);
    for (let a = 0; a < 3; a++) expect(p.withSum[a]).toBeCloseTo(dot(g[a], sum), 12);
    expect(p.sumNorm2).toBeCloseTo(dot(sum, sum), 12);
    expect(p.gram[0 * 3 + 1]).not.toBe(0); // the test would catch a zero matrix
  });
});
