/**
 * Relative paths in a suite (plugin files, dataset files and folders) resolve against the suite file's
 * folder first, then the working directory; the first that exists wins. So `plugins: [./my.mjs]` next to
 * the suite works from anywhere, and a repo-relative data path such as `../shared/data/kiba` works when
 * the run starts at the repo root. Absolute paths and `~/` are taken as they are.
 *
 * Dataset options whose key ends in `file`, `path`, `dir` or `directory` (any case; keys containing
 * `cache` excepted: caches are created) are treated as paths that must exist before any trial runs.
 */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';

export interface Resolved {
  path: string | null;
  tried: string[];
}

export function resolveExisting(p: string, baseDir: string, cwd = process.cwd()): Resolved {
  if (p.startsWith('~/')) p = join(homedir(), p.slice(2));
  const candidates = isAbsolute(p) ? [p] : [...new Set([resolve(baseDir, p), resolve(cwd, p)])];
  return { path: candidates.find((c) => existsSync(c)) ?? null, tried: candidates };
}

export function isPathOption(key: string): boolean {
  return /(file|path|dir|directory)$/i.test(key) && !/cache/i.test(key);
}

export interface PathProblem {
  key: string;
  value: string;
  tried: string[];
}

/** Copies `options` with path-like string values made absolute; lists those that do not exist. */
export function resolvePathOptions(
  options: Record<string, unknown>,
  baseDir: string,
): { resolved: Record<string, unknown>; problems: PathProblem[] } {
  const resolved: Record<string, unknown> = { ...options };
  const problems: PathProblem[] = [];
  for (const [key, value] of Object.entries(options)) {
    if (!isPathOption(key) || typeof value !== 'string') continue;
    const r = resolveExisting(value, baseDir);
    if (r.path) resolved[key] = r.path;
    else problems.push({ key, value, tried: r.tried });
  }
  return { resolved, problems };
}
