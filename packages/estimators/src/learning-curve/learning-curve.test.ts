import { describe, expect, it } from 'vitest';
import { learningCurveDetailsSchema, parseOptions, validateEstimate } from '@transferbench/core';
import { generateSynthetic, makeSplit } from '@transferbench/datasets';
import { loadEngine } from '@transferbench/models';
import { testContext } from '../testing/context.ts';
import { learningCurveEstimator } from './learning-curve.ts';
import type { CurveRun } from './design-fits.ts';

async function tinyContext() {
  const dataset = generateSynthetic({ compounds: 400, dim: 256, families: [2], independent: 0, controls: 1, labelsPerTask: 300, seed: 4 });
  const split = makeSplit(dataset, { kind: 'random', seed: 4 });
  return testContext({ dataset, split, models: await loadEngine('fast'), seed: 2, modelDefaults: { hidden: 16, maxEpochs: 5 } });
}

describe('learning-curve options', () => {
  it('defaults to the random design with solo runs, AUC, slope effects and the test-set bootstrap', () => {
    const o = learningCurveEstimator.options.parse({});
    expect(o).toMatchObject({ design: 'random', points: 40, replicates: 3, solo: 3, metric: 'auc', effect: 'slope', testBootstrap: 50 });
  });

  it('rejects unknown options and fractions outside [0, 1], naming them', () => {
    expect(() => parseOptions('estimator "learning-curve"', learningCurveEstimator.options, { pionts: 3 })).toThrow(/pionts/);
    expect(() => parseOptions('estimator "learning-curve"', learningCurveEstimator.options, { grid: [0.5, 2] })).toThrow(
      /fraction in \[0, 1\][\s\S]*grid\[1\]/,
    );
  });
});

describe('learning-curve: pairwise-grid on a tiny case', () => {
  it('trains |grid|² two-task models per pair and fills both directions of every pair', async () => {
    const ctx = await tinyContext();
    const est = await learningCurveEstimator.estimate(
      ctx,
      learningCurveEstimator.options.parse({
        design: 'pairwise-grid',
        grid: [0.25, 0.5, 1],
        replicates: 1,
        testBootstrap: 10,
        restarts: 2,
        minResidualDf: 3,
      }),
    );
    validateEstimate(est, 'test');
    const K = 3;
    expect(est.cost.trainings).toBe(3 * 9);
    expect(est.contextual).toBeUndefined();
    expect(est.unit).toMatch(/pairwise curve/);
    const points = est.details!.points as CurveRun[];
    for (const p of points) {
      const [i, j] = p.pair!;
      p.metric.forEach((m, t) => (t === i || t === j ? expect(m).not.toBeNull() : expect(m).toBeNull()));
    }
    for (let i = 0; i < K; i++)
      for (let j = 0; j < K; j++) {
        if (i === j) expect(est.pairwise.effect[i][j]).toBeNull();
        else expect(est.pairwise.effect[i][j], `effect[${i}][${j}]`).not.toBeNull();
      }
    const fits = est.details!.transferFits as { target: string; sources: string[] }[];
    expect(fits.map((f) => `${f.target}<-${f.sources[0]}`).sort()).toEqual([
      'control0<-fam0-0',
      'control0<-fam0-1',
      'fam0-0<-control0',
      'fam0-0<-fam0-1',
      'fam0-1<-control0',
      'fam0-1<-fam0-0',
    ]);
    expect(est.diagnostics.fitAttempts).toBeGreaterThan(0);
    expect(est.cost.samplePasses).toBeGreaterThan(0);
    // the reporters' learning-curve chart reads these details through core's schema: the producer must satisfy it
    const chart = learningCurveDetailsSchema.parse(est.details);
    expect(chart.metric).toBe('auc');
    expect(chart.points).toHaveLength(27);
    expect(chart.singleTask.map((f) => f.task)).toEqual(est.tasks);
    expect(chart.singleTask.some((f) => f.converged && f.estimate.a !== null)).toBe(true);
  });
});
