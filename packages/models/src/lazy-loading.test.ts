/**
 * What a process running the fast engine loads (trial start-up, issue 13): tfjs only when the tfjs engine is
 * chosen, wabt only when the kernel binary is not cached yet. Checked in fresh processes (this one has loaded
 * both long ago), through the CommonJS module cache, where both libraries land.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const script = (engine: string) => `
  import { createRequire } from 'node:module';
  import { loadEngine } from '@transferbench/models';
  const factory = await loadEngine('${engine}', { backend: '${engine === 'fast' ? 'wasm' : 'cpu'}' });
  const loaded = Object.keys(createRequire(import.meta.url).cache);
  console.log(JSON.stringify({
    backend: factory.backend,
    tfjs: loaded.some((f) => f.includes('/@tensorflow/tfjs')),
    wabt: loaded.some((f) => f.includes('/node_modules/wabt/')),
  }));
`;

async function loadIn(engine: string, cacheDir: string): Promise<{ backend: string; tfjs: boolean; wabt: boolean }> {
  const { stdout } = await promisify(execFile)('node', ['--import', 'tsx/esm', '--input-type=module', '-e', script(engine)], {
    cwd: fileURLToPath(new URL('.', import.meta.url)),
    env: { ...process.env, TRANSFERBENCH_KERNEL_CACHE: cacheDir },
  });
  return JSON.parse(stdout.trim().split('\n').at(-1)!);
}

describe('lazy loading', () => {
  it('the fast engine never loads tfjs, and loads wabt only while the kernel binary is not cached', async () => {
    const cache = mkdtempSync(join(tmpdir(), 'tb-lazy-'));
    expect(await loadIn('fast', cache)).toEqual({ backend: 'wasm', tfjs: false, wabt: true });
    expect(await loadIn('fast', cache)).toEqual({ backend: 'wasm', tfjs: false, wabt: false });
  }, 60_000);

  it('the tfjs engine loads tfjs (so the check above can see it)', async () => {
    expect(await loadIn('tfjs', mkdtempSync(join(tmpdir(), 'tb-lazy-')))).toMatchObject({ backend: 'cpu', tfjs: true });
  }, 60_000);
});
