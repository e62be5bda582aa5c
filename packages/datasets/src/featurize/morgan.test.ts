import { describe, expect, it } from 'vitest';
import { loadRDKit } from './rdkit.ts';
import { morganBits, morganOptionsSchema, unpackBits } from './morgan.ts';

describe('morganBits', () => {
  it('unpacks MinimalLib bytes LSB-first, matching the 0/1 string fingerprint', async () => {
    const rdkit = await loadRDKit();
    for (const smi of ['CC(=O)Nc1ccc(O)cc1', 'c1ccc2ccccc2c1', 'CN1CCN(Cc2ccccc2)CC1']) {
      const mol = rdkit.get_mol(smi)!;
      try {
        for (const opts of [
          { radius: 2, nBits: 2048 },
          { radius: 1, nBits: 1000 },
          { radius: 3, nBits: 64 },
        ]) {
          const text = mol.get_morgan_fp(JSON.stringify(opts));
          const expected = [...text].flatMap((c, i) => (c === '1' ? [i] : []));
          const got = Array.from(morganBits(mol, opts));
          expect(got).toEqual(expected);
          expect(got.every((b) => b < opts.nBits)).toBe(true);
        }
      } finally {
        mol.delete();
      }
    }
  });

  it('options change the bits (the nBits key is honoured)', async () => {
    const rdkit = await loadRDKit();
    const mol = rdkit.get_mol('CC(=O)Nc1ccc(O)cc1')!;
    try {
      const a = morganBits(mol, { radius: 2, nBits: 2048 });
      const b = morganBits(mol, { radius: 2, nBits: 512 });
      const c = morganBits(mol, { radius: 0, nBits: 2048 });
      expect(Math.max(...b)).toBeLessThan(512);
      expect(Array.from(a)).not.toEqual(Array.from(b));
      expect(c.length).toBeLessThan(a.length); // radius 0 = atom types only
    } finally {
      mol.delete();
    }
  });

  it('unpackBits ignores padding beyond nBits and defaults are r=2, 2048 bits', () => {
    expect(Array.from(unpackBits(Uint8Array.from([0b101, 0, 0b11111111]), 20))).toEqual([0, 2, 16, 17, 18, 19]);
    expect(morganOptionsSchema.parse({})).toEqual({ radius: 2, nBits: 2048 });
  });
});
