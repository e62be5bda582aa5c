/**
 * Version stamp carried in every queued trial: project version, results schema version, code hash and
 * the content hash of each plugin file the trial loads. A worker whose own stamp differs refuses the
 * trial (different code could compute different numbers under the same trial id).
 */
import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { RESULTS_SCHEMA_VERSION } from '@transferbench/core';
import { codeHash, fileSha256 } from '../code-hash.ts';

export const versionStampSchema = z.object({
  project: z.string(),
  version: z.string(),
  schemaVersion: z.number().int(),
  codeHash: z.string(),
  /** absolute plugin file → sha256 of its content, as the coordinator saw it */
  plugins: z.record(z.string(), z.string()),
});
export type VersionStamp = z.infer<typeof versionStampSchema>;
export type OwnStamp = Omit<VersionStamp, 'plugins'>;

const benchPackage = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { name: string; version: string };

/** This process's project version, schema version and code hash. */
export function ownStamp(): OwnStamp {
  return { project: benchPackage.name, version: benchPackage.version, schemaVersion: RESULTS_SCHEMA_VERSION, codeHash: codeHash() };
}

/** Stamp for a trial that loads these plugin files (hashed once per file per process). */
export function stampFor(pluginFiles: readonly string[], own: OwnStamp = ownStamp(), cache = pluginHashCache): VersionStamp {
  const plugins: Record<string, string> = {};
  for (const f of pluginFiles) {
    let h = cache.get(f);
    if (!h) {
      h = existsSync(f) ? fileSha256(f) : 'missing';
      cache.set(f, h);
    }
    plugins[f] = h;
  }
  return { ...own, plugins };
}
const pluginHashCache = new Map<string, string>();

const describe = (s: OwnStamp) => `${s.project} ${s.version} (results schema ${s.schemaVersion}, code ${s.codeHash})`;

/**
 * Why this worker must not run a trial stamped `job`, or null when it may. Plugin files are re-hashed
 * on every call: a plugin edited while the worker runs is caught too.
 */
export function stampMismatch(job: VersionStamp, own: OwnStamp): string | null {
  if (
    job.project !== own.project ||
    job.version !== own.version ||
    job.schemaVersion !== own.schemaVersion ||
    job.codeHash !== own.codeHash
  ) {
    return `it was queued by ${describe(job)} but this worker runs ${describe(own)}; bring this machine to the coordinator's version (same commit, \`npm ci\`) and restart the worker`;
  }
  for (const [file, want] of Object.entries(job.plugins)) {
    if (!existsSync(file))
      return `its plugin file ${file} does not exist on this machine; workers need the plugin files at the same paths as the coordinator`;
    const have = fileSha256(file);
    if (have !== want)
      return `its plugin file ${file} differs from the coordinator's copy (sha256 ${have.slice(0, 12)}… here, ${want.slice(0, 12)}… there)`;
  }
  return null;
}
