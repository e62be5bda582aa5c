/**
 * DeepDTA affinity matrices: one line per compound (ligand file order), one field per target (protein
 * file order). KIBA: tab-separated with a trailing tab, `nan` = not measured. Davis: space-separated Kd (nM).
 * A line containing a tab is read as tab-separated (one trailing empty field allowed, empty fields
 * elsewhere are errors); otherwise fields are separated by runs of spaces.
 */
import { DataFileError } from '../errors.ts';

export function parseAffinityMatrix(text: string, file: string, rows: number, cols: number): Float64Array {
  const lines = text.split(/\r?\n/);
  while (lines.length && lines[lines.length - 1].trim() === '') lines.pop();
  if (lines.length !== rows) {
    throw new DataFileError(file, null, `expected ${rows} lines (one per ligand in ligands_can.txt), found ${lines.length}`);
  }
  const values = new Float64Array(rows * cols);
  lines.forEach((line, r) => {
    let fields: string[];
    if (line.includes('\t')) {
      fields = line.split('\t');
      if (fields.length > 1 && fields[fields.length - 1].trim() === '') fields.pop(); // the trailing tab
    } else {
      fields = line.trim().split(/ +/);
    }
    if (fields.length !== cols) {
      throw new DataFileError(file, { line: r + 1 }, `expected ${cols} values (one per protein in proteins.txt), found ${fields.length}`);
    }
    for (let c = 0; c < cols; c++) {
      const tok = fields[c].trim();
      let v: number;
      if (tok === 'nan' || tok === 'NaN' || tok === 'NA') v = NaN;
      else {
        v = tok === '' ? NaN : Number(tok);
        if (!Number.isFinite(v)) {
          throw new DataFileError(file, { line: r + 1, column: c + 1 }, `"${tok}" is not a number (expected a value or nan)`);
        }
      }
      values[r * cols + c] = v;
    }
  });
  return values;
}
