/**
 * Hash of the code that computes a trial: every file under packages/<pkg>/src and apps/<app>/src except tests
 * and Markdown — sources and whatever the code reads beside them at run time (kernels.wat, worker entries,
 * reference tables) —, the workspace package.json files and package-lock.json (library versions change numbers).
 * Stamped on queued trials, run.json and every session line of trials.jsonl, so a queue worker or a
 * `--resume` can tell when results would mix code versions.
 * Hand-written (a sorted walk + sha256) because git state is not enough: a dirty tree, an untracked
 * file or a different `npm ci` all change results without changing HEAD.
 *
 * `TRANSFERBENCH_CODE_HASH` replaces the computed value: for images that stamp their build once, and for
 * tests on a checkout that others edit while the tests run.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** the monorepo root (apps/bench/src → three levels up) */
export const REPO_ROOT = resolve(fileURLToPath(new URL('../../../', import.meta.url)));

/** not code: documentation. Everything else under src/ may change what a trial computes (an allow-list of
 * extensions once left kernels.wat out: editing the kernels did not change the hash). */
const DOCS = /\.md$/i;
const TEST = /\.test\.[cm]?[jt]s$/;

function walk(dir: string, out: string[]): void {
  for (const name of readdirSync(dir).sort()) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const p = join(dir, name);
    const st = statSync(p);
    if (st.isDirectory()) walk(p, out);
    else if (st.isFile() && !DOCS.test(name) && !TEST.test(name)) out.push(p);
  }
}

/** The files the hash covers, absolute, in a fixed order. */
export function codeFiles(root = REPO_ROOT): string[] {
  const files: string[] = [];
  for (const f of ['package.json', 'package-lock.json']) if (existsSync(join(root, f))) files.push(join(root, f));
  for (const group of ['packages', 'apps']) {
    const g = join(root, group);
    if (!existsSync(g)) continue;
    for (const pkg of readdirSync(g).sort()) {
      const manifest = join(g, pkg, 'package.json');
      if (existsSync(manifest)) files.push(manifest);
      const src = join(g, pkg, 'src');
      if (existsSync(src)) walk(src, files);
    }
  }
  return files;
}

export function fileSha256(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

/** 16 hex digits over (path relative to the root, content hash) of every code file. */
export function computeCodeHash(root = REPO_ROOT): string {
  const h = createHash('sha256');
  for (const f of codeFiles(root)) h.update(`${relative(root, f).split(sep).join('/')}\0${fileSha256(f)}\n`);
  return h.digest('hex').slice(0, 16);
}

let cached: string | undefined;

/** This process's code hash (the environment override, else computed once). */
export function codeHash(): string {
  cached ??= process.env.TRANSFERBENCH_CODE_HASH?.trim() || computeCodeHash();
  return cached;
}
