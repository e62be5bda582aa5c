import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cachedBinary, kernelCacheKey } from './kernel-cache.ts';
import { assembleKernels, loadKernels } from './kernels-wasm.ts';

const wat = readFileSync(new URL('./kernels.wat', import.meta.url), 'utf8');
const exportsOf = (m: WebAssembly.Module) => WebAssembly.Module.exports(m).map((e) => e.name);
const fresh = () => mkdtempSync(join(tmpdir(), 'tb-kernels-'));

describe('kernel binary cache', () => {
  it('assembles on a miss, then serves the same binary from the cache', async () => {
    const dir = fresh();
    const first = await loadKernels(dir);
    expect(first.from).toBe('assembled');
    const [entry] = readdirSync(dir);
    expect(entry).toBe(`${kernelCacheKey(wat)}.wasm`);
    const second = await loadKernels(dir);
    expect(second.from).toBe('cache');
    expect(exportsOf(second.module)).toEqual(exportsOf(first.module));
    expect(exportsOf(first.module)).toEqual(expect.arrayContaining(['memory', 'forward', 'backward', 'step', 'gramTimes']));
    // the entry is the checksum and then exactly what wabt assembles
    expect(Buffer.from(readFileSync(join(dir, entry)).subarray(32)).equals(Buffer.from(await assembleKernels(wat)))).toBe(true);
  });

  it('keys on the source: an appended line is another entry', () => {
    expect(kernelCacheKey(wat)).toMatch(/^[0-9a-f]{64}$/);
    expect(kernelCacheKey(`${wat};; one more line\n`)).not.toBe(kernelCacheKey(wat));
  });

  it('ignores and rebuilds a corrupt entry: garbage, a truncated file, one altered byte', async () => {
    const dir = fresh();
    await loadKernels(dir);
    const file = join(dir, `${kernelCacheKey(wat)}.wasm`);
    const good = readFileSync(file);
    const altered = Buffer.from(good);
    altered[good.length - 5] ^= 0xff;
    for (const bad of [Buffer.from('not wasm at all'), good.subarray(0, good.length - 10), altered, Buffer.alloc(0)]) {
      writeFileSync(file, bad);
      const k = await loadKernels(dir);
      expect(k.from).toBe('assembled');
      expect(readFileSync(file).equals(good)).toBe(true);
      expect((await loadKernels(dir)).from).toBe('cache');
    }
  });

  it('still builds when the cache cannot be written', async () => {
    const dir = fresh();
    const blocker = join(dir, 'a-file');
    writeFileSync(blocker, 'x');
    const binary = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]);
    let builds = 0;
    const build = async () => {
      builds++;
      return binary;
    };
    // a folder that cannot exist (its parent is a file)
    expect(await cachedBinary(join(blocker, 'cache'), 'k', build)).toEqual(binary);
    expect(await cachedBinary(join(blocker, 'cache'), 'k', build)).toEqual(binary);
    expect(builds).toBe(2);
    expect(readdirSync(dir)).toEqual(['a-file']);
  });
});
