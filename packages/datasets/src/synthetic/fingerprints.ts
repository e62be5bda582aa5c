/**
 * Latent chemotypes → sparse binary fingerprints (CSR).
 *
 * Three kinds of bits, as in ECFP fingerprints of a compound library:
 * - series bits: each chemotype (a chemical series) has a prototype, a fixed random set of bits; a
 *   compound keeps each bit of its chemotype's prototype with probability `bitKeep`;
 * - fragment bits: a pool of bits shared by all series (common substituents), each present
 *   independently with probability `fragmentRate` — within-series variation that a model can learn
 *   across series;
 * - random bits: a Poisson number of uniformly random bits (rare, idiosyncratic substructures).
 * Sizes are set so that the expected number of ones is `density · dim`, split by `fragmentShare` and
 * `randomBitShare` (series bits take the rest). Hand-written: a few loops over typed arrays.
 */
import type { CsrMatrix, Rng } from '@transferbench/core';
import { fragmentPoolSize } from './options.ts';

export interface FingerprintOptions {
  compounds: number;
  dim: number;
  density: number;
  chemotypes: number;
  bitKeep: number;
  fragmentRate: number;
  fragmentShare: number;
  randomBitShare: number;
}

export interface Fingerprints {
  features: CsrMatrix;
  /** chemotype of each compound */
  chemotype: Int32Array;
  /** prototype bits of each chemotype, sorted */
  prototypes: Int32Array[];
  /** the shared fragment bits, sorted */
  fragments: Int32Array;
}

/** Knuth's Poisson sampler: exact, and fast for the small means used here (tens of bits). */
export function poisson(rng: Rng, mean: number): number {
  if (mean <= 0) return 0;
  const limit = Math.exp(-mean);
  let k = 0;
  let p = rng.next();
  while (p > limit) {
    k++;
    p *= rng.next();
  }
  return k;
}

export interface BitBudget {
  prototypeSize: number;
  /** number of shared fragment bits and the probability of each */
  fragmentPool: number;
  fragmentRate: number;
  /** mean number of random bits */
  extraMean: number;
}

/** Prototype size, fragment-bit probability and mean number of random bits that give the density. */
export function bitBudget(o: FingerprintOptions): BitBudget {
  const ones = o.density * o.dim;
  const seriesShare = Math.max(0, 1 - o.fragmentShare - o.randomBitShare);
  const pool = fragmentPoolSize(o);
  return {
    prototypeSize: Math.min(o.dim, Math.max(1, Math.round((ones * seriesShare) / o.bitKeep))),
    fragmentPool: pool,
    fragmentRate: pool > 0 ? Math.min(1, (ones * o.fragmentShare) / pool) : 0,
    extraMean: ones * o.randomBitShare,
  };
}

export function generateFingerprints(o: FingerprintOptions, rng: Rng): Fingerprints {
  const { prototypeSize, fragmentPool, fragmentRate, extraMean } = bitBudget(o);
  const fragments = rng.stream('fragments').permutation(o.dim).slice(0, fragmentPool).sort();
  const protoRng = rng.stream('prototypes');
  const prototypes: Int32Array[] = [];
  for (let c = 0; c < o.chemotypes; c++) {
    prototypes.push(protoRng.permutation(o.dim).slice(0, prototypeSize).sort());
  }
  const assignRng = rng.stream('assignment');
  const chemotype = new Int32Array(o.compounds);
  for (let r = 0; r < o.compounds; r++) chemotype[r] = assignRng.int(0, o.chemotypes - 1);

  const bitRng = rng.stream('bits');
  const indptr = new Int32Array(o.compounds + 1);
  const chunks: Int32Array[] = [];
  const mark = new Uint8Array(o.dim);
  let nnz = 0;
  for (let r = 0; r < o.compounds; r++) {
    const row: number[] = [];
    for (const b of prototypes[chemotype[r]]) {
      if (bitRng.next() < o.bitKeep) {
        mark[b] = 1;
        row.push(b);
      }
    }
    for (const b of fragments) {
      if (!mark[b] && bitRng.next() < fragmentRate) {
        mark[b] = 1;
        row.push(b);
      }
    }
    const extra = poisson(bitRng, extraMean);
    for (let e = 0; e < extra; e++) {
      const b = bitRng.int(0, o.dim - 1);
      if (!mark[b]) {
        mark[b] = 1;
        row.push(b);
      }
    }
    const sorted = Int32Array.from(row).sort();
    for (const b of sorted) mark[b] = 0;
    chunks.push(sorted);
    nnz += sorted.length;
    indptr[r + 1] = nnz;
  }
  const indices = new Int32Array(nnz);
  for (let r = 0; r < o.compounds; r++) indices.set(chunks[r], indptr[r]);
  return { features: { indptr, indices, dim: o.dim }, chemotype, prototypes, fragments };
}
