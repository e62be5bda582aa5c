/**
 * Agreement with scipy.optimize.curve_fit on noisy data (fixtures/reference.json, made once by
 * fixtures/make_reference.py): parameters to 1e-3 relative, standard errors to 2 %, F test of the transfer
 * rate to 1e-3 relative. (Measured agreement is far tighter, ~1e-7; the bounds are the acceptance criteria.)
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CurvePoint } from './data.ts';
import { CURVE_FAMILIES } from './family.ts';
import { fitCurve } from './fit.ts';
import { transferFTest } from './f-test.ts';

interface ReferenceCase {
  name: string;
  parameters: string[];
  points: CurvePoint[];
  estimate: number[];
  se: number[];
  pcov: number[][];
  rss: number;
  df: number;
  fTest?: { rate: string; rssReduced: number; F: number; df1: number; df2: number; pValue: number };
}

const reference = JSON.parse(readFileSync(new URL('./fixtures/reference.json', import.meta.url), 'utf8')) as { cases: ReferenceCase[] };
const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe('fitCurve agrees with scipy.optimize.curve_fit', () => {
  it('has the four reference cases', () => {
    expect(reference.cases.map((c) => c.name)).toEqual(['exp3', 'exp3.2', 'pairwise', 'pairwise-null']);
  });

  for (const ref of reference.cases) {
    const familyName = ref.name === 'pairwise-null' ? 'pairwise' : (ref.name as keyof typeof CURVE_FAMILIES);
    const family = CURVE_FAMILIES[familyName];

    it(`${ref.name}: estimates, SEs, covariance, RSS, F test`, () => {
      const fit = fitCurve(family, ref.points, { seed: 1 });
      expect(fit.converged, fit.reason ?? '').toBe(true);
      expect(fit.parameters).toEqual(ref.parameters);
      expect(fit.df).toBe(ref.df);
      expect(rel(fit.rss, ref.rss)).toBeLessThan(1e-6);
      ref.estimate.forEach((v, k) => {
        expect(rel(fit.values[k], v), `${ref.parameters[k]} estimate`).toBeLessThan(1e-3);
        expect(rel(fit.se[ref.parameters[k]] as number, ref.se[k]), `${ref.parameters[k]} SE`).toBeLessThan(0.02);
      });
      ref.pcov.forEach((row, a) =>
        row.forEach((v, b) => expect(Math.abs(fit.covariance![a][b] - v)).toBeLessThan(1e-3 * Math.sqrt(ref.pcov[a][a] * ref.pcov[b][b]))),
      );
      if (ref.fTest) {
        const f = transferFTest(family, ref.points, ref.fTest.rate, fit, { seed: 1 });
        expect(f.valid).toBe(true);
        expect(f.df2).toBe(ref.fTest.df2);
        expect(rel(f.rssReduced, ref.fTest.rssReduced)).toBeLessThan(1e-6);
        expect(rel(f.F, ref.fTest.F)).toBeLessThan(1e-3);
        expect(rel(f.pValue, ref.fTest.pValue)).toBeLessThan(1e-3);
      }
    });
  }

  it('the F test separates planted transfer from none, consistently with the Wald p-value', () => {
    const [withTransfer, nullCase] = [reference.cases[2], reference.cases[3]];
    const fitT = fitCurve(CURVE_FAMILIES.pairwise, withTransfer.points);
    const fitN = fitCurve(CURVE_FAMILIES.pairwise, nullCase.points);
    expect(transferFTest(CURVE_FAMILIES.pairwise, withTransfer.points, 'a_ij', fitT).pValue).toBeLessThan(1e-20);
    expect(fitT.pValue.a_ij as number).toBeLessThan(1e-20);
    const fN = transferFTest(CURVE_FAMILIES.pairwise, nullCase.points, 'a_ij', fitN);
    expect(fN.pValue).toBeGreaterThan(0.05);
    expect(fitN.pValue.a_ij as number).toBeGreaterThan(0.05);
    // the 95 % Wald CI of a_ij covers 0 when there is no transfer, and excludes it when there is
    expect(fitN.lower.a_ij as number).toBeLessThan(0);
    expect(fitN.upper.a_ij as number).toBeGreaterThan(0);
    expect(fitT.lower.a_ij as number).toBeGreaterThan(0);
  });
});
