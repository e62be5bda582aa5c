/**
 * ProbeBuffers and the probes that reuse them: a training run probed with reused arrays must give the
 * numbers of one probed with fresh arrays, probe after probe, on an engine that writes into them (fast)
 * and on one that ignores them (the logistic test double: catches a probe reading its `out` arrays
 * instead of the arrays the engine returned).
 */
import { describe, expect, it } from 'vitest';
import { initialWeights, modelSpecSchema, type LabelledRows, type MultiTaskModel } from '@transferbench/core';
import { loadEngine, randomProblem } from '@transferbench/models';
import { LogisticTestModel } from '../testing/logistic-model.ts';
import { tagProbe } from '../tag/probe.ts';
import { lookaheadProbe } from '../data-lookahead/probe.ts';
import { ProbeBuffers } from './probe-buffers.ts';

describe('ProbeBuffers', () => {
  it('hands out the same distinct arrays every time, growing the gradient pool on demand', () => {
    const b = new ProbeBuffers(5);
    const two = b.gradients(2);
    expect(two).toHaveLength(2);
    expect(two[0]).not.toBe(two[1]);
    const three = b.gradients(3);
    expect(three[0]).toBe(two[0]);
    expect(three[1]).toBe(two[1]);
    expect(b.gradients(1)[0]).toBe(two[0]);
    const all = [...three, b.snapshot(), b.extra(0), b.extra(1)];
    expect(new Set(all.map((a) => a.buffer)).size).toBe(all.length);
    expect(b.snapshot()).toBe(all[3]);
    expect(b.extra(1)).toBe(all[5]);
    for (const a of all) expect(a.length).toBe(5);
    expect(b.gradients(0)).toEqual([]);
  });

  it('rejects a size that is not a positive integer', () => {
    expect(() => new ProbeBuffers(0)).toThrow(/ProbeBuffers: sharedSize 0: expected a positive integer/);
    expect(() => new ProbeBuffers(2.5)).toThrow(/sharedSize 2.5/);
  });
});

// 4 tasks, half the labels missing and small batches: the set of tasks present changes from probe to probe
const N = 96,
  D = 120,
  K = 4,
  H = 8;
const { features, data } = randomProblem({ samples: N, features: D, tasks: K, density: 0.05, missing: 0.6, seed: 3 });
const spec = { inputDim: D, numTasks: K, hidden: H, batchSize: 6, dropout: 0.1, learningRate: 0.01, seed: 9 };
const rowsOf = (rows: number[], only?: number): LabelledRows => ({
  rows: Int32Array.from(rows),
  labels: Int8Array.from(
    rows.flatMap((r) => Array.from(data.labels.subarray(r * K, r * K + K), (y, t) => (only === undefined || t === only ? y : -1))),
  ),
});
const trainBatches = Array.from({ length: 12 }, (_, s) => rowsOf(Array.from({ length: 6 }, (_, i) => (s * 6 + i) % 64)));
const val = rowsOf(Array.from({ length: 16 }, (_, i) => 64 + i));
/** probe p's unseen batch of source t (3 rows labelled for t only), or none for some (p, t) */
const unseenAt = (p: number): (LabelledRows | null)[] =>
  Array.from({ length: K }, (_, t) =>
    (p + t) % 3 === 0
      ? null
      : rowsOf(
          [0, 1, 2].map((i) => (80 + p * 3 + t * 5 + i) % N),
          t,
        ),
  );

const engines: [string, () => Promise<MultiTaskModel>][] = [
  ['fast engine (writes into the buffers)', async () => (await loadEngine('fast')).create(features, spec)],
  ['logistic test double (ignores them)', async () => new LogisticTestModel(features, spec, initialWeights(modelSpecSchema.parse(spec)))],
];

describe.each(engines)('probes with reused buffers on the %s', (_name, create) => {
  it('tagProbe: same Z as with fresh arrays at every probe of a training run, and the same training', async () => {
    const fresh = await create(),
      reused = await create();
    const buffers = new ProbeBuffers(reused.sharedSize);
    const presentSets = new Set<string>();
    for (const batch of trainBatches) {
      const a = tagProbe(fresh, batch, { lr: 0.5, divideByLr: true });
      const b = tagProbe(reused, batch, { lr: 0.5, divideByLr: true, buffers });
      presentSets.add(a.present.join(','));
      expect(b.present).toEqual(a.present);
      expect(b.z).toEqual(a.z);
      expect(Array.from(reused.trainStep(batch))).toEqual(Array.from(fresh.trainStep(batch)));
    }
    expect(presentSets.size).toBeGreaterThan(1);
    expect(Array.from(reused.snapshotShared())).toEqual(Array.from(fresh.snapshotShared()));
  });

  it('lookaheadProbe (central, context): same Z and context as with fresh arrays at every probe', async () => {
    const fresh = await create(),
      reused = await create();
    const buffers = new ProbeBuffers(reused.sharedSize);
    let contexts = 0;
    for (let p = 0; p < 6; p++) {
      const unseen = unseenAt(p);
      const opts = { lr: 0.5, divideByLr: true, context: true, difference: 'central' as const };
      const a = lookaheadProbe(fresh, val, unseen, opts);
      const b = lookaheadProbe(reused, val, unseen, { ...opts, buffers });
      expect(b.sources).toEqual(a.sources);
      expect(b.z).toEqual(a.z);
      expect(b.context).toEqual(a.context);
      contexts += a.context.filter((c) => c !== null).length;
      expect(Array.from(reused.trainStep(trainBatches[p]))).toEqual(Array.from(fresh.trainStep(trainBatches[p])));
    }
    // the context path (summed direction in the reused work arrays) ran, on probes with different sources
    expect(contexts).toBeGreaterThan(0);
  });
});
