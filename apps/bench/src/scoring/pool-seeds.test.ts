import { describe, expect, it } from 'vitest';
import { truthGrid } from './cells.ts';
import { poolSeeds } from './pool-seeds.ts';
import { estimate, truth } from './fixtures.ts';
import { truthReliability } from './reliability.ts';

describe('pooling seeds', () => {
  const g = truthGrid('pairwise', truth, 0.01, ['D'])!;
  it('pools counts over seeds into Wilson proportions, KS on the constructed-null p-values, ρ with a bootstrap CI', () => {
    const s = poolSeeds(g, 'synthetic/pairwise', [estimate, estimate], 0.05, 'test');
    expect(s.power).toMatchObject({ hits: 2, n: 6, value: 1 / 3 });
    expect(s.power.lower!).toBeGreaterThan(0);
    expect(s.power.upper!).toBeLessThan(1);
    expect(s.fprConstructed).toMatchObject({ hits: 2, n: 12 });
    expect(s.calibration.n).toBe(12);
    expect(s.calibration.pValues[0]).toBe(0.003);
    expect(s.cells).toMatchObject({ positive: 2, negative: 1, null: 8, indeterminate: 1, constructedNull: 6, tested: 12 });
    expect(s.spearman.n).toBe(2);
    expect(s.spearman.lower!).toBeLessThanOrEqual(s.spearman.mean!);
    expect(s.spearman.upper!).toBeGreaterThanOrEqual(s.spearman.mean!);
    // bins of |Δ|/δ: [1,2) holds nothing, [2,4) nothing, ≥ 4: the 3 non-null cells × 2 seeds
    expect(s.powerByEffect.map((b) => b.power.n)).toEqual([0, 0, 6]);
  });

  it('an estimator without p-values has undefined power and FPR', () => {
    const s = poolSeeds(g, 't', [{ ...estimate, pairwise: { effect: estimate.pairwise.effect } }], 0.05, 'test');
    expect(s.hasPValues).toBe(false);
    expect(s.power.value).toBeNull();
    expect(s.calibration).toMatchObject({ ks: null, n: 0 });
  });

  it('split-half reliability: identical halves give r = 1 and ceiling 1; too few replicates give none', () => {
    const reps = [0, 1, 2, 3].map(() => ({ effect: truth.pairwise.effect }));
    expect(truthReliability(g, { ...truth, details: { replicates: reps } })).toEqual({ replicates: 4, reliability: 1, ceiling: 1 });
    expect(truthReliability(g, { ...truth, details: { replicates: reps.slice(0, 3) } }).reliability).toBeNull();
    expect(truthReliability(g, truth).replicates).toBeNull();
  });
});
