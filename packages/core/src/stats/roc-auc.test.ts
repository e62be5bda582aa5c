import { describe, expect, it } from 'vitest';
import { rocAuc, rocAucMasked } from './roc-auc.ts';
import { Rng } from '../rng.ts';

/** Independent definition: share of (pos, neg) pairs ranked correctly, ties counting 1/2. */
function pairwiseAuc(y: number[], s: number[]): number {
  let num = 0,
    den = 0;
  for (let i = 0; i < y.length; i++)
    for (let j = 0; j < y.length; j++) {
      if (y[i] !== 1 || y[j] !== 0) continue;
      den++;
      num += s[i] > s[j] ? 1 : s[i] === s[j] ? 0.5 : 0;
    }
  return num / den;
}

// Reference values: sklearn 1.2.1 roc_auc_score (computed once with /usr/bin/python3, hard-coded here).
const Y40 = [0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 1, 1, 1, 1, 1, 1, 1, 0, 1, 0, 1, 0, 0, 1, 1, 1, 0, 1, 1, 0, 0, 0, 0, 1, 1, 0, 1, 1, 0, 1];
const S40 = [
  0.8, 0.4, 1.0, 0.9, 0.8, 0.2, 0.5, 0.0, 0.2, 0.7, 0.7, 1.0, 0.3, 0.4, 0.5, 0.2, 0.1, 0.5, 0.2, 0.7, 0.4, 0.8, 0.7, 0.3, 0.8, 0.8, 0.4,
  0.3, 0.7, 0.1, 0.2, 0.0, 0.8, 0.7, 0.7, 0.8, 0.5, 0.6, 0.1, 0.1,
];

describe('rocAuc', () => {
  it('matches the known cases of the issue', () => {
    expect(rocAuc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])).toBe(0.75);
    expect(rocAuc([0, 1, 0, 1, 1], [0.3, 0.3, 0.3, 0.3, 0.3])).toBe(0.5);
  });

  it('matches sklearn roc_auc_score with heavy ties', () => {
    expect(rocAuc([1, 0, 1, 1, 0, 0, 1, 0, 1, 0], [0.9, 0.9, 0.7, 0.5, 0.5, 0.5, 0.3, 0.2, 0.2, 0.1])).toBeCloseTo(0.6, 14);
    expect(rocAuc(Y40, S40)).toBeCloseTo(0.4322250639386189, 14);
    expect(rocAuc(Int8Array.from(Y40), Float64Array.from(S40))).toBeCloseTo(0.4322250639386189, 14);
  });

  it('agrees with the pairwise definition on random tied data and has the symmetry invariants', () => {
    const rng = new Rng(3);
    for (let rep = 0; rep < 20; rep++) {
      const n = 5 + rng.int(0, 60);
      const y = Array.from({ length: n }, (_, i) => (i < 2 ? i : rng.int(0, 1)));
      const s = Array.from({ length: n }, () => rng.int(0, 6) / 6);
      const auc = rocAuc(y, s);
      expect(auc).toBeCloseTo(pairwiseAuc(y, s), 12);
      expect(
        rocAuc(
          y,
          s.map((v) => -v),
        ),
      ).toBeCloseTo(1 - auc, 12); // reversed scores
      expect(
        rocAuc(
          y,
          s.map((v) => Math.exp(3 * v)),
        ),
      ).toBeCloseTo(auc, 12); // monotone transform
    }
    expect(rocAuc([0, 0, 1, 1], [1, 2, 3, 4])).toBe(1);
    expect(rocAuc([1, 1, 0, 0], [1, 2, 3, 4])).toBe(0);
  });

  it('returns NaN when only one class (or nothing) is present', () => {
    expect(rocAuc([1, 1, 1], [0.1, 0.2, 0.3])).toBeNaN();
    expect(rocAuc([0, 0], [0.1, 0.2])).toBeNaN();
    expect(rocAuc([], [])).toBeNaN();
  });

  it('rejects bad input with a message naming the problem', () => {
    expect(() => rocAuc([0, 2], [0.1, 0.2])).toThrow(/labels\[1\] = 2; expected 0 or 1/);
    expect(() => rocAuc([0, -1, 1], [0.1, 0.2, 0.3])).toThrow(/Masked/);
    expect(() => rocAuc([0, 1], [0.1])).toThrow(/length 2 .* length 1/);
    expect(() => rocAuc([0, 1], [0.1, NaN])).toThrow(/scores\[1\] is NaN/);
  });
});

describe('rocAucMasked', () => {
  it('ignores −1 rows and equals the AUC on the labelled subset', () => {
    const labels = Int8Array.from([-1, 0, 0, -1, 1, 1, -1]);
    const scores = [0.99, 0.1, 0.4, 0.0, 0.35, 0.8, 0.5];
    expect(rocAucMasked(labels, scores)).toBe(0.75);
    expect(rocAucMasked([-1, 1, 1, -1], [0.2, 0.3, 0.4, 0.5])).toBeNaN();
    expect(rocAucMasked([-1, -1], [0.2, 0.3])).toBeNaN();
    expect(() => rocAucMasked([0, 3], [0.2, 0.3])).toThrow(/labels\[1\] = 3; expected −1 \(missing\), 0 or 1/);
  });
});
