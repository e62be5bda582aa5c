import { describe, expect, it } from 'vitest';
import { jacobianCovariance, twoSidedTPValue, waldSummary } from './inference.ts';

describe('Wald inference', () => {
  // reference numbers from scipy.stats.t: ppf(0.975, 10) and 2·sf(2, 10)
  it('uses t quantiles with n − p df for CIs and two-sided t p-values', () => {
    const s = waldSummary(
      [2, -1],
      [
        [1, 0],
        [0, 0.25],
      ],
      10,
      0.95,
    );
    expect(s.se).toEqual([1, 0.5]);
    expect(s.lower[0]).toBeCloseTo(2 - 2.228138851986274, 12);
    expect(s.upper[1]).toBeCloseTo(-1 + 0.5 * 2.228138851986274, 12);
    expect(s.tValue).toEqual([2, -2]);
    expect(s.pValue[0]).toBeCloseTo(0.07338803477074037, 12);
    expect(s.pValue[1]).toBeCloseTo(0.07338803477074037, 12);
    expect(twoSidedTPValue(0, 5)).toBe(1);
    expect(twoSidedTPValue(Number.NaN, 5)).toBeNaN();
  });

  it('gives (JᵀJ)⁻¹ and flags a rank-deficient Jacobian', () => {
    // m = c − exp(b − a·x) at b = 0, a = 0: J rows are [1, −1, x]; c and b are confounded → rank 2 of 3
    const xs = [[0.1], [0.5], [1]];
    const { conditioning } = jacobianCovariance(xs, [1, 0, 0]);
    expect(conditioning.rank).toBe(2);
    // full-rank case: compare with an explicit inverse of JᵀJ
    const xs2 = [[0.1], [0.3], [0.6], [1]];
    const theta = [0.9, -0.5, 2];
    const { cov, conditioning: c2 } = jacobianCovariance(xs2, theta);
    expect(c2.rank).toBe(3);
    const J = xs2.map(([x]) => {
      const e = Math.exp(theta[1] - theta[2] * x);
      return [1, -e, x * e];
    });
    const JtJ = [0, 1, 2].map((a) => [0, 1, 2].map((b) => J.reduce((s, r) => s + r[a] * r[b], 0)));
    // (JᵀJ)·cov = I
    for (let a = 0; a < 3; a++) {
      for (let b = 0; b < 3; b++) {
        const v = JtJ[a].reduce((s, _, k) => s + JtJ[a][k] * cov[k][b], 0);
        expect(v).toBeCloseTo(a === b ? 1 : 0, 6);
      }
    }
  });
});
