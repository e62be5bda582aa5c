/**
 * Append-only JSONL log (trials.jsonl): each record is one line written with a single write and
 * fsync'd before the call returns, so a finished trial survives a crash or SIGKILL of the run. Lines
 * are never rewritten. A line torn by a kill mid-write is not JSON (the object's closing brace is its last
 * character): it is skipped on reading (and counted), and the next append starts on a fresh line. A line that
 * is JSON but not a valid record is no kill's doing (an edit, a foreign file, a newer schema): it is listed
 * apart, and both `run --resume` and `report` refuse the folder over it, naming the line and the field.
 */
import { closeSync, existsSync, fsyncSync, openSync, readSync, fstatSync, writeSync } from 'node:fs';
import { readLines } from './read-lines.ts';
import { RESULTS_SCHEMA_VERSION, resultLineSchema, type ResultLine, type SessionRecord, type TrialRecord } from '@transferbench/core';

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
  /** lines that are not JSON (torn by a kill): 1-based line numbers */
  badLines: number[];
  /** lines that are JSON but not valid records: 1-based line number and what is wrong */
  invalidLines: { line: number; problem: string }[];
}

export function readResultLog(file: string): ResultLog {
  const out: ResultLog = { sessions: [], trials: new Map(), history: [], badLines: [], invalidLines: [] };
  if (!existsSync(file)) return out;
  let i = -1;
  for (const line of readLines(file)) {
    i++;
    if (!line.trim()) continue;
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch {
      out.badLines.push(i + 1);
      continue;
    }
    const r = resultLineSchema.safeParse(raw);
    if (!r.success) {
      out.invalidLines.push({ line: i + 1, problem: recordProblem(raw, r.error.issues[0]) });
      continue;
    }
    const parsed: ResultLine = r.data;
    if (parsed.type === 'session') out.sessions.push(parsed);
    else {
      out.history.push(parsed);
      out.trials.set(parsed.id, parsed);
    }
  }
  return out;
}

/** What is wrong with a JSON line that is not a record (shared with `report`, so both say the same). */
export function recordProblem(raw: unknown, issue: { path: PropertyKey[]; message: string }): string {
  const v = (raw as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (v !== undefined && v !== RESULTS_SCHEMA_VERSION)
    return `written with results schemaVersion ${JSON.stringify(v)}; this transferbench reads version ${RESULTS_SCHEMA_VERSION} (use the transferbench version that wrote it)`;
  return `not a valid session or trial record — ${issue.path.length ? `field "${issue.path.join('.')}"` : 'the record'}: ${issue.message}`;
}
