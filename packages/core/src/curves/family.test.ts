import { describe, expect, it } from 'vitest';
import {
  CURVE_FAMILIES,
  EXP3,
  EXP3_2,
  PAIRWISE,
  covariateNames,
  jointFamily,
  parameterNames,
  transferParameters,
  withoutRate,
} from './family.ts';
import { curveGradient, curveValue } from './model.ts';

describe('curve families', () => {
  it('name parameters, covariates and transfer rates', () => {
    expect(parameterNames(EXP3)).toEqual(['c', 'b', 'a']);
    expect(parameterNames(EXP3_2)).toEqual(['c', 'b', 'a_i', 'a_isigma']);
    expect(covariateNames(EXP3_2)).toEqual(['n_i', 'n_sigma']);
    expect(transferParameters(EXP3_2)).toEqual(['a_isigma']);
    expect(parameterNames(PAIRWISE)).toEqual(['c', 'b', 'a_i', 'a_ij']);
    expect(covariateNames(PAIRWISE)).toEqual(['n_i', 'n_j']);
    expect(transferParameters(EXP3)).toEqual([]);
    expect(Object.keys(CURVE_FAMILIES)).toEqual(['exp3', 'exp3.2', 'pairwise']);
    expect(PAIRWISE.formula).toBe('c − exp(b − a_i·n_i − a_ij·n_j)');
  });

  it('builds the joint family for a target and its sources', () => {
    const f = jointFamily('t0', ['t1', 't2']);
    expect(parameterNames(f)).toEqual(['c', 'b', 'a_t0', 'a_t0<-t1', 'a_t0<-t2']);
    expect(covariateNames(f)).toEqual(['n_t0', 'n_t1', 'n_t2']);
    expect(transferParameters(f)).toEqual(['a_t0<-t1', 'a_t0<-t2']);
    expect(() => jointFamily('t0', ['t0'])).toThrow(/must not be among its sources/);
    expect(() => jointFamily('t0', ['t1', 't1'])).toThrow(/duplicate/);
  });

  it('drops a rate for the nested model', () => {
    const r = withoutRate(PAIRWISE, 'a_ij');
    expect(parameterNames(r)).toEqual(['c', 'b', 'a_i']);
    expect(covariateNames(r)).toEqual(['n_i']);
    expect(r.name).toBe('pairwise-without-a_ij');
    expect(() => withoutRate(PAIRWISE, 'a_x')).toThrow(/pairwise has no rate a_x; rates are a_i, a_ij/);
  });
});

describe('curve model', () => {
  it('evaluates c − exp(b − Σ a·x)', () => {
    expect(curveValue([1, 0, 1], [Math.LN2])).toBeCloseTo(0.5, 15);
    expect(curveValue([0.9, Math.log(0.4), 0.5, -0.25], [2, 4])).toBeCloseTo(0.9 - 0.4, 15);
  });

  it('has an analytic Jacobian equal to central finite differences', () => {
    const theta = [0.88, -0.7, 1.3, 0.4, -0.2];
    const x = [0.6, 0.3, 0.9];
    const g = curveGradient(theta, x);
    for (let k = 0; k < theta.length; k++) {
      const h = 1e-6;
      const up = theta.slice(),
        dn = theta.slice();
      up[k] += h;
      dn[k] -= h;
      const fd = (curveValue(up, x) - curveValue(dn, x)) / (2 * h);
      expect(Math.abs(g[k] - fd)).toBeLessThan(1e-8);
    }
    expect(g[0]).toBe(1);
  });
});
