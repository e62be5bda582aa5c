/**
 * Append-only JSONL log (trials.jsonl): each record is one line written with a single write and
 * fsync'd before the call returns, so a finished trial survives a crash or SIGKILL of the run. Lines
 * are never rewritten. A line torn by a kill mid-write is skipped on reading (and counted), and the
 * next append starts on a fresh line.
 */
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, readSync, fstatSync, writeSync } from 'node:fs';
import { resultLineSchema, type ResultLine, type SessionRecord, type TrialRecord } from '@transferbench/core';

export class JsonlLog {
  private fd: number | null = null;

  constructor(readonly file: string) {}

  append(record: ResultLine): void {
    if (this.fd === null) {
      this.fd = openSync(this.file, 'a+');
      if (!endsWithNewline(this.fd)) writeSync(this.fd, '\n');
    }
    writeSync(this.fd, `${JSON.stringify(record)}\n`);
    fsyncSync(this.fd);
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }
}

function endsWithNewline(fd: number): boolean {
  const size = fstatSync(fd).size;
  if (size === 0) return true;
  const b = Buffer.alloc(1);
  readSync(fd, b, 0, 1, size - 1);
  return b[0] === 0x0a;
}

export interface ResultLog {
  sessions: SessionRecord[];
  /** latest record per trial id */
  trials: Map<string, TrialRecord>;
  /** every trial line in file order (a re-run trial appears more than once) */
  history: TrialRecord[];
  /** lines that were not valid records (e.g. torn by a kill): 1-based line numbers */
  badLines: number[];
}

export function readResultLog(file: string): ResultLog {
  const out: ResultLog = { sessions: [], trials: new Map(), history: [], badLines: [] };
  if (!existsSync(file)) return out;
  const lines = readFileSync(file, 'utf8').split('\n');
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    let parsed: ResultLine;
    try {
      parsed = resultLineSchema.parse(JSON.parse(line));
    } catch {
      out.badLines.push(i + 1);
      return;
    }
    if (parsed.type === 'session') out.sessions.push(parsed);
    else {
      out.history.push(parsed);
      out.trials.set(parsed.id, parsed);
    }
  });
  return out;
}
