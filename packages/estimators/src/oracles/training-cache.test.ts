import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { TrainingCache } from './training-cache.ts';

const schema = z.object({ auc: z.number(), tasks: z.array(z.string()) });
const key = 'a1b2c3d4e5f60718';

describe('TrainingCache', () => {
  it('stores and reuses entries atomically (no temp files left) and counts hits and misses', () => {
    const dir = mkdtempSync(join(tmpdir(), 'oracle-cache-'));
    const a = new TrainingCache(dir, schema);
    expect(a.get(key)).toBeUndefined();
    a.set(key, { auc: 0.75, tasks: ['t0'] });
    expect(readdirSync(dir)).toEqual([`${key}.json`]);
    const b = new TrainingCache(dir, schema); // a new run reading the same directory
    expect(b.get(key)).toEqual({ auc: 0.75, tasks: ['t0'] });
    expect(a.stats).toMatchObject({ hits: 0, misses: 1, writes: 1, invalid: 0 });
    expect(b.stats).toMatchObject({ hits: 1, misses: 0, writes: 0 });
  });

  it('treats a truncated or invalid entry as a miss and overwrites it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'oracle-cache-'));
    writeFileSync(join(dir, `${key}.json`), '{"auc": 0.7'); // a killed writer without the temp+rename protocol
    const c = new TrainingCache(dir, schema);
    expect(c.get(key)).toBeUndefined();
    expect(c.stats).toMatchObject({ hits: 0, misses: 1, invalid: 1 });
    writeFileSync(join(dir, `${key}.json`), '{"auc": "high", "tasks": []}');
    expect(c.get(key)).toBeUndefined();
    c.set(key, { auc: 0.6, tasks: [] });
    expect(new TrainingCache(dir, schema).get(key)).toEqual({ auc: 0.6, tasks: [] });
  });

  it('without a directory every lookup misses and nothing is written', () => {
    const c = new TrainingCache(undefined, schema);
    c.set(key, { auc: 1, tasks: [] });
    expect(c.get(key)).toBeUndefined();
    expect(c.stats).toEqual({ dir: null, hits: 0, misses: 1, writes: 0, invalid: 0 });
  });

  it('rejects keys that are not hex hashes (no path tricks)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'oracle-cache-'));
    expect(() => new TrainingCache(dir, schema).get('../../etc/passwd')).toThrow(/not a hex hash/);
  });
});
