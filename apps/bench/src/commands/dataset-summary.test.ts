/**
 * The contract between the datasets package (producer of `meta.options.featurization`) and `dataset inspect`
 * (consumer): the summary is read through the producer's exported schema, so a report the datasets package
 * writes is shown in full, and one that does not match is refused with a warning instead of half-shown.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { featurizationReport, featurizationReportSchema, loadCsv } from '@transferbench/datasets';
import { summarizeDataset } from './dataset-summary.ts';

const tmp = mkdtempSync(join(tmpdir(), 'tb-summary-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function producerDataset() {
  const file = join(tmp, 'p.csv');
  // C[AlH3]C does not parse; CCO and OCC are one structure
  writeFileSync(file, 'smiles,A,B\nCCO,1,0\nc1ccccc1O,0,1\nC[AlH3]C,1,1\nCCN,0,1\nOCC,1,0\n');
  return loadCsv({ file, minPositives: 0, minNegatives: 0, duplicates: 'merge' }, { cacheDir: tmp, log: () => {} });
}

describe('dataset inspect reads the datasets package featurization report through its schema', () => {
  it('every field the producer writes reaches the summary', async () => {
    const ds = await producerDataset();
    const rep = featurizationReport(ds)!;
    expect(featurizationReportSchema.safeParse(ds.meta.options?.featurization).success).toBe(true);
    const s = summarizeDataset('csv', ds, 1);
    expect(s.rows).toBe(5);
    expect(s.unparsable).toEqual([{ id: 'row2', smiles: 'C[AlH3]C', origin: 'p.csv line 4' }]);
    expect(s.duplicates).toEqual({ groups: 1, compounds: 2, mode: 'merge', mergeConflicts: 0 });
    expect(s.fingerprints).toEqual({ radius: 2, nBits: 2048 });
    expect(s.cache).toEqual(rep.cache);
    expect(s.cache).toMatchObject({ unique: 5, computed: 5, cached: 0, rejected: 0 });
    expect(s.warnings.join('\n')).not.toMatch(/does not match/);
  });

  it('a report that does not match the schema is not shown, and the summary says which field is wrong', async () => {
    const ds = await producerDataset();
    const { rows: _rows, ...withoutRows } = featurizationReport(ds)!;
    const broken = { ...ds, meta: { ...ds.meta, options: { ...ds.meta.options, featurization: withoutRows } } };
    const s = summarizeDataset('csv', broken, 1);
    expect([s.rows, s.unparsable, s.duplicates, s.fingerprints, s.cache]).toEqual([null, null, null, null, null]);
    expect(s.warnings.at(-1)).toMatch(/meta\.options\.featurization does not match .*@transferbench\/datasets.*\n.*rows/s);
  });
});
