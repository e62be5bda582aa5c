/**
 * A file cache for the assembled kernels: `<dir>/<key>.wasm` holds the sha256 of the binary (32 bytes) and then
 * the binary. The key is the sha256 of kernels.wat and the wabt version that assembles it, so an edited kernel
 * or another assembler never reuses an old binary. Written atomically (temporary file + rename), so concurrent
 * trial processes never read half a file; an entry whose checksum does not match (a torn or altered file) is
 * ignored and rebuilt. A cache that cannot be written costs speed, never correctness.
 *
 * Hand-written: a checksummed single-file cache is a dozen lines; a caching library would bring more than it saves.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest();

/** TRANSFERBENCH_KERNEL_CACHE when set, else `<os tmp>/transferbench-kernels` (shared by every process on the machine). */
export function defaultKernelCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.TRANSFERBENCH_KERNEL_CACHE || join(tmpdir(), 'transferbench-kernels');
}

let wabtVersion: string | undefined;

/** sha256 of the .wat source and the assembler's version, hex. */
export function kernelCacheKey(wat: string): string {
  wabtVersion ??= (JSON.parse(readFileSync(createRequire(import.meta.url).resolve('wabt/package.json'), 'utf8')) as { version: string })
    .version;
  return sha256(`wabt ${wabtVersion}\0${wat}`).toString('hex');
}

/** The cached binary under `key`, or `build()`'s result (then cached). */
export async function cachedBinary(dir: string, key: string, build: () => Promise<Uint8Array>): Promise<Uint8Array> {
  const file = join(dir, `${key}.wasm`);
  try {
    const bytes = readFileSync(file);
    const binary = bytes.subarray(32);
    if (bytes.length > 32 && sha256(binary).equals(bytes.subarray(0, 32))) return new Uint8Array(binary);
  } catch {
    // absent or unreadable: build it
  }
  const binary = await build();
  const tmp = `${file}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(tmp, Buffer.concat([sha256(binary), binary]));
    renameSync(tmp, file);
  } catch {
    try {
      rmSync(tmp, { force: true });
    } catch {
      // the folder itself could not be made: nothing was written
    }
  }
  return binary;
}
