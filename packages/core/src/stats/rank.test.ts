import { describe, expect, it } from 'vitest';
import { averageRanks } from './rank.ts';

describe('averageRanks', () => {
  it('matches scipy.stats.rankdata(method="average")', () => {
    // scipy 1.17.1: rankdata([3,1,4,1,5,9,2,6,5,3]) = [4.5 1.5 6 1.5 7.5 10 3 9 7.5 4.5]
    expect(Array.from(averageRanks([3, 1, 4, 1, 5, 9, 2, 6, 5, 3]))).toEqual([4.5, 1.5, 6, 1.5, 7.5, 10, 3, 9, 7.5, 4.5]);
    expect(Array.from(averageRanks([2, 2, 2]))).toEqual([2, 2, 2]);
    expect(Array.from(averageRanks([]))).toEqual([]);
    expect(Array.from(averageRanks([-Infinity, 0, Infinity]))).toEqual([1, 2, 3]);
  });

  it('rejects NaN', () => {
    expect(() => averageRanks([1, NaN])).toThrow(/values\[1\] is NaN/);
  });
});
