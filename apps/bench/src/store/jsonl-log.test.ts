import { describe, expect, it } from 'vitest';
import { appendFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RESULTS_SCHEMA_VERSION, type SessionRecord } from '@transferbench/core';
import { JsonlLog, readResultLog } from './jsonl-log.ts';

const session = (id: string): SessionRecord => ({
  type: 'session',
  schemaVersion: RESULTS_SCHEMA_VERSION,
  sessionId: id,
  suite: { name: 's', hash: 'h' },
  seeds: [1],
  resumed: false,
  startedAt: '2025-01-01T00:00:00Z',
  runner: { name: 'r', concurrency: 1 },
  environment: {
    packages: {},
    git: { sha: null, dirty: null },
    node: 'v20',
    platform: 'linux',
    arch: 'x64',
    cpu: { model: 'cpu', count: 2 },
    engine: null,
    capturedAt: '2025-01-01T00:00:00Z',
  },
});

describe('JsonlLog', () => {
  it('appends whole lines, skips a torn last line and starts the next record on a fresh line', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'tb-jsonl-')), 'trials.jsonl');
    const log = new JsonlLog(file);
    log.append(session('a'));
    log.close();
    appendFileSync(file, '{"type":"session","sessionId":"torn'); // a write cut short by SIGKILL
    const log2 = new JsonlLog(file);
    log2.append(session('b'));
    log2.close();
    const lines = readFileSync(file, 'utf8').split('\n');
    expect(lines).toHaveLength(4); // a, torn, b, ''
    const read = readResultLog(file);
    expect(read.sessions.map((s) => s.sessionId)).toEqual(['a', 'b']);
    expect(read.badLines).toEqual([2]);
  });
});
