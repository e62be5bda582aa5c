import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { taskLabelStats } from '@transferbench/core';
import { loadCsv, readCsvTable, csvDataset } from './plugin.ts';
import { featurizationReport } from '../table/featurization-report.ts';

const tmp = mkdtempSync(join(tmpdir(), 'tb-csv-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
function file(name: string, text: string | Buffer): string {
  const p = join(tmp, name);
  writeFileSync(p, text);
  return p;
}

const TEXT = ['mol_id,smiles,A,B', 'm1,CCO,1,0', 'm2,"c1ccccc1O",0.0,', 'm3,C[AlH3]C,1.0,1', 'm4,OCC,,1'].join('\n');
/** These fixtures have a handful of labels (B is all positive): switch off the default class filter. */
const small = { minPositives: 0, minNegatives: 0, keepDegenerate: true };

describe('multi-task CSV', () => {
  it('reads SMILES, ids, 0/1/0.0/1.0/empty labels; id columns are not tasks', () => {
    const t = readCsvTable({ file: file('a.csv', TEXT), ...small });
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

  it('controls: n label-permuted copies after the selection, listed in meta.controls (the constructed nulls)', async () => {
    const ds = await loadCsv({ file: file('c.csv', TEXT), ...small, controls: 1 }, { cacheDir: join(tmp, 'cache'), log: () => {} });
    expect(ds.tasks.map((t) => t.id)).toHaveLength(3);
    expect(ds.tasks[2].id).toMatch(/^(A|B) \(permuted\)$/);
    expect(ds.meta.controls).toEqual([2]);
    const plain = await loadCsv({ file: file('c.csv', TEXT), ...small }, { cacheDir: join(tmp, 'cache'), log: () => {} });
    expect(plain.meta.controls).toBeUndefined();
    expect(() => csvDataset.options.parse({ file: 'x.csv', controls: -1 })).toThrow(/controls/);
  });

  it('reads gzip transparently; idColumn false names rows row0, row1, …', () => {
    const t = readCsvTable({ file: file('a.csv.gz', gzipSync(TEXT)), idColumn: false, ...small });
    expect(t.name).toBe('a');
    expect(t.compounds.map((c) => c.id)).toEqual(['row0', 'row1', 'row2', 'row3']);
    expect(t.tasks.map((x) => x.id)).toEqual(['A', 'B']);
  });

  it('drops unparsable SMILES with a warning that lists them; duplicates kept or merged', async () => {
    const f = file('b.csv', `${TEXT}\nm5,C(O)C,0,0\n`); // OCC, CCO and C(O)C are one structure
    const logs: string[] = [];
    const ds = await loadCsv({ file: f, ...small }, { cacheDir: join(tmp, 'cache'), log: (m) => logs.push(m) });
    expect(ds.samples.map((s) => s.id)).toEqual(['m1', 'm2', 'm4', 'm5']);
    expect(ds.meta.warnings.join('\n')).toMatch(
      /1 SMILES could not be parsed by RDKit and were dropped: m3 "C\[AlH3\]C" \(b\.csv line 4\)/,
    );
    expect(logs.some((l) => l.startsWith('warning: 1 SMILES'))).toBe(true);
    const rep = featurizationReport(ds)!;
    expect(rep.unparsable.map((u) => u.id)).toEqual(['m3']);
    expect([rep.duplicateGroups, rep.duplicateCompounds]).toEqual([1, 3]);
    // merge: m1 (A=1,B=0) + m4 (B=1) + m5 (A=0,B=0): both tasks conflict; the first member's labels are kept
    const merged = await loadCsv({ file: f, duplicates: 'merge', ...small }, { cacheDir: join(tmp, 'cache'), log: () => {} });
    expect(merged.samples.map((s) => s.id)).toEqual(['m1', 'm2']);
    expect(Array.from(merged.labels)).toEqual([1, 0, 0, -1]);
    expect(featurizationReport(merged)!.mergeConflicts).toBe(2);
    expect(taskLabelStats(merged)).toEqual([
      { id: 'A', labels: 2, positives: 1 },
      { id: 'B', labels: 1, positives: 0 },
    ]);
  });

  it('a CSV without a SMILES column: error names the file, line and the columns present', () => {
    const f = file('nosmiles.csv', 'mol,NR-AR\nCCO,1\nCCN,0\n');
    expect(() => readCsvTable({ file: f })).toThrow(
      /nosmiles\.csv line 1: no SMILES column \(looked for smiles, canonical_smiles; set smilesColumn\); 2 columns found with delimiter "," \(detected\): mol, NR-AR$/,
    );
    expect(readCsvTable({ file: f, smilesColumn: 'mol', ...small }).tasks).toEqual([{ id: 'NR-AR' }]);
    expect(() => readCsvTable({ file: f, smilesColumn: 'structure' })).toThrow(
      /nosmiles\.csv line 1: no column "structure" \(option smilesColumn\)/,
    );
  });

  it('";", tab and "|" files: delimiter detected from the header line, or set (also by name)', () => {
    const rows = [
      ['mol_id', 'smiles', 'A', 'B'],
      ['m1', 'CCO', '1', '0'],
      ['m2', 'CC(=O)O', '0', '1'], // a comma inside a field must be quoted in a comma file only
    ];
    const expected = readCsvTable({ file: file('c.csv', rows.map((r) => r.join(',')).join('\n')), ...small });
    for (const [d, name] of [
      [';', 'semicolon'],
      ['\t', 'tab'],
      ['|', 'pipe'],
    ]) {
      const text = rows.map((r) => r.join(d)).join('\n');
      const detected = readCsvTable({ file: file(`d-${name}.csv`, text), ...small });
      expect([detected.tasks, detected.compounds.map((c) => c.smiles), Array.from(detected.labels)]).toEqual([
        expected.tasks,
        expected.compounds.map((c) => c.smiles),
        Array.from(expected.labels),
      ]);
      expect(Array.from(readCsvTable({ file: file(`n-${name}.csv`, text), delimiter: name, ...small }).labels)).toEqual(
        Array.from(expected.labels),
      );
    }
    // a quoted header name holding a comma does not make the comma the delimiter
    const quoted = readCsvTable({ file: file('q.csv', 'smiles;"a,b";C\nCCO;1;0\nCCN;0;1\n'), ...small });
    expect(quoted.tasks.map((t) => t.id)).toEqual(['a,b', 'C']);
    expect(csvDataset.options.safeParse({ file: 'x.csv', delimiter: ';;' }).error?.issues[0]).toMatchObject({
      path: ['delimiter'],
      message: expect.stringMatching(/expected one character such as , ; \| or a tab/),
    });
  });

  it('a ";" file read with the wrong delimiter: the error lists the first columns only and hints at ";"', () => {
    const header = ['smiles', ...Array.from({ length: 600 }, (_, k) => `TOX21_assay_with_a_rather_long_name_${k}`)];
    const f = file('wide.csv', `${header.join(';')}\nCCO${';1'.repeat(600)}\n`);
    let message = '';
    try {
      readCsvTable({ file: f, delimiter: ',' });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(
      /wide\.csv line 1: no SMILES column \(looked for smiles, canonical_smiles; set smilesColumn\); 1 column found with delimiter "," \(given\): smiles;TOX21_assay_with_a_rather_long_n…; the header line holds 600 × ";": if that is the delimiter, set delimiter: ;$/,
    );
    expect(message.length).toBeLessThan(400); // not the 25 KB header
  });

  it('unknown or mistyped options fail naming them and listing the valid ones', () => {
    const r = csvDataset.options.safeParse({ file: 'x.csv', minPositive: 100, Delimiter: ';' });
    expect(r.success).toBe(false);
    const msg = r.error!.issues.map((i) => i.message).join('\n');
    expect(msg).toMatch(
      /^unknown options "minPositive" \(did you mean "minPositives"\?\), "Delimiter" \(did you mean "delimiter"\?\); valid options: /,
    );
    expect(msg).toMatch(
      /valid options: tasks, top, minLabels, minPositives, minNegatives, dropUnlabelled, keepDegenerate, radius, nBits, duplicates, controls, controlsSeed, cache, file, delimiter, /,
    );
    expect(csvDataset.options.safeParse({ file: 'x.csv', minPositives: 100 }).success).toBe(true);
  });

  it('default class filter: ≥ 10 positives and ≥ 10 negatives per task, named in a warning', () => {
    // A: 12+/12−, B: 9+/15−, C: all 0, D: empty
    const lines = ['smiles,A,B,C,D'];
    for (let i = 0; i < 24; i++) lines.push(`${'C'.repeat(i + 1)}O,${i < 12 ? 1 : 0},${i < 9 ? 1 : 0},0,`);
    const t = readCsvTable({ file: file('filter.csv', lines.join('\n')) });
    expect(t.tasks.map((x) => x.id)).toEqual(['A']);
    expect(t.warnings).toEqual([
      `1 task column has no label in ${join(tmp, 'filter.csv')}, dropped (keepDegenerate: true keeps them): D`,
      `1 task column holds one class only in ${join(tmp, 'filter.csv')}, dropped (keepDegenerate: true keeps them): C (24 labels, all negative)`,
      '1 task dropped by the label filters (minLabels 0, minPositives 10, minNegatives 10): B (9+/15−)',
    ]);
    expect(readCsvTable({ file: file('filter.csv', lines.join('\n')), minPositives: 9 }).tasks.map((x) => x.id)).toEqual(['A', 'B']);
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
