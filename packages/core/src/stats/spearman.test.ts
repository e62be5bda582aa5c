import { describe, expect, it } from 'vitest';
import { pearson, spearman } from './spearman.ts';

// Reference values: scipy 1.17.1 stats.spearmanr / pearsonr, computed once and hard-coded here.
describe('spearman', () => {
  it('matches scipy with ties', () => {
    expect(spearman([1, 2, 2, 3, 5, 4, 7, 7, 9, 10], [2, 1, 4, 4, 3, 6, 8, 6, 10, 9])).toBeCloseTo(0.8650306748466259, 14);
    const x = [0.3, 0.1, 0.9, 0.5, 0.5, 0.2, 0.8],
      y = [10, 30, 20, 20, 40, 50, 5];
    expect(spearman(x, y)).toBeCloseTo(-0.5, 14);
    expect(pearson(x, y)).toBeCloseTo(-0.5038663691129461, 14);
  });

  it('is ±1 for monotone relations and invariant to monotone transforms', () => {
    const x = [1, 5, 2, 8, 3];
    expect(
      spearman(
        x,
        x.map((v) => v ** 3),
      ),
    ).toBeCloseTo(1, 15);
    expect(
      spearman(
        x,
        x.map((v) => -Math.exp(v)),
      ),
    ).toBeCloseTo(-1, 15);
    expect(
      pearson(
        x,
        x.map((v) => v ** 3),
      ),
    ).toBeLessThan(0.99); // Pearson is not rank-based
  });

  it('drops NaN pairs; NaN when undefined', () => {
    expect(spearman([1, NaN, 2, 2, 3, 5, 4, 7, 7, 9, 10], [2, 7, 1, 4, 4, 3, 6, 8, 6, 10, NaN])).toBeCloseTo(
      spearman([1, 2, 2, 3, 5, 4, 7, 7, 9], [2, 1, 4, 4, 3, 6, 8, 6, 10]),
      15,
    );
    expect(spearman([1, 2, 3], [4, 4, 4])).toBeNaN();
    expect(spearman([1], [2])).toBeNaN();
    expect(spearman([1, NaN], [NaN, 2])).toBeNaN();
    expect(() => spearman([1, 2], [1])).toThrow(/length 2 but y has length 1/);
  });
});
