/**
 * End to end: synthetic planted-transfer data → random compound split → tfjs multi-task net trained
 * with core's loop (early stopping on validation loss) → test ROC-AUC per task. The planted family
 * (ρ = 0.9) must be learnable (AUC > 0.8) and the label-permuted control must stay at chance
 * (0.5 ± 0.1; with ≈ 750 test labels the AUC's standard error under the null is ≈ 0.025).
 */
import { describe, expect, it } from 'vitest';
import { Rng, labelledRows, rocAucMasked, trainModel } from '@transferbench/core';
import { generateSynthetic, randomSplit } from '@transferbench/datasets';
import { loadEngine } from '@transferbench/models';

describe('tfjs engine on the synthetic family', () => {
  it('learns a ρ = 0.9 family (test AUC > 0.8) and not the label-permuted control (0.5 ± 0.1)', async () => {
    const seed = 1;
    // small enough for ~10 s on wasm: 512-bit fingerprints, every compound labelled, mild label noise
    const ds = generateSynthetic({
      compounds: 3000,
      dim: 512,
      families: [3],
      independent: 0,
      controls: 1,
      rho: 0.9,
      labelNoise: 0.02,
      labelsPerTask: 3000,
      seed,
    });
    const planted = ds.meta.planted!;
    const family = planted.family.flatMap((f, t) => (f !== null ? [t] : []));
    expect(family).toHaveLength(3);
    expect(planted.controls).toHaveLength(1);

    const split = randomSplit(ds, { seed });
    const factory = await loadEngine('tfjs', { backend: 'wasm' });
    const K = ds.tasks.length;
    const model = factory.create(ds.features, { inputDim: 512, numTasks: K, hidden: 64, maxEpochs: 30, patience: 3, seed });
    const report = trainModel(model, labelledRows(ds, split.train), labelledRows(ds, split.val), { rng: new Rng(seed).stream('train') });
    expect(report.bestEpoch).toBeGreaterThan(0);

    const probs = model.predict(split.test);
    model.dispose();
    const test = labelledRows(ds, split.test);
    const auc = (t: number) =>
      rocAucMasked(
        Array.from(split.test, (_, i) => test.labels[i * K + t]),
        Array.from(split.test, (_, i) => probs[i * K + t]),
      );
    for (const t of family) expect(auc(t), `family task ${ds.tasks[t].id}`).toBeGreaterThan(0.8);
    const control = auc(planted.controls[0]);
    expect(control).toBeGreaterThan(0.4);
    expect(control).toBeLessThan(0.6);
  });
});
