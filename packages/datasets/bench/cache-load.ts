/**
 * Fingerprint-cache load times: Tox21 and KIBA (from ../shared/data) loaded through their plugins into one
 * fresh cache folder. Measures a warm load of Tox21 before and after KIBA is cached too, and a warm KIBA
 * load: with one cache file for every data set, a warm load parses every other set's entries as well.
 * Prints medians over `rounds` warm loads (whole plugin load, and the featurize step alone).
 *
 *   npx tsx packages/datasets/bench/cache-load.ts [rounds]     (from the repository root)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { median, type MultiTaskDataset } from '@transferbench/core';
import { loadCsv } from '../src/csv/plugin.ts';
import { loadDti } from '../src/dti/plugin.ts';
import { featurizationReport } from '../src/table/featurization-report.ts';
import { SHARED_DATA } from '@transferbench/core/testing';

const rounds = Number(process.argv[2] ?? 5);
const dirs: string[] = [];
function freshCache(): string {
  const d = mkdtempSync(join(tmpdir(), 'tb-cache-bench-'));
  dirs.push(d);
  return d;
}
const loaders: Record<string, (cacheDir: string) => Promise<MultiTaskDataset>> = {
  tox21: (cacheDir) => loadCsv({ file: join(SHARED_DATA, 'tox21', 'tox21.csv') }, { cacheDir, log: () => {} }),
  kiba: (cacheDir) => loadDti({ variant: 'kiba', dataDir: join(SHARED_DATA, 'kiba') }, { cacheDir, log: () => {} }),
};

async function timedLoad(name: string, cacheDir: string): Promise<{ wallMs: number; featurizeMs: number; computed: number }> {
  const t0 = performance.now();
  const ds = await loaders[name](cacheDir);
  const rep = featurizationReport(ds)!;
  return { wallMs: performance.now() - t0, featurizeMs: rep.cache.ms, computed: rep.cache.computed };
}

async function cold(name: string, cacheDir: string, label: string): Promise<void> {
  const r = await timedLoad(name, cacheDir);
  console.log(`${label.padEnd(34)} load ${(r.wallMs / 1000).toFixed(3)} s (${r.computed} SMILES computed)`);
}

async function warm(name: string, cacheDir: string, label: string): Promise<void> {
  const runs = [];
  for (let i = 0; i < rounds; i++) runs.push(await timedLoad(name, cacheDir));
  if (runs.some((r) => r.computed > 0)) throw new Error(`${label}: a warm load recomputed fingerprints`);
  const s = (xs: number[]) => `${(median(xs) / 1000).toFixed(3)} s`;
  console.log(
    `${label.padEnd(34)} load ${s(runs.map((r) => r.wallMs))}  featurize ${s(runs.map((r) => r.featurizeMs))}  (median of ${rounds})`,
  );
}

try {
  const onlyKiba = freshCache();
  await cold('kiba', onlyKiba, 'kiba cold (fresh cache)');
  await warm('kiba', onlyKiba, 'kiba warm, only kiba cached');
  const both = freshCache();
  await cold('tox21', both, 'tox21 cold (fresh cache)');
  await warm('tox21', both, 'tox21 warm, only tox21 cached');
  await cold('kiba', both, 'kiba cold (tox21 cached)');
  await warm('tox21', both, 'tox21 warm, tox21 + kiba cached');
  await warm('kiba', both, 'kiba warm, tox21 + kiba cached');
} finally {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
}
