import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { featurizeSmiles } from './featurize.ts';
import { morganCacheFile } from './cache.ts';
import { rdkitPackageVersion } from './rdkit.ts';

const dir = mkdtempSync(join(tmpdir(), 'tb-fp-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const smiles = ['CC(=O)Nc1ccc(O)cc1', 'not a smiles', 'c1ccccc1CCN', '', 'CC(=O)Nc1ccc(O)cc1', 'C[AlH3]C'];

describe('featurizeSmiles', () => {
  it('returns null for unparsable or empty SMILES, aligned with the input', async () => {
    const r = await featurizeSmiles(smiles, { radius: 2, nBits: 2048, cacheDir: null });
    expect(r.features.map((f) => f === null)).toEqual([false, true, false, true, false, true]);
    expect(r.stats).toMatchObject({ unique: 5, computed: 5, cached: 0 });
    expect(r.features[0]!.canonical).toBe('CC(=O)Nc1ccc(O)cc1');
    expect(r.features[0]!.scaffold).toBe('c1ccccc1');
    expect(r.features[0]!.bits).toEqual(r.features[4]!.bits);
  });

  it('a second call is answered from the cache with identical results', async () => {
    const first = await featurizeSmiles(smiles, { radius: 2, nBits: 2048, cacheDir: dir });
    expect(first.stats.computed).toBe(5);
    const second = await featurizeSmiles(smiles, { radius: 2, nBits: 2048, cacheDir: dir });
    expect(second.stats).toMatchObject({ computed: 0, cached: 5 });
    expect(second.features).toEqual(first.features);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]); // atomic writes leave no temp files
  });

  it('changing radius or bits never reuses stale entries', async () => {
    await featurizeSmiles(smiles, { radius: 2, nBits: 2048, cacheDir: dir });
    const fresh = await featurizeSmiles(smiles, { radius: 1, nBits: 1024, cacheDir: null });
    const cached = await featurizeSmiles(smiles, { radius: 1, nBits: 1024, cacheDir: dir });
    expect(cached.stats.computed).toBe(2); // molecules known, fingerprints recomputed for the 2 parsable ones
    expect(cached.features).toEqual(fresh.features);
    const r2 = await featurizeSmiles(smiles, { radius: 2, nBits: 2048, cacheDir: null });
    expect(cached.features[0]!.bits).not.toEqual(r2.features[0]!.bits);
    expect(Math.max(...cached.features[0]!.bits)).toBeLessThan(1024);
  });

  it('ignores a cache file whose header does not match its options', async () => {
    const v = rdkitPackageVersion();
    await featurizeSmiles(smiles, { radius: 2, nBits: 2048, cacheDir: dir });
    // plant the r=2/2048 file under the r=3/2048 name: it must not be used
    copyFileSync(morganCacheFile(dir, 2, 2048, v), morganCacheFile(dir, 3, 2048, v));
    const r3 = await featurizeSmiles(smiles, { radius: 3, nBits: 2048, cacheDir: dir });
    expect(r3.stats.computed).toBe(2);
    const fresh = await featurizeSmiles(smiles, { radius: 3, nBits: 2048, cacheDir: null });
    expect(r3.features).toEqual(fresh.features);
    expect(JSON.parse(readFileSync(morganCacheFile(dir, 3, 2048, v), 'utf8')).radius).toBe(3);
    // a corrupt file is recomputed, not a crash
    writeFileSync(morganCacheFile(dir, 3, 2048, v), '{"format": trunc');
    const again = await featurizeSmiles(smiles, { radius: 3, nBits: 2048, cacheDir: dir });
    expect(again.features).toEqual(fresh.features);
  });
});
