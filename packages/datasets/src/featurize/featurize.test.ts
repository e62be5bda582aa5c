import { afterAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { featurizeSmiles } from './featurize.ts';
import { moleculeCacheFile, morganCacheFile, shardName, smilesSetCacheKey, sourceCacheKey } from './cache.ts';
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
    const files = readdirSync(dir, { recursive: true }) as string[];
    expect(files.filter((f) => f.endsWith('.tmp'))).toEqual([]); // atomic writes leave no temp files
    expect(files.filter((f) => f.endsWith('.json')).length).toBe(2); // one molecule shard, one fingerprint shard
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
    const key = smilesSetCacheKey(smiles);
    await featurizeSmiles(smiles, { radius: 2, nBits: 2048, cacheDir: dir });
    // plant the r=2/2048 file under the r=3/2048 name: it must not be used
    mkdirSync(join(morganCacheFile(dir, 3, 2048, v, key), '..'), { recursive: true });
    copyFileSync(morganCacheFile(dir, 2, 2048, v, key), morganCacheFile(dir, 3, 2048, v, key));
    const r3 = await featurizeSmiles(smiles, { radius: 3, nBits: 2048, cacheDir: dir });
    expect(r3.stats.computed).toBe(2);
    const fresh = await featurizeSmiles(smiles, { radius: 3, nBits: 2048, cacheDir: null });
    expect(r3.features).toEqual(fresh.features);
    expect(JSON.parse(readFileSync(morganCacheFile(dir, 3, 2048, v, key), 'utf8')).radius).toBe(3);
    // a corrupt file is recomputed, not a crash
    writeFileSync(morganCacheFile(dir, 3, 2048, v, key), '{"format": trunc');
    const again = await featurizeSmiles(smiles, { radius: 3, nBits: 2048, cacheDir: dir });
    expect(again.features).toEqual(fresh.features);
  });

  it('one shard per data set: loading a set reads only its own entries', async () => {
    const root = join(dir, 'shards');
    const v = rdkitPackageVersion();
    const a = ['CCO', 'CCN'];
    const b = ['c1ccccc1', 'CCCl', 'CCO'];
    const keyA = sourceCacheKey('/data/a.csv');
    const keyB = sourceCacheKey('/data/b.csv.gz');
    await featurizeSmiles(a, { radius: 2, nBits: 2048, cacheDir: root, cacheKey: keyA });
    await featurizeSmiles(b, { radius: 2, nBits: 2048, cacheDir: root, cacheKey: keyB });
    const entries = (file: string) => Object.keys(JSON.parse(readFileSync(file, 'utf8')).entries).sort();
    expect(entries(morganCacheFile(root, 2, 2048, v, keyA))).toEqual(['CCN', 'CCO']);
    expect(entries(moleculeCacheFile(root, v, keyB))).toEqual(['CCCl', 'CCO', 'c1ccccc1']);
    expect(shardName(keyB)).toMatch(/^b-[0-9a-f]{16}\.json$/);
    // B's shard is not read for A: with A's shard gone, A is recomputed even though B holds CCO
    rmSync(morganCacheFile(root, 2, 2048, v, keyA));
    rmSync(moleculeCacheFile(root, v, keyA));
    const again = await featurizeSmiles(a, { radius: 2, nBits: 2048, cacheDir: root, cacheKey: keyA });
    expect(again.stats).toMatchObject({ computed: 2, cached: 0 });
  });

  it('a malformed entry is ignored, recomputed and overwritten; the others are used', async () => {
    const root = join(dir, 'corrupt');
    const v = rdkitPackageVersion();
    const key = sourceCacheKey('/data/c.csv');
    const opts = { radius: 2, nBits: 2048, cacheDir: root, cacheKey: key };
    const good = await featurizeSmiles(smiles, opts);
    const fpFile = morganCacheFile(root, 2, 2048, v, key);
    const molFile = moleculeCacheFile(root, v, key);
    const fp = JSON.parse(readFileSync(fpFile, 'utf8'));
    fp.entries['c1ccccc1CCN'] = [5, 3, 99999]; // unsorted and out of range
    writeFileSync(fpFile, JSON.stringify(fp));
    const mol = JSON.parse(readFileSync(molFile, 'utf8'));
    mol.entries['CC(=O)Nc1ccc(O)cc1'] = ['', 42]; // not [canonical, scaffold]
    writeFileSync(molFile, JSON.stringify(mol));
    const r = await featurizeSmiles(smiles, opts);
    expect(r.stats).toMatchObject({ computed: 2, cached: 3, rejected: 2 });
    expect(r.features).toEqual(good.features);
    const after = await featurizeSmiles(smiles, opts); // rewritten: clean again
    expect(after.stats).toMatchObject({ computed: 0, rejected: 0 });
  });
});
