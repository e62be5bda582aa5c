/**
 * `transferbench study-report <results-dir...> --out <dir> [--statistical learning-curve] [--computational tag]`
 * (`transferbench run <suite> --study-report <dir>` writes the same report when its run completes: a study in one command)
 * Turns a benchmark run's results into a study's published report (study/study-page.ts): `index.html`,
 * `README.md` and `numbers.json` in --out (e.g. docs/studies/kiba), conclusion first, then protocol, compute and
 * the leaderboard. Folders load and merge as for `transferbench report` (validated; runs of the same suite merge,
 * others are refused — a study is one suite, so there is no --force). Each folder needs its run.json: the
 * protocol is the suite as run. The two methods the claim compares must be estimators that ran. Exit 1 with
 * the message on stderr on any error.
 * `--check` writes nothing: it renders the report from the folders and compares it with the one in --out
 * (study/compare-numbers.ts) — numbers.json figure by figure, README.md line by line — so a committed report can
 * be checked against its results. Any difference is an error listing the figures that differ. With
 * `--fresh-run <tolerance>` the results are a new run of the study: its statistics must equal the committed ones
 * (same seeds, same numbers), its CPU figures may differ by the tolerance, and README.md is not compared.
 */
import type { Command } from 'commander';
import { existsSync, readFileSync } from 'node:fs';
import { basename, isAbsolute, join, relative, resolve } from 'node:path';
import { REPO_ROOT } from '../environment.ts';
import { z } from 'zod';
import { createBenchHost } from '../plugins/bench-host.ts';
import { loadResultsDir } from '../report/load-results.ts';
import { mergeRuns } from '../report/merge-runs.ts';
import { datasetId, estimatorId, namedIn } from '../suite/suite-schema.ts';
import { DEFAULT_METHODS, type ClaimMethods } from '../study/claim.ts';
import { comparePage, compareNumbers, countFigures, differenceLines } from '../study/compare-numbers.ts';
import { studyNumbersSchema, type StudyNumbers } from '../study/numbers.ts';
import { renderStudyPage, STUDY_FILES, writeStudyPage, type StudyPageInput, type StudyPageOutcome } from '../study/study-page.ts';

const method = (flag: string) =>
  z
    .string({ error: `${flag} <estimator>: expected an estimator id of the run's suite` })
    .min(1, `${flag} <estimator>: expected an estimator id`);

const optionsSchema = z.object({
  out: z
    .string({ error: '--out <dir> is required: the folder the study report is written to (e.g. docs/studies/kiba)' })
    .min(1, '--out <dir> is required'),
  statistical: method('--statistical').default(DEFAULT_METHODS.statistical),
  computational: method('--computational').default(DEFAULT_METHODS.computational),
  check: z.boolean().default(false),
  freshRun: z.coerce
    .number({ error: '--fresh-run <tolerance>: expected a relative tolerance for CPU figures, e.g. 0.5' })
    .min(0, '--fresh-run <tolerance>: expected a tolerance ≥ 0')
    .optional(),
});

export interface StudyReportOptions {
  dirs: string[];
  out: string;
  /** estimator id of the statistical method the claim is about (default learning-curve) */
  statistical?: string;
  /** estimator id of the computational baseline (default tag) */
  computational?: string;
  /** --check against a fresh run: CPU figures within this relative tolerance, README.md not compared */
  freshRun?: number;
  log?(line: string): void;
}

/**
 * The claim's two methods, defaults filled in; refused unless both are among the estimators `ids` (`where`: "ran in
 * <folders>", or "runs in this suite" before a run) and they differ.
 */
export function claimMethods(o: Partial<ClaimMethods>, ids: string[], where: string): ClaimMethods {
  const methods = {
    statistical: o.statistical ?? DEFAULT_METHODS.statistical,
    computational: o.computational ?? DEFAULT_METHODS.computational,
  };
  for (const [flag, id] of [
    ['--statistical', methods.statistical],
    ['--computational', methods.computational],
  ])
    if (!ids.includes(id)) throw new Error(`${flag} ${id}: no estimator of that id ${where} (estimators: ${ids.join(', ')})`);
  if (methods.statistical === methods.computational)
    throw new Error(`--statistical and --computational are both ${methods.statistical}: the claim compares two different estimators`);
  return methods;
}

/** The folders loaded, checked and merged into what the study page renders. */
async function studyInput(o: StudyReportOptions): Promise<StudyPageInput> {
  const log = o.log ?? ((l: string) => process.stderr.write(`${l}\n`));
  if (!o.dirs.length) throw new Error('study-report: give at least one results folder');
  const runs = o.dirs.map((d) => loadResultsDir(d));
  const noRun = runs.find((r) => !r.run);
  if (noRun)
    throw new Error(
      `${join(noRun.dir, 'run.json')}: missing; a study's protocol is the suite as run, which \`transferbench run\` writes there when it starts`,
    );
  // the protocol lists the estimators and datasets that ran: a run restricted by --estimators or --datasets planned only
  // those (merged: their union)
  const union = (filters: (string[] | null | undefined)[]) => (filters.some((f) => !f) ? null : [...new Set(filters.flat() as string[])]);
  const estimatorsRan = union(runs.map((r) => r.run!.estimatorFilter));
  const datasetsRan = union(runs.map((r) => r.run!.datasetFilter));
  const asRun = runs[0].run!.suite;
  const suite = {
    ...asRun,
    estimators: asRun.estimators.filter((e) => !estimatorsRan || estimatorsRan.includes(estimatorId(e))),
    datasets: asRun.datasets.filter((d) => !datasetsRan || namedIn(datasetsRan, d)),
  };
  // by entry; a fold by its own id when other folds of its group ran
  const partly = new Set(suite.datasets.map((d) => d.group));
  const notRun = [
    ...new Set(
      asRun.datasets.filter((d) => !suite.datasets.includes(d)).map((d) => (d.group && !partly.has(d.group) ? d.group : datasetId(d))),
    ),
  ];
  const methods = claimMethods(o, suite.estimators.map(estimatorId), `ran in ${runs.map((r) => r.dir).join(', ')}`);

  const host = await createBenchHost();
  const kinds = new Map(host.registries.estimators.list().map((e) => [e.plugin.meta.name, e.plugin.meta.kind]));
  const { bundle, warnings } = mergeRuns(runs, { kinds });
  for (const w of warnings) log(`note: ${w}`);
  // the page is published: name the folders as given, not this machine's absolute paths
  return {
    bundle: { ...bundle, dir: o.dirs.join(' + ') },
    suite,
    notRun,
    commands: commandsOf(o, runs, methods),
    host,
    methods,
    out: o.out,
  };
}

/** The commands that made the report: each folder's `run` (its part, as run.json records it), then this report's. */
function commandsOf(o: StudyReportOptions, runs: ReturnType<typeof loadResultsDir>[], methods: ClaimMethods): string[] {
  // never this machine's paths: a suite file by its path in this repository (the longest tail of its path found here:
  // a run from another clone of it names apps/bench/suites/…), else by its name; --out as given, relative if under here
  const repoPath = (file: string) => {
    const parts = file.split(/[\\/]/);
    for (let i = 1; i < parts.length; i++) if (existsSync(join(REPO_ROOT, ...parts.slice(i)))) return parts.slice(i).join('/');
    return basename(file);
  };
  const out = relative(process.cwd(), resolve(o.out));
  const shownOut = out && !out.startsWith('..') && !isAbsolute(out) ? out : o.out;
  const flag = (name: string, ids: string[] | null | undefined) => (ids?.length ? ` ${name} ${ids.join(',')}` : '');
  const run = runs.map(({ run: r }, i) => {
    const plugins = r!.cliPlugins.map((f) => ` --plugin ${repoPath(f)}`).join('');
    return `npx transferbench run ${r!.suiteFile ? repoPath(r!.suiteFile) : '<suite>'}${flag('--datasets', r!.datasetFilter)}${flag('--estimators', r!.estimatorFilter)}${plugins} (→ ${o.dirs[i]})`;
  });
  const flags = (['statistical', 'computational'] as const)
    .filter((m) => methods[m] !== DEFAULT_METHODS[m])
    .map((m) => ` --${m} ${methods[m]}`)
    .join('');
  return [...run, `npx transferbench study-report ${o.dirs.join(' ')} --out ${shownOut}${flags}`];
}

export async function writeStudyReport(o: StudyReportOptions): Promise<StudyPageOutcome> {
  return writeStudyPage(await studyInput(o));
}

function readCommitted(file: string, what: string): string {
  if (!existsSync(file))
    throw new Error(`${file}: missing; --check compares ${what} with the report written there by study-report without --check`);
  return readFileSync(file, 'utf8');
}

function committedNumbers(file: string): StudyNumbers {
  const text = readCommitted(file, "the study's figures");
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new Error(`${file}: not valid JSON (${err instanceof Error ? err.message : err})`);
  }
  const parsed = studyNumbersSchema.safeParse(json);
  if (!parsed.success)
    throw new Error(
      `${file}: not a study's numbers.json: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(top)'}: ${i.message}`).join('; ')}`,
    );
  return parsed.data;
}

/**
 * `--check`: the report rendered from the folders against the one in --out. Agreeing: the number of figures
 * compared. Otherwise throws, listing the figures (at most 20) and the first README.md line that differ.
 */
export async function checkStudyReport(o: StudyReportOptions): Promise<{ figures: number }> {
  const numbersFile = join(o.out, STUDY_FILES.numbers);
  const readmeFile = join(o.out, STUDY_FILES.md);
  const committed = committedNumbers(numbersFile);
  const fresh = await renderStudyPage(await studyInput(o));
  const problems: string[] = [];
  const diffs = compareNumbers(committed, fresh.numbers, o.freshRun ?? null);
  if (diffs.length)
    problems.push(`${numbersFile} differs from the results in ${diffs.length} figure(s):`, ...differenceLines(diffs).map((l) => `  ${l}`));
  // a fresh run's page differs in what it says of the run itself (sessions, commit, CPU-seconds): its figures are compared above
  const page = o.freshRun === undefined ? comparePage(readCommitted(readmeFile, 'the page'), fresh.contents[STUDY_FILES.md]) : null;
  if (page) {
    const cut = (l: string | null) => (l === null ? '(end of file)' : JSON.stringify(l.length > 200 ? `${l.slice(0, 199)}…` : l));
    problems.push(
      `${readmeFile} differs from a fresh render at line ${page.line} (${page.lines} line(s) differ; the "summary created" line aside):`,
      `  committed ${cut(page.committed)}`,
      `  fresh     ${cut(page.fresh)}`,
    );
  }
  if (problems.length) throw new Error(problems.join('\n'));
  return { figures: countFigures(fresh.numbers) };
}

export function registerStudyReport(program: Command): void {
  program
    .command('study-report')
    .description(
      "write a study's report (index.html, README.md, numbers.json) from a run's results: the claim's verdicts, protocol, compute, leaderboard",
    )
    .argument('<results-dir...>', 'results folders of one suite written by `transferbench run` (several: merged, trials unioned by id)')
    .option('--out <dir>', 'folder to write the report to (e.g. docs/studies/kiba)')
    .option('--statistical <estimator>', 'estimator id of the statistical method the claim is about', DEFAULT_METHODS.statistical)
    .option('--computational <estimator>', 'estimator id of the computational baseline it is compared with', DEFAULT_METHODS.computational)
    .option(
      '--check',
      'write nothing: compare the report in --out (numbers.json, README.md) with one rendered from the results; exit 1 listing what differs',
    )
    .option(
      '--fresh-run <tolerance>',
      'with --check, for results of a new run of the study: statistics must be equal, CPU figures within this relative tolerance (e.g. 0.5); README.md is not compared',
    )
    .action(async (dirs: string[], raw: unknown) => {
      const parsed = optionsSchema.safeParse(raw);
      if (!parsed.success) throw new Error(parsed.error.issues.map((i) => i.message).join('; '));
      if (parsed.data.freshRun !== undefined && !parsed.data.check) throw new Error('--fresh-run <tolerance> goes with --check');
      if (parsed.data.check) {
        const { figures } = await checkStudyReport({ dirs, ...parsed.data });
        process.stdout.write(`numbers.json matches the results (${figures} figures)\n`);
        return;
      }
      const { files } = await writeStudyReport({ dirs, ...parsed.data });
      for (const f of files) process.stdout.write(`${relative(process.cwd(), f) || f}\n`);
    });
}
