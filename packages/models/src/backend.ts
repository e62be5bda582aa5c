/**
 * tfjs backend resolution. tfjs has one global engine per process, so the backend is resolved once
 * per request and models re-select theirs before every operation (see `useBackend`).
 *
 * Order when nothing is requested: `tensorflow` (native, from the optional `@tensorflow/tfjs-node`,
 * imported dynamically so the project installs and runs without it) → `wasm` → `cpu`.
 */
import * as tf from '@tensorflow/tfjs';
import { createRequire } from 'node:module';
import path from 'node:path';

/** Backend names as tfjs registers them; `node` is accepted as an alias of `tensorflow`. */
export const BACKENDS = ['tensorflow', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKENDS)[number];
const ALIASES: Record<string, BackendName> = { node: 'tensorflow', 'tfjs-node': 'tensorflow' };

export class BackendError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackendError';
  }
}

export function parseBackendName(name: string): BackendName {
  const n = ALIASES[name] ?? name;
  if ((BACKENDS as readonly string[]).includes(n)) return n as BackendName;
  throw new BackendError(`unknown tfjs backend "${name}": expected one of ${BACKENDS.join(', ')} (alias: node = tensorflow)`);
}

/** Registers the backend's factory with tfjs (an import with side effects); false if unavailable. */
async function register(name: BackendName): Promise<boolean> {
  if (tf.findBackendFactory(name)) return true;
  try {
    if (name === 'tensorflow') {
      // A variable specifier keeps TypeScript and bundlers from requiring the optional package.
      const specifier = '@tensorflow/tfjs-node';
      await import(/* @vite-ignore */ specifier);
    } else if (name === 'wasm') {
      const wasm = await import('@tensorflow/tfjs-backend-wasm');
      if (typeof process !== 'undefined' && process.versions?.node) {
        // On Node the .wasm binaries are read from the file system: point tfjs at the package's dist/.
        const require = createRequire(import.meta.url);
        const dist = path.join(path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist');
        wasm.setWasmPaths(dist + path.sep);
      }
    }
  } catch {
    return false;
  }
  // tfjs-node registers with its own copy of tfjs-core if versions differ: then it is unusable here.
  return !!tf.findBackendFactory(name);
}

async function activate(name: BackendName): Promise<boolean> {
  if (!(await register(name))) return false;
  try {
    return (await tf.setBackend(name)) && tf.getBackend() === name;
  } catch {
    return false;
  }
}

const resolved = new Map<string, Promise<BackendName>>();

// tfjs' PROD flag only silences its console warnings (checked in tfjs-core 4.22): among them the
// "install tfjs-node" banner that the cpu backend prints, moot once the backend is chosen here.
tf.enableProdMode();

/**
 * Resolves (once per request) and activates a backend. An explicit request must succeed or throw;
 * `undefined` / `'auto'` takes the first available in the preferred order.
 */
export function resolveBackend(requested?: string): Promise<BackendName> {
  const key = requested ?? 'auto';
  let p = resolved.get(key);
  if (!p) {
    p = doResolve(requested);
    resolved.set(key, p);
    p.catch(() => resolved.delete(key));
  }
  return p.then(async (name) => {
    if (tf.getBackend() !== name) await tf.setBackend(name);
    return name;
  });
}

async function doResolve(requested?: string): Promise<BackendName> {
  if (requested !== undefined && requested !== 'auto') {
    const name = parseBackendName(requested);
    if (await activate(name)) return name;
    const hint = name === 'tensorflow' ? ' (is @tensorflow/tfjs-node installed? it is optional)' : '';
    throw new BackendError(`tfjs backend "${name}" could not be initialised${hint}`);
  }
  for (const name of BACKENDS) if (await activate(name)) return name;
  throw new BackendError(`no tfjs backend could be initialised (tried ${BACKENDS.join(', ')})`);
}

/**
 * Makes `name` the active backend synchronously. Valid once the backend has been resolved: tfjs'
 * `setBackend` only awaits when it has to initialise, so for a ready backend the switch is immediate.
 * Lets models built on different backends coexist in one process (e.g. tests comparing backends).
 */
export function useBackend(name: BackendName): void {
  if (tf.getBackend() === name) return;
  void tf.setBackend(name);
  if (tf.getBackend() !== name) throw new BackendError(`tfjs backend "${name}" is not initialised: resolve it first`);
}
