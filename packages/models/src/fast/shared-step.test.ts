/**
 * The probe primitives on the shared trunk (sgdStepShared, restoreShared, sharedGradients) take sparse
 * paths: the SGD step skips W1 rows whose direction is all +0, sharedGradients copies only the rows the
 * batch touched. These tests pin them to the plain dense formulas bit for bit, on both kernel sets.
 */
import { describe, expect, it } from 'vitest';
import { Rng, type LabelledRows } from '@transferbench/core';
import { loadFastFactory } from './engine.ts';
import type { FastModel } from './fast-model.ts';
import { inOrderBatches, syntheticFingerprints } from './synthetic.ts';

const N = 96,
  D = 48,
  K = 3,
  H = 8;
const data = syntheticFingerprints(N, D, K, 0.15, 7);
const spec = { inputDim: D, numTasks: K, hidden: H, batchSize: 16, seed: 11, dropout: 0.2 };
const batches = inOrderBatches(N, K, data.labels, 16);
/** a two-row batch: most W1 rows are absent from it */
const small: LabelledRows = { rows: Int32Array.of(3, 4), labels: data.labels.subarray(3 * K, 5 * K) };

/** The engine's former dense step, the contract's formula: w[i] −= f32(lr)·d[i] on a Float32Array. */
function denseStep(w: Float32Array, d: Float32Array, lr: number): Float32Array<ArrayBufferLike> {
  const out = Float32Array.from(w),
    a = Math.fround(lr);
  for (let i = 0; i < out.length; i++) out[i] -= a * d[i];
  return out;
}

const bits = (x: Float32Array) => Array.from(new Uint32Array(x.buffer, x.byteOffset, x.length));

/** W1 rows (bits) that no row of the batch has. */
function absentRows(batch: LabelledRows): number[] {
  const present = new Set<number>();
  for (const r of batch.rows)
    for (let k = data.features.indptr[r]; k < data.features.indptr[r + 1]; k++) present.add(data.features.indices[k]);
  return [...Array(D).keys()].filter((j) => !present.has(j));
}

describe.each(['wasm', 'js'])('shared-trunk probe primitives on %s kernels', (backend) => {
  const create = async () => (await loadFastFactory({ backend })).create(data.features, spec) as FastModel;

  it('sgdStepShared equals the dense formula bit for bit, step after step; restoreShared is exact after any of them', async () => {
    const m = await create();
    for (const b of batches.slice(0, 3)) m.trainStep(b);
    const snap = m.snapshotShared();
    const [grad] = m.sharedGradients(small, [0]);
    const absent = absentRows(small);
    expect(absent.length).toBeGreaterThan(D / 2);
    // the gradient is zero on every absent row and non-zero elsewhere (b1 included)
    for (const j of absent) expect(grad.subarray(j * H, j * H + H).every((x) => Object.is(x, 0))).toBe(true);
    expect(grad.subarray(D * H).some((x) => x !== 0)).toBe(true);

    const rng = new Rng(5).stream('directions');
    const dense = Float32Array.from({ length: m.sharedSize }, () => rng.next() - 0.5);
    // a batch gradient plus entries in rows the batch does not touch: a lone value at a row's end,
    // a lone −0, a denormal — all must be applied as the formula says
    const offBatch = Float32Array.from(grad);
    offBatch[absent[0] * H + H - 1] = 0.25;
    offBatch[absent[1] * H] = -0;
    offBatch[absent[2] * H + 3] = 1e-42;
    const directions: [string, Float32Array][] = [
      ['batch gradient', grad],
      ['dense', dense],
      ['off-batch entries', offBatch],
      ['zero', new Float32Array(m.sharedSize)],
    ];
    let expected: Float32Array<ArrayBufferLike> = Float32Array.from(snap);
    for (const lr of [0.5, -0.5, 1e-3, 0, -0]) {
      for (const [name, d] of directions) {
        m.sgdStepShared(d, lr);
        expected = denseStep(expected, d, lr);
        expect(bits(m.snapshotShared()), `${name}, lr ${Object.is(lr, -0) ? '-0' : lr}`).toEqual(bits(expected));
      }
    }
    expect(bits(m.snapshotShared())).not.toEqual(bits(snap));
    m.restoreShared(snap);
    expect(bits(m.snapshotShared())).toEqual(bits(snap));
    // one step, restore, another direction, restore: each time exactly the snapshot
    for (const [, d] of directions) {
      m.sgdStepShared(d, 0.1);
      m.restoreShared(snap);
      expect(bits(m.snapshotShared())).toEqual(bits(snap));
    }
  });

  it('treats −0 weights as the formula does (a negative step turns them into +0, a positive one keeps them)', async () => {
    const m = await create();
    m.trainStep(batches[0]);
    const [grad] = m.sharedGradients(small, [1]);
    const absent = absentRows(small);
    // −0 weights planted in rows whose direction is zero, and in b1
    const planted = m.snapshotShared();
    for (const j of absent.slice(0, 3)) planted[j * H + 2] = -0;
    planted[D * H + 1] = -0;
    for (const lr of [0.3, -0.3, -0, 0]) {
      m.restoreShared(planted);
      m.sgdStepShared(grad, lr);
      expect(bits(m.snapshotShared()), `lr ${Object.is(lr, -0) ? '-0' : lr}`).toEqual(bits(denseStep(planted, grad, lr)));
    }
    m.restoreShared(planted);
    m.sgdStepShared(grad, -0.3);
    expect(Object.is(m.snapshotShared()[absent[0] * H + 2], 0)).toBe(true);
    m.restoreShared(planted);
    expect(bits(m.snapshotShared())).toEqual(bits(planted));
  });

  it('sharedGradients (touched rows only) are bitwise the full gradient buffer, on small and large batches', async () => {
    const m = await create();
    m.trainStep(batches[0]);
    for (const batch of [small, batches[1]]) {
      for (let t = 0; t < K; t++) {
        // the total gradient of a batch labelled for task t only is task t's gradient, read from the whole buffer
        const labels = Int8Array.from(batch.labels, (y, i) => (i % K === t ? y : -1));
        const full = m.gradient({ rows: batch.rows, labels });
        const [g] = m.sharedGradients(batch, [t]);
        expect(bits(g.subarray(0, D * H))).toEqual(bits(full.W1));
        expect(bits(g.subarray(D * H))).toEqual(bits(full.b1));
      }
    }
  });

  it('probes leave no trace: gradients, losses and training afterwards equal those of an unprobed twin', async () => {
    const m = await create(),
      twin = await create();
    for (const b of batches.slice(0, 2)) {
      m.trainStep(b);
      twin.trainStep(b);
    }
    // a TAG-like probe and a data-lookahead-like central difference with a summed dense direction
    const snap = m.snapshotShared();
    const grads = m.sharedGradients(batches[2]);
    for (const g of grads) {
      m.sgdStepShared(g, 1e-2);
      m.taskLosses(batches[2]);
      m.restoreShared(snap);
    }
    const total = new Float32Array(m.sharedSize);
    for (const g of grads) for (let i = 0; i < total.length; i++) total[i] += g[i];
    for (const lr of [1e-2, -1e-2]) {
      m.sgdStepShared(total, lr);
      m.restoreShared(snap);
    }
    const gm = m.sharedGradients(batches[3]),
      gt = twin.sharedGradients(batches[3]);
    for (let t = 0; t < K; t++) expect(bits(gm[t])).toEqual(bits(gt[t]));
    expect(Array.from(m.taskLosses(batches[4]))).toEqual(Array.from(twin.taskLosses(batches[4])));
    for (const b of batches.slice(3)) expect(Array.from(m.trainStep(b))).toEqual(Array.from(twin.trainStep(b)));
    const wm = m.getWeights(),
      wt = twin.getWeights();
    for (const key of ['W1', 'b1', 'W2', 'b2'] as const) expect(bits(wm[key]), key).toEqual(bits(wt[key]));
  });
});
