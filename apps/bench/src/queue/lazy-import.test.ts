/**
 * Local stays the default: outside src/queue nothing imports bullmq or the queue modules statically
 * (only `import type` and `await import(...)`), so `transferbench run` without --queue never loads them.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const SRC = fileURLToPath(new URL('..', import.meta.url));

function sources(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) {
      if (p !== join(SRC, 'queue')) sources(p, out);
    } else if (/\.(ts|mts|js|mjs)$/.test(name) && !name.includes('.test.')) out.push(p);
  }
  return out;
}

describe('bullmq is loaded lazily', () => {
  it('no module outside src/queue imports it (or a queue module) statically', () => {
    const files = sources(SRC);
    expect(files.some((f) => f.endsWith(join('commands', 'run.ts')))).toBe(true);
    const offenders: string[] = [];
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      for (const m of text.matchAll(/^\s*import\s+(?!type\b)[^;]*?from\s+['"]([^'"]+)['"]/gm)) {
        if (m[1] === 'bullmq' || /(^|\/)queue\//.test(m[1])) offenders.push(`${relative(SRC, f)}: ${m[0].trim()}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});
