import { describe, expect, it } from 'vitest';
import { wilsonInterval } from './wilson.ts';

describe('Wilson score interval', () => {
  it('matches Newcombe (1998) Table I, method 3 (95 %): 81/263, 15/148, 0/20, 1/29', () => {
    const check = (hits: number, n: number, lo: number, hi: number) => {
      const w = wilsonInterval(hits, n);
      expect(w.lower).toBeCloseTo(lo, 4);
      expect(w.upper).toBeCloseTo(hi, 4);
    };
    check(81, 263, 0.2553, 0.3662);
    check(15, 148, 0.0624, 0.1605);
    check(0, 20, 0, 0.1611);
    check(1, 29, 0.0061, 0.1718);
  });

  it('stays inside [0, 1], is exact at the ends, and is undefined without trials', () => {
    expect(wilsonInterval(20, 20)).toMatchObject({ value: 1, upper: 1 });
    expect(wilsonInterval(20, 20).lower).toBeCloseTo(1 - 0.1611, 4);
    expect(wilsonInterval(0, 0)).toEqual({ value: null, lower: null, upper: null, hits: 0, n: 0 });
    expect(() => wilsonInterval(3, 2)).toThrow(/0 ≤ hits ≤ n/);
  });
});
