import { describe, expect, it } from 'vitest';
import { Rng } from '@transferbench/core';
import { bitBudget, generateFingerprints, poisson } from './fingerprints.ts';

const opts = {
  compounds: 2000,
  dim: 2048,
  density: 0.03,
  chemotypes: 60,
  bitKeep: 0.7,
  fragmentRate: 0.4,
  fragmentShare: 0.6,
  randomBitShare: 0.05,
};

describe('chemotype fingerprints', () => {
  const fp = generateFingerprints(opts, new Rng(1));
  const rows = Array.from(
    { length: opts.compounds },
    (_, r) => new Set(fp.features.indices.subarray(fp.features.indptr[r], fp.features.indptr[r + 1])),
  );
  const jaccard = (a: Set<number>, b: Set<number>) => {
    let both = 0;
    for (const x of a) if (b.has(x)) both++;
    return both / (a.size + b.size - both);
  };

  it('splits the expected ones between series, fragment and random bits', () => {
    const b = bitBudget(opts);
    expect(b.prototypeSize).toBe(Math.round((61.44 * 0.35) / 0.7));
    expect(b.fragmentPool).toBe(92);
    expect(b.fragmentRate).toBeCloseTo(0.4, 2);
    expect(b.extraMean).toBeCloseTo(3.07, 2);
    // each fragment bit is present in ≈ fragmentRate of the compounds
    let present = 0;
    for (const row of rows) for (const f of fp.fragments) if (row.has(f)) present++;
    expect(present / (rows.length * fp.fragments.length)).toBeGreaterThan(0.38);
    expect(present / (rows.length * fp.fragments.length)).toBeLessThan(0.45);
  });

  it('makes compounds of one chemotype more similar than compounds of different chemotypes', () => {
    let same = 0,
      nSame = 0,
      diff = 0,
      nDiff = 0;
    for (let a = 0; a < 400; a++) {
      for (let b = a + 1; b < 400; b++) {
        if (fp.chemotype[a] === fp.chemotype[b]) {
          same += jaccard(rows[a], rows[b]);
          nSame++;
        } else {
          diff += jaccard(rows[a], rows[b]);
          nDiff++;
        }
      }
    }
    // expected ≈ 0.33 (≈ 15 shared series + 15 shared fragment bits of ≈ 92) vs ≈ 0.14 (fragments only)
    expect(same / nSame).toBeGreaterThan(0.28);
    expect(diff / nDiff).toBeLessThan(0.2);
    expect(same / nSame).toBeGreaterThan(1.8 * (diff / nDiff));
  });

  it('samples Poisson counts with the right mean', () => {
    const rng = new Rng(2);
    let s = 0;
    for (let i = 0; i < 20000; i++) s += poisson(rng, 3);
    expect(s / 20000).toBeCloseTo(3, 1);
    expect(poisson(rng, 0)).toBe(0);
  });
});
