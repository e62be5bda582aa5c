/**
 * Reads a flat JSON object of string values ({"id": "SMILES", …}) keeping the keys in FILE order.
 * `JSON.parse` cannot: JavaScript objects enumerate integer-like keys (Davis PubChem CIDs) in ascending
 * numeric order, which would silently misalign ligands with the rows of the affinity matrix. The text is
 * still validated with JSON.parse; this scanner only recovers the order (hand-written because the flat
 * string→string case needs ~30 lines, not a streaming-parser dependency).
 */
import { DataFileError } from '../errors.ts';

export function parseOrderedStringObject(text: string, file: string): [string, string][] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new DataFileError(file, null, `invalid JSON: ${(err as Error).message}`);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new DataFileError(file, null, 'expected a JSON object {"id": "string", …}');
  }
  const str = String.raw`"(?:[^"\\]|\\.)*"`;
  const re = new RegExp(String.raw`\s*(${str})\s*:\s*(${str}|[^,}\s]+)\s*(,|\})`, 'y');
  const start = text.indexOf('{');
  re.lastIndex = start + 1;
  const out: [string, string][] = [];
  if (/^\s*\}/.test(text.slice(start + 1))) return out;
  for (;;) {
    const at = re.lastIndex;
    const m = re.exec(text);
    if (!m) throw new DataFileError(file, { line: lineAt(text, at) }, 'expected "key": "string value" pairs');
    const key = JSON.parse(m[1]) as string;
    if (!m[2].startsWith('"')) {
      throw new DataFileError(file, { line: lineAt(text, at) }, `value of "${key}" is not a string: ${m[2]}`);
    }
    out.push([key, JSON.parse(m[2]) as string]);
    if (m[3] === '}') break;
  }
  const keys = new Set(out.map(([k]) => k));
  if (keys.size !== out.length) {
    const dup = out.find(([k], i) => out.findIndex(([k2]) => k2 === k) !== i)![0];
    throw new DataFileError(file, null, `duplicate key "${dup}"`);
  }
  if (keys.size !== Object.keys(parsed).length) throw new DataFileError(file, null, 'could not read the keys in file order');
  return out;
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
