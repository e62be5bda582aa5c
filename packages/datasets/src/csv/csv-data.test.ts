/** Acceptance on the shared Tox21 copy (skipped with a message when ../shared/data is absent). */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { taskLabelStats } from '@transferbench/core';
import { loadCsv, readCsvTable } from './plugin.ts';
import { tableTaskStats, tableTotals } from '../table/label-table.ts';
import { featurizationReport } from '../table/featurization-report.ts';
import { hasSharedData, SHARED_DATA } from '../testing/shared-data.ts';

const cacheRoot = mkdtempSync(join(tmpdir(), 'tb-tox21-cache-'));
afterAll(() => rmSync(cacheRoot, { recursive: true, force: true }));

describe.skipIf(!hasSharedData('tox21'))('Tox21 (shared data)', () => {
  const file = join(SHARED_DATA, 'tox21', 'tox21.csv');

  it('7,831 rows, 12 tasks, per-task counts of the README', () => {
    const t = readCsvTable({ file });
    expect(tableTotals(t)).toEqual({ compounds: 7831, tasks: 12, labels: 77946, positives: 5862 });
    const st = tableTaskStats(t);
    expect(st[0]).toEqual({ id: 'NR-AR', labels: 7265, positives: 309, negatives: 6956 });
    expect(st[11]).toMatchObject({ id: 'SR-p53', labels: 6774, positives: 423 });
  });

  it('8 unparsable SMILES reported and dropped; a second load reuses the fingerprint cache', async () => {
    const t0 = performance.now();
    const ds = await loadCsv({ file }, { cacheDir: cacheRoot, log: () => {} });
    const cold = performance.now() - t0;
    const rep = featurizationReport(ds)!;
    expect(rep.rows).toBe(7831);
    expect(rep.unparsable.map((u) => u.id)).toEqual([1322, 2290, 2297, 3558, 4565, 4649, 5538, 6723].map((i) => `row${i}`));
    expect(rep.unparsable.every((u) => u.smiles.includes('[AlH3]'))).toBe(true);
    expect(ds.samples).toHaveLength(7823);
    expect(ds.tasks).toHaveLength(12);
    expect(rep.cache.computed).toBe(7831);

    const t1 = performance.now();
    const again = await loadCsv({ file }, { cacheDir: cacheRoot, log: () => {} });
    const warm = performance.now() - t1;
    expect(featurizationReport(again)!.cache).toMatchObject({ computed: 0, cached: 7831 });
    expect(again.features.indices).toEqual(ds.features.indices);
    expect(again.samples).toEqual(ds.samples);
    expect(taskLabelStats(again)).toEqual(taskLabelStats(ds));
    console.log(`tox21 load: cold ${(cold / 1000).toFixed(1)} s, cached ${(warm / 1000).toFixed(2)} s (×${(cold / warm).toFixed(0)})`);
    expect(warm).toBeLessThan(cold);
    // distinct fingerprints as stated in the data README (salts and stereoisomers collide)
    const fps = new Set<string>();
    for (let r = 0; r < ds.samples.length; r++)
      fps.add(ds.features.indices.subarray(ds.features.indptr[r], ds.features.indptr[r + 1]).join(','));
    expect(fps.size).toBe(7437);
  });
});
