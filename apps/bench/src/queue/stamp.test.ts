import { describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../testing/suite-files.ts';
import { codeFiles, computeCodeHash } from '../code-hash.ts';
import { stampFor, stampMismatch, type OwnStamp } from './stamp.ts';

function tree(files: Record<string, string>): string {
  const root = tempDir('tb-code-');
  for (const [p, c] of Object.entries(files)) {
    mkdirSync(join(root, p, '..'), { recursive: true });
    writeFileSync(join(root, p), c);
  }
  return root;
}

describe('code hash', () => {
  const base = {
    'package.json': '{"name":"root"}',
    'package-lock.json': '{}',
    'packages/core/package.json': '{"name":"core"}',
    'packages/core/src/a.ts': 'export const a = 1;',
    'packages/core/src/a.test.ts': 'test',
    'packages/core/README.md': 'docs',
    'apps/bench/src/x/y.ts': 'export const y = 2;',
    'apps/bench/scratch/z.ts': 'scratch',
  };

  it('covers source, manifests and the lock file, not tests, docs or scratch folders', () => {
    const root = tree(base);
    expect(codeFiles(root).map((f) => f.slice(root.length + 1))).toEqual([
      'package.json',
      'package-lock.json',
      'packages/core/package.json',
      'packages/core/src/a.ts',
      'apps/bench/src/x/y.ts',
    ]);
  });

  it('changes with code and library versions, not with tests or docs', () => {
    const h = computeCodeHash(tree(base));
    expect(h).toMatch(/^[0-9a-f]{16}$/);
    expect(computeCodeHash(tree(base))).toBe(h);
    expect(computeCodeHash(tree({ ...base, 'packages/core/src/a.ts': 'export const a = 2;' }))).not.toBe(h);
    expect(computeCodeHash(tree({ ...base, 'package-lock.json': '{"v":2}' }))).not.toBe(h);
    expect(computeCodeHash(tree({ ...base, 'packages/core/src/b.ts': '' }))).not.toBe(h);
    expect(computeCodeHash(tree({ ...base, 'packages/core/src/a.test.ts': 'other test', 'packages/core/README.md': 'x' }))).toBe(h);
  });
});

describe('stampMismatch', () => {
  const own: OwnStamp = { project: 'transferbench', version: '0.1.0', schemaVersion: 1, codeHash: 'aaaa' };

  it('accepts the same version and plugin files, refuses any difference with the reason', () => {
    const dir = tempDir('tb-stamp-');
    const plugin = join(dir, 'p.mjs');
    writeFileSync(plugin, 'export default [];');
    const stamp = stampFor([plugin], own, new Map());
    expect(stampMismatch(stamp, own)).toBeNull();
    expect(stampMismatch({ ...stamp, codeHash: 'bbbb' }, own)).toMatch(
      /queued by transferbench 0\.1\.0 \(results schema 1, code bbbb\) but this worker runs transferbench 0\.1\.0 \(results schema 1, code aaaa\)/,
    );
    expect(stampMismatch({ ...stamp, version: '0.2.0' }, own)).toMatch(
      /transferbench 0\.2\.0 .* but this worker runs transferbench 0\.1\.0/,
    );
    expect(stampMismatch({ ...stamp, schemaVersion: 2 }, own)).toMatch(/results schema 2/);
    writeFileSync(plugin, 'export default [1];');
    expect(stampMismatch(stamp, own)).toMatch(/plugin file .*p\.mjs differs from the coordinator's copy/);
    expect(stampMismatch(stampFor([join(dir, 'gone.mjs')], own, new Map()), own)).toMatch(
      /plugin file .*gone\.mjs does not exist on this machine/,
    );
  });
});
