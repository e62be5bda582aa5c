import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { taskLabelStats } from '@transferbench/core';
import { loadCsv, readCsvTable, csvDataset } from './plugin.ts';
import { featurizationReport } from '../table/build-dataset.ts';

const tmp = mkdtempSync(join(tmpdir(), 'tb-csv-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
function file(name: string, text: string | Buffer): string {
  const p = join(tmp, name);
  writeFileSync(p, text);
  return p;
}

const TEXT = ['mol_id,smiles,A,B', 'm1,CCO,1,0', 'm2,"c1ccccc1O",0.0,', 'm3,C[AlH3]C,1.0,1', 'm4,OCC,,1'].join('\n');

describe('multi-task CSV', () => {
  it('reads SMILES, ids, 0/1/0.0/1.0/empty labels; id columns are not tasks', () => {
    const t = readCsvTable({ file: file('a.csv', TEXT) });
    expect(t.name).toBe('a');
    expect(t.tasks).toEqual([{ id: 'A' }, { id: 'B' }]);
    expect(t.compounds.map((c) => [c.id, c.smiles])).toEqual([
      ['m1', 'CCO'],
      ['m2', 'c1ccccc1O'],
      ['m3', 'C[AlH3]C'],
      ['m4', 'OCC'],
    ]);
    expect(Array.from(t.labels)).toEqual([1, 0, 0, -1, 1, 1, -1, 1]);
  });

  it('reads gzip transparently; idColumn false names rows row0, row1, …', () => {
    const t = readCsvTable({ file: file('a.csv.gz', gzipSync(TEXT)), idColumn: false });
    expect(t.name).toBe('a');
    expect(t.compounds.map((c) => c.id)).toEqual(['row0', 'row1', 'row2', 'row3']);
    expect(t.tasks.map((x) => x.id)).toEqual(['A', 'B']);
  });

  it('drops unparsable SMILES with a warning that lists them; duplicates kept or merged', async () => {
    const f = file('b.csv', `${TEXT}\nm5,C(O)C,0,0\n`); // OCC, CCO and C(O)C are one structure
    const logs: string[] = [];
    const ds = await loadCsv({ file: f }, { cacheDir: join(tmp, 'cache'), log: (m) => logs.push(m) });
    expect(ds.samples.map((s) => s.id)).toEqual(['m1', 'm2', 'm4', 'm5']);
    expect(ds.meta.warnings.join('\n')).toMatch(
      /1 SMILES could not be parsed by RDKit and were dropped: m3 "C\[AlH3\]C" \(b\.csv line 4\)/,
    );
    expect(logs.some((l) => l.startsWith('warning: 1 SMILES'))).toBe(true);
    const rep = featurizationReport(ds)!;
    expect(rep.unparsable.map((u) => u.id)).toEqual(['m3']);
    expect([rep.duplicateGroups, rep.duplicateCompounds]).toEqual([1, 3]);
    // merge: m1 (A=1,B=0) + m4 (B=1) + m5 (A=0,B=0): both tasks conflict; the first member's labels are kept
    const merged = await loadCsv({ file: f, duplicates: 'merge' }, { cacheDir: join(tmp, 'cache'), log: () => {} });
    expect(merged.samples.map((s) => s.id)).toEqual(['m1', 'm2']);
    expect(Array.from(merged.labels)).toEqual([1, 0, 0, -1]);
    expect(featurizationReport(merged)!.mergeConflicts).toBe(2);
    expect(taskLabelStats(merged)).toEqual([
      { id: 'A', labels: 2, positives: 1 },
      { id: 'B', labels: 1, positives: 0 },
    ]);
  });

  it('a CSV without a SMILES column: error names the file, line and the columns present', () => {
    const f = file('nosmiles.csv', 'mol,NR-AR\nCCO,1\n');
    expect(() => readCsvTable({ file: f })).toThrow(
      /nosmiles\.csv line 1: no SMILES column \(looked for smiles, canonical_smiles; set smilesColumn\); columns: mol, NR-AR/,
    );
    expect(readCsvTable({ file: f, smilesColumn: 'mol' }).tasks).toEqual([{ id: 'NR-AR' }]);
    expect(() => readCsvTable({ file: f, smilesColumn: 'structure' })).toThrow(
      /nosmiles\.csv line 1: no column "structure" \(option smilesColumn\)/,
    );
  });

  it('a bad label value names file, line and column; a missing file is named', () => {
    expect(() => readCsvTable({ file: file('bad.csv', 'smiles,A,B\nCCO,1,0\nCCN,0,yes\n') })).toThrow(
      /bad\.csv line 3, column B: "yes" is not a binary label/,
    );
    expect(() => readCsvTable({ file: file('dup.csv', 'id,smiles,A\nx,CCO,1\nx,CCN,0\n') })).toThrow(
      /dup\.csv line 3, column id: duplicate id "x" \(first on line 2\)/,
    );
    expect(() => readCsvTable({ file: join(tmp, 'absent.csv') })).toThrow(/absent\.csv: CSV file not found/);
    expect(() => readCsvTable({ file: file('c.csv', TEXT), tasks: ['A', 'Z'] })).toThrow(/unknown task id "Z" in .*c\.csv/);
  });

  it('option errors are zod errors naming the option', () => {
    expect(csvDataset.options.safeParse({}).success).toBe(false);
    expect(csvDataset.options.safeParse({ file: 'x.csv', nBits: 0 }).success).toBe(false);
  });
});
