/**
 * The trial child as precompiled JavaScript. Run from source, every trial child paid for tsx's loader thread,
 * for transforming and resolving some 140 workspace modules and for hundreds of small CommonJS files of
 * @stdlib, over a CPU-second before the estimator started. esbuild bundles the child once per code version
 * into `<repo>/node_modules/.cache/transferbench/trial-child/<code hash>/`, and trials run plain JavaScript.
 *
 * What is in the folder (all ESM, code-split so a chunk loads only when its dynamic import runs):
 *   - `child.mjs` (trial/child.ts) and `train-worker.mjs` (the fast engine's worker thread, from its TypeScript);
 *   - `core.mjs` and `zod.mjs`: the very instances the child uses, which a user plugin's imports of
 *     `@transferbench/core` and `zod` resolve to (plugin-resolve-hook.mjs);
 *   - the files the code opens beside itself (`new URL('./…', import.meta.url)`), copied: after bundling every
 *     module's `import.meta.url` is its chunk's, in this folder. child-bundle.test.ts checks that each such
 *     reference in the output is here.
 * Packages that are heavy and optional (tfjs, RDKit, the wabt assembler) or that load their own files stay
 * outside and are resolved at run time from the repository's node_modules, which encloses this folder.
 *
 * Each code version gets its own folder; the newest eight, and any used within a day, are kept.
 * The key is the code hash computed from the files (never the TRANSFERBENCH_CODE_HASH override, which
 * would let edited code reuse an old bundle); a bundle is built in a private folder and renamed into place
 * only if the hash still holds after the build, so concurrent builders and edits during a build never leave
 * a wrong bundle under a key. esbuild does the bundling; this file only says what goes in.
 */
import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync } from 'node:fs';
import { basename, join } from 'node:path';
import { build, type Plugin } from 'esbuild';
import { computeCodeHash, REPO_ROOT } from '../code-hash.ts';

export interface ChildBundle {
  /** the folder; `child.mjs` in it is the entry */
  dir: string;
  entry: string;
  codeHash: string;
}

const src = (p: string) => join(REPO_ROOT, p);

const ENTRIES = {
  child: src('apps/bench/src/trial/child.ts'),
  'train-worker': src('packages/models/src/fast/train-worker.ts'),
  core: src('packages/core/src/index.ts'),
  zod: 'zod',
};

const ASSETS = [
  src('apps/bench/src/trial/watchdog-thread.mjs'),
  src('apps/bench/src/trial/plugin-resolve-hook.mjs'),
  src('packages/models/src/fast/kernels.wat'),
];

const EXTERNAL = ['@tensorflow/*', '@rdkit/rdkit', 'wabt', 'tsx', 'tsx/*', 'esbuild'];

/**
 * core loads @stdlib through `createRequire` on first use (stats/stdlib.ts), which a bundler cannot follow.
 * Without that line its `require(…)` calls are plain CommonJS requires, which esbuild bundles and still runs
 * lazily, on first call.
 */
const STDLIB = src('packages/core/src/stats/stdlib.ts');
const CREATE_REQUIRE = 'const require = createRequire(import.meta.url);';
const bundledStdlib: Plugin = {
  name: 'bundled-stdlib',
  setup(b) {
    b.onLoad({ filter: /stats[\\/]stdlib\.ts$/ }, (args) => {
      if (args.path !== STDLIB) return undefined;
      const text = readFileSync(args.path, 'utf8');
      if (!text.includes(CREATE_REQUIRE)) throw new Error(`${STDLIB}: expected the line "${CREATE_REQUIRE}" (child-bundle.ts removes it)`);
      return { contents: text.replace(CREATE_REQUIRE, ''), loader: 'ts' };
    });
  },
};

export function childBundleRoot(): string {
  return join(REPO_ROOT, 'node_modules', '.cache', 'transferbench', 'trial-child');
}

async function buildInto(dir: string): Promise<void> {
  await build({
    entryPoints: ENTRIES,
    outdir: dir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunk-[hash]',
    external: EXTERNAL,
    plugins: [bundledStdlib],
    // bundled CommonJS libraries that require a Node builtin find `require` in scope (esbuild renames the
    // modules' own top-level `require` bindings, so this one shadows nothing)
    banner: { js: "import { createRequire as __tbCreateRequire } from 'node:module'; const require = __tbCreateRequire(import.meta.url);" },
    logLevel: 'silent',
  });
  const names = new Set<string>();
  for (const asset of ASSETS) {
    const name = basename(asset);
    if (names.has(name)) throw new Error(`two assets named ${name}: the bundle keeps them in one folder`);
    names.add(name);
    copyFileSync(asset, join(dir, name));
  }
}

/** Bundles kept beyond the newest few: those used within a day (a run of older code may still start trials from one). */
const KEEP_BUNDLES = 8;
const DAY_MS = 24 * 3600 * 1000;

function markUsed(dir: string): void {
  const now = new Date();
  try {
    utimesSync(dir, now, now);
  } catch {
    // a read-only cache still works; it is only pruned sooner
  }
}

/** Each edit of the code makes a new bundle (about 4 MB): keep the recently used ones, remove the rest and abandoned builds. */
function pruneBundles(root: string): void {
  const now = Date.now();
  const entries = readdirSync(root, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => ({ path: join(root, e.name), hidden: e.name.startsWith('.'), mtime: statSync(join(root, e.name)).mtimeMs }))
    .sort((a, b) => b.mtime - a.mtime);
  const bundles = entries.filter((e) => !e.hidden);
  const stale = [...bundles.slice(KEEP_BUNDLES), ...entries.filter((e) => e.hidden)].filter((e) => now - e.mtime > DAY_MS);
  for (const e of stale) rmSync(e.path, { recursive: true, force: true });
}

const building = new Map<string, Promise<ChildBundle>>();

/** This code version's bundle under `root`, built on first use (about a second) and reused by every later process. */
export function childBundle(root = childBundleRoot()): Promise<ChildBundle> {
  const known = building.get(root);
  if (known) return known;
  const promise = (async () => {
    const codeHash = computeCodeHash();
    const dir = join(root, codeHash);
    const done = (d: string): ChildBundle => ({ dir: d, entry: join(d, 'child.mjs'), codeHash });
    if (existsSync(join(dir, 'child.mjs'))) {
      markUsed(dir);
      return done(dir);
    }
    mkdirSync(root, { recursive: true });
    pruneBundles(root);
    const tmp = join(root, `.${codeHash}-${process.pid}-${randomBytes(4).toString('hex')}`);
    try {
      await buildInto(tmp);
    } catch (err) {
      rmSync(tmp, { recursive: true, force: true });
      throw new Error(`could not bundle the trial child into ${root}: ${err instanceof Error ? err.message : String(err)}`);
    }
    // the sources changed during the build: use this bundle, but never under the old key
    if (computeCodeHash() !== codeHash) return done(tmp);
    try {
      renameSync(tmp, dir);
    } catch {
      // another process put the same bundle there first
      rmSync(tmp, { recursive: true, force: true });
    }
    return done(dir);
  })();
  building.set(root, promise);
  promise.catch(() => building.delete(root));
  return promise;
}
