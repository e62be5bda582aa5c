/**
 * The probe primitives' optional output arrays (`sharedGradients(batch, tasks, out)`,
 * `snapshotShared(out)`) on every engine: reusing the same arrays call after call gives the bits of
 * fresh arrays — across sparse batches touching different W1 rows (a reused array still holds the
 * previous gradient's rows, which the engine must clear), tasks without labels, an empty batch and a
 * dense batch — and a wrong `out` fails naming the method and the expected length.
 */
import { describe, expect, it } from 'vitest';
import type { LabelledRows, MultiTaskModel } from '@transferbench/core';
import { loadEngine } from './index.ts';
import { syntheticFingerprints } from './fast/synthetic.ts';

// D large and density low, so that a few-row batch touches far fewer than D/4 rows (the fast engine's
// row-copy path) while the 32-row batch touches more (its full-copy path).
const N = 64,
  D = 160,
  K = 3,
  H = 8;
const data = syntheticFingerprints(N, D, K, 0.04, 5);
const spec = { inputDim: D, numTasks: K, hidden: H, batchSize: 16, seed: 4, dropout: 0.2 };
const S = D * H + H;

const batchOf = (rows: number[], labels = data.labels): LabelledRows => ({
  rows: Int32Array.from(rows),
  labels: Int8Array.from(rows.flatMap((r) => Array.from(labels.subarray(r * K, r * K + K)))),
});
const trainBatches = [0, 16, 32].map((s) => batchOf(Array.from({ length: 16 }, (_, i) => s + i)));
/** task 1 unlabelled everywhere: its gradient is zero, also in an array that held a non-zero one */
const noTask1 = Int8Array.from(data.labels, (y, i) => (i % K === 1 ? -1 : y));
/** probe batches in order, with the tasks asked for: different rows each time */
const probes: { batch: LabelledRows; tasks?: number[] }[] = [
  { batch: batchOf([0, 1]) },
  { batch: batchOf([7, 3]), tasks: [2, 0] },
  { batch: batchOf([12, 13]), tasks: [1, 2, 0] },
  { batch: batchOf([20, 21, 22], noTask1), tasks: [1, 0] },
  { batch: batchOf(Array.from({ length: 32 }, (_, i) => 32 + i)) },
  { batch: batchOf([3]), tasks: [0, 1, 2] },
  { batch: batchOf([]), tasks: [2, 1] },
  { batch: batchOf([40, 50]), tasks: [2] },
];

const bits = (x: Float32Array) => Array.from(new Uint32Array(x.buffer, x.byteOffset, x.length));

/** W1 rows active in the batch: the rows a sparse gradient may be non-zero in */
function activeRows(batch: LabelledRows): Set<number> {
  const { indptr, indices } = data.features;
  const rows = new Set<number>();
  for (const r of batch.rows) for (let k = indptr[r]; k < indptr[r + 1]; k++) rows.add(indices[k]);
  return rows;
}

describe.each([
  ['fast', 'wasm'],
  ['fast', 'js'],
  ['tfjs', 'cpu'],
  ['tfjs', 'wasm'],
])('%s engine (%s): reused output arrays', (engine, backend) => {
  const create = async (): Promise<MultiTaskModel> => (await loadEngine(engine, { backend })).create(data.features, spec);

  it('sharedGradients into the same arrays, probe after probe, is bitwise the fresh result and returns `out`', async () => {
    const m = await create();
    // garbage on entry: the engine must overwrite every entry
    const pool = Array.from({ length: K }, () => new Float32Array(S).fill(Number.NaN));
    probes.forEach(({ batch, tasks }, p) => {
      m.trainStep(trainBatches[p % trainBatches.length]); // weights move between probes
      const fresh = m.sharedGradients(batch, tasks);
      const out = pool.slice(0, fresh.length);
      const reused = m.sharedGradients(batch, tasks, out);
      expect(reused).toBe(out);
      fresh.forEach((g, k) => expect(bits(reused[k]), `probe ${p}, gradient ${k}`).toEqual(bits(g)));
      // the fresh result after the reused one: the call left no trace in the model
      const again = m.sharedGradients(batch, tasks);
      again.forEach((g, k) => expect(bits(g), `probe ${p}, gradient ${k} again`).toEqual(bits(fresh[k])));
    });
  });

  it('a reused array loses the rows only the previous sparse gradient had (batches touching different W1 rows)', async () => {
    // isolates what the test above covers among other things: the fast engine copies only touched rows
    // task 0 is labelled in rows 0, 1 and 12 (checked below through non-zero gradients)
    const A = batchOf([0, 1]),
      B = batchOf([12]);
    const a = activeRows(A),
      b = activeRows(B);
    const onlyInA = [...a].filter((r) => !b.has(r));
    expect(onlyInA.length).toBeGreaterThan(0);
    expect(a.size + b.size).toBeLessThan(D / 4);
    const m = await create();
    const [gA] = m.sharedGradients(A, [0]);
    expect(onlyInA.some((r) => gA.subarray(r * H, r * H + H).some((v) => v !== 0))).toBe(true);
    const out = [gA.slice()];
    const [gB] = m.sharedGradients(B, [0], out);
    expect(gB.some((v) => v !== 0)).toBe(true);
    for (const r of onlyInA) expect(Array.from(gB.subarray(r * H, r * H + H)), `row ${r}`).toEqual(new Array(H).fill(0));
  });

  it('a task without labels gets zeros in a reused array that held a non-zero gradient', async () => {
    const m = await create();
    const out = [new Float32Array(S).fill(3), new Float32Array(S).fill(-2)];
    const [g1, g0] = m.sharedGradients(probes[3].batch, [1, 0], out);
    expect(g1.every((v) => Object.is(v, 0))).toBe(true);
    expect(g0.some((v) => v !== 0)).toBe(true);
    const [e1, e2] = m.sharedGradients(batchOf([]), [0, 2], out);
    expect(e1.every((v) => Object.is(v, 0)) && e2.every((v) => Object.is(v, 0))).toBe(true);
    expect(m.sharedGradients(probes[0].batch, [], [])).toEqual([]);
  });

  it('snapshotShared(out) is the fresh snapshot, returns `out`, and follows the weights', async () => {
    const m = await create();
    const out = new Float32Array(S).fill(Number.NaN);
    for (const b of trainBatches) {
      m.trainStep(b);
      const fresh = m.snapshotShared();
      const reused = m.snapshotShared(out);
      expect(reused).toBe(out);
      expect(bits(reused)).toEqual(bits(fresh));
    }
    // a restore from the reused snapshot round-trips
    const snap = m.snapshotShared(out);
    const [g] = m.sharedGradients(trainBatches[0], [0]);
    m.sgdStepShared(g, 0.5);
    expect(bits(m.snapshotShared())).not.toEqual(bits(snap));
    m.restoreShared(snap);
    expect(bits(m.snapshotShared())).toEqual(bits(snap));
  });

  it('a wrong `out` fails naming the method and the expected length', async () => {
    const m = await create();
    const b = probes[0].batch;
    const ok = () => new Float32Array(S);
    expect(() => m.sharedGradients(b, [0, 2], [ok()])).toThrow(
      /sharedGradients: out has 1 arrays; expected one Float32Array per requested task \(2\)/,
    );
    expect(() => m.sharedGradients(b, [0, 2], [ok(), new Float32Array(S - 1)])).toThrow(
      new RegExp(`sharedGradients: out\\[1\\] has ${S - 1} values; expected a Float32Array of sharedSize = ${S} values`),
    );
    expect(() => m.sharedGradients(b, [0], [new Float64Array(S) as unknown as Float32Array])).toThrow(
      /sharedGradients: out\[0\] has a Float64Array; expected a Float32Array of sharedSize/,
    );
    const shared = new Float32Array(S * 2);
    expect(() => m.sharedGradients(b, [0, 1], [shared.subarray(0, S), shared.subarray(S / 2, S / 2 + S)])).toThrow(
      /sharedGradients: out\[0\] and out\[1\] share memory/,
    );
    const same = ok();
    expect(() => m.sharedGradients(b, [0, 1], [same, same])).toThrow(/share memory/);
    expect(() => m.snapshotShared(new Float32Array(S + 1))).toThrow(
      new RegExp(`snapshotShared: out has ${S + 1} values; expected a Float32Array of sharedSize = ${S} values`),
    );
    // nothing was written before the checks failed
    const untouched = new Float32Array(S).fill(7);
    expect(() => m.sharedGradients(b, [0, 1], [untouched, new Float32Array(3)])).toThrow(/out\[1\]/);
    expect(untouched.every((v) => v === 7)).toBe(true);
  });
});
