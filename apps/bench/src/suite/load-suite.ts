/**
 * Reads a suite file — YAML (.yaml/.yml), JSON (.json) or a module (.ts/.js/.mjs, default export) —
 * and validates it with core's `suiteSchema`. Errors name the file, the path inside it and the expected form.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, extname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { suiteSchema, type Suite } from './suite-schema.ts';

export const SUITES_DIR = fileURLToPath(new URL('../../suites/', import.meta.url));
export const DEFAULT_SUITE = resolve(SUITES_DIR, 'default.yaml');

export interface LoadedSuite {
  suite: Suite;
  file: string | null;
  /** folder relative paths in the suite resolve against first (then the working directory) */
  baseDir: string;
}

export class SuiteError extends Error {
  constructor(origin: string, detail: string) {
    super(`suite ${origin} is invalid:\n${detail}`);
    this.name = 'SuiteError';
  }
}

export async function readSuiteFile(path: string): Promise<unknown> {
  const file = resolve(path);
  if (!existsSync(file)) throw new Error(`suite file not found: ${path}`);
  if (statSync(file).isDirectory())
    throw new Error(`suite ${path}: is a folder; expected a suite file (.yaml, .yml, .json, .ts, .js or .mjs)`);
  const ext = extname(file).toLowerCase();
  const text = () => readFileSync(file, 'utf8');
  try {
    if (ext === '.yaml' || ext === '.yml') return parseYaml(text());
    if (ext === '.json') return JSON.parse(text());
    if (['.ts', '.mts', '.js', '.mjs'].includes(ext)) {
      const mod = (await import(pathToFileURL(file).href)) as { default?: unknown };
      if (mod.default === undefined) throw new Error('expected a default export with the suite object');
      return mod.default;
    }
  } catch (err) {
    throw new Error(`suite ${path}: cannot read it: ${err instanceof Error ? err.message : String(err)}`);
  }
  throw new Error(`suite ${path}: unknown format "${ext}"; expected .yaml, .yml, .json, .ts, .js or .mjs`);
}

export function parseSuite(raw: unknown, origin: string): Suite {
  const r = suiteSchema.safeParse(raw);
  // one `path: message` line per issue (zod's own path notation), as check-suite.ts reports what it finds after
  if (!r.success)
    throw new SuiteError(origin, r.error.issues.map((i) => `  ${z.core.toDotPath(i.path) || '<root>'}: ${i.message}`).join('\n'));
  return r.data;
}

export async function loadSuite(path: string): Promise<LoadedSuite> {
  const file = resolve(path);
  return { suite: parseSuite(await readSuiteFile(file), path), file, baseDir: dirname(file) };
}
