/**
 * Several results folders → one ResultsBundle for the reporters (`transferbench report`). One folder with
 * its summary.json is reported as it is. Otherwise (several folders, e.g. the same suite run on different
 * machines or commits, or one run without a summary) the trials are unioned by trial id — trial ids hash
 * what determines a trial's numbers, so the same id is the same work whoever ran it; a finished record beats
 * a failed one, then the later one wins — and the summary is recomputed by the bench's own `summarize` over
 * the union of the runs' planned trials (re-planned from each run.json, so unrun trials count as missing).
 *
 * Runs of different suites (suite hash) or results schema versions are refused unless `force`: the merged
 * bundle then records the conflicts, its suite hash joins the merged hashes (`a+b`), and the reporters say
 * it was forced. A forced merge of different suites plans the union of their seeds, datasets and estimators.
 */
import { type SessionRecord, type TrialJob, type TrialRecord } from '@transferbench/core';
import type { MergeInfo, ReportBundle } from '@transferbench/reporters';
import { planTrials } from '../suite/plan.ts';
import { summarize } from './summarize.ts';
import type { LoadedRun } from './load-results.ts';
import { datasetId, estimatorId, type Suite } from '../suite/suite-schema.ts';

export class IncompatibleMergeError extends Error {}

export interface MergeOptions {
  force?: boolean;
  /** estimator plugin name → kind (the registry's); the runs' summaries fill in the rest, else kind is null */
  kinds?: Map<string, string>;
  now?: Date;
}

/** What makes runs incompatible, one line each (empty = compatible). */
export function mergeConflicts(runs: LoadedRun[]): string[] {
  const out: string[] = [];
  const differ = (label: string, key: (r: LoadedRun) => string) => {
    const values = new Set(runs.map(key));
    if (values.size > 1) out.push(`${label} differs: ${runs.map((r) => `${key(r)} (${r.dir})`).join(', ')}`);
  };
  differ('suite hash', (r) => r.suite.hash);
  differ('results schemaVersion', (r) => String(r.schemaVersion));
  return out;
}

function better(a: TrialRecord, b: TrialRecord): TrialRecord {
  if (a.status !== b.status) return a.status === 'ok' ? a : b;
  return b.finishedAt >= a.finishedAt ? b : a;
}

/** The first suite, widened by the other suites' seeds, datasets and estimators (budgets by name). */
function unionSuite(suites: Suite[]): Suite {
  const [first, ...rest] = suites;
  const s: Suite = structuredClone(first);
  for (const o of rest) {
    s.seeds = [...new Set([...s.seeds, ...o.seeds])].sort((a, b) => a - b);
    for (const d of o.datasets) if (!s.datasets.some((x) => datasetId(x) === datasetId(d))) s.datasets.push(d);
    for (const e of o.estimators) {
      const mine = s.estimators.find((x) => estimatorId(x) === estimatorId(e));
      if (!mine) s.estimators.push(e);
      else for (const b of e.budgets) if (!mine.budgets.some((x) => x.name === b.name)) mine.budgets.push(b);
    }
  }
  return s;
}

/** The run's planned jobs (ids only depend on suite content, seed and the resolved engine it ran with). */
function plannedJobs(run: LoadedRun): TrialJob[] {
  if (!run.run) return [];
  const engine =
    [...run.records.values()].find((r) => r.job.kind === 'estimate')?.job.engine.name ??
    run.sessions.at(-1)!.environment.engine?.name ??
    run.run.suite.engine.name;
  return planTrials(run.run.suite, {
    suiteHash: run.run.suiteHash,
    engine,
    datasetOptions: new Map(),
    plugins: [],
    estimatorFilter: run.run.estimatorFilter,
    datasetFilter: run.run.datasetFilter,
  });
}

export function mergeRuns(runs: LoadedRun[], opts: MergeOptions = {}): { bundle: ReportBundle; warnings: string[] } {
  if (!runs.length) throw new Error('mergeRuns: no results folder');
  const conflicts = mergeConflicts(runs);
  if (conflicts.length && !opts.force) {
    throw new IncompatibleMergeError(
      `cannot merge these results: ${conflicts.join('; ')}.\n` +
        'The suite hash covers the datasets, estimators, budgets, seeds, model and engine: numbers from different suites (or schema versions) ' +
        'do not belong in one leaderboard. Pass --force to merge anyway; the report will then say it was forced and list the merged hashes.',
    );
  }
  const warnings = runs.flatMap((r) => r.warnings);
  if (runs.length === 1 && runs[0].summary) {
    const r = runs[0];
    const summary = r.summary!;
    const trials = [...r.records.values()];
    return { bundle: { summary, trials, dir: r.absDir }, warnings };
  }

  const missingRun = runs.filter((r) => !r.run);
  if (missingRun.length) {
    throw new Error(
      `${missingRun.map((r) => r.dir).join(', ')}: no run.json; recomputing the summary needs the suite as run (every \`transferbench run\` writes run.json when it starts)`,
    );
  }

  const records = new Map<string, TrialRecord>();
  let duplicateTrials = 0;
  for (const r of runs) {
    for (const [id, rec] of r.records) {
      const known = records.get(id);
      if (known) duplicateTrials++;
      records.set(id, known ? better(known, rec) : rec);
    }
  }
  const jobs: TrialJob[] = [];
  const seen = new Set<string>();
  const add = (j: TrialJob) => {
    if (!seen.has(j.id)) {
      seen.add(j.id);
      jobs.push(j);
    }
  };
  for (const r of runs) plannedJobs(r).forEach(add);
  const unplanned = [...records.values()].filter((r) => !seen.has(r.id));
  if (unplanned.length)
    warnings.push(
      `${unplanned.length} trial record(s) match no planned trial of their run.json (the suite changed?); counted with their own job`,
    );
  unplanned.forEach((r) => add(r.job));

  const sessions: SessionRecord[] = runs.flatMap((r) => r.sessions).sort((a, b) => a.startedAt.localeCompare(b.startedAt));
  const kinds = new Map(opts.kinds ?? []);
  for (const r of runs) for (const row of r.summary?.rows ?? []) if (row.kind && !kinds.has(row.plugin)) kinds.set(row.plugin, row.kind);
  const hashes = [...new Set(runs.map((r) => r.suite.hash))];
  const suite = unionSuite(runs.map((r) => r.run!.suite));
  const summary = summarize({ suite, suiteHash: hashes.join('+'), jobs, records, sessions, kinds, now: opts.now });

  const merge: MergeInfo | undefined =
    runs.length > 1 || conflicts.length
      ? {
          runs: runs.map((r) => ({
            dir: r.dir,
            suite: r.suite,
            schemaVersion: r.schemaVersion,
            gitShas: [...new Set(r.sessions.map((s) => s.environment.git.sha).filter((s): s is string => !!s))],
            trials: r.records.size,
          })),
          forced: conflicts.length > 0,
          conflicts,
          duplicateTrials,
        }
      : undefined;
  const trials = jobs.flatMap((j) => (records.has(j.id) ? [records.get(j.id)!] : []));
  return { bundle: { summary, trials, dir: runs.map((r) => r.absDir).join(' + '), ...(merge ? { merge } : {}) }, warnings };
}
