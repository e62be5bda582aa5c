/**
 * The code hash covers the files the code reads at run time, not only its sources: the fast engine's
 * kernels.wat first of all (an edited kernel changes every number a trial computes). Edits happen in temporary
 * copies; the real tree is only read.
 */
import { appendFileSync, copyFileSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from './testing/suite-files.ts';
import { codeFiles, computeCodeHash, REPO_ROOT } from './code-hash.ts';

const KERNELS = 'packages/models/src/fast/kernels.wat';

/** A tree with the root manifests and the given files copied from the real one. */
function copyOf(files: string[]): string {
  const root = tempDir('tb-code-hash-');
  for (const f of ['package.json', 'package-lock.json', ...files]) {
    mkdirSync(dirname(join(root, f)), { recursive: true });
    copyFileSync(join(REPO_ROOT, f), join(root, f));
  }
  return root;
}

/** Every `new URL('<relative path>', import.meta.url)` in the non-test sources, resolved. */
function filesOpenedBesideTheCode(): string[] {
  const found: string[] = [];
  const visit = (dir: string) => {
    for (const name of readdirSync(dir)) {
      if (name === 'node_modules') continue;
      const p = join(dir, name);
      if (statSync(p).isDirectory()) visit(p);
      else if (/\.[cm]?[jt]s$/.test(name) && !/\.test\./.test(name)) {
        for (const m of readFileSync(p, 'utf8').matchAll(/new URL\('(\.{1,2}\/[^']*)', import\.meta\.url\)/g))
          found.push(resolve(dirname(p), m[1]));
      }
    }
  };
  for (const group of ['packages', 'apps'])
    for (const pkg of readdirSync(join(REPO_ROOT, group))) {
      const src = join(REPO_ROOT, group, pkg, 'src');
      try {
        visit(src);
      } catch {
        // a package without src/
      }
    }
  return found;
}

describe('code hash coverage', () => {
  it('changes when a line is appended to kernels.wat, and returns when the file does', () => {
    const root = copyOf([KERNELS, 'packages/models/package.json']);
    const before = computeCodeHash(root);
    const original = readFileSync(join(root, KERNELS));
    appendFileSync(join(root, KERNELS), ';; one more line\n');
    expect(computeCodeHash(root)).not.toBe(before);
    writeFileSync(join(root, KERNELS), original);
    expect(computeCodeHash(root)).toBe(before);
  });

  it('covers every file under a package src/ that the code opens beside itself (kernels, worker entries)', () => {
    const covered = new Set(codeFiles(REPO_ROOT));
    const opened = filesOpenedBesideTheCode().filter((f) => {
      // directories and files outside the packages' src/ folders (suites, fixtures of the CLI's tests) are
      // not code: suites are hashed into the suite hash, plugin files by content
      const rel = relative(REPO_ROOT, f);
      return /^(packages|apps)\/[^/]+\/src\//.test(rel) && !/\/testing\//.test(rel) && statSync(f, { throwIfNoEntry: false })?.isFile();
    });
    expect(opened.map((f) => relative(REPO_ROOT, f))).toEqual(
      expect.arrayContaining([KERNELS, 'packages/models/src/fast/train-worker.mjs', 'apps/bench/src/trial/watchdog-thread.mjs']),
    );
    expect(opened.filter((f) => !covered.has(f)).map((f) => relative(REPO_ROOT, f))).toEqual([]);
  });
});
