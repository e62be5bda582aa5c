import { describe, expect, it } from 'vitest';
import reference from './fixtures/moderated-t.json' with { type: 'json' };
import { fitVariancePrior, moderatedTTests, trigammaInverse } from './moderated-t.ts';
import { tTestOneSample } from './t-test.ts';
import trigamma from '@stdlib/math-base-special-trigamma';

const sample = (v: number[]) => {
  const mean = v.reduce((a, b) => a + b, 0) / v.length;
  return { mean, s2: v.reduce((a, b) => a + (b - mean) ** 2, 0) / (v.length - 1), n: v.length };
};

describe("moderated t (limma's empirical Bayes, checked against limma's formulas in scipy: fixtures/moderated_t_reference.py)", () => {
  it('trigammaInverse inverts ψ′', () => {
    for (const y of [0.05, 0.7, 3, 40]) expect(trigammaInverse(trigamma(y))).toBeCloseTo(y, 6);
  });

  it('worked example with a finite prior: d0, s0², moderated t, df, p and CI', () => {
    const ex = reference.ex1;
    const { prior, tests } = moderatedTTests(ex.values.map(sample));
    expect(prior.df).toBeCloseTo(ex.prior.df!, 9);
    expect(prior.s2 / ex.prior.s2).toBeCloseTo(1, 9);
    tests.forEach((t, g) => {
      expect(t.t).toBeCloseTo(ex.t[g], 8);
      expect(t.df).toBeCloseTo(ex.df[g], 9);
      expect(t.pValue).toBeCloseTo(ex.p[g], 9);
      expect(t.ciLower).toBeCloseTo(ex.lower[g], 10);
      expect(t.ciUpper).toBeCloseTo(ex.upper[g], 10);
    });
    // shrinkage: the feature with the smallest variance gets a larger se than its own, the largest a smaller one
    const own = ex.values.map((v) => tTestOneSample(v).se);
    expect(tests[4].se).toBeGreaterThan(own[4]);
    expect(tests[3].se).toBeLessThan(own[3]);
  });

  it('variances as alike as sampling allows: d0 = ∞, every variance replaced by the prior, df = the pooled df', () => {
    const ex = reference.ex2;
    const { prior, tests } = moderatedTTests(ex.values.map(sample));
    expect(ex.prior.df).toBeNull();
    expect(prior.df).toBe(Infinity);
    expect(prior.s2).toBeCloseTo(ex.prior.s2, 10);
    tests.forEach((t, g) => {
      expect(t.t).toBeCloseTo(ex.t[g], 8);
      expect(t.df).toBe(8);
      expect(t.pValue).toBeCloseTo(ex.p[g], 9);
    });
  });

  it('needs two features with a variance; a feature with one value is untestable (NaN) and not in the prior', () => {
    expect(() => fitVariancePrior([0.1], [3])).toThrow(/at least 2/);
    const { tests } = moderatedTTests([sample([1, 2, 3]), sample([2, 2.5, 3.5]), { mean: 4, s2: NaN, n: 1 }]);
    expect(tests[2].pValue).toBeNaN();
    expect(tests[2].estimate).toBe(4);
    expect(tests[0].pValue).toBeGreaterThan(0);
  });
});
