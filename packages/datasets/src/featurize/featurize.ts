/**
 * SMILES → (canonical SMILES, Bemis–Murcko scaffold, Morgan bits), through the on-disk caches.
 * RDKit is only instantiated when some SMILES is missing from the caches, so a fully cached run skips
 * the WASM start-up as well as the per-molecule work.
 */
import { resolve } from 'node:path';
import { loadRDKit, rdkitPackageVersion, type RDKitModule } from './rdkit.ts';
import { morganBits, type MorganOptions } from './morgan.ts';
import { murckoScaffold } from './scaffold.ts';
import { JsonEntryCache, moleculeCacheFile, morganCacheFile, smilesSetCacheKey } from './cache.ts';

export const DEFAULT_CACHE_ROOT = '.cache/transferbench';

/** Fingerprint cache directory: `<cacheRoot>/fingerprints`, cacheRoot defaulting to ./.cache/transferbench. */
export function fingerprintCacheDir(cacheRoot?: string): string {
  return resolve(cacheRoot ?? DEFAULT_CACHE_ROOT, 'fingerprints');
}

export interface FeaturizeOptions extends MorganOptions {
  /** directory of the cache files; null disables caching */
  cacheDir: string | null;
  /**
   * which cache shard to read and fill: the data set's identity (e.g. `sourceCacheKey(file)`); default: the
   * set of SMILES itself. Correctness never depends on it (entries are per SMILES), only what a load parses.
   */
  cacheKey?: string;
}

export interface MoleculeFeatures {
  canonical: string;
  scaffold: string;
  bits: Int32Array;
}

export interface FeaturizeStats {
  unique: number;
  /** unique SMILES answered from the cache */
  cached: number;
  /** unique SMILES sent through RDKit */
  computed: number;
  /** malformed cache entries ignored (and recomputed) */
  rejected: number;
  ms: number;
}

export interface FeaturizeResult {
  /** aligned with the input; null = RDKit cannot parse the SMILES (or it is empty) */
  features: (MoleculeFeatures | null)[];
  stats: FeaturizeStats;
}

type MolEntry = [canonical: string, scaffold: string] | null;

const isMolEntry = (v: unknown): v is MolEntry =>
  v === null || (Array.isArray(v) && v.length === 2 && typeof v[0] === 'string' && v[0] !== '' && typeof v[1] === 'string');

/** Strictly increasing integers in [0, nBits): what morganBits returns. */
const isBits =
  (nBits: number) =>
  (v: unknown): v is number[] => {
    if (!Array.isArray(v)) return false;
    let prev = -1;
    for (const b of v) {
      if (!Number.isInteger(b) || b <= prev || b >= nBits) return false;
      prev = b;
    }
    return true;
  };

export async function featurizeSmiles(smiles: readonly string[], opts: FeaturizeOptions): Promise<FeaturizeResult> {
  const t0 = performance.now();
  const version = rdkitPackageVersion();
  const header = { format: 'transferbench-molecules/2', rdkit: version };
  const fpHeader = { format: 'transferbench-morgan/2', rdkit: version, radius: opts.radius, nBits: opts.nBits };
  const dir = opts.cacheDir;
  const unique = [...new Set(smiles)];
  const key = dir ? (opts.cacheKey ?? smilesSetCacheKey(unique)) : '';
  const mols = new JsonEntryCache<MolEntry>(dir ? moleculeCacheFile(dir, version, key) : null, { ...header, key }, isMolEntry);
  const fps = new JsonEntryCache<number[]>(
    dir ? morganCacheFile(dir, opts.radius, opts.nBits, version, key) : null,
    { ...fpHeader, key },
    isBits(opts.nBits),
  );

  const needs = unique.filter((s) => !mols.has(s) || (mols.get(s) !== null && !fps.has(s)));
  if (needs.length) {
    const rdkit = await loadRDKit();
    for (const s of needs) computeOne(rdkit, s, opts, mols, fps);
    mols.flush();
    fps.flush();
  }

  const bySmiles = new Map<string, MoleculeFeatures | null>();
  for (const s of unique) {
    const m = mols.get(s) ?? null;
    bySmiles.set(s, m ? { canonical: m[0], scaffold: m[1], bits: Int32Array.from(fps.get(s)!) } : null);
  }
  return {
    features: smiles.map((s) => bySmiles.get(s)!),
    stats: {
      unique: unique.length,
      cached: unique.length - needs.length,
      computed: needs.length,
      rejected: mols.rejected + fps.rejected,
      ms: performance.now() - t0,
    },
  };
}

function computeOne(
  rdkit: RDKitModule,
  smiles: string,
  opts: MorganOptions,
  mols: JsonEntryCache<MolEntry>,
  fps: JsonEntryCache<number[]>,
): void {
  // an empty string parses to an empty molecule in MinimalLib: treat it as unparsable, not as a compound
  const mol = smiles.trim() ? rdkit.get_mol(smiles) : null;
  if (!mol) {
    mols.set(smiles, null);
    return;
  }
  try {
    if (!mol.is_valid() || mol.get_num_atoms() === 0) {
      mols.set(smiles, null);
      return;
    }
    if (!mols.get(smiles)) {
      const canonical = mol.get_smiles();
      mols.set(smiles, [canonical, murckoScaffold(rdkit, mol, canonical)]);
    }
    fps.set(smiles, Array.from(morganBits(mol, opts)));
  } finally {
    mol.delete();
  }
}
