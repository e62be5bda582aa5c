import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CostMeter, InvalidOptionsError } from '@transferbench/core';
import { plantedContext } from '../testing/planted-fixture.ts';
import { pairwiseDesign, pairwiseOracleEstimator, pairwiseTrainingsPerSeed } from './pairwise-oracle.ts';
import { contextualDesign, contextualOracleEstimator } from './contextual-oracle.ts';
import { leaveOneOutDesign, leaveOneOutOracleEstimator } from './leave-one-out-oracle.ts';

describe('oracle designs: trainings per seed', () => {
  const tasks = [0, 1, 2, 3, 4];
  it('pairwise: K + K(K−1)/2 alone at full data, K + K(K−1) at an operating point, 2K(K−1) specific', () => {
    for (const reference of ['alone', 'permuted'] as const)
      for (const targetFraction of [1, 0.2]) {
        const d = pairwiseDesign(tasks, { reference, targetFraction });
        expect(d).toHaveLength(pairwiseTrainingsPerSeed(5, { reference, targetFraction }));
        // no model is trained twice
        expect(new Set(d.map((m) => JSON.stringify(m))).size).toBe(d.length);
      }
    expect(pairwiseTrainingsPerSeed(5, { reference: 'alone', targetFraction: 1 })).toBe(15);
    expect(pairwiseTrainingsPerSeed(5, { reference: 'permuted', targetFraction: 0.2 })).toBe(40);
  });
  it('contextual and leave-one-out: K + 1 (the all-task model and one model per task)', () => {
    expect(contextualDesign(5, tasks, 1)).toHaveLength(6);
    expect(contextualDesign(5, tasks, 0.2)).toHaveLength(10);
    for (const reference of ['drop', 'permuted'] as const) {
      const d = leaveOneOutDesign(5, tasks, reference);
      expect(d).toHaveLength(6);
      expect(d[0].map((m) => m.task)).toEqual(tasks);
    }
    expect(leaveOneOutDesign(5, tasks, 'drop')[3].map((m) => m.task)).toEqual([0, 1, 3, 4]);
    expect(leaveOneOutDesign(5, tasks, 'permuted')[3].find((m) => m.task === 2)?.role).toBe('permuted');
    // with a task subset every model still holds all tasks; only the chosen ones are read (and dropped)
    const sub = leaveOneOutDesign(5, [1, 3], 'drop');
    expect(sub).toHaveLength(3);
    expect(sub[0].map((m) => m.role)).toEqual(['full', 'target', 'full', 'target', 'full']);
    expect(sub[1].map((m) => m.task)).toEqual([0, 2, 3, 4]);
    expect(contextualDesign(5, [1, 3], 1)).toHaveLength(3);
  });
});

describe('oracles on a small planted data set (engine runs, cache shared between oracles)', async () => {
  const ctx = await plantedContext({
    data: { compounds: 500, labelsPerTask: 250, labelNoise: 0 },
    seed: 3,
    modelDefaults: { hidden: 8, maxEpochs: 4 },
  });
  ctx.cacheDir = mkdtempSync(join(tmpdir(), 'oracles-test-'));
  const K = ctx.dataset.tasks.length;
  const R = 2;

  it('contextual: K + 1 trainings a seed; a per-target vector with CIs; the pairwise matrix left empty', async () => {
    const est = await contextualOracleEstimator.estimate(
      { ...ctx, cost: new CostMeter() },
      contextualOracleEstimator.options.parse({ replicates: R }),
    );
    expect(est.cost.trainings).toBe(R * (K + 1));
    expect(est.contextual!.effect.every((v) => typeof v === 'number')).toBe(true);
    expect(est.contextual!.pValue!.every((v) => typeof v === 'number')).toBe(true);
    expect(est.pairwise.effect.flat().every((v) => v === null)).toBe(true);
    expect(est.diagnostics.warnings).toEqual([]);
    // every metric's Δ per replicate beside the truth's own: the AUC one is the replicate's effect, the others differ
    const reps = (est.details as { replicates: { contextual: (number | null)[]; contextualByMetric: Record<string, (number | null)[]> }[] })
      .replicates;
    expect(reps).toHaveLength(R);
    for (const r of reps) {
      expect(r.contextualByMetric.auc).toEqual(r.contextual);
      expect(Object.keys(r.contextualByMetric).sort()).toEqual(['ap', 'auc', 'logloss']);
      expect(r.contextualByMetric.ap.every((v) => typeof v === 'number')).toBe(true);
      expect(r.contextualByMetric.ap).not.toEqual(r.contextual);
    }
    const mean = (i: number) => reps.reduce((a, r) => a + r.contextualByMetric.auc[i]!, 0) / R;
    est.contextual!.effect.forEach((v, i) => expect(v).toBeCloseTo(mean(i), 12));
  });

  it('leave-one-out: K + 1 trainings a seed, of which the all-task model comes from the cache after the contextual run', async () => {
    const est = await leaveOneOutOracleEstimator.estimate(
      { ...ctx, cost: new CostMeter() },
      leaveOneOutOracleEstimator.options.parse({ replicates: R }),
    );
    expect(est.cost.trainings).toBe(R * K);
    expect((est.details!.cache as { hits: number }).hits).toBe(R);
    expect(est.pairwise.effect[0][1]).toEqual(expect.any(Number));
    expect(est.pairwise.effect[1][1]).toBeNull();
  });

  it('pairwise specific transfer at an operating point trains 2K(K−1) models a seed and refuses a fraction that starves a class', async () => {
    const options = pairwiseOracleEstimator.options.parse({
      replicates: 1,
      reference: 'permuted',
      targetFraction: 0.5,
      tasks: ['fam0-0', 'fam0-1', 'indep0'],
    });
    const est = await pairwiseOracleEstimator.estimate({ ...ctx, cost: new CostMeter() }, options);
    expect(est.cost.trainings).toBe(2 * 3 * 2);
    expect(est.unit).toMatch(/permuted \(specific transfer\).*target at 0.5 of its training labels/);
    expect(() => pairwiseOracleEstimator.check!(ctx, { ...options, targetFraction: 0.02 })).toThrow(InvalidOptionsError);
    expect(() => pairwiseOracleEstimator.check!(ctx, { ...options, targetFraction: 0.02 })).toThrow(
      /option "targetFraction" = 0.02 leaves fewer than 10/,
    );
    expect(() => leaveOneOutOracleEstimator.check!(ctx, leaveOneOutOracleEstimator.options.parse({ targetFraction: 0.5 }))).toThrow(
      /expected 1/,
    );
    void K;
  });
});
