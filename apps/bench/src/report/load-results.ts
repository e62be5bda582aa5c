/**
 * Reads one results folder for `transferbench report`, strictly: every trials.jsonl line, summary.json and
 * run.json are validated with the published zod schemas, and a bad one is an error naming the file, the
 * line and the field. Two things are not errors: a line that is not JSON at all (a write torn by a kill —
 * the run itself skips those on resume) is skipped with a warning, and a missing summary.json (a run
 * interrupted before its end) is recomputed by the merge step. A schemaVersion this build does not read is
 * reported as such, before any field-level complaint.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { readLines } from '../store/read-lines.ts';
import { join, resolve } from 'node:path';
import {
  RESULTS_SCHEMA_VERSION,
  resultLineSchema,
  summarySchema,
  type BenchSummary,
  type SessionRecord,
  type TrialRecord,
} from '@transferbench/core';
import type { z } from 'zod';
import { resultFiles, runFileSchema, type RunFile } from '../store/results-dir.ts';
import { recordProblem } from '../store/jsonl-log.ts';

export interface LoadedRun {
  /** the folder as given */
  dir: string;
  absDir: string;
  sessions: SessionRecord[];
  /** latest record per trial id (a re-run trial's last line wins, as in the run) */
  records: Map<string, TrialRecord>;
  summary: BenchSummary | null;
  run: RunFile | null;
  schemaVersion: number;
  suite: { name: string; hash: string };
  warnings: string[];
}

export class ResultsError extends Error {}

function issueText(error: z.ZodError): string {
  const i = error.issues[0];
  return `${i.path.length ? `field "${i.path.join('.')}"` : 'the record'}: ${i.message}`;
}

function versionProblem(file: string, raw: unknown): string | null {
  const v = (raw as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (v === undefined || v === RESULTS_SCHEMA_VERSION) return null;
  return `${file}: written with results schemaVersion ${JSON.stringify(v)}; this transferbench reads version ${RESULTS_SCHEMA_VERSION} (use the transferbench version that wrote it)`;
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ResultsError(`${file}: not valid JSON (${(err as Error).message})`);
  }
}

export function loadResultsDir(dir: string): LoadedRun {
  const absDir = resolve(dir);
  if (!existsSync(absDir) || !statSync(absDir).isDirectory())
    throw new ResultsError(`${dir}: not a folder; expected a results folder written by \`transferbench run\``);
  const files = resultFiles(absDir);
  const trialsFile = join(dir, 'trials.jsonl');
  if (!existsSync(files.trials))
    throw new ResultsError(`${dir}: no trials.jsonl; expected a results folder written by \`transferbench run\``);
  const warnings: string[] = [];
  const sessions: SessionRecord[] = [];
  const records = new Map<string, TrialRecord>();
  const torn: number[] = [];
  let i = -1;
  for (const line of readLines(files.trials)) {
    i++;
    if (!line.trim()) continue;
    const where = `${trialsFile} line ${i + 1}`;
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch {
      torn.push(i + 1);
      continue;
    }
    // the same judgement as `run --resume` (store/jsonl-log.ts): a JSON line that is not a record is refused
    const parsed = resultLineSchema.safeParse(raw);
    if (!parsed.success) throw new ResultsError(`${where}: ${recordProblem(raw, parsed.error.issues[0])}`);
    if (parsed.data.type === 'session') sessions.push(parsed.data);
    else records.set(parsed.data.id, parsed.data);
  }
  if (torn.length)
    warnings.push(`${trialsFile}: skipped ${torn.length} line(s) that are not JSON (a write cut short by a kill): line ${torn.join(', ')}`);
  if (!sessions.length) throw new ResultsError(`${trialsFile}: no session record; expected the log written by \`transferbench run\``);

  let summary: BenchSummary | null = null;
  if (existsSync(files.summary)) {
    const where = join(dir, 'summary.json');
    const raw = readJson(files.summary);
    const version = versionProblem(where, raw);
    if (version) throw new ResultsError(version);
    const parsed = summarySchema.safeParse(raw);
    if (!parsed.success) throw new ResultsError(`${where}: does not match the summary schema — ${issueText(parsed.error)}`);
    summary = parsed.data;
  } else {
    warnings.push(`${dir}: no summary.json (the run did not finish); it is recomputed from trials.jsonl`);
  }

  let run: RunFile | null = null;
  if (existsSync(files.run)) {
    const parsed = runFileSchema.safeParse(readJson(files.run));
    if (!parsed.success)
      throw new ResultsError(`${join(dir, 'run.json')}: does not match the run file schema — ${issueText(parsed.error)}`);
    run = parsed.data;
  }

  // the folder's own suite is run.json's (else the latest session's); lines of another suite (a folder someone
  // appended to) are not this run's results: left out, and said so
  const own = run?.suiteHash ?? sessions.at(-1)!.suite.hash;
  const foreignSessions = sessions.filter((x) => x.suite.hash !== own);
  const foreign = [...records.values()].filter((r) => r.suiteHash !== own);
  if (foreign.length || foreignSessions.length) {
    for (const r of foreign) records.delete(r.id);
    const others = [...new Set([...foreignSessions.map((x) => x.suite.hash), ...foreign.map((r) => r.suiteHash)])].join(', ');
    warnings.push(
      `${trialsFile}: left out ${foreign.length} trial line(s) and ${foreignSessions.length} session(s) of another suite (hash ${others}; this run is ${own})` +
        (foreign.length
          ? `: ${foreign
              .slice(0, 5)
              .map((r) => `${r.job.dataset.id}/${r.job.estimator?.id ?? r.job.kind}#${r.job.seed}`)
              .join(', ')}${foreign.length > 5 ? ', …' : ''}`
          : ''),
    );
  }
  const mine = sessions.filter((x) => x.suite.hash === own);
  if (!mine.length)
    throw new ResultsError(
      `${trialsFile}: no session of the suite in run.json (${own}); expected the log written by \`transferbench run\``,
    );
  const last = mine.at(-1)!;
  return { dir, absDir, sessions: mine, records, summary, run, schemaVersion: last.schemaVersion, suite: last.suite, warnings };
}
