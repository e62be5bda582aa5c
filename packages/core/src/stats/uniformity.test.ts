import { describe, expect, it } from 'vitest';
import { ksUniform } from './uniformity.ts';
import { Rng } from '../rng.ts';

describe('KS test of p-value uniformity', () => {
  it('matches scipy.stats.kstest(x, "uniform") (D 0.2042857, p 0.8802477)', () => {
    const r = ksUniform([0.1, 0.2, 0.35, 0.5, 0.51, 0.8, 0.95]);
    expect(r.statistic).toBeCloseTo(0.2042857142857143, 12);
    expect(r.pValue).toBeCloseTo(0.8802477013533931, 9);
    expect(r.n).toBe(7);
  });

  it('rejects p-values piled up near 0 (an anti-conservative test) and accepts uniform draws', () => {
    const rng = new Rng(3);
    const uniform = Array.from({ length: 200 }, () => rng.next());
    const skewed = uniform.map((u) => u * u);
    expect(ksUniform(uniform).pValue!).toBeGreaterThan(0.05);
    expect(ksUniform(skewed).pValue!).toBeLessThan(1e-4);
    expect(ksUniform([])).toEqual({ statistic: null, pValue: null, n: 0 });
    expect(() => ksUniform([1.5])).toThrow(/\[0, 1\]/);
  });
});
