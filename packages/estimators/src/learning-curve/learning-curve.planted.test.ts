/**
 * The contextual effect (EXP3.2's a_iΣ) on a small planted case, fast (4–8 CPU-s with start-up): one family of 3 related
 * tasks (ρ = 0.9) and one label-permuted control; 1,500 compounds, 500 labels per task, an independent held-out
 * test sample of 1,000 compounds labelled for every task (so the test-set noise is small), a 16-unit trunk of at
 * most 10 epochs; the default design at 24 points × 2 replicates + 2 solo runs per task and replicate (64
 * trainings), 20 test-set bootstrap resamples.
 *
 * Thresholds from bench/learning-curve-contextual.ts at this shape over data sets 1–10 (learning-curve README):
 * every data set detected at least one family target (a contextual CI above 0) except one, none was
 * significantly negative, and the control's p stayed above 0.05 on all 10. This data set: all three family
 * targets detected. The many-seed figures, and those of the default budget on the default planted data (the
 * 192-training test this replaces), are the benchmark's.
 */
import { describe, expect, it } from 'vitest';
import { learningCurveDetailsSchema } from '@transferbench/core';
import { generateSynthetic, makeSplit } from '@transferbench/datasets';
import { loadEngine } from '@transferbench/models';
import { testContext } from '../testing/context.ts';
import { learningCurveEstimator } from './learning-curve.ts';
import type { NSigmaSpread } from './n-sigma.ts';

describe('learning-curve on a small planted case (fast engine, fixed seeds)', () => {
  it("detects a family target's positive contextual effect and not the control's; states the spread of n_Σ", async () => {
    const dataset = generateSynthetic({
      families: [3],
      independent: 0,
      controls: 1,
      compounds: 1500,
      labelsPerTask: 500,
      testCompounds: 1000,
      seed: 1,
    });
    const split = makeSplit(dataset, { kind: 'holdout', valFraction: 0.1, seed: 1 });
    const ctx = testContext({ dataset, split, models: await loadEngine('fast'), seed: 1, modelDefaults: { hidden: 16, maxEpochs: 10 } });
    const options = learningCurveEstimator.options.parse({ points: 24, replicates: 2, solo: 2, testBootstrap: 20, restarts: 2 });
    const est = await learningCurveEstimator.estimate(ctx, options);

    const planted = dataset.meta.planted!;
    const K = dataset.tasks.length;
    const family = planted.family.flatMap((f, i) => (f !== null ? [i] : []));
    const control = planted.controls[0];
    expect(K).toBe(4);
    expect(est.cost.trainings).toBe(2 * (24 + 2 * K));

    const c = est.contextual!;
    expect(c.unit).toMatch(/EXP3\.2/);
    const detected = family.filter((i) => c.lower![i]! > 0 && c.pValue![i]! < 0.05);
    expect(detected.length, `detected: ${detected.map((i) => est.tasks[i]).join(', ')}`).toBeGreaterThanOrEqual(1);
    for (const i of family) expect(c.upper![i]! < 0, `${est.tasks[i]} significantly negative`).toBe(false);
    // the label-permuted control: its CI covers 0
    expect(c.lower![control]!).toBeLessThanOrEqual(0);
    expect(c.upper![control]!).toBeGreaterThanOrEqual(0);
    expect(c.pValue![control]!).toBeGreaterThan(0.05);

    // the spread of n_Σ per target, from the runs in its fit: 4 runs alone (2 solo × 2 replicates) and the rest
    const spread = (est.details!.design as { nSigma: { perTarget: NSigmaSpread[]; medianCv: number } }).nSigma;
    expect(spread.perTarget.map((s) => s.task)).toEqual(est.tasks);
    for (const s of spread.perTarget) {
      expect(s.alone).toBe(4);
      expect(s.cv!).toBeGreaterThan(s.cvWithOthers!); // the runs alone widen it
      expect(s.cvWithOthers!).toBeGreaterThan(0.25);
    }
    // the reporters' learning-curve chart reads these details through core's schema
    const chart = learningCurveDetailsSchema.parse(est.details);
    expect(chart.points).toHaveLength(est.cost.trainings);
    expect(chart.singleTask.filter((f) => f.converged).map((f) => f.task)).toContain(est.tasks[family[0]]);
  });
});
