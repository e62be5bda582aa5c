/** Small helpers shared by the split kinds: sorted index sets and the contract's invariants. */
import type { Split } from '@transferbench/core';

/** Sorted copy as the contract's Int32Array. */
export function sortedIndices(values: ArrayLike<number>): Int32Array {
  return Int32Array.from(values).sort();
}

/** Throws unless train/val/test are sorted, disjoint and together cover 0..n−1 (a cheap self-check). */
export function assertPartition(split: Split, n: number): Split {
  const seen = new Uint8Array(n);
  for (const part of ['train', 'val', 'test'] as const) {
    const idx = split[part];
    for (let i = 0; i < idx.length; i++) {
      const r = idx[i];
      if (r < 0 || r >= n) throw new Error(`split ${split.kind}: ${part}[${i}] = ${r} is not a sample index in [0, ${n})`);
      if (i > 0 && idx[i - 1] >= r) throw new Error(`split ${split.kind}: ${part} must be strictly increasing`);
      if (seen[r]) throw new Error(`split ${split.kind}: sample ${r} is in two parts`);
      seen[r] = 1;
    }
  }
  const missing = seen.indexOf(0);
  if (missing >= 0) throw new Error(`split ${split.kind}: sample ${missing} is in no part`);
  return split;
}
