/**
 * `transferbench run`: load (or reload, for --resume) a suite, validate it against its plugins, plan the
 * trials, skip those already finished, run the rest through a TrialRunner while appending each result to
 * trials.jsonl, then write summary.json, leaderboard.md and the suite's reporters. An abort (Ctrl-C)
 * stops handing out trials, kills running children, keeps every finished trial and says how to resume.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import {
  RESULTS_SCHEMA_VERSION,
  type BenchSummary,
  type ResultsBundle,
  type SessionRecord,
  type TrialJob,
  type TrialRecord,
} from '@transferbench/core';
import { createBenchHost } from '../plugins/bench-host.ts';
import type { PluginHost } from '../plugins/host.ts';
import type { LoadedPluginFile } from '../plugins/load-plugin-file.ts';
import { DEFAULT_SUITE, loadSuite } from '../suite/load-suite.ts';
import { checkSuite } from '../suite/check-suite.ts';
import { planTrials } from '../suite/plan.ts';
import { JsonlLog, readResultLog } from '../store/jsonl-log.ts';
import { lockRunDir, type RunLock } from '../store/run-lock.ts';
import { newRunDir, readRunFile, resultFiles, writeFileAtomic, type RunFile } from '../store/results-dir.ts';
import { summarize } from '../report/summarize.ts';
import { LocalProcessRunner, defaultConcurrency } from '../trial/local-runner.ts';
import type { TrialRunner } from '../trial/runner.ts';
import { captureEnvironment } from '../environment.ts';
import { codeHash } from '../code-hash.ts';
import { checkResumeCode } from './code-version.ts';
import { checkResumeLog, checkRunIdentity } from './resume-checks.ts';
import { describePluginFiles, pluginFileIds, runHash, type PluginFileId } from './plugin-files.ts';
import { runPool } from './pool.ts';
import type { Progress } from './progress.ts';
import { datasetId, estimatorId, type Suite } from '../suite/suite-schema.ts';

export interface RunOptions {
  suiteFile?: string;
  resume?: string;
  plugins?: string[];
  concurrency?: number;
  /** results root (overrides the suite's `output`) */
  out?: string;
  /** run only these estimator ids */
  estimators?: string[];
  /** run only these dataset ids (a `folds: each` entry's id stands for all its folds) */
  datasets?: string[];
  signal?: AbortSignal;
  progress?: Progress;
  log?(line: string): void;
  /** where trials run; default: local child processes */
  runner?(tmpDir: string, concurrency: number): TrialRunner;
  /** resume even though earlier trials of the run were computed by other code (see code-version.ts) */
  allowCodeChange?: boolean;
  /** this code's hash, recorded in run.json and the session line; default `codeHash()` (injectable for tests) */
  codeHash?: string;
  /** called with the ids of the estimators that will run, before any results folder is made: throw to refuse the run */
  checkEstimators?(ids: string[]): void;
}

export interface RunOutcome {
  dir: string;
  status: 'complete' | 'interrupted';
  planned: number;
  /** finished in an earlier session and not recomputed */
  skipped: number;
  /** failed earlier and run again */
  rerunFailed: number;
  /** run in this session */
  ran: number;
  okThisSession: number;
  failedThisSession: number;
  summary?: BenchSummary;
}

interface Prepared {
  host: PluginHost;
  suite: Suite;
  hash: string;
  jobs: TrialJob[];
  dir: string;
  run: RunFile;
  resumed: boolean;
  concurrency: number;
  /** the results folder's lock, held until the run has written its reports */
  lock: RunLock;
}

/** What `--estimators` and `--datasets` restricted the run to (null = all). */
interface Filters {
  estimators: string[] | null;
  datasets: string[] | null;
}

async function prepare(opts: RunOptions, code: string, log: (l: string) => void): Promise<Prepared> {
  const host = await createBenchHost();
  let run: RunFile | undefined;
  let suite: Suite, baseDir: string, origin: string, suiteFile: string | null, cliPlugins: string[], filter: Filters;
  if (opts.resume) {
    if (opts.suiteFile) throw new Error('give either a suite file or --resume <dir>, not both (a resumed run reuses its own suite)');
    if (opts.plugins?.length || opts.estimators?.length || opts.datasets?.length)
      throw new Error('--plugin, --estimators and --datasets cannot change a run being resumed');
    run = readRunFile(opts.resume);
    ({ suite, baseDir, suiteFile, cliPlugins } = run);
    filter = { estimators: run.estimatorFilter, datasets: run.datasetFilter ?? null };
    origin = `${opts.resume}/run.json`;
  } else {
    const loaded = await loadSuite(opts.suiteFile ?? DEFAULT_SUITE);
    ({ suite, baseDir, file: suiteFile } = loaded);
    origin = opts.suiteFile ?? relative(process.cwd(), DEFAULT_SUITE);
    cliPlugins = (opts.plugins ?? []).map((p) => resolve(p));
    filter = { estimators: opts.estimators?.length ? opts.estimators : null, datasets: opts.datasets?.length ? opts.datasets : null };
  }

  // plugin files are code: hash them before importing any, and on resume refuse files the run did not start with
  const pluginFiles = pluginFileIds(suite, baseDir, cliPlugins, origin);
  let lock: RunLock | null = null;
  if (run) {
    const dir = resolve(opts.resume!);
    checkRunIdentity(opts.resume!, run, await host.resolveEngineName(suite.engine.name), pluginFiles);
    lock = await lockRunDir(dir, { onCompromised: log });
  }
  try {
    if (pluginFiles.length) log(describePluginFiles(pluginFiles));
    for (const f of pluginFiles.slice(0, pluginFiles.length - cliPlugins.length)) await host.addPluginFile(f.file);
    const cliLoaded = [];
    for (const f of pluginFiles.slice(pluginFiles.length - cliPlugins.length)) cliLoaded.push(await host.addPluginFile(f.file));
    return await prepareLocked(
      opts,
      { host, run, suite, baseDir, origin, suiteFile, cliPlugins, filter, pluginFiles, cliLoaded, lock },
      code,
      log,
    );
  } catch (err) {
    await lock?.release();
    throw err;
  }
}

interface Loaded {
  host: PluginHost;
  run: RunFile | undefined;
  suite: Suite;
  baseDir: string;
  origin: string;
  suiteFile: string | null;
  cliPlugins: string[];
  filter: Filters;
  pluginFiles: PluginFileId[];
  cliLoaded: LoadedPluginFile[];
  lock: RunLock | null;
}

async function prepareLocked(opts: RunOptions, l: Loaded, code: string, log: (l: string) => void): Promise<Prepared> {
  const { host, suite, baseDir, origin, suiteFile, cliPlugins, filter, pluginFiles, cliLoaded } = l;
  let { run, lock } = l;
  if (!run) {
    // estimators from --plugin files join the suite (one default budget) unless it already names them
    for (const f of cliLoaded) {
      for (const p of f.plugins) {
        if (p.kind !== 'estimator' || p.plugin.meta.kind === 'oracle') continue;
        if (suite.estimators.some((e) => e.plugin === p.plugin.meta.name || estimatorId(e) === p.plugin.meta.name)) continue;
        suite.estimators.push({ plugin: p.plugin.meta.name, options: {}, budgets: [{ name: 'default', options: {} }] });
        log(`added estimator "${p.plugin.meta.name}" from ${f.origin} (default options, one budget)`);
      }
    }
    const unknown = (flag: string, what: string, given: string[] | null, ids: Set<string>, named: string[]) => {
      const bad = (given ?? []).filter((f) => !ids.has(f));
      if (bad.length)
        throw new Error(`${flag}: unknown ${what} id ${bad.map((b) => `"${b}"`).join(', ')}; the suite has ${named.join(', ')}`);
    };
    const estimators = suite.estimators.map(estimatorId);
    unknown('--estimators', 'estimator', filter.estimators, new Set(estimators), estimators);
    // a `folds: each` entry by its id (all folds) or one fold's id
    const entries = [...new Set(suite.datasets.map((d) => d.group ?? datasetId(d)))];
    const folds = suite.datasets.filter((d) => d.group).map(datasetId);
    const foldHint = folds.length ? [`or one fold (${folds[0]}, …)`] : [];
    unknown('--datasets', 'dataset', filter.datasets, new Set([...entries, ...folds]), [...entries, ...foldHint]);
  }

  opts.checkEstimators?.(filter.estimators ?? suite.estimators.map(estimatorId));
  const checked = await checkSuite(suite, host, baseDir, origin, { log, datasets: filter.datasets });
  const hash = runHash(suite, checked.engine, pluginFiles);
  let dir: string;
  if (run) {
    if (run.suiteHash !== hash)
      throw new Error(
        `--resume ${opts.resume}: the suite now hashes to ${hash}, not ${run.suiteHash} (plugins or engines changed since the run started); start a new run instead`,
      );
    dir = resolve(opts.resume!);
  } else {
    dir = newRunDir(
      opts.out !== undefined ? { root: resolve(opts.out), from: '--out' } : { root: resolve(suite.output), from: `${origin}: output` },
      suite.name,
    );
    lock = await lockRunDir(dir, { onCompromised: log });
    l.lock = lock;
    run = {
      suite,
      suiteHash: hash,
      baseDir,
      suiteFile,
      cliPlugins,
      estimatorFilter: filter.estimators,
      datasetFilter: filter.datasets,
      createdAt: new Date().toISOString(),
      codeHash: code,
      pluginFiles,
    };
    writeFileAtomic(resultFiles(dir).run, `${JSON.stringify(run, null, 2)}\n`);
  }
  const jobs = planTrials(suite, {
    suiteHash: hash,
    engine: checked.engine,
    datasetOptions: checked.datasetOptions,
    plugins: host.files.map((f) => f.file),
    cacheDir: resolve('.cache', 'transferbench'),
    estimatorFilter: filter.estimators,
    datasetFilter: filter.datasets,
  });
  const concurrency = opts.concurrency ?? suite.concurrency ?? defaultConcurrency();
  return { host, suite, hash, jobs, dir, run, resumed: !!opts.resume, concurrency, lock: lock! };
}

export async function runSuite(opts: RunOptions = {}): Promise<RunOutcome> {
  const log = opts.log ?? ((l: string) => process.stderr.write(`${l}\n`));
  const signal = opts.signal ?? new AbortController().signal;
  const code = opts.codeHash ?? codeHash();
  const p = await prepare(opts, code, log);
  try {
    return await runPrepared(p, opts, code, signal, log);
  } finally {
    await p.lock.release();
  }
}

async function runPrepared(
  p: Prepared,
  opts: RunOptions,
  code: string,
  signal: AbortSignal,
  log: (l: string) => void,
): Promise<RunOutcome> {
  const files = resultFiles(p.dir);
  const previous = readResultLog(files.trials);
  if (p.resumed) checkResumeLog(displayDir(p.dir), p.hash, previous);
  if (previous.badLines.length)
    log(
      `note: skipped ${previous.badLines.length} unreadable line(s) in trials.jsonl (a write cut short by a kill): line ${previous.badLines.join(', ')}`,
    );
  // before anything is appended or run: refuse (or, allowed, warn) when earlier trials came from other code
  const codeWarning = p.resumed
    ? checkResumeCode(displayDir(p.dir), previous.sessions, previous.history, code, !!opts.allowCodeChange)
    : null;
  if (codeWarning) log(codeWarning);
  const records = new Map<string, TrialRecord>(previous.trials);
  const todo = p.jobs.filter((j) => records.get(j.id)?.status !== 'ok');
  const skipped = p.jobs.length - todo.length;
  const rerunFailed = todo.filter((j) => records.get(j.id)?.status === 'failed').length;

  const sessionId = randomUUID();
  // this session's own hand-over folder: removing it can never touch another session's files
  const tmpDir = join(files.tmp, sessionId);
  const runner: TrialRunner = opts.runner?.(tmpDir, p.concurrency) ?? new LocalProcessRunner({ concurrency: p.concurrency, tmpDir });
  const trialLog = new JsonlLog(files.trials);
  const environment = await captureEnvironment({
    name: p.jobs.find((j) => j.kind === 'estimate')?.engine.name ?? p.suite.engine.name,
    backend: p.suite.engine.backend ?? null,
  });
  const session: SessionRecord = {
    type: 'session',
    schemaVersion: RESULTS_SCHEMA_VERSION,
    sessionId,
    suite: { name: p.suite.name, hash: p.hash },
    seeds: p.suite.seeds,
    resumed: p.resumed,
    startedAt: new Date().toISOString(),
    runner: { name: runner.name, concurrency: runner.concurrency },
    environment,
    codeHash: code,
  };
  const sessions = [...previous.sessions, session];
  trialLog.append(session);

  log(`${p.resumed ? 'resuming' : 'running'} suite "${p.suite.name}" (${p.hash}) → ${displayDir(p.dir)}`);
  log(
    `${p.jobs.length} trials: ${skipped} already finished (not recomputed), ${rerunFailed} failed before (re-running), ${todo.length - rerunFailed} new; ${runner.scheduling ?? `${runner.concurrency} at a time`}`,
  );

  let ok = 0,
    failed = 0;
  opts.progress?.start(p.jobs.length, skipped, runner.concurrency);
  try {
    await runPool(todo, runner, signal, {
      onStart: (job) => opts.progress?.trialStarted(job),
      onResult: (job, result) => {
        const record: TrialRecord = { ...result, type: 'trial', schemaVersion: RESULTS_SCHEMA_VERSION, sessionId, suiteHash: p.hash, job };
        trialLog.append(record);
        records.set(job.id, record);
        if (result.status === 'ok') ok++;
        else failed++;
        opts.progress?.trialFinished(job, result);
      },
    });
  } finally {
    opts.progress?.stop();
    trialLog.close();
    await runner.close?.();
    rmSync(tmpDir, { recursive: true, force: true });
    if (existsSync(files.tmp) && !readdirSync(files.tmp).length) rmSync(files.tmp, { recursive: true, force: true });
  }
  const base = { dir: p.dir, planned: p.jobs.length, skipped, rerunFailed, ran: ok + failed, okThisSession: ok, failedThisSession: failed };
  if (signal.aborted) {
    const finished = p.jobs.filter((j) => records.has(j.id)).length;
    log(
      `interrupted: ${finished} of ${p.jobs.length} trials have results (${ok + failed} finished in this session); resume with:\n  transferbench run --resume ${displayDir(p.dir)}`,
    );
    return { ...base, status: 'interrupted' };
  }

  const kinds = new Map(p.host.registries.estimators.list().map((e) => [e.plugin.meta.name, e.plugin.meta.kind]));
  const summary = summarize({ suite: p.suite, suiteHash: p.hash, jobs: p.jobs, records, sessions, kinds });
  writeFileAtomic(files.summary, `${JSON.stringify(summary, null, 2)}\n`);
  await writeReports(p, { summary, trials: p.jobs.flatMap((j) => (records.get(j.id) ? [records.get(j.id)!] : [])), dir: p.dir }, log);
  log(`done: ${summary.trials.ok} ok, ${summary.trials.failed} failed of ${summary.trials.total} trials; results in ${displayDir(p.dir)}`);
  return { ...base, status: 'complete', summary };
}

/** leaderboard.md always, then each reporter the suite names; reporter files stay inside the results folder. */
async function writeReports(p: Prepared, bundle: ResultsBundle, log: (l: string) => void): Promise<void> {
  const wanted = [
    { name: 'leaderboard', options: {} as Record<string, unknown> },
    ...p.suite.reporters.map((r) => (typeof r === 'string' ? { name: r, options: {} } : r)),
  ];
  const seen = new Set<string>();
  for (const { name, options } of wanted) {
    if (seen.has(name)) continue;
    seen.add(name);
    const reporter = p.host.registries.reporters.get(name);
    try {
      const parsed = reporter.options ? reporter.options.parse(options) : options;
      for (const f of await reporter.render(bundle, parsed)) {
        const target = resolve(p.dir, f.path);
        const rel = relative(p.dir, target);
        if (rel.startsWith('..') || isAbsolute(rel)) throw new Error(`wants to write ${f.path}, outside the results folder`);
        writeFileAtomic(target, f.content);
      }
    } catch (err) {
      log(`reporter "${name}" failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}

/** A folder as the user would type it: relative when under the working directory, else absolute. */
export function displayDir(dir: string): string {
  const rel = relative(process.cwd(), dir);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : dir;
}
