import { describe, expect, it } from 'vitest';
import { truthGrid } from './cells.ts';
import { scoreTrial } from './score-trial.ts';
import { estimate, tasks, truth } from './fixtures.ts';

describe('scoreTrial (one estimate against a pairwise truth)', () => {
  const g = truthGrid('pairwise', truth, 0.01, ['D'])!;

  it('applies BH across all tested pairs; power with the right sign over non-null cells, FPR over null cells', () => {
    // BH, m = 12: sorted p 0.001,0.002,0.003,0.01,0.04,0.5,… → adjusted 0.012,0.012,0.012,0.03,0.096,1,…
    // rejected at 0.05: (0,1) right sign, (1,0) wrong sign, (3,2) indeterminate (excluded), (0,2) null.
    const s = scoreTrial(g, estimate, 0.05);
    expect(s.tested).toBe(12);
    expect(s.power).toEqual({ hits: 1, n: 3 });
    expect(s.signErrors).toBe(1);
    expect(s.fpr).toEqual({ hits: 1, n: 8 });
    // raw p ≤ 0.05: (0,1) ✓, (1,0) wrong sign, (2,3) ✓ (negative effect, negative truth); nulls: (0,2)
    expect(s.powerRaw).toEqual({ hits: 2, n: 3 });
    expect(s.fprRaw).toEqual({ hits: 1, n: 8 });
    // D is a label-permuted control: the 6 cells with D on either side are null by construction, (3,2) detected
    expect(s.fprConstructed).toEqual({ hits: 1, n: 6 });
    expect([...s.nullPValues].sort()).toEqual([0.003, 0.04, 0.5, 0.7, 0.95, 1.0].sort());
  });

  it('aligns tasks by id, whatever order the estimate uses', () => {
    const perm = [2, 0, 3, 1]; // estimate task k = original task perm[k]
    const pg = (m: (number | null)[][]) => perm.map((a) => perm.map((b) => m[a][b]));
    const shuffled = {
      ...estimate,
      tasks: perm.map((k) => tasks[k]),
      pairwise: { effect: pg(estimate.pairwise.effect), pValue: pg(estimate.pairwise.pValue!) },
    };
    expect(scoreTrial(g, shuffled, 0.05)).toEqual(scoreTrial(g, estimate, 0.05));
  });

  it('has no p-values → nothing detected, but still ranks (Spearman ρ = ±1 for monotone maps)', () => {
    const mono = {
      ...estimate,
      pairwise: { effect: truth.pairwise.effect.map((r) => r.map((v) => (v === null ? null : Math.exp(10 * v)))) },
    };
    const s = scoreTrial(g, mono, 0.05);
    expect(s.hasPValues).toBe(false);
    expect(s.power).toEqual({ hits: 0, n: 3 });
    expect(s.spearman).toBeCloseTo(1, 12);
    const rev = { ...estimate, pairwise: { effect: truth.pairwise.effect.map((r) => r.map((v) => (v === null ? null : -v))) } };
    expect(scoreTrial(g, rev, 0.05).spearman).toBeCloseTo(-1, 12);
  });

  it('counts an untested non-null pair as a miss; a "small" truth cell is neither power nor false positive', () => {
    const pv = estimate.pairwise.pValue!.map((r) => [...r]);
    pv[2][3] = null; // the negative pair is not tested
    const s = scoreTrial(g, { ...estimate, pairwise: { effect: estimate.pairwise.effect, pValue: pv } }, 0.05);
    expect(s.tested).toBe(11);
    expect(s.powerRaw).toEqual({ hits: 1, n: 3 });
    // at δ = 0.12 the three established effects (|Δ| ≤ 0.1) are small: they leave the power denominator and
    // count as no false positive; D←C's CI [−0.05, 0.09] now lies inside ±δ: a ninth null cell
    const small = scoreTrial(truthGrid('pairwise', truth, 0.12, ['D'])!, estimate, 0.05);
    expect(small.power.n).toBe(0);
    expect(small.fpr.n).toBe(9);
  });

  it('scores a contextual truth per target', () => {
    const ctx = {
      ...truth,
      contextual: { effect: [0.05, 0.0, -0.04, 0.001], lower: [0.02, -0.005, -0.06, -0.004], upper: [0.08, 0.005, -0.02, 0.006] },
    };
    const cg = truthGrid('contextual', ctx, 0.01, ['D'])!;
    expect(cg.cells.map((c) => c.class)).toEqual(['positive', 'null', 'negative', 'null']);
    const est = { ...estimate, contextual: { effect: [0.3, 0.1, -0.2, 0.0], pValue: [0.001, 0.3, 0.02, 0.04] } };
    const s = scoreTrial(cg, est, 0.05);
    // BH over 4 targets: sorted 0.001, 0.02, 0.04, 0.3 → adjusted 0.004, 0.04, 0.0533, 0.3
    expect(s.power).toEqual({ hits: 2, n: 2 });
    expect(s.fpr).toEqual({ hits: 0, n: 2 });
    expect(s.fprConstructed).toEqual({ hits: 0, n: 1 });
    expect(s.fprRaw).toEqual({ hits: 1, n: 2 });
    expect(truthGrid('contextual', truth, 0.01, [])).toBeNull();
  });
});
