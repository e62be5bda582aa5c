import { describe, expect, it } from 'vitest';
import { appendFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sessionRecord } from '../testing/session-record.ts';
import { JsonlLog, readResultLog } from './jsonl-log.ts';

const session = (id: string) => sessionRecord(id);

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
