/**
 * On-disk cache of per-training results, one JSON file per key (`<dir>/<key>.json`). Writes are atomic
 * (a temporary file in the same directory, then rename), so a killed run leaves either a complete entry or
 * none, and concurrent runs never read a half-written file. Entries are validated with zod on read; an
 * unreadable or invalid entry is treated as a miss (and overwritten), never trusted.
 */
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';

export interface CacheStats {
  dir: string | null;
  hits: number;
  misses: number;
  writes: number;
  /** entries that existed but failed validation (treated as misses) */
  invalid: number;
}

let tempCounter = 0;

export class TrainingCache<S extends z.ZodType> {
  readonly stats: CacheStats;

  /** `dir` undefined = caching off (every lookup is a miss, nothing is written). */
  constructor(
    private readonly dir: string | undefined,
    private readonly schema: S,
  ) {
    this.stats = { dir: dir ?? null, hits: 0, misses: 0, writes: 0, invalid: 0 };
    if (dir) mkdirSync(dir, { recursive: true });
  }

  private path(key: string): string {
    if (!/^[0-9a-f]{8,128}$/.test(key)) throw new Error(`TrainingCache: key "${key}" is not a hex hash`);
    return join(this.dir!, `${key}.json`);
  }

  get(key: string): z.infer<S> | undefined {
    if (!this.dir) {
      this.stats.misses++;
      return undefined;
    }
    const file = this.path(key);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      this.stats.misses++;
      return undefined;
    }
    try {
      const parsed = this.schema.safeParse(JSON.parse(text));
      if (parsed.success) {
        this.stats.hits++;
        return parsed.data;
      }
    } catch {
      // invalid JSON: fall through
    }
    this.stats.invalid++;
    this.stats.misses++;
    return undefined;
  }

  set(key: string, value: z.infer<S>): void {
    if (!this.dir) return;
    const target = this.path(key);
    const temp = `${target}.${process.pid}.${++tempCounter}.tmp`;
    try {
      writeFileSync(temp, `${JSON.stringify(value)}\n`);
      renameSync(temp, target);
      this.stats.writes++;
    } catch (err) {
      rmSync(temp, { force: true });
      throw new Error(`TrainingCache: could not write ${target}: ${(err as Error).message}`);
    }
  }
}
