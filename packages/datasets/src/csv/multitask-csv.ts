/**
 * MoleculeNet-style multi-task CSV (optionally gzipped): a SMILES column, one 0/1 column per task
 * (`0`, `1`, `0.0`, `1.0`; empty, `nan` or `NA` = not tested) and optional id columns.
 *  - SMILES column: `smilesColumn`, else the first header named smiles / canonical_smiles (any case).
 *  - Ids: `idColumn` (a column name), `false` (ignore id columns), or auto: the first of mol_id, id,
 *    compound_id, name, chembl_id if present. Without ids, rows are named `row<i>` (0-based data row,
 *    header excluded — the numbering of the data READMEs).
 *  - Tasks: `taskColumns`, else every column except the SMILES column, known id columns and `ignoreColumns`.
 *  - Delimiter: `delimiter`, else sniffed from the header line (`,` `;` tab `|`; see read-csv.ts).
 */
import { basename } from 'node:path';
import { DataFileError } from '../errors.ts';
import { columnsText, findColumn, missingColumnError, readCsv, requireColumn } from '../read-csv.ts';
import type { LabelTable, TableCompound } from '../table/label-table.ts';

export const CSV_SMILES_COLUMNS = ['smiles', 'canonical_smiles'];
export const CSV_ID_COLUMNS = ['mol_id', 'id', 'compound_id', 'name', 'chembl_id'];
const MISSING = new Set(['', 'nan', 'NaN', 'NA', 'na']);

export interface MultiTaskCsvOptions {
  smilesColumn?: string;
  idColumn?: string | false;
  taskColumns?: string[];
  ignoreColumns?: string[];
  name?: string;
  delimiter?: string;
}

export function readMultiTaskCsv(file: string, opts: MultiTaskCsvOptions = {}): LabelTable {
  const csv = readCsv(file, 'CSV file', { delimiter: opts.delimiter });
  const { header } = csv;
  const sCol = opts.smilesColumn ? requireColumn(csv, opts.smilesColumn, 'smilesColumn') : findColumn(header, CSV_SMILES_COLUMNS);
  if (sCol < 0) throw missingColumnError(csv, 'SMILES', CSV_SMILES_COLUMNS, 'smilesColumn');
  const idCol =
    typeof opts.idColumn === 'string'
      ? requireColumn(csv, opts.idColumn, 'idColumn')
      : opts.idColumn === false
        ? -1
        : findColumn(header, CSV_ID_COLUMNS);
  const ignore = new Set(opts.ignoreColumns ?? []);
  for (const c of ignore) requireColumn(csv, c, 'ignoreColumns');
  const idLike = new Set(CSV_ID_COLUMNS);
  const taskCols = opts.taskColumns
    ? opts.taskColumns.map((c) => requireColumn(csv, c, 'taskColumns'))
    : header.flatMap((h, i) => (i === sCol || i === idCol || ignore.has(h) || idLike.has(h.toLowerCase()) ? [] : [i]));
  if (!taskCols.length) throw new DataFileError(file, { line: 1 }, `no task columns besides the SMILES/id columns; ${columnsText(csv)}`);
  if (taskCols.includes(sCol)) throw new DataFileError(file, { line: 1, column: header[sCol] }, 'the SMILES column cannot be a task');

  const K = taskCols.length;
  const labels = new Int8Array(csv.rows.length * K);
  const compounds: TableCompound[] = [];
  const ids = new Map<string, number>();
  const name = basename(file);
  csv.rows.forEach(({ fields, line }, r) => {
    const id = idCol >= 0 ? fields[idCol].trim() : `row${r}`;
    if (!id) throw new DataFileError(file, { line, column: header[idCol] }, 'empty id');
    const prev = ids.get(id);
    if (prev !== undefined) throw new DataFileError(file, { line, column: header[idCol] }, `duplicate id "${id}" (first on line ${prev})`);
    ids.set(id, line);
    compounds.push({ id, smiles: fields[sCol].trim(), origin: `${name} line ${line}` });
    taskCols.forEach((c, t) => {
      const raw = fields[c].trim();
      let v: number;
      if (MISSING.has(raw)) v = -1;
      else if (/^0(\.0+)?$/.test(raw)) v = 0;
      else if (/^1(\.0+)?$/.test(raw)) v = 1;
      else
        throw new DataFileError(
          file,
          { line, column: header[c] },
          `"${raw}" is not a binary label`,
          '0, 1, 0.0, 1.0, or empty / nan / NA for missing',
        );
      labels[r * K + t] = v;
    });
  });
  if (!compounds.length) throw new DataFileError(file, null, 'no data rows');
  return {
    name: opts.name ?? name.replace(/\.gz$/i, '').replace(/\.csv$/i, ''),
    source: file,
    tasks: taskCols.map((c) => ({ id: header[c] })),
    compounds,
    labels,
    warnings: [],
  };
}
