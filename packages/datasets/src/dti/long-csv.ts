/**
 * The long form of DTI data: one CSV row per measured (compound, target) pair with compound id, SMILES,
 * target id and value — e.g. the shared folder's kiba_pairs.csv / davis_pairs.csv. When the pairs file has
 * no SMILES column (those two do not), SMILES come from a compounds CSV (`compoundsFile`, default
 * `drugs.csv` beside the pairs file) joined on the compound id column.
 * Columns are detected by name (case-insensitive) or given explicitly. Compounds and targets are ordered
 * by first appearance. A pair measured more than once gets the median of its values (warning).
 * Both files take `delimiter`, else it is sniffed from each file's header line.
 */
import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { DataFileError } from '../errors.ts';
import { findColumn, missingColumnError, readCsv, requireColumn, type CsvTable } from '../read-csv.ts';
import { VARIANTS, type DtiVariant } from './variants.ts';
import type { AffinityTable } from './affinity-table.ts';

export const COMPOUND_COLUMNS = [
  'compound_id',
  'compound',
  'drug_id',
  'drug',
  'ligand_id',
  'ligand',
  'chembl_id',
  'pubchem_cid',
  'molecule_chembl_id',
  'mol_id',
];
export const SMILES_COLUMNS = ['smiles', 'canonical_smiles', 'smiles_can'];
export const TARGET_COLUMNS = ['target_id', 'target', 'target_uniprot', 'uniprot_id', 'uniprot', 'protein_id', 'protein'];

export interface LongCsvOptions {
  compoundColumn?: string;
  smilesColumn?: string;
  targetColumn?: string;
  valueColumn?: string;
  compoundsFile?: string;
  delimiter?: string;
}

function pick(table: CsvTable, explicit: string | undefined, option: string, candidates: string[], what: string): number {
  if (explicit) return requireColumn(table, explicit, option);
  const i = findColumn(table.header, candidates);
  if (i < 0) throw missingColumnError(table, what, candidates, option);
  return i;
}

export function readLongCsv(file: string, variant: DtiVariant, opts: LongCsvOptions = {}): AffinityTable {
  const pairs = readCsv(file, 'DTI pairs file', { delimiter: opts.delimiter });
  const cCol = pick(pairs, opts.compoundColumn, 'compoundColumn', COMPOUND_COLUMNS, 'compound id');
  const tCol = pick(pairs, opts.targetColumn, 'targetColumn', TARGET_COLUMNS, 'target id');
  const vCol = pick(pairs, opts.valueColumn, 'valueColumn', VARIANTS[variant].valueColumns, `value (${VARIANTS[variant].valueName})`);
  const sCol = opts.smilesColumn ? requireColumn(pairs, opts.smilesColumn, 'smilesColumn') : findColumn(pairs.header, SMILES_COLUMNS);
  const smilesOf =
    sCol >= 0
      ? null
      : readCompoundSmiles(
          opts.compoundsFile ?? join(dirname(file), 'drugs.csv'),
          pairs.header[cCol],
          !!opts.compoundsFile,
          file,
          opts.delimiter,
        );

  const compounds = new Map<string, { smiles: string; index: number; origin: string }>();
  const targets = new Map<string, number>();
  const cells = new Map<number, number[]>(); // compound index * 2^20 + target index → values
  const name = basename(file);
  for (const { fields, line } of pairs.rows) {
    const id = fields[cCol].trim();
    const target = fields[tCol].trim();
    const raw = fields[vCol].trim();
    if (!id) throw new DataFileError(file, { line, column: pairs.header[cCol] }, 'empty compound id');
    if (!target) throw new DataFileError(file, { line, column: pairs.header[tCol] }, 'empty target id');
    const value = Number(raw);
    if (raw === '' || !Number.isFinite(value)) {
      throw new DataFileError(file, { line, column: pairs.header[vCol] }, `"${raw}" is not a number`);
    }
    let smiles: string;
    if (smilesOf) {
      const s = smilesOf.get(id);
      if (s === undefined)
        throw new DataFileError(file, { line, column: pairs.header[cCol] }, `compound "${id}" has no SMILES in ${smilesOf.file}`);
      smiles = s;
    } else smiles = fields[sCol].trim();
    let c = compounds.get(id);
    if (!c) {
      c = { smiles, index: compounds.size, origin: `${name} line ${line}` };
      compounds.set(id, c);
    } else if (c.smiles !== smiles) {
      throw new DataFileError(file, { line, column: pairs.header[sCol] }, `compound "${id}" has a different SMILES than on ${c.origin}`);
    }
    let t = targets.get(target);
    if (t === undefined) targets.set(target, (t = targets.size));
    const key = c.index * 2 ** 20 + t;
    const list = cells.get(key);
    if (list) list.push(value);
    else cells.set(key, [value]);
  }
  if (!compounds.size) throw new DataFileError(file, null, 'no data rows');
  const N = compounds.size,
    K = targets.size;
  const values = new Float64Array(N * K).fill(NaN);
  let repeated = 0;
  for (const [key, list] of cells) {
    const r = Math.floor(key / 2 ** 20),
      t = key % 2 ** 20;
    if (list.length > 1) repeated++;
    values[r * K + t] = median(list);
  }
  return {
    variant,
    source: file,
    compounds: [...compounds].map(([id, c]) => ({ id, smiles: c.smiles, origin: c.origin })),
    targets: [...targets.keys()],
    values,
    warnings: repeated ? [`${repeated} (compound, target) pairs are measured more than once in ${name}; their median value is used`] : [],
  };
}

function readCompoundSmiles(
  file: string,
  idColumn: string,
  explicit: boolean,
  pairsFile: string,
  delimiter: string | undefined,
): Map<string, string> & { file: string } {
  if (!explicit && !existsSync(file)) {
    throw new DataFileError(
      pairsFile,
      { line: 1 },
      `no SMILES column (looked for ${SMILES_COLUMNS.join(', ')}; set smilesColumn) and no compounds file ${file} (set compoundsFile)`,
    );
  }
  const table = readCsv(file, 'compounds file', { delimiter });
  const idCol = findColumn(table.header, [idColumn, ...COMPOUND_COLUMNS]);
  if (idCol < 0) throw missingColumnError(table, 'compound id', [idColumn, ...COMPOUND_COLUMNS], 'compoundColumn');
  const sCol = findColumn(table.header, SMILES_COLUMNS);
  if (sCol < 0) throw missingColumnError(table, 'SMILES', SMILES_COLUMNS, 'smilesColumn');
  const map = new Map<string, string>() as Map<string, string> & { file: string };
  map.file = file;
  for (const { fields, line } of table.rows) {
    const id = fields[idCol].trim();
    if (map.has(id)) throw new DataFileError(file, { line, column: table.header[idCol] }, `duplicate compound id "${id}"`);
    map.set(id, fields[sCol].trim());
  }
  return map;
}

function median(xs: number[]): number {
  if (xs.length === 1) return xs[0];
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
