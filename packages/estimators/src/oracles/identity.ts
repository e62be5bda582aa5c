/**
 * Identities for the oracle's cache: what a cached training result depends on. A dataset is identified by
 * name, build options AND a SHA-256 of its content (features, labels, task ids), so a regenerated or edited
 * data set never hits a stale entry; a split by its kind/seed/fold and a hash of its three index arrays.
 * Hashing the typed arrays' bytes directly keeps this fast for DTI-sized data (no JSON of millions of ints).
 */
import { createHash } from 'node:crypto';
import type { MultiTaskDataset, Split } from '@transferbench/core';

function hashArrays(parts: readonly (ArrayBufferView | string)[]): string {
  const h = createHash('sha256');
  for (const p of parts) {
    if (typeof p === 'string') h.update(p);
    else h.update(new Uint8Array(p.buffer, p.byteOffset, p.byteLength));
    h.update('\u0000'); // separator: [a, bc] ≠ [ab, c]
  }
  return h.digest('hex').slice(0, 32);
}

export interface DatasetIdentity {
  name: string;
  options: Record<string, unknown>;
  content: string;
}

const datasetIdentities = new WeakMap<MultiTaskDataset, DatasetIdentity>();

/** Name + build options + content hash (memoised per dataset object). */
export function datasetIdentity(ds: MultiTaskDataset): DatasetIdentity {
  let id = datasetIdentities.get(ds);
  if (!id) {
    const content = hashArrays([
      ds.tasks.map((t) => t.id).join('\u0001'),
      String(ds.features.dim),
      ds.features.indptr,
      ds.features.indices,
      ds.labels,
    ]);
    id = { name: ds.name, options: ds.meta.options ?? {}, content };
    datasetIdentities.set(ds, id);
  }
  return id;
}

export interface SplitIdentity {
  kind: string;
  seed: number;
  fold: number | null;
  content: string;
}

export function splitIdentity(split: Split): SplitIdentity {
  return {
    kind: split.kind,
    seed: split.seed,
    fold: split.fold ?? null,
    content: hashArrays([split.train, split.val, split.test]),
  };
}
