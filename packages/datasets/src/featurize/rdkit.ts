/**
 * Loads RDKit MinimalLib (WASM) once per process. On Node the emscripten loader is given the .wasm
 * path explicitly (resolved through the package's `./RDKit_minimal.wasm` export) so it works no matter
 * how the caller was bundled or what the working directory is.
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import initRDKitModule, { type MainModule } from '@rdkit/rdkit';

export type RDKitModule = MainModule;
export type { Mol } from '@rdkit/rdkit';

const require = createRequire(import.meta.url);
let loading: Promise<RDKitModule> | null = null;

export function loadRDKit(): Promise<RDKitModule> {
  if (!loading) {
    const wasm = require.resolve('@rdkit/rdkit/RDKit_minimal.wasm');
    loading = (initRDKitModule as (opts: unknown) => Promise<RDKitModule>)({ locateFile: () => wasm });
    loading.catch(() => {
      loading = null;
    });
  }
  return loading;
}

/** The installed RDKit MinimalLib version, read without instantiating the WASM (used to key caches). */
export function rdkitPackageVersion(): string {
  const main = require.resolve('@rdkit/rdkit');
  const pkg = JSON.parse(readFileSync(join(dirname(main), '..', 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}
