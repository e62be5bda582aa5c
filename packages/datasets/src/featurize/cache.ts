/**
 * On-disk caches of per-SMILES results, one JSON file per key space:
 *  - `molecules-rdkit<version>.json`: SMILES → [canonical SMILES, scaffold] or null (RDKit cannot parse it);
 *  - `morgan-r<radius>-b<nBits>-rdkit<version>.json`: SMILES → sorted set-bit indices.
 * The file name AND a header inside carry every option the entries depend on; a file whose header does
 * not match is ignored, so changing radius/bits or upgrading RDKit can never reuse stale entries.
 * Writes are atomic (temp file + rename) and merge with what is on disk at write time, so concurrent
 * processes (trials) at worst recompute, never read a torn or foreign file.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync, existsSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';

export interface CacheHeader {
  format: string;
  [key: string]: string | number;
}

export class JsonEntryCache<V> {
  private entries = new Map<string, V>();
  private dirty = false;

  /** `file` null = in-memory only (caching disabled) */
  constructor(
    readonly file: string | null,
    readonly header: CacheHeader,
  ) {
    this.entries = this.readDisk();
  }

  get size(): number {
    return this.entries.size;
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  get(key: string): V | undefined {
    return this.entries.get(key);
  }

  set(key: string, value: V): void {
    this.entries.set(key, value);
    this.dirty = true;
  }

  /** Writes new entries (merged with the file's current content) atomically; no-op when nothing changed. */
  flush(): void {
    if (!this.dirty || !this.file) return;
    const merged = this.readDisk();
    for (const [k, v] of this.entries) merged.set(k, v);
    mkdirSync(dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      writeFileSync(tmp, JSON.stringify({ ...this.header, entries: Object.fromEntries(merged) }));
      renameSync(tmp, this.file);
    } finally {
      if (existsSync(tmp)) rmSync(tmp, { force: true });
    }
    this.entries = merged;
    this.dirty = false;
  }

  private readDisk(): Map<string, V> {
    if (!this.file || !existsSync(this.file)) return new Map();
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(this.file, 'utf8'));
    } catch {
      return new Map(); // unreadable cache: recompute (and overwrite on flush)
    }
    if (!parsed || typeof parsed !== 'object') return new Map();
    const obj = parsed as Record<string, unknown>;
    for (const [k, v] of Object.entries(this.header)) if (obj[k] !== v) return new Map();
    const entries = obj.entries;
    if (!entries || typeof entries !== 'object') return new Map();
    return new Map(Object.entries(entries as Record<string, V>));
  }
}

export function moleculeCacheFile(dir: string, rdkitVersion: string): string {
  return join(dir, `molecules-rdkit${rdkitVersion}.json`);
}

export function morganCacheFile(dir: string, radius: number, nBits: number, rdkitVersion: string): string {
  return join(dir, `morgan-r${radius}-b${nBits}-rdkit${rdkitVersion}.json`);
}
