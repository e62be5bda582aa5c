import { describe, expect, it } from 'vitest';
import { matchedCost, powerAtCost } from './matched-cost.ts';

describe('power at matched cost', () => {
  const a = [
    { budget: 'a1', cost: 1, power: 0.2 },
    { budget: 'a2', cost: 100, power: 0.8 },
  ];
  const b = [
    { budget: 'b1', cost: 10, power: 0.5 },
    { budget: 'b2', cost: 1000, power: 0.9 },
  ];
  it('interpolates in log cost inside the ladder and refuses to extrapolate', () => {
    expect(powerAtCost(a, 10)).toBeCloseTo(0.5, 12); // halfway in log10 between 1 and 100
    expect(powerAtCost(a, 100)).toBe(0.8);
    expect(powerAtCost(a, 1000)).toBeNull();
    expect(powerAtCost(b, 5)).toBeNull();
  });
  it('matches at the largest cost every ladder reaches, or not at all', () => {
    expect(matchedCost([a, b])).toBe(100);
    expect(matchedCost([a, [{ budget: 'c', cost: 500, power: 0.5 }]])).toBeNull();
    expect(matchedCost([a, [{ budget: 'c', cost: 5, power: null }]])).toBe(100);
  });
});
