import { describe, expect, it } from 'vitest';
import { seedStat } from './seed-stat.ts';

describe('seedStat', () => {
  it('mean and t CI over seeds, dropping undefined values', () => {
    const s = seedStat([0.2, null, 0.4, 0.6]);
    // sd 0.2, se 0.11547, t(0.975, 2) = 4.302653 → half-width 0.496827
    expect(s.n).toBe(3);
    expect(s.mean).toBeCloseTo(0.4, 12);
    expect(s.lower).toBeCloseTo(0.4 - 0.496827, 5);
    expect(s.upper).toBeCloseTo(0.4 + 0.496827, 5);
    expect(seedStat([0.3])).toEqual({ mean: 0.3, lower: null, upper: null, n: 1 });
    expect(seedStat([null])).toEqual({ mean: null, lower: null, upper: null, n: 0 });
  });
});
