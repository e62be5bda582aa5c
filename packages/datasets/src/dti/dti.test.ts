import { afterAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { davisDataset, dtiDataset, kibaDataset, readDtiTable } from './plugin.ts';
import { parseOrderedStringObject } from './ordered-json.ts';
import { parseAffinityMatrix } from './affinity-matrix.ts';
import { binarize, davisParentKinase, variantGroups } from './variants.ts';
import { tableTotals } from '../table/label-table.ts';

const tmp = mkdtempSync(join(tmpdir(), 'tb-dti-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

let n = 0;
/** A DeepDTA-layout folder with the given files (KIBA names). */
function deepdta(matrix: string, ligands = '{"L1": "CCO", "L2": "c1ccccc1", "L3": "CCN"}', proteins = '{"P1": "MK", "P2": "MA"}'): string {
  const dir = join(tmp, `d${n++}`);
  mkdirSync(dir);
  writeFileSync(join(dir, 'ligands_can.txt'), ligands);
  writeFileSync(join(dir, 'proteins.txt'), proteins);
  writeFileSync(join(dir, 'kiba_binding_affinity_v2.txt'), matrix);
  return dir;
}

describe('DeepDTA layout', () => {
  it('reads a KIBA-style matrix (tabs, trailing tab, nan) and binarizes v2 ≥ 12.1', () => {
    const dir = deepdta('12.1\tnan\t\n12.099999523\t13\t\n\t11\t\n'.replace('\n\t11', '\nnan\t11'));
    const t = readDtiTable({ variant: 'kiba', dataDir: dir });
    expect(t.warnings.join('\n')).not.toMatch(/one class/);
    expect(t.compounds.map((c) => c.id)).toEqual(['L1', 'L2', 'L3']);
    expect(t.tasks.map((x) => x.id)).toEqual(['P1', 'P2']);
    expect(Array.from(t.labels)).toEqual([1, -1, 0, 1, -1, 0]);
    expect(tableTotals(t)).toEqual({ compounds: 3, tasks: 2, labels: 4, positives: 2 });
    // threshold override
    const t2 = readDtiTable({ variant: 'kiba', dataDir: dir, threshold: 12.5, keepDegenerate: true });
    expect(Array.from(t2.labels)).toEqual([0, -1, 0, 1, -1, 0]);
    // by default the now all-negative P1 is dropped, with a warning naming it
    const t3 = readDtiTable({ variant: 'kiba', dataDir: dir, threshold: 12.5 });
    expect(t3.tasks.map((x) => x.id)).toEqual(['P2']);
    expect(t3.warnings).toContain(
      `1 task column holds one class only in ${join(dir, 'kiba_binding_affinity_v2.txt')}, dropped (keepDegenerate: true keeps them): P1 (2 labels, all negative)`,
    );
  });

  it('reads a Davis-style space-separated Kd matrix, positive at Kd ≤ 100 nM', () => {
    const dir = join(tmp, `d${n++}`);
    mkdirSync(dir);
    writeFileSync(join(dir, 'ligands_can.txt'), '{"30": "CCO", "4": "CCN"}');
    writeFileSync(join(dir, 'proteins.txt'), '{"ABL1": "M", "ABL1(T315I)": "M", "AAK1": "M"}');
    writeFileSync(join(dir, 'drug-target_interaction_affinities_Kd__Davis_et_al.2011v1.txt'), '100 100.5 10000\n 0.5  10000 43 \n');
    const t = readDtiTable({ variant: 'davis', dataDir: dir, keepDegenerate: true }); // ABL1: both positive
    expect(t.compounds.map((c) => c.id)).toEqual(['30', '4']); // file order, not numeric key order
    expect(Array.from(t.labels)).toEqual([1, 0, 0, 1, 0, 1]);
    expect(t.tasks).toEqual([{ id: 'ABL1', group: 'ABL1' }, { id: 'ABL1(T315I)', group: 'ABL1' }, { id: 'AAK1' }]);
  });

  it('keeps integer-like JSON keys in file order (JSON.parse would not)', () => {
    const text = '{"30": "C", "4": "CC", "100": "C\\"C"}';
    expect(Object.keys(JSON.parse(text))).toEqual(['4', '30', '100']);
    expect(parseOrderedStringObject(text, 'x.txt')).toEqual([
      ['30', 'C'],
      ['4', 'CC'],
      ['100', 'C"C'],
    ]);
    expect(() => parseOrderedStringObject('{"a": 1}', 'x.txt')).toThrow(/x\.txt line 1: value of "a" is not a string/);
    expect(() => parseOrderedStringObject('{"a": "x",', 'x.txt')).toThrow(/x\.txt: invalid JSON/);
  });

  it('missing file: names the path and the expected layout', () => {
    expect(() => readDtiTable({ variant: 'kiba', dataDir: join(tmp, 'nowhere') })).toThrow(
      /nowhere\/ligands_can\.txt: file not found \(expected the DeepDTA layout/,
    );
    const dir = deepdta('1\t2\t\n');
    rmSync(join(dir, 'proteins.txt'));
    expect(() => readDtiTable({ variant: 'kiba', dataDir: dir })).toThrow(/proteins\.txt: protein file not found/);
  });

  it('a matrix line with the wrong number of fields names file and line', () => {
    const dir = deepdta('1\t2\t\n1\t2\t3\t\n1\t2\t\n');
    expect(() => readDtiTable({ variant: 'kiba', dataDir: dir })).toThrow(
      /kiba_binding_affinity_v2\.txt line 2: expected 2 values \(one per protein in proteins\.txt\), found 3/,
    );
    expect(() => readDtiTable({ variant: 'kiba', dataDir: deepdta('1\t2\t\n') })).toThrow(
      /expected 3 lines \(one per ligand in ligands_can\.txt\), found 1/,
    );
    expect(() => readDtiTable({ variant: 'kiba', dataDir: deepdta('1\t2\t\n1\t\t\n1\t2\t\n') })).toThrow(
      /line 2, column 2: "" is not a number/,
    );
  });

  it('a non-numeric value names file, line and column', () => {
    const dir = deepdta('1\t2\t\n1\t2\t\n1\tabc\t\n');
    expect(() => readDtiTable({ variant: 'kiba', dataDir: dir })).toThrow(
      /kiba_binding_affinity_v2\.txt line 3, column 2: "abc" is not a number/,
    );
  });

  it('an unknown task id names the id and the source file', () => {
    const dir = deepdta('1\t2\t\n1\t2\t\n1\t2\t\n');
    expect(() => readDtiTable({ variant: 'kiba', dataDir: dir, tasks: ['P2', 'NOPE'] })).toThrow(
      /unknown task id "NOPE" in .*kiba_binding_affinity_v2\.txt \(2 tasks, e\.g\. P1, P2\)/,
    );
    expect(readDtiTable({ variant: 'kiba', dataDir: dir, tasks: 'P2', keepDegenerate: true }).tasks).toEqual([{ id: 'P2' }]);
  });

  it('rejects dataDir together with file, a delimiter without a long CSV, and unknown options', () => {
    expect(() => readDtiTable({ variant: 'kiba', dataDir: 'a', file: 'b' })).toThrow(/either dataDir .* or file/);
    expect(() => readDtiTable({ variant: 'kiba', dataDir: 'a', delimiter: ';' })).toThrow(/delimiter applies to a long CSV/);
    for (const plugin of [kibaDataset, davisDataset, dtiDataset]) {
      const r = plugin.options.safeParse({ ...(plugin === dtiDataset ? { variant: 'kiba' } : {}), minPositive: 3 });
      const text = r.error?.issues.map((i) => i.message).join('\n');
      expect(text).toMatch(
        /^unknown option "minPositive" \(did you mean "minPositives"\?\); valid options: tasks, top, minLabels, .*keepDegenerate/,
      );
      expect(text).toMatch(/dataDir, file, .*delimiter/);
    }
    expect(kibaDataset.options.safeParse({ variant: 'kiba' }).error?.issues[0].message).toMatch(/^unknown option "variant"; valid/);
  });
});

describe('long CSV', () => {
  it('reads pairs with SMILES, orders by first appearance, takes the median of repeats', () => {
    const file = join(tmp, 'pairs.csv');
    writeFileSync(
      file,
      'compound_id,smiles,target_id,value\nA,CCO,T1,13\nB,CCN,T1,2\nA,CCO,T2,11\nB,CCN,T2,12.5\nB,CCN,T2,11.5\nB,CCN,T2,13\n',
    );
    const t = readDtiTable({ variant: 'kiba', file });
    expect(t.compounds).toEqual([
      { id: 'A', smiles: 'CCO', origin: 'pairs.csv line 2' },
      { id: 'B', smiles: 'CCN', origin: 'pairs.csv line 3' },
    ]);
    expect(Array.from(t.labels)).toEqual([1, 0, 0, 1]); // B/T2 median 12.5 ≥ 12.1
    expect(t.warnings.join('\n')).toMatch(/1 \(compound, target\) pairs are measured more than once/);
  });

  it('joins SMILES from drugs.csv when the pairs file has none', () => {
    const dir = join(tmp, `l${n++}`);
    mkdirSync(dir);
    writeFileSync(join(dir, 'drugs.csv'), 'drug_idx,pubchem_cid,smiles_can,smiles_iso\n0,30,CCO,CCO\n1,4,CCN,CCN\n');
    writeFileSync(
      join(dir, 'davis_pairs.csv'),
      'pair_idx,drug_idx,pubchem_cid,target_idx,target_id,kd_nM\n0,0,30,0,AAK1,43\n1,1,4,0,AAK1,10000\n',
    );
    const t = readDtiTable({ variant: 'davis', file: join(dir, 'davis_pairs.csv') });
    expect(t.compounds.map((c) => [c.id, c.smiles])).toEqual([
      ['30', 'CCO'],
      ['4', 'CCN'],
    ]);
    expect(Array.from(t.labels)).toEqual([1, 0]);
  });

  it('a ";"- or tab-separated pairs file: delimiter detected or set, for the compounds file too', () => {
    const dir = join(tmp, `l${n++}`);
    mkdirSync(dir);
    writeFileSync(join(dir, 'drugs.csv'), 'pubchem_cid;smiles_can\n30;CCO\n4;CCN\n');
    writeFileSync(join(dir, 'pairs.csv'), 'pubchem_cid;target_id;kd_nM\n30;AAK1;43\n4;AAK1;10000\n');
    const t = readDtiTable({ variant: 'davis', file: join(dir, 'pairs.csv') });
    expect(Array.from(t.labels)).toEqual([1, 0]);
    expect(t.compounds.map((c) => c.smiles)).toEqual(['CCO', 'CCN']);
    writeFileSync(join(dir, 'tabs.tsv'), 'compound_id\tsmiles\ttarget_id\tvalue\nA\tCCO\tT1\t13\nB\tCCN\tT1\t2\n');
    expect(Array.from(readDtiTable({ variant: 'kiba', file: join(dir, 'tabs.tsv'), delimiter: 'tab' }).labels)).toEqual([1, 0]);
    expect(Array.from(readDtiTable({ variant: 'kiba', file: join(dir, 'tabs.tsv') }).labels)).toEqual([1, 0]);
    // a wrong delimiter given explicitly: one column found, and the hint names the right one
    expect(() => readDtiTable({ variant: 'kiba', file: join(dir, 'tabs.tsv'), delimiter: ',' })).toThrow(
      /tabs\.tsv line 1: no compound id column \(looked for .*; set compoundColumn\); 1 column found with delimiter "," \(given\): .*; the header line holds 3 × tab: if that is the delimiter, set delimiter: tab/,
    );
  });

  it('errors name file, line and column', () => {
    const file = join(tmp, 'bad.csv');
    writeFileSync(file, 'compound_id,smiles,target_id,value\nA,CCO,T1,13\nB,CCN,T1,high\n');
    expect(() => readDtiTable({ variant: 'kiba', file })).toThrow(/bad\.csv line 3, column value: "high" is not a number/);
    writeFileSync(file, 'compound_id,smiles,target_id,value\nA,CCO,T1,13\nB,CCN,T1\n');
    expect(() => readDtiTable({ variant: 'kiba', file })).toThrow(/bad\.csv line 3: invalid CSV: Invalid Record Length/);
    writeFileSync(file, 'compound_id,target_id,value\nA,T1,13\n');
    expect(() => readDtiTable({ variant: 'kiba', file })).toThrow(
      /bad\.csv line 1: no SMILES column .* and no compounds file .*drugs\.csv/,
    );
    expect(() => readDtiTable({ variant: 'kiba', file: join(tmp, 'absent.csv') })).toThrow(/absent\.csv: DTI pairs file not found/);
  });
});

describe('binarization rules and Davis variant groups', () => {
  it('KIBA: ≥ threshold; Davis: ≤ threshold; NaN missing', () => {
    const v = Float64Array.from([12.1, 12.099999523, NaN, 17]);
    expect(Array.from(binarize(v, 'kiba'))).toEqual([1, 0, -1, 1]);
    expect(Array.from(binarize(Float64Array.from([100, 100.1, 3, NaN]), 'davis'))).toEqual([1, 0, 1, -1]);
  });

  it('parent kinase strips mutations and the phospho suffix', () => {
    expect(['ABL1(F317I)p', 'ABL1p', 'EGFR(L858R)', 'CDK4-cyclinD1'].map(davisParentKinase)).toEqual([
      'ABL1',
      'ABL1',
      'EGFR',
      'CDK4-cyclinD1',
    ]);
    expect(variantGroups(['ABL1', 'ABL1p', 'AAK1'])).toEqual(['ABL1', 'ABL1', undefined]);
  });

  it('parseAffinityMatrix accepts NaN spellings', () => {
    expect(Array.from(parseAffinityMatrix('nan NaN 1\n', 'm.txt', 1, 3)).map(String)).toEqual(['NaN', 'NaN', '1']);
  });
});
