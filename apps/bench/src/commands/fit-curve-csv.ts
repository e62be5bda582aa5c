/**
 * Reads learning-curve points for `fit-curve` from a CSV with a header naming the family's covariates and y:
 * `n,y` (exp3), `n_i,n_sigma,y` (exp3.2), `n_i,n_j,y` (pairwise); any column order. Parsing is csv-parse
 * (quotes, BOM, CRLF); every error names the file, line and column and says what was expected.
 */
import { readFileSync } from 'node:fs';
import { covariateNames, type CurveFamily, type CurvePoint } from '@transferbench/core';
import { parse } from 'csv-parse/sync';

export function expectedCurveHeader(family: CurveFamily): string[] {
  return [...covariateNames(family), 'y'];
}

export function parseCurveCsv(text: string, family: CurveFamily, file: string): CurvePoint[] {
  let rows: { record: string[]; info: { lines: number } }[];
  try {
    rows = parse(text, { bom: true, trim: true, skip_empty_lines: true, relax_column_count: true, info: true }) as unknown as typeof rows;
  } catch (err) {
    throw new Error(`${file}: not readable as CSV: ${(err as Error).message}`);
  }
  const expected = expectedCurveHeader(family);
  if (rows.length === 0) throw new Error(`${file}: empty file; expected a header ${expected.join(',')} and one row per trained model`);
  const header = rows[0].record;
  const missing = expected.filter((c) => !header.includes(c));
  const extra = header.filter((c) => !expected.includes(c));
  const dup = header.filter((c, i) => header.indexOf(c) !== i);
  if (missing.length || extra.length || dup.length) {
    const what = [
      missing.length ? `missing ${missing.join(', ')}` : '',
      extra.length ? `unexpected ${extra.join(', ')}` : '',
      dup.length ? `duplicated ${dup.join(', ')}` : '',
    ]
      .filter(Boolean)
      .join('; ');
    throw new Error(
      `${file} line ${rows[0].info.lines}: header "${header.join(',')}" does not fit family ${family.name} (${what}); expected ${expected.join(',')}`,
    );
  }
  const column = expected.map((c) => header.indexOf(c));
  if (rows.length === 1) throw new Error(`${file}: no data rows after the header; expected one row per trained model`);
  return rows.slice(1).map(({ record, info }) => {
    if (record.length !== header.length) {
      throw new Error(`${file} line ${info.lines}: ${record.length} fields; expected ${header.length} (${header.join(',')})`);
    }
    const values = column.map((j, k) => {
      const raw = record[j];
      const v = raw === '' ? Number.NaN : Number(raw);
      if (!Number.isFinite(v)) throw new Error(`${file} line ${info.lines}, column ${expected[k]}: "${raw}" is not a finite number`);
      if (k < expected.length - 1 && v < 0)
        throw new Error(`${file} line ${info.lines}, column ${expected[k]}: ${raw} is negative; expected a sample count ≥ 0`);
      return v;
    });
    return { x: values.slice(0, -1), y: values[values.length - 1] };
  });
}

export function readCurveCsv(file: string, family: CurveFamily): CurvePoint[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new Error(`${file}: cannot read the input file (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  return parseCurveCsv(text, family, file);
}
