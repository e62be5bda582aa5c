/**
 * On-disk caches of per-SMILES results, one folder per key space and one JSON file (shard) per data set:
 *  - `molecules-rdkit<version>/<shard>.json`: SMILES → [canonical SMILES, scaffold] or null (RDKit cannot parse it);
 *  - `morgan-r<radius>-b<nBits>-rdkit<version>/<shard>.json`: SMILES → sorted set-bit indices.
 * A shard is named for its data set (the source file's name and a hash of its resolved path), so loading one
 * set reads only that set's entries, however many other sets are cached. The folder name AND a header inside
 * carry every option the entries depend on (and the shard's key); a file whose header does not match is
 * ignored, so changing radius/bits or upgrading RDKit can never reuse stale entries. Each entry is checked
 * on read: a malformed one is ignored, recomputed and overwritten. Writes are atomic (temp file + rename)
 * and merge with what is on disk at write time, so concurrent processes (trials) at worst recompute, never
 * read a torn or foreign file.
 *
 * Hand-written entry checks rather than zod: a warm load checks tens of thousands of entries, and a type
 * guard does that in milliseconds where a schema parse of every bit array would dominate the load.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync, existsSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { createHash, randomBytes } from 'node:crypto';

export interface CacheHeader {
  format: string;
  [key: string]: string | number;
}

export class JsonEntryCache<V> {
  private entries = new Map<string, V>();
  private dirty = false;
  /** entries on disk ignored because they failed `valid` (recomputed by the caller) */
  rejected = 0;

  /** `file` null = in-memory only (caching disabled); `valid` checks each entry read from disk */
  constructor(
    readonly file: string | null,
    readonly header: CacheHeader,
    private readonly valid: (v: unknown) => v is V,
  ) {
    this.entries = this.readDisk(true);
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
    const merged = this.readDisk(false);
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

  private readDisk(count: boolean): Map<string, V> {
    const out = new Map<string, V>();
    if (!this.file || !existsSync(this.file)) return out;
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(this.file, 'utf8'));
    } catch {
      return out; // unreadable cache: recompute (and overwrite on flush)
    }
    if (!parsed || typeof parsed !== 'object') return out;
    const obj = parsed as Record<string, unknown>;
    for (const [k, v] of Object.entries(this.header)) if (obj[k] !== v) return out;
    const entries = obj.entries;
    if (!entries || typeof entries !== 'object' || Array.isArray(entries)) return out;
    for (const [k, v] of Object.entries(entries as Record<string, unknown>)) {
      if (this.valid(v)) out.set(k, v);
      else if (count) this.rejected++;
    }
    return out;
  }
}

/** Shard file name for a data set: its file name (readable) + a hash of the full key (unique). */
export function shardName(key: string): string {
  const stem =
    basename(key)
      .replace(/\.gz$/i, '')
      .replace(/\.(csv|tsv|txt|json)$/i, '')
      .replace(/[^A-Za-z0-9._-]+/g, '_')
      .slice(0, 40) || 'set';
  return `${stem}-${createHash('sha256').update(key).digest('hex').slice(0, 16)}.json`;
}

/** The shard key of a data set read from a file or folder: its resolved path. */
export function sourceCacheKey(source: string): string {
  return resolve(source);
}

/** The shard key when no data set is named: the set of SMILES itself. */
export function smilesSetCacheKey(smiles: Iterable<string>): string {
  const h = createHash('sha256');
  for (const s of [...new Set(smiles)].sort()) h.update(s).update('\n');
  return `smiles-set-${h.digest('hex')}`;
}

export function moleculeCacheFile(dir: string, rdkitVersion: string, key: string): string {
  return join(dir, `molecules-rdkit${rdkitVersion}`, shardName(key));
}

export function morganCacheFile(dir: string, radius: number, nBits: number, rdkitVersion: string, key: string): string {
  return join(dir, `morgan-r${radius}-b${nBits}-rdkit${rdkitVersion}`, shardName(key));
}
