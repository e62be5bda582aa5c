/**
 * What a result was computed on: package versions (workspace packages and the libraries that change
 * numbers), Node, CPU, platform, git SHA + dirty flag, and the engine/backend. `captureEnvironment`
 * is the gatherer behind `transferbench info` and the stamp on benchmark results (core's
 * `environmentSchema`); `engineBackends` resolves every engine to report its backend.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { arch, cpus, platform, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { environmentSchema, type Environment } from '@transferbench/core';
import { engines } from '@transferbench/models';

export const REPO_ROOT = resolve(fileURLToPath(new URL('../../../', import.meta.url)));

/** third-party libraries whose versions can change results or speed */
const LIBRARIES = ['@tensorflow/tfjs', '@tensorflow/tfjs-backend-wasm', '@tensorflow/tfjs-node', '@rdkit/rdkit', 'zod', 'tinybench'];

function readPackage(file: string): { name: string; version: string } | null {
  try {
    const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: unknown; version?: unknown };
    return typeof pkg.name === 'string' && typeof pkg.version === 'string' ? { name: pkg.name, version: pkg.version } : null;
  } catch {
    return null; // absent (e.g. the optional tfjs-node) or not a package
  }
}

/** name → version for the workspace packages (packages/*, apps/*), then the key libraries. */
export function packageVersions(root = REPO_ROOT): Record<string, string> {
  const out: Record<string, string> = {};
  for (const group of ['packages', 'apps']) {
    const dir = join(root, group);
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir).sort()) {
      const pkg = readPackage(join(dir, name, 'package.json'));
      if (pkg) out[pkg.name] = pkg.version;
    }
  }
  for (const lib of LIBRARIES) {
    // a workspace may pin its own copy (apps/bench/node_modules/tinybench): prefer the app's
    const pkg =
      readPackage(join(root, 'apps', 'bench', 'node_modules', lib, 'package.json')) ??
      readPackage(join(root, 'node_modules', lib, 'package.json'));
    if (pkg) out[pkg.name] = pkg.version;
  }
  return out;
}

/** HEAD's SHA and whether tracked files differ from it; nulls when git or the repository is missing. */
export async function gitState(cwd = REPO_ROOT): Promise<Environment['git']> {
  try {
    const sha = await execa('git', ['rev-parse', 'HEAD'], { cwd, reject: false, timeout: 5000 });
    if (sha.exitCode !== 0) return { sha: null, dirty: null };
    const status = await execa('git', ['status', '--porcelain', '--untracked-files=no'], { cwd, reject: false, timeout: 10000 });
    return { sha: sha.stdout.trim(), dirty: status.exitCode === 0 ? status.stdout.trim().length > 0 : null };
  } catch {
    return { sha: null, dirty: null };
  }
}

export async function captureEnvironment(engine: { name: string; backend: string | null } | null = null): Promise<Environment> {
  const cpu = cpus();
  return environmentSchema.parse({
    packages: packageVersions(),
    git: await gitState(),
    node: process.version,
    platform: platform(),
    arch: arch(),
    cpu: { model: cpu[0]?.model?.trim() || 'unknown', count: cpu.length },
    totalMemoryMb: Math.round(totalmem() / 2 ** 20),
    engine,
    capturedAt: new Date().toISOString(),
  });
}

export interface EngineBackend {
  name: string;
  description: string;
  /** backend the engine resolves to by default here; null with `error` when it cannot load */
  backend: string | null;
  error?: string;
}

/** Loads every registered engine with its default backend resolution. */
export async function engineBackends(): Promise<EngineBackend[]> {
  const out: EngineBackend[] = [];
  for (const e of engines) {
    try {
      const f = await e.load();
      out.push({ name: e.name, description: e.description, backend: f.backend });
    } catch (err) {
      out.push({ name: e.name, description: e.description, backend: null, error: err instanceof Error ? err.message : String(err) });
    }
  }
  return out;
}
