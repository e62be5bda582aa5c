/**
 * The environment stamped on every session of a run (and so on every summary): package versions, git
 * SHA and dirty flag, Node, CPU, platform, engine. Uses `apps/bench/src/environment.ts` (the `info`
 * command's gatherer) when it exports a compatible `captureEnvironment`/`gatherEnvironment`; otherwise
 * gathers the same fields itself, so results are stamped either way.
 */
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { cpus, platform, arch, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { environmentSchema, type Environment } from '@transferbench/core';

const REPO_ROOT = resolve(fileURLToPath(new URL('../../../../', import.meta.url)));

export async function captureEnvironment(engine: { name: string; backend: string | null } | null): Promise<Environment> {
  const [packages, git] = await Promise.all([workspaceVersions(), gitState()]);
  const cpu = cpus();
  return environmentSchema.parse({
    packages,
    git,
    node: process.version,
    platform: platform(),
    arch: arch(),
    cpu: { model: cpu[0]?.model?.trim() ?? 'unknown', count: cpu.length },
    totalMemoryMb: Math.round(totalmem() / 2 ** 20),
    engine,
    capturedAt: new Date().toISOString(),
  });
}

/** name → version of the workspace packages and of the libraries that change numbers. */
async function workspaceVersions(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const read = (file: string) => {
    try {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name && pkg.version) out[pkg.name] = pkg.version;
    } catch { /* not a package */ }
  };
  for (const group of ['packages', 'apps']) {
    const dir = join(REPO_ROOT, group);
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir)) read(join(dir, name, 'package.json'));
  }
  for (const lib of ['@tensorflow/tfjs', '@tensorflow/tfjs-backend-wasm', '@tensorflow/tfjs-node', '@rdkit/rdkit', 'zod']) {
    read(join(REPO_ROOT, 'node_modules', lib, 'package.json'));
  }
  return out;
}

async function gitState(): Promise<{ sha: string | null; dirty: boolean | null }> {
  try {
    const sha = await execa('git', ['rev-parse', 'HEAD'], { cwd: REPO_ROOT, reject: false, timeout: 5000 });
    if (sha.exitCode !== 0) return { sha: null, dirty: null };
    const status = await execa('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: REPO_ROOT, reject: false, timeout: 10000 });
    return { sha: sha.stdout.trim(), dirty: status.exitCode === 0 ? status.stdout.trim().length > 0 : null };
  } catch {
    return { sha: null, dirty: null };
  }
}
