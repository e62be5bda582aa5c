/**
 * The Gram-matrix lookahead (the fast engine's `lookaheadLosses`) against the probe path TAG used before it
 * — snapshot, SGD step along each source's gradient, every task's loss, restore (core's
 * `lookaheadLossesByStepping`, the former `tagProbe` loop) — on the same seeds: training is the fast
 * engine's in both runs, and at every probe the stepping path runs on a float64 twin of the model's current
 * weights (the fast engine's own float32 stepping rounds the stepped weights and logits, which moves a
 * probe's Z by up to ~2e-4: bench/tag-equivalence.ts measures that).
 */
import { describe, expect, it } from 'vitest';
import { lookaheadLossesByStepping, type ModelFactory, type MultiTaskModel } from '@transferbench/core';
import { plantedContext } from '../testing/planted-fixture.ts';
import { LogisticTestModel } from '../testing/logistic-model.ts';
import { tagEstimator } from './tag.ts';

/** The engine's models, with `lookaheadLosses` replaced by the stepping path on a float64 copy of the weights. */
function steppingTwinFactory(inner: ModelFactory): ModelFactory {
  return {
    engine: inner.engine,
    backend: inner.backend,
    create(features, spec) {
      const m = inner.create(features, spec);
      const wrapped: MultiTaskModel = {
        engine: m.engine,
        backend: m.backend,
        spec: m.spec,
        sharedSize: m.sharedSize,
        trainStep: (b) => m.trainStep(b),
        taskLosses: (b) => m.taskLosses(b),
        predict: (r) => m.predict(r),
        sharedGradients: (b, t, o) => m.sharedGradients(b, t, o),
        snapshotShared: (o) => m.snapshotShared(o),
        restoreShared: (s) => m.restoreShared(s),
        sgdStepShared: (d, lr) => m.sgdStepShared(d, lr),
        lookaheadLosses: (b, lr, req) => lookaheadLossesByStepping(new LogisticTestModel(features, m.spec, m.getWeights()), b, lr, req),
        getWeights: () => m.getWeights(),
        setWeights: (w) => m.setWeights(w),
        dispose: () => m.dispose(),
      };
      return wrapped;
    },
  };
}

describe('tag: the Gram lookahead equals the former stepping probe path', () => {
  it('gives the same pairwise and contextual estimates (within 1e-6·max(1, |value|)) on the same seeds', async () => {
    const setup = { data: { compounds: 500, labelsPerTask: 150 }, seed: 3, modelDefaults: { hidden: 16, maxEpochs: 3 } };
    const options = tagEstimator.options.parse({ replicates: 2, probeEvery: 2 });
    const gram = await plantedContext(setup);
    const stepping = await plantedContext(setup);
    const a = await tagEstimator.estimate(gram, options);
    const b = await tagEstimator.estimate({ ...stepping, models: steppingTwinFactory(stepping.models) }, options);
    const K = a.tasks.length;
    let largest = 0;
    for (let t = 0; t < K; t++) {
      for (let s = 0; s < K; s++) {
        const x = a.pairwise.effect[t][s] as number,
          y = b.pairwise.effect[t][s] as number;
        expect(Math.abs(x - y)).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(y)));
        largest = Math.max(largest, Math.abs(y));
      }
      const x = a.contextual!.effect[t] as number,
        y = b.contextual!.effect[t] as number;
      expect(Math.abs(x - y)).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(y)));
    }
    expect(largest).toBeGreaterThan(0.1); // not a comparison of zeros
    expect((a.details!.replicates as { probeSteps: number }[])[0].probeSteps).toBeGreaterThan(5);
  });
});
