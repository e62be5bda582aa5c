/**
 * CSV files through csv-parse (quoted fields, CRLF, BOM), with line numbers kept for error messages.
 * csv-parse cannot detect the delimiter, so when none is given the header line is sniffed for the usual
 * ones (`,` `;` tab `|`, outside double quotes): the most frequent wins, a comma on a tie or when there is none.
 */
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { readTextFile } from './read-text.ts';
import { DataFileError } from './errors.ts';
import { listed } from './table/listed.ts';

export interface CsvRow {
  fields: string[];
  /** 1-based line number in the file (the record's last line) */
  line: number;
}

export interface CsvTable {
  file: string;
  header: string[];
  rows: CsvRow[];
  delimiter: string;
  /** true when the delimiter was sniffed from the header line, false when given */
  delimiterDetected: boolean;
  /** how often each candidate delimiter occurs in the header line (outside quotes) */
  headerCounts: Record<string, number>;
}

export const DELIMITER_CANDIDATES = [',', '\t', ';', '|'] as const;
const DELIMITER_NAMES: Record<string, string> = { comma: ',', semicolon: ';', tab: '\t', '\\t': '\t', pipe: '|' };

/** The `delimiter` option: one character, or comma / semicolon / tab (also `\t` as typed on a command line) / pipe. */
export const delimiterSchema = z.string().transform((s, ctx) => {
  const d = DELIMITER_NAMES[s.toLowerCase()] ?? s;
  if (d.length !== 1 || d === '"' || d === '\n' || d === '\r') {
    ctx.addIssue({
      code: 'custom',
      message: `expected one character such as , ; | or a tab (or comma, semicolon, tab, pipe), got ${JSON.stringify(s)}`,
    });
    return z.NEVER;
  }
  return d;
});

/** Shows a delimiter in messages (a tab is invisible). */
export const showDelimiter = (d: string): string => (d === '\t' ? 'tab' : `"${d}"`);

/** Counts of each candidate delimiter in the first line, outside double-quoted fields. */
export function headerDelimiterCounts(text: string): Record<string, number> {
  const counts: Record<string, number> = Object.fromEntries(DELIMITER_CANDIDATES.map((d) => [d, 0]));
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) break;
    else if (!quoted && c in counts) counts[c]++;
  }
  return counts;
}

/** The most frequent candidate in the header line; a comma on a tie or when none occurs. */
export function sniffDelimiter(counts: Record<string, number>): string {
  let best = ',';
  for (const d of DELIMITER_CANDIDATES) if (counts[d] > counts[best]) best = d;
  return best;
}

export interface ReadCsvOptions {
  /** field delimiter; sniffed from the header line when absent */
  delimiter?: string;
}

export function readCsv(file: string, what = 'CSV file', opts: ReadCsvOptions = {}): CsvTable {
  const text = readTextFile(file, what);
  const headerCounts = headerDelimiterCounts(text);
  const delimiter = opts.delimiter ?? sniffDelimiter(headerCounts);
  let records: CsvRow[];
  try {
    // on_record keeps each record's line number (cheaper than `info: true` snapshots)
    records = parse(text, {
      delimiter,
      skip_empty_lines: true,
      bom: true,
      on_record: (fields: string[], context: { lines: number }) => ({ fields, line: context.lines }),
    } as never) as unknown as CsvRow[]; // csv-parse's typings only allow on_record to return string[]
  } catch (err) {
    const e = err as Error & { lines?: number };
    const hint =
      opts.delimiter === undefined ? ` (delimiter ${showDelimiter(delimiter)} detected from the header line; set delimiter)` : '';
    throw new DataFileError(file, e.lines !== undefined ? { line: e.lines } : null, `invalid CSV: ${e.message}${hint}`);
  }
  if (!records.length) throw new DataFileError(file, null, 'empty file (expected a header row)');
  const [head, ...rest] = records;
  const header = head.fields.map((h) => h.trim());
  const table: CsvTable = { file, header, rows: rest, delimiter, delimiterDetected: opts.delimiter === undefined, headerCounts };
  const seen = new Set<string>();
  header.forEach((h, i) => {
    if (!h) throw new DataFileError(file, { line: head.line, column: i + 1 }, `empty column name in the header; ${columnsText(table)}`);
    if (seen.has(h)) throw new DataFileError(file, { line: head.line, column: short(h) }, 'duplicate column name');
    seen.add(h);
  });
  return table;
}

const short = (s: string, max = 40) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

/**
 * The columns found, for error messages: count, delimiter, the first 20 names (each cut to 40 characters),
 * and a hint when the header line holds another candidate delimiter more often than the one used.
 */
export function columnsText(table: CsvTable): string {
  const n = table.header.length;
  const how = table.delimiterDetected ? 'detected' : 'given';
  const names = listed(table.header, (h) => short(h), 20, ', ');
  let text = `${n} column${n > 1 ? 's' : ''} found with delimiter ${showDelimiter(table.delimiter)} (${how}): ${names}`;
  const other = DELIMITER_CANDIDATES.filter((d) => d !== table.delimiter && table.headerCounts[d] > 0).sort(
    (a, b) => table.headerCounts[b] - table.headerCounts[a],
  )[0];
  if (other && table.headerCounts[other] >= n - 1)
    text += `; the header line holds ${table.headerCounts[other]} × ${showDelimiter(other)}: if that is the delimiter, set delimiter: ${other === '\t' ? 'tab' : other}`;
  return text;
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
    throw new DataFileError(table.file, { line: 1 }, `no column "${name}" (option ${option}); ${columnsText(table)}`, undefined, option);
  }
  return i;
}

/** Error for a column found by name that is missing: what was looked for, the option to set, the columns found. */
export function missingColumnError(table: CsvTable, what: string, candidates: readonly string[], option: string): DataFileError {
  return new DataFileError(
    table.file,
    { line: 1 },
    `no ${what} column (looked for ${candidates.join(', ')}; set ${option}); ${columnsText(table)}`,
    undefined,
    option,
  );
}
