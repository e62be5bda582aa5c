import { describe, expect, it } from 'vitest';
import { tTestOneSample, tTestPaired, tTestWelch } from './t-test.ts';

// Reference values: scipy 1.17.1 stats.ttest_1samp / ttest_ind(equal_var=False) / ttest_rel with
// .confidence_interval(level), computed once and hard-coded here (same numbers as R's t.test).
const X = [2.1, 3.4, 1.9, 5.6, 4.2, 3.3, 2.8, 4.9];
const Y = [1.2, 2.2, 1.8, 2.9, 0.7];

describe('tTestOneSample', () => {
  it('matches scipy (two-sided and one-sided, several levels)', () => {
    const r = tTestOneSample(X, { mu: 3 });
    expect(r.status).toBe('ok');
    expect(r.estimate).toBeCloseTo(3.525, 14);
    expect(r.df).toBe(7);
    expect(r.t).toBeCloseTo(1.1381677968107426, 12);
    expect(r.pValue).toBeCloseTo(0.29250120945989067, 10);
    expect(r.ciLower).toBeCloseTo(2.434275297047752, 10);
    expect(r.ciUpper).toBeCloseTo(4.615724702952248, 10);
    const g = tTestOneSample(X, { mu: 3, alternative: 'greater' });
    expect(g.pValue).toBeCloseTo(0.14625060472994533, 10);
    expect(g.ciLower).toBeCloseTo(2.651092154022131, 10);
    expect(g.ciUpper).toBe(Infinity);
    const l = tTestOneSample(X, { mu: 3, alternative: 'less', level: 0.9 });
    expect(l.pValue).toBeCloseTo(0.8537493952700547, 10);
    expect(l.ciLower).toBe(-Infinity);
    expect(l.ciUpper).toBeCloseTo(4.177658653757392, 10);
  });

  it('p = 1 at t = 0 and tiny for a clear shift', () => {
    expect(tTestOneSample([-1, 1, -2, 2]).pValue).toBe(1);
    expect(tTestOneSample([10.1, 9.9, 10.05, 9.95, 10.0]).pValue).toBeLessThan(1e-8);
  });

  it('degenerate inputs give the documented results', () => {
    const few = tTestOneSample([1.5]);
    expect(few.status).toBe('too-few');
    expect(few.estimate).toBe(1.5);
    for (const v of [few.t, few.pValue, few.se, few.df, few.ciLower, few.ciUpper]) expect(v).toBeNaN();
    expect(tTestOneSample([]).status).toBe('too-few');

    const c = tTestOneSample([0.1, 0.1, 0.1], { mu: 0 }); // mean has rounding noise: still constant
    expect(c).toMatchObject({ status: 'constant', se: 0, t: Infinity, pValue: 0 });
    expect([c.ciLower, c.ciUpper]).toEqual([c.estimate, c.estimate]);
    expect(c.estimate).toBeCloseTo(0.1, 15);
    expect(tTestOneSample([0, 0, 0])).toMatchObject({ status: 'constant', t: 0, pValue: 1 });
    expect(tTestOneSample([2, 2], { mu: 2 })).toMatchObject({ status: 'constant', t: 0, pValue: 1 });
    expect(tTestOneSample([-3, -3], { alternative: 'greater' })).toMatchObject({ t: -Infinity, pValue: 1 });
    expect(tTestOneSample([-3, -3], { alternative: 'less' })).toMatchObject({ t: -Infinity, pValue: 0 });
  });

  it('rejects bad input with the field named', () => {
    expect(() => tTestOneSample([1, NaN, 2])).toThrow(/x\[1\] is NaN/);
    expect(() => tTestOneSample([1, 2], { level: 1 })).toThrow(/level = 1/);
    expect(() => tTestOneSample([1, 2], { alternative: 'up' as never })).toThrow(
      /alternative = up; expected 'two-sided', 'greater' or 'less'/,
    );
  });
});

describe('tTestWelch', () => {
  it('matches scipy ttest_ind(equal_var=False)', () => {
    const r = tTestWelch(X, Y);
    expect(r.status).toBe('ok');
    expect(r.n).toEqual([8, 5]);
    expect(r.t).toBeCloseTo(2.944252786286306, 12);
    expect(r.df).toBeCloseTo(10.907487114417872, 10);
    expect(r.pValue).toBeCloseTo(0.013456910432358122, 10);
    expect(r.ciLower).toBeCloseTo(0.4442022189153909, 9);
    expect(r.ciUpper).toBeCloseTo(3.0857977810846093, 9);
    expect(tTestWelch(X, Y, { alternative: 'greater' }).pValue).toBeCloseTo(0.006728455216179061, 10);
    const swapped = tTestWelch(Y, X);
    expect(swapped.t).toBeCloseTo(-r.t, 12);
    expect(swapped.pValue).toBeCloseTo(r.pValue, 12);
  });

  it('degenerate inputs', () => {
    expect(tTestWelch([1], [1, 2, 3]).status).toBe('too-few');
    expect(tTestWelch([1], [1, 2, 3]).pValue).toBeNaN();
    expect(tTestWelch([1, 1], [2, 2, 2])).toMatchObject({ status: 'constant', estimate: -1, t: -Infinity, pValue: 0 });
    expect(tTestWelch([1, 1], [1, 1])).toMatchObject({ status: 'constant', t: 0, pValue: 1 });
    // one constant sample is fine: df = ny − 1
    const one = tTestWelch([5, 5, 5], [1, 2, 3, 4]);
    expect(one.status).toBe('ok');
    expect(one.df).toBeCloseTo(3, 12);
  });
});

describe('tTestPaired', () => {
  it('matches scipy ttest_rel', () => {
    const a = [0.31, 0.25, 0.4, 0.36, 0.29, 0.33],
      b = [0.3, 0.21, 0.35, 0.37, 0.22, 0.3];
    const r = tTestPaired(a, b);
    expect(r.df).toBe(5);
    expect(r.t).toBeCloseTo(2.714285714285715, 11);
    expect(r.pValue).toBeCloseTo(0.04206056260542236, 10);
    expect(r.ciLower).toBeCloseTo(0.001676545250909673, 10);
    expect(r.ciUpper).toBeCloseTo(0.06165678808242368, 10);
    expect(() => tTestPaired([1, 2], [1])).toThrow(/length 2 but y has length 1/);
  });
});
