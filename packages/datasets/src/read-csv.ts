/** CSV files through csv-parse (quoted fields, CRLF, BOM), with line numbers kept for error messages. */
import { parse } from 'csv-parse/sync';
import { readTextFile } from './read-text.ts';
import { DataFileError } from './errors.ts';

export interface CsvRow {
  fields: string[];
  /** 1-based line number in the file (the record's last line) */
  line: number;
}

export interface CsvTable {
  file: string;
  header: string[];
  rows: CsvRow[];
}

export function readCsv(file: string, what = 'CSV file'): CsvTable {
  const text = readTextFile(file, what);
  let records: CsvRow[];
  try {
    // on_record keeps each record's line number (cheaper than `info: true` snapshots)
    records = parse(text, {
      skip_empty_lines: true,
      bom: true,
      on_record: (fields: string[], context: { lines: number }) => ({ fields, line: context.lines }),
    } as never) as unknown as CsvRow[]; // csv-parse's typings only allow on_record to return string[]
  } catch (err) {
    const e = err as Error & { lines?: number };
    throw new DataFileError(file, e.lines !== undefined ? { line: e.lines } : null, `invalid CSV: ${e.message}`);
  }
  if (!records.length) throw new DataFileError(file, null, 'empty file (expected a header row)');
  const [head, ...rest] = records;
  const header = head.fields.map((h) => h.trim());
  const seen = new Set<string>();
  header.forEach((h, i) => {
    if (!h) throw new DataFileError(file, { line: head.line, column: i + 1 }, 'empty column name in the header');
    if (seen.has(h)) throw new DataFileError(file, { line: head.line, column: h }, 'duplicate column name');
    seen.add(h);
  });
  return { file, header, rows: rest };
}

/** Index of the first header name matching one of `candidates` (case-insensitive), or −1. */
export function findColumn(header: readonly string[], candidates: readonly string[]): number {
  const lower = header.map((h) => h.toLowerCase());
  for (const c of candidates) {
    const i = lower.indexOf(c.toLowerCase());
    if (i >= 0) return i;
  }
  return -1;
}

/** Index of a column the user named explicitly; error naming the file and the columns present otherwise. */
export function requireColumn(table: CsvTable, name: string, option: string): number {
  const i = table.header.indexOf(name);
  if (i < 0) {
    throw new DataFileError(table.file, { line: 1 }, `no column "${name}" (option ${option}); columns: ${table.header.join(', ')}`);
  }
  return i;
}
