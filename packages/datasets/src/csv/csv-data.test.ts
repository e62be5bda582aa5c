/** Acceptance on the shared Tox21 copy (../shared/data: skipped with a message when absent, a failure in CI). */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { taskLabelStats } from '@transferbench/core';
import { loadCsv, readCsvTable } from './plugin.ts';
import { tableTaskStats, tableTotals } from '../table/label-table.ts';
import { featurizationReport } from '../table/featurization-report.ts';
import { sharedData } from '@transferbench/core/testing';

const cacheRoot = mkdtempSync(join(tmpdir(), 'tb-tox21-cache-'));
afterAll(() => rmSync(cacheRoot, { recursive: true, force: true }));

const tox21 = sharedData('tox21');

describe.skipIf(tox21.skip)('Tox21 (shared data)', () => {
  const file = join(tox21.dir, 'tox21.csv');

  it('7,831 rows, 12 tasks, per-task counts of the README', () => {
    const t = readCsvTable({ file });
    expect(tableTotals(t)).toEqual({ compounds: 7831, tasks: 12, labels: 77946, positives: 5862 });
    const st = tableTaskStats(t);
    expect(st[0]).toEqual({ id: 'NR-AR', labels: 7265, positives: 309, negatives: 6956 });
    expect(st[11]).toMatchObject({ id: 'SR-p53', labels: 6774, positives: 423 });
  });

  // featurizes all 7,831 SMILES with RDKit (about 9 s on a quiet machine; it timed out at 60 s with three CPU-bound processes beside it)
  it('8 unparsable SMILES reported and dropped; a second load reuses the fingerprint cache', { timeout: 240_000 }, async () => {
    const ds = await loadCsv({ file }, { cacheDir: cacheRoot, log: () => {} });
    const rep = featurizationReport(ds)!;
    expect(rep.rows).toBe(7831);
    expect(rep.unparsable.map((u) => u.id)).toEqual([1322, 2290, 2297, 3558, 4565, 4649, 5538, 6723].map((i) => `row${i}`));
    expect(rep.unparsable.every((u) => u.smiles.includes('[AlH3]'))).toBe(true);
    expect(ds.samples).toHaveLength(7823);
    expect(ds.tasks).toHaveLength(12);
    expect(rep.cache.computed).toBe(7831);

    // nothing recomputed: every SMILES served from the cache (load times: bench/cache-load.ts, DATA.md)
    const again = await loadCsv({ file }, { cacheDir: cacheRoot, log: () => {} });
    expect(featurizationReport(again)!.cache).toMatchObject({ computed: 0, cached: 7831 });
    expect(again.features.indices).toEqual(ds.features.indices);
    expect(again.samples).toEqual(ds.samples);
    expect(taskLabelStats(again)).toEqual(taskLabelStats(ds));
    // distinct fingerprints as stated in the data README (salts and stereoisomers collide)
    const fps = new Set<string>();
    for (let r = 0; r < ds.samples.length; r++)
      fps.add(ds.features.indices.subarray(ds.features.indptr[r], ds.features.indptr[r + 1]).join(','));
    expect(fps.size).toBe(7437);
  });
});
