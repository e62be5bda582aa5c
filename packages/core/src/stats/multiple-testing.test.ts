import { describe, expect, it } from 'vitest';
import { bhAdjust, bhReject } from './multiple-testing.ts';

/** Hand-verifiable reference straight from the definition: q_i = min over p_k ≥ p_i of min(1, m·p_k / rank_k). */
function bhByDefinition(p: number[]): number[] {
  const m = p.length;
  const sorted = [...p].sort((a, b) => a - b);
  return p.map((pi) => {
    let best = 1;
    for (let k = 0; k < m; k++) if (sorted[k] >= pi) best = Math.min(best, (m * sorted[k]) / (k + 1));
    return best;
  });
}

// 25 p-values of McDonald's Handbook of Biological Statistics BH example (García-Arenzana et al. 2014 diet data).
const P25 = [
  0.001, 0.008, 0.039, 0.041, 0.042, 0.06, 0.074, 0.205, 0.212, 0.216, 0.222, 0.251, 0.269, 0.275, 0.34, 0.341, 0.384, 0.569, 0.594, 0.696,
  0.762, 0.94, 0.942, 0.975, 0.986,
];
// scipy 1.17.1 stats.false_discovery_control(P25, method='bh') (= R p.adjust "BH"), computed once, hard-coded.
const Q25 = [
  0.025, 0.1, 0.21, 0.21, 0.21, 0.25, 0.2642857142857143, 0.49107142857142866, 0.49107142857142866, 0.49107142857142866,
  0.49107142857142866, 0.49107142857142866, 0.49107142857142866, 0.49107142857142866, 0.5328125, 0.5328125, 0.5647058823529413,
  0.781578947368421, 0.781578947368421, 0.87, 0.9071428571428571, 0.986, 0.986, 0.986, 0.986,
];
// Benjamini & Hochberg (1995) §4 example, 15 p-values; at q = 0.05 their procedure rejects the first 4.
const P15 = [0.0001, 0.0004, 0.0019, 0.0095, 0.0201, 0.0278, 0.0298, 0.0344, 0.0459, 0.324, 0.4262, 0.5719, 0.6528, 0.759, 1];
const Q15 = [
  0.0015, 0.003, 0.0095, 0.035625, 0.0603, 0.06385714285714286, 0.06385714285714286, 0.0645, 0.0765, 0.486, 0.5811818181818181,
  0.7148749999999999, 0.7532307692307693, 0.8132142857142857, 1,
];

describe('bhAdjust', () => {
  it('all-equal ratio case: [0.01 … 0.05] → all 0.05', () => {
    const q = bhAdjust([0.01, 0.02, 0.03, 0.04, 0.05]);
    for (const v of q) expect(v).toBeCloseTo(0.05, 15);
  });

  it('matches the worked examples (scipy/R reference and the definition)', () => {
    const q25 = bhAdjust(P25);
    q25.forEach((v, i) => expect(v).toBeCloseTo(Q25[i], 14));
    bhByDefinition(P25).forEach((v, i) => expect(q25[i]).toBeCloseTo(v, 14));
    const q15 = bhAdjust(P15);
    q15.forEach((v, i) => expect(v).toBeCloseTo(Q15[i], 14));
    expect(bhReject(P15, 0.05).filter(Boolean).length).toBe(4);
    expect(bhReject(P25, 0.05)).toEqual(P25.map((_, i) => i === 0));
    expect(bhReject(P25, 0.22).filter(Boolean).length).toBe(5);
  });

  it('works on unsorted input, keeps input order, is monotone in p and ≥ p', () => {
    // scipy: false_discovery_control([0.04, 0.001, 0.03, 0.5, 0.02, 0.03]) = [0.048 0.006 0.045 0.5 0.045 0.045]
    const q = bhAdjust([0.04, 0.001, 0.03, 0.5, 0.02, 0.03]);
    [0.048, 0.006, 0.045, 0.5, 0.045, 0.045].forEach((v, i) => expect(q[i]).toBeCloseTo(v, 15));
    const shuffled = [...P25].reverse();
    const qs = bhAdjust(shuffled);
    for (let i = 0; i < shuffled.length; i++) {
      expect(qs[i]).toBeGreaterThanOrEqual(shuffled[i]);
      for (let j = 0; j < shuffled.length; j++) if (shuffled[i] <= shuffled[j]) expect(qs[i]).toBeLessThanOrEqual(qs[j]);
    }
    expect(bhAdjust([0.9, 0.8])).toEqual([0.9, 0.9]);
    expect(bhAdjust([])).toEqual([]);
  });

  it('passes NaN through and leaves it out of m', () => {
    const withNaN = [NaN, ...P15.slice(0, 7), NaN, ...P15.slice(7)];
    const q = bhAdjust(withNaN);
    expect(q[0]).toBeNaN();
    expect(q[8]).toBeNaN();
    const rest = q.filter((v) => !Number.isNaN(v));
    rest.forEach((v, i) => expect(v).toBeCloseTo(Q15[i], 14));
    expect(bhReject(withNaN, 0.05)[0]).toBe(false);
    expect(bhReject(withNaN, 0.05).filter(Boolean).length).toBe(4);
  });

  it('rejects invalid p-values and alpha', () => {
    expect(() => bhAdjust([0.1, 1.2])).toThrow(/pValues\[1\] = 1.2; expected a p-value in \[0, 1\]/);
    expect(() => bhAdjust([-0.1])).toThrow(/pValues\[0\]/);
    expect(() => bhReject([0.1], 5)).toThrow(/alpha = 5/);
  });
});
