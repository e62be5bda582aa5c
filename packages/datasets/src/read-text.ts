/** Reads a text data file (gunzipping `.gz` or gzip-magic files) with a clear error when it is missing. */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { DataFileError } from './errors.ts';

export function readTextFile(file: string, what = 'data file'): string {
  if (!existsSync(file)) throw new DataFileError(file, null, `${what} not found`);
  if (statSync(file).isDirectory()) throw new DataFileError(file, null, `expected a ${what}, found a directory`);
  const bytes = readFileSync(file);
  const gz = bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
  try {
    return (gz ? gunzipSync(bytes) : bytes).toString('utf8').replace(/^\uFEFF/, '');
  } catch (err) {
    throw new DataFileError(file, null, `cannot decompress gzip data: ${(err as Error).message}`);
  }
}
