/** Morgan (ECFP-like) bit fingerprints from RDKit MinimalLib, unpacked to sorted bit indices. */
import { z } from 'zod';
import type { Mol } from './rdkit.ts';

export const morganOptionsSchema = z.object({
  radius: z.number().int().min(0).max(6).default(2),
  nBits: z
    .number()
    .int()
    .min(8)
    .max(1 << 20)
    .default(2048),
});
export type MorganOptions = z.infer<typeof morganOptionsSchema>;

/**
 * Sorted indices of the set bits. MinimalLib packs the bit vector LSB-first: bit b lives in byte b>>3 at
 * position b&7 (checked against `get_morgan_fp`'s '0'/'1' string in morgan.test.ts).
 */
export function morganBits(mol: Mol, { radius, nBits }: MorganOptions): Int32Array {
  // the JSON key must be `nBits` (MinimalLib silently ignores unknown keys such as `bits`)
  const packed = mol.get_morgan_fp_as_uint8array(JSON.stringify({ radius, nBits })) as Uint8Array;
  return unpackBits(packed, nBits);
}

export function unpackBits(packed: Uint8Array, nBits: number): Int32Array {
  const out: number[] = [];
  for (let byte = 0; byte < packed.length; byte++) {
    const v = packed[byte];
    if (v === 0) continue;
    for (let j = 0; j < 8; j++) {
      const b = byte * 8 + j;
      if (v & (1 << j) && b < nBits) out.push(b);
    }
  }
  return Int32Array.from(out);
}
