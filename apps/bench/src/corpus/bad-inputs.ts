/**
 * The bad-input corpus (issue 17): one row per hostile or unlucky input — the command line, the files it
 * reads, the exit code expected and a fragment of the message, which must name the file, field or flag and
 * the expected form (and never be a stack trace). `bad-inputs.test.ts` runs every row; most run in-process
 * through the commander program (milliseconds), rows marked `process` spawn the real CLI (exit codes as a
 * shell sees them), and `trial` rows run one trial of a misbehaving plugin through `executeTrial`.
 *
 * `from` says where a row comes from: `wrong` / `unclear` are the cases issue 17 lists as wrong or unclear
 * before its fix; `handled` are kinds of input that were already handled well and must stay so.
 *
 * Placeholders in arguments and file contents: `$DIR` (the row's own temp folder), `$RUN` (a copy of a
 * finished results folder of the `tiny` suite, made for the row), `$TEST` / `$HOSTILE` / `$RANDOM` (plugin
 * files: the test plugins, the misbehaving ones, the shipped template) and `$FIXTURES` (testing/fixtures).
 */
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RANDOM_ESTIMATOR, TEST_PLUGINS } from '../testing/suite-files.ts';
import { HOSTILE_PLUGINS } from '../testing/processes.ts';

export type From = 'wrong' | 'unclear' | 'handled';

export interface CliCase {
  id: string;
  from: From;
  /** arguments after `transferbench` */
  args: string[];
  /** files written into $DIR first: `.yaml` objects as YAML, `.json` objects as JSON, strings as they are */
  files?: Record<string, unknown>;
  /** edits to the copied results folder $RUN before the command runs */
  mutate?(runDir: string): void;
  /** spawn the real CLI instead of running the program in this process */
  process?: boolean;
  exit: number;
  /** must appear in the output (stderr, and stdout for exit 0) */
  message: RegExp;
}

export interface TrialCase {
  id: string;
  from: From;
  estimator: string;
  options: Record<string, unknown>;
  reason: 'invalid-output' | 'error';
  message: RegExp;
}

/** A good tiny suite; rows override fields to make it bad. */
export const tiny = (over: Record<string, unknown> = {}) => ({
  name: 'tiny',
  datasets: [{ plugin: 'tiny-planted' }],
  estimators: [{ plugin: 'test-signal', budgets: [{ name: 'lo', options: { noise: 0.5 } }] }],
  seeds: [1],
  truth: { source: 'planted' },
  engine: { name: 'none' },
  plugins: ['$TEST'],
  ...over,
});

const suite = (over: Record<string, unknown> = {}) => ({ 'suite.yaml': tiny(over) });
const run = (over: Record<string, unknown> = {}, ...extra: string[]): Pick<CliCase, 'args' | 'files'> => ({
  args: ['run', '$DIR/suite.yaml', '--out', '$DIR/out', ...extra],
  files: suite(over),
});
const estimate = (...args: string[]) => ['estimate', '--plugin', '$TEST', '--plugin', '$HOSTILE', '--engine', 'none', ...args];
const est = (...args: string[]) => estimate('--dataset', 'tiny-planted', ...args);
/** a suite file's own name in messages */
const SUITE = /suite \$DIR\/suite\.yaml is invalid:\n/;
const inSuite = (detail: RegExp) => new RegExp(`${SUITE.source}(.|\\n)*${detail.source}`);

export const cliCases: CliCase[] = [
  // ── suite files: reading them ────────────────────────────────────────────────────────────────────────
  { id: 'suite-missing', from: 'handled', args: ['run', '$DIR/nope.yaml'], exit: 1, message: /suite file not found: \$DIR\/nope\.yaml/ },
  {
    id: 'suite-is-a-folder',
    from: 'unclear',
    args: ['run', '$DIR'],
    exit: 1,
    message: /suite \$DIR: is a folder; expected a suite file \(\.yaml, \.yml, \.json, \.ts, \.js or \.mjs\)/,
  },
  {
    id: 'suite-unknown-extension',
    from: 'handled',
    args: ['run', '$DIR/suite.txt'],
    files: { 'suite.txt': 'name: x' },
    exit: 1,
    message: /suite \$DIR\/suite\.txt: unknown format "\.txt"; expected \.yaml, \.yml, \.json/,
  },
  {
    id: 'suite-yaml-syntax',
    from: 'handled',
    args: ['run', '$DIR/suite.yaml'],
    files: { 'suite.yaml': 'name: [unclosed\nseeds: 1' },
    exit: 1,
    message: /suite \$DIR\/suite\.yaml: cannot read it: .*(flow|collection|unexpected|Missing)/i,
  },
  {
    id: 'suite-json-syntax',
    from: 'handled',
    args: ['run', '$DIR/suite.json'],
    files: { 'suite.json': '{"name": "x",' },
    exit: 1,
    message: /suite \$DIR\/suite\.json: cannot read it: .*JSON/,
  },
  {
    id: 'suite-not-an-object',
    from: 'handled',
    args: ['run', '$DIR/suite.yaml'],
    files: { 'suite.yaml': '42\n' },
    exit: 1,
    message: inSuite(/<root>: Invalid input: expected object, received number/),
  },
  {
    id: 'suite-module-without-default',
    from: 'handled',
    args: ['run', '$DIR/suite.mjs'],
    files: { 'suite.mjs': 'export const suite = {};\n' },
    exit: 1,
    message: /suite \$DIR\/suite\.mjs: cannot read it: expected a default export with the suite object/,
  },
  // ── suite files: fields ──────────────────────────────────────────────────────────────────────────────
  {
    id: 'suite-name-missing',
    from: 'handled',
    ...run({ name: undefined }),
    exit: 1,
    message: inSuite(/name: Invalid input: expected string, received undefined/),
  },
  {
    id: 'suite-name-space',
    from: 'handled',
    ...run({ name: 'my suite' }),
    exit: 1,
    message: inSuite(/name: letters, digits, "\.", "_" or "-"/),
  },
  {
    id: 'suite-name-too-long',
    from: 'unclear',
    ...run({ name: 'n'.repeat(300) }),
    exit: 1,
    message: inSuite(/name: at most 100 characters \(it names files and folders\)/),
  },
  {
    id: 'suite-unknown-key',
    from: 'handled',
    ...run({ estimator: [] }),
    exit: 1,
    message: inSuite(/<root>: Unrecognized key: "estimator"/),
  },
  {
    id: 'suite-no-datasets',
    from: 'handled',
    ...run({ datasets: [] }),
    exit: 1,
    message: inSuite(/datasets: Too small: expected array to have >=1 items/),
  },
  {
    id: 'suite-seed-string',
    from: 'handled',
    ...run({ seeds: [1, 'two'] }),
    exit: 1,
    message: inSuite(/seeds\[1\]: Invalid input: expected number, received string/),
  },
  { id: 'suite-seeds-repeat', from: 'handled', ...run({ seeds: [3, 3] }), exit: 1, message: inSuite(/seeds: seeds must be distinct/) },
  {
    id: 'suite-seed-beyond-32-bits',
    from: 'wrong',
    ...run({ seeds: [1, 4294967297] }),
    exit: 1,
    message: inSuite(/seeds\[1\]: expected a seed in \[-2147483648, 2147483647\] \(32-bit\)/),
  },
  {
    id: 'suite-seed-fraction',
    from: 'handled',
    ...run({ seeds: [1.5] }),
    exit: 1,
    message: inSuite(/seeds\[0\]: expected a whole number/),
  },
  {
    id: 'suite-truth-seed-beyond-32-bits',
    from: 'wrong',
    ...run({ truth: { source: 'oracle', estimator: 'test-oracle', seed: 2 ** 40 } }),
    exit: 1,
    message: inSuite(/truth\.pairwise\.seed: expected a seed in \[-2147483648, 2147483647\]/),
  },
  { id: 'suite-alpha-2', from: 'handled', ...run({ alpha: 2 }), exit: 1, message: inSuite(/alpha: Too big: expected number to be <1/) },
  {
    id: 'suite-target-power-0',
    from: 'handled',
    ...run({ targetPower: 0 }),
    exit: 1,
    message: inSuite(/targetPower: Too small: expected number to be >0/),
  },
  {
    id: 'suite-timeout-overflows-timers',
    from: 'wrong',
    ...run({ trial: { timeoutSec: 1e12 } }),
    exit: 1,
    message: inSuite(/trial\.timeoutSec: at most 604800 s \(7 days\)/),
  },
  {
    id: 'suite-timeout-negative',
    from: 'handled',
    ...run({ trial: { timeoutSec: -1 } }),
    exit: 1,
    message: inSuite(/trial\.timeoutSec: Too small: expected number to be >0/),
  },
  {
    id: 'suite-memory-tiny',
    from: 'handled',
    ...run({ trial: { memoryMb: 10 } }),
    exit: 1,
    message: inSuite(/trial\.memoryMb: Too small: expected number to be >=64/),
  },
  {
    id: 'suite-concurrency-0',
    from: 'handled',
    ...run({ concurrency: 0 }),
    exit: 1,
    message: inSuite(/concurrency: Too small: expected number to be >0/),
  },
  {
    id: 'suite-duplicate-budget',
    from: 'handled',
    ...run({ estimators: [{ plugin: 'test-signal', budgets: [{ name: 'a' }, { name: 'a' }] }] }),
    exit: 1,
    message: inSuite(/estimators\[0\]\.budgets\[1\]\.name: duplicate budget "a"/),
  },
  {
    id: 'suite-hidden-huge',
    from: 'unclear',
    ...run({ model: { hidden: 1e9 } }),
    exit: 1,
    message: inSuite(/model\.hidden: Too big: expected number to be <=65536/),
  },
  {
    id: 'suite-compounds-huge',
    from: 'unclear',
    ...run({ datasets: [{ plugin: 'synthetic', options: { compounds: 1e12 } }] }),
    exit: 1,
    message: inSuite(/datasets\[0\]\.options\.compounds: Too big: expected number to be <=10000000/),
  },
  // ── suite files: plugins and their options ───────────────────────────────────────────────────────────
  {
    id: 'suite-unknown-dataset',
    from: 'handled',
    ...run({ datasets: [{ plugin: 'kibba' }] }),
    exit: 1,
    message: inSuite(/datasets\[0\]\.plugin: unknown dataset "kibba"; available: .*tiny-planted/),
  },
  {
    id: 'suite-unknown-estimator',
    from: 'handled',
    ...run({ estimators: [{ plugin: 'nope' }] }),
    exit: 1,
    message: inSuite(/estimators\[0\]\.plugin: unknown estimator "nope"; available: .*test-signal/),
  },
  {
    id: 'suite-option-type',
    from: 'handled',
    ...run({ estimators: [{ plugin: 'test-signal', budgets: [{ name: 'lo', options: { noise: 'loud' } }] }] }),
    exit: 1,
    message: inSuite(/estimators\[0\]\.budgets\[0\] "lo": options\.noise: Invalid input: expected number, received string/),
  },
  {
    id: 'suite-option-typo',
    from: 'wrong',
    ...run({ estimators: [{ plugin: 'test-signal', options: { nosie: 0.2 } }] }),
    exit: 1,
    message: inSuite(/estimators\[0\]\.budgets\[0\] "default": options: unknown option "nosie"; valid options: noise, sleepMs/),
  },
  {
    id: 'suite-template-option-typo',
    from: 'wrong',
    ...run({ estimators: [{ plugin: 'random', options: { scael: 2 } }], plugins: ['$TEST', '$RANDOM'] }),
    exit: 1,
    message: inSuite(/estimators\[0\]\.budgets\[0\] "default": options: Unrecognized key: "scael"/),
  },
  {
    id: 'suite-dataset-option-typo',
    from: 'wrong',
    ...run({ datasets: [{ plugin: 'tiny-planted', options: { compund: 40 } }] }),
    exit: 1,
    message: inSuite(/datasets\[0\]\.options: unknown option "compund"; valid options: compounds, /),
  },
  {
    id: 'suite-truth-not-oracle',
    from: 'wrong',
    ...run({ truth: { source: 'oracle', estimator: 'test-signal' } }),
    exit: 1,
    message: inSuite(
      /truth\.pairwise\.estimator: "test-signal" is a statistical estimator, not an oracle; .*kind "oracle" \(available: .*test-oracle/,
    ),
  },
  {
    id: 'suite-truth-unknown',
    from: 'handled',
    ...run({ truth: { source: 'oracle', estimator: 'crystal-ball' } }),
    exit: 1,
    message: inSuite(/truth\.pairwise\.estimator: unknown estimator "crystal-ball"/),
  },
  {
    id: 'suite-unknown-reporter',
    from: 'handled',
    ...run({ reporters: ['glitter'] }),
    exit: 1,
    message: inSuite(/reporters\[0\]: unknown reporter "glitter"/),
  },
  {
    id: 'suite-unknown-engine',
    from: 'handled',
    ...run({ engine: { name: 'warp' } }),
    exit: 1,
    message: inSuite(/engine\.name: unknown engine "warp"; available: /),
  },
  {
    id: 'suite-split-kind',
    from: 'handled',
    ...run({ datasets: [{ plugin: 'tiny-planted', split: { kind: 'alphabetical' } }] }),
    exit: 1,
    message: inSuite(/datasets\[0\]\.split\.kind: /),
  },
  {
    id: 'suite-missing-data-file',
    from: 'handled',
    ...run({ datasets: [{ plugin: 'tiny-planted', options: { labelsFile: 'missing.csv' } }] }),
    exit: 1,
    message: inSuite(/datasets\[0\]\.options\.labelsFile: "missing\.csv" does not exist \(tried \$DIR\/missing\.csv/),
  },
  {
    id: 'suite-missing-plugin-file',
    from: 'handled',
    ...run({ plugins: ['$TEST', 'gone.mjs'] }),
    exit: 1,
    message: inSuite(/plugins\[1\]: "gone\.mjs" does not exist \(tried \$DIR\/gone\.mjs/),
  },
  {
    id: 'suite-plugin-syntax-error',
    from: 'handled',
    ...run({ plugins: ['$TEST', 'broken.mjs'] }),
    files: { ...suite({ plugins: ['$TEST', 'broken.mjs'] }), 'broken.mjs': 'export default { meta: {\n' },
    exit: 1,
    // the words are the loader's (Node's SyntaxError; vite's under vitest)
    message: /plugin \$DIR\/broken\.mjs: failed to load: .*(Unexpected|SyntaxError|Expected|invalid JS syntax)/,
  },
  {
    id: 'suite-plugin-exports-nothing',
    from: 'handled',
    ...run({ plugins: ['$TEST', 'empty.mjs'] }),
    files: { ...suite({ plugins: ['$TEST', 'empty.mjs'] }), 'empty.mjs': 'export const answer = 42;\n' },
    exit: 1,
    message:
      /plugin \$DIR\/empty\.mjs: exports no estimators, datasets or reporters \(expected a default export or named exports made with defineEstimator/,
  },
  {
    id: 'plugin-invalid-name',
    from: 'unclear',
    args: estimate('--plugin', '$FIXTURES/define-bad-name.mjs', '--dataset', 'tiny-planted', '--estimator', 'x'),
    exit: 1,
    message:
      /plugin .*define-bad-name\.mjs: failed to load: estimator "My Estimator": meta\.name: lower-case letters, digits, "\.", "_" or "-"$/,
  },
  // ── data contents and pre-flight checks: refused before any results folder exists ────────────────────
  {
    id: 'data-contents-invalid',
    from: 'unclear',
    ...run({ datasets: [{ plugin: 'test-bad-data' }], plugins: ['$TEST', '$HOSTILE'] }),
    exit: 1,
    message: inSuite(/datasets\[0\] "test-bad-data": the data cannot be used: .*labels.*length N×K/),
  },
  {
    id: 'data-loader-throws',
    from: 'unclear',
    ...run({ datasets: [{ plugin: 'test-bad-data', options: { problem: 'throws' } }], plugins: ['$TEST', '$HOSTILE'] }),
    exit: 1,
    message: inSuite(
      /datasets\[0\] "test-bad-data": the data cannot be used: test-bad-data: row 7 of the planted file has 3 columns; expected 5/,
    ),
  },
  {
    id: 'estimator-check-refuses-option',
    from: 'handled',
    ...run({
      estimators: [{ plugin: 'test-checked', budgets: [{ name: 'ok' }, { name: 'greedy', options: { fraction: 0.9 } }] }],
      plugins: ['$TEST', '$HOSTILE'],
    }),
    exit: 1,
    message: inSuite(
      /estimators\[0\]\.budgets\[1\] "greedy": options on datasets\[0\] "tiny-planted": option "fraction": 0\.9 would hold out \d+ of 60 samples; expected at most 0\.5/,
    ),
  },
  // ── run: flags and output places ─────────────────────────────────────────────────────────────────────
  {
    id: 'run-concurrency-abc',
    from: 'unclear',
    ...run({}, '--concurrency', 'abc'),
    exit: 1,
    message: /^transferbench: --concurrency: expected a whole number ≥ 1$/m,
  },
  {
    id: 'run-concurrency-0',
    from: 'handled',
    ...run({}, '--concurrency', '0'),
    exit: 1,
    message: /--concurrency: expected a whole number ≥ 1/,
  },
  {
    id: 'run-out-is-a-file',
    from: 'unclear',
    args: ['run', '$DIR/suite.yaml', '--out', '$DIR/file.txt'],
    files: { ...suite(), 'file.txt': 'not a folder' },
    exit: 1,
    message:
      /--out \$DIR\/file\.txt: cannot create the results folder .*: it \(or a folder on its path\) is a file, not a folder; expected a writable folder/,
  },
  {
    id: 'suite-output-is-a-file',
    from: 'unclear',
    args: ['run', '$DIR/suite.yaml'],
    files: { ...suite({ output: '$DIR/file.txt' }), 'file.txt': 'not a folder' },
    exit: 1,
    message: /\$DIR\/suite\.yaml: output \$DIR\/file\.txt: cannot create the results folder .*is a file, not a folder/,
  },
  {
    id: 'run-estimators-unknown',
    from: 'handled',
    ...run({}, '--estimators', 'nope'),
    exit: 1,
    message: /--estimators: unknown estimator id "nope"; the suite has test-signal/,
  },
  {
    id: 'run-datasets-unknown',
    from: 'handled',
    ...run({}, '--datasets', 'nope'),
    exit: 1,
    message: /--datasets: unknown dataset id "nope"; the suite has \w/,
  },
  {
    id: 'run-allow-without-resume',
    from: 'handled',
    ...run({}, '--allow-code-change'),
    exit: 1,
    message: /--allow-code-change only applies with --resume <dir>/,
  },
  {
    id: 'run-suite-and-resume',
    from: 'handled',
    args: ['run', '$DIR/suite.yaml', '--resume', '$RUN'],
    files: suite(),
    exit: 1,
    message: /give either a suite file or --resume <dir>, not both/,
  },
  {
    id: 'run-queue-url',
    from: 'handled',
    ...run({}, '--queue', 'localhost:6379'),
    exit: 1,
    message: /--queue "localhost:6379": unsupported scheme "localhost:"; expected redis:\/\//,
  },
  // ── results folders given to --resume ────────────────────────────────────────────────────────────────
  {
    id: 'resume-missing-folder',
    from: 'handled',
    args: ['run', '--resume', '$DIR/none'],
    exit: 1,
    message: /--resume \$DIR\/none: not a folder; expected a results folder written by `transferbench run`/,
  },
  {
    id: 'resume-no-run-json',
    from: 'handled',
    args: ['run', '--resume', '$DIR/empty'],
    files: { 'empty/.keep': '' },
    exit: 1,
    message: /--resume \$DIR\/empty: no run\.json there; expected a folder written by `transferbench run`/,
  },
  {
    id: 'resume-garbage-run-json',
    from: 'unclear',
    args: ['run', '--resume', '$RUN'],
    mutate: (d) => write(d, 'run.json', '{"suite": garbage'),
    exit: 1,
    message: /--resume \$RUN: run\.json is not valid JSON \(.*\); expected the file `transferbench run` wrote/,
  },
  {
    id: 'resume-run-json-schema',
    from: 'handled',
    args: ['run', '--resume', '$RUN'],
    mutate: (d) => edit(d, 'run.json', (r) => ({ ...r, suiteHash: 42 })),
    exit: 1,
    message: /--resume \$RUN: run\.json is not valid: field "suiteHash": Invalid input: expected string, received number/,
  },
  {
    id: 'resume-edited-plugin-path',
    from: 'wrong',
    args: ['run', '--resume', '$RUN'],
    mutate: (d) => {
      write(
        d,
        'evil.mjs',
        `import { writeFileSync } from 'node:fs';\nwriteFileSync(${JSON.stringify(`${d}/EVIL-RAN`)}, 'x');\nexport const x = 1;\n`,
      );
      edit(d, 'run.json', (r) => ({
        ...r,
        suite: { ...(r.suite as object), plugins: [...((r.suite as { plugins: string[] }).plugins ?? []), `${d}/evil.mjs`] },
      }));
    },
    exit: 1,
    message:
      /--resume \$RUN: run\.json no longer describes the run that wrote this folder — run\.json names plugin file .*evil\.mjs, which the run did not start with\. Nothing was loaded/,
  },
  {
    id: 'resume-changed-plugin-file',
    from: 'wrong',
    args: ['run', '--resume', '$RUN'],
    mutate: (d) => {
      edit(d, 'run.json', (r) => ({
        ...r,
        pluginFiles: [...(r.pluginFiles as { file: string }[]).map((p) => ({ ...p, sha256: 'f'.repeat(64) }))],
      }));
    },
    exit: 1,
    message:
      /--resume \$RUN: run\.json no longer describes the run that wrote this folder — plugin file .*test-plugins\.ts changed since the run started \(sha256 ffffffffffff… then, [0-9a-f]{12}… now\)/,
  },
  {
    id: 'resume-foreign-trials',
    from: 'unclear',
    args: ['run', '--resume', '$RUN'],
    mutate: (d) => appendForeign(d),
    exit: 1,
    message:
      /\$RUN\/trials\.jsonl: holds 1 session\(s\) and 1 trial line\(s\) of another suite \("other" \(0123456789abcdef\)\), not of this run/,
  },
  {
    id: 'resume-invalid-middle-line',
    from: 'unclear',
    args: ['run', '--resume', '$RUN'],
    mutate: (d) => invalidateMiddleLine(d),
    exit: 1,
    message: /\$RUN\/trials\.jsonl line 2: not a valid session or trial record — field "status": .*`report` refuses this folder too/,
  },
  {
    id: 'report-invalid-middle-line',
    from: 'unclear',
    args: ['report', '$RUN', '--out', '$DIR/site'],
    mutate: (d) => invalidateMiddleLine(d),
    exit: 1,
    message: /\$RUN\/trials\.jsonl line 2: not a valid session or trial record — field "status": /,
  },
  {
    id: 'report-foreign-trials',
    from: 'wrong',
    args: ['report', '$RUN', '--out', '$DIR/site', '--format', 'md'],
    mutate: (d) => appendForeign(d),
    exit: 0,
    message:
      /\$RUN\/trials\.jsonl: left out 1 trial line\(s\) and 1 session\(s\) of another suite \(hash 0123456789abcdef; this run is [0-9a-f]{16}\): tiny-planted\/test-signal#1/,
  },
  // ── report ───────────────────────────────────────────────────────────────────────────────────────────
  {
    id: 'report-missing-folder',
    from: 'handled',
    args: ['report', '$DIR/none', '--out', '$DIR/site'],
    exit: 1,
    message: /\$DIR\/none: not a folder; expected a results folder written by `transferbench run`/,
  },
  {
    id: 'report-no-trials',
    from: 'handled',
    args: ['report', '$DIR/empty', '--out', '$DIR/site'],
    files: { 'empty/.keep': '' },
    exit: 1,
    message: /\$DIR\/empty: no trials\.jsonl; expected a results folder/,
  },
  {
    id: 'report-format',
    from: 'handled',
    args: ['report', '$RUN', '--out', '$DIR/site', '--format', 'pdf'],
    exit: 1,
    message: /--format pdf: expected a comma-separated list of .*\(unknown: pdf\)/,
  },
  { id: 'report-no-out', from: 'handled', args: ['report', '$RUN'], exit: 1, message: /--out <dir> is required/ },
  {
    id: 'report-garbage-summary',
    from: 'handled',
    args: ['report', '$RUN', '--out', '$DIR/site'],
    mutate: (d) => write(d, 'summary.json', '{"schemaVersion": 2, "suite": 7}'),
    exit: 1,
    message: /\$RUN\/summary\.json: does not match the summary schema — field "suite": /,
  },
  // ── estimate: flags ──────────────────────────────────────────────────────────────────────────────────
  {
    id: 'estimate-unknown-estimator',
    from: 'wrong',
    args: est('--estimator', 'nope'),
    exit: 1,
    message: /unknown estimator "nope"; available: .*test-signal/,
  },
  {
    id: 'estimate-unknown-dataset',
    from: 'handled',
    args: estimate('--dataset', 'nope', '--estimator', 'test-signal'),
    exit: 1,
    message: /unknown dataset "nope"; available: /,
  },
  {
    id: 'estimate-no-dataset',
    from: 'handled',
    args: ['estimate', '--estimator', 'tag'],
    exit: 1,
    message: /--dataset <name> is required/,
  },
  {
    id: 'estimate-seed-empty',
    from: 'wrong',
    args: est('--estimator', 'test-signal', '--seed', ''),
    exit: 1,
    message: /--seed: expected a whole number in \[-2147483648, 2147483647\]/,
  },
  {
    id: 'estimate-seed-abc',
    from: 'handled',
    args: est('--estimator', 'test-signal', '--seed', 'abc'),
    exit: 1,
    message: /--seed: expected a whole number in \[/,
  },
  {
    id: 'estimate-seed-fraction',
    from: 'handled',
    args: est('--estimator', 'test-signal', '--seed', '1.5'),
    exit: 1,
    message: /--seed: expected a whole number in \[/,
  },
  {
    id: 'estimate-seed-beyond-32-bits',
    from: 'wrong',
    args: est('--estimator', 'test-signal', '--seed', '4294967297'),
    exit: 1,
    message: /--seed: expected a whole number in \[-2147483648, 2147483647\]/,
  },
  {
    id: 'estimate-opt-proto',
    from: 'wrong',
    args: est('--estimator', 'test-signal', '--opt', '__proto__.polluted=1'),
    exit: 1,
    message: /--opt __proto__\.polluted=1: "__proto__" is not an option name; expected key=value/,
  },
  {
    id: 'estimate-opt-no-key',
    from: 'handled',
    args: est('--estimator', 'test-signal', '--opt', '=3'),
    exit: 1,
    message: /--opt =3: expected key=value \(e\.g\. --opt steps=5\)/,
  },
  {
    id: 'estimate-opt-type',
    from: 'handled',
    args: est('--estimator', 'test-signal', '--opt', 'noise=loud'),
    exit: 1,
    message: /invalid options for estimator "test-signal":\n✖ .*expected number, received string\n {2}→ at noise/,
  },
  {
    id: 'estimate-opt-typo',
    from: 'wrong',
    args: est('--estimator', 'test-signal', '--opt', 'nosie=0.1'),
    exit: 1,
    message: /invalid options for estimator "test-signal": unknown option "nosie"; valid options: noise, sleepMs/,
  },
  {
    id: 'estimate-data-opt-typo',
    from: 'wrong',
    args: est('--estimator', 'test-signal', '--data-opt', 'compund=40'),
    exit: 1,
    message: /invalid options for dataset "tiny-planted": unknown option "compund"; valid options: compounds/,
  },
  {
    id: 'estimate-model-hidden',
    from: 'unclear',
    args: est('--estimator', 'test-signal', '--model-opt', 'hidden=1e9'),
    exit: 1,
    message: /--model-opt:\n✖ Too big: expected number to be <=65536\n {2}→ at hidden/,
  },
  {
    id: 'estimate-data-file-missing',
    from: 'handled',
    args: est('--estimator', 'test-signal', '--data-opt', 'labelsFile=$DIR/none.csv'),
    exit: 1,
    message: /--data-opt labelsFile: "\$DIR\/none\.csv" does not exist/,
  },
  {
    id: 'estimate-data-error',
    from: 'wrong',
    args: estimate('--dataset', 'test-bad-data', '--data-opt', 'problem=throws', '--estimator', 'test-signal'),
    exit: 1,
    message: /test-bad-data\/test-signal@cli#0 failed \(error\): test-bad-data: row 7 of the planted file has 3 columns; expected 5/,
  },
  {
    id: 'estimate-data-invalid',
    from: 'wrong',
    args: estimate('--dataset', 'test-bad-data', '--estimator', 'test-signal'),
    exit: 1,
    message: /failed \(error\): .*labels.*length N×K = \d+, got \d+/,
  },
  // ── other commands ───────────────────────────────────────────────────────────────────────────────────
  {
    id: 'worker-queue-url',
    from: 'handled',
    args: ['worker', '--queue', 'http://host:6379'],
    exit: 1,
    message: /--queue "http:\/\/host:6379": unsupported scheme "http:"; expected redis:\/\//,
  },
  {
    id: 'worker-concurrency-abc',
    from: 'unclear',
    args: ['worker', '--queue', 'redis://127.0.0.1:1', '--concurrency', 'abc'],
    exit: 1,
    message: /--concurrency: expected a whole number ≥ 1/,
  },
  {
    id: 'dataset-unknown',
    from: 'handled',
    args: ['dataset', 'inspect', '--dataset', 'nope'],
    exit: 1,
    message: /unknown dataset "nope"; available: /,
  },
  // ── the same, as a shell sees them (the real CLI in its own process) ─────────────────────────────────
  {
    id: 'cli-estimate-unknown-estimator',
    from: 'wrong',
    process: true,
    args: est('--estimator', 'nope'),
    exit: 1,
    message: /^transferbench: .*unknown estimator "nope"; available: /,
  },
  {
    id: 'cli-estimate-data-error',
    from: 'wrong',
    process: true,
    args: estimate('--dataset', 'test-bad-data', '--data-opt', 'problem=throws', '--estimator', 'test-signal'),
    exit: 1,
    message: /^transferbench: .*row 7 of the planted file has 3 columns; expected 5/,
  },
  {
    id: 'cli-run-bad-suite',
    from: 'handled',
    process: true,
    ...run({ seeds: [1, 4294967297] }),
    exit: 1,
    message: /^transferbench: suite \$DIR\/suite\.yaml is invalid:\n\s+seeds\[1\]: expected a seed in/,
  },
];

export const trialCases: TrialCase[] = [
  {
    id: 'p-value-negative',
    from: 'wrong',
    estimator: 'test-bad-output',
    options: { defect: 'p-negative' },
    reason: 'invalid-output',
    message: /^estimator "test-bad-output": pairwise\.pValue\[0\]\[1\] is -5; expected a p-value in \[0, 1\]/,
  },
  {
    id: 'p-value-above-one',
    from: 'wrong',
    estimator: 'test-bad-output',
    options: { defect: 'p-above-one' },
    reason: 'invalid-output',
    message: /pairwise\.pValue\[1\]\[0\] is 1\.5; expected a p-value in \[0, 1\]/,
  },
  {
    id: 'duplicate-task-id',
    from: 'wrong',
    estimator: 'test-bad-output',
    options: { defect: 'duplicate-task' },
    reason: 'invalid-output',
    message: /^estimator "test-bad-output": tasks: task id "t0" appears more than once/,
  },
  {
    id: 'contextual-length',
    from: 'wrong',
    estimator: 'test-bad-output',
    options: { defect: 'contextual-length' },
    reason: 'invalid-output',
    message: /^estimator "test-bad-output": contextual\.effect has 5 entries; expected 6 \(one per task\)/,
  },
  {
    id: 'contextual-nan',
    from: 'wrong',
    estimator: 'test-bad-output',
    options: { defect: 'contextual-nan' },
    reason: 'invalid-output',
    message: /^estimator "test-bad-output": invalid TransferEstimate at contextual\.effect\.1: .*received NaN/,
  },
  {
    id: 'contextual-infinity',
    from: 'wrong',
    estimator: 'test-bad-output',
    options: { defect: 'contextual-infinity' },
    reason: 'invalid-output',
    message: /^estimator "test-bad-output": invalid TransferEstimate at contextual\.effect\.1: .*number/i,
  },
  {
    id: 'estimator-throws',
    from: 'handled',
    estimator: 'test-throws',
    options: {},
    reason: 'error',
    message: /^planted failure from test-throws$/,
  },
];

// ── helpers for the results-folder rows ───────────────────────────────────────────────────────────────

function write(dir: string, file: string, content: string): void {
  writeFileSync(join(dir, file), content);
}

function edit(dir: string, file: string, f: (r: Record<string, unknown>) => Record<string, unknown>): void {
  write(dir, file, JSON.stringify(f(JSON.parse(readFileSync(join(dir, file), 'utf8')))));
}

/** A session and a trial line of another suite, appended (as a careless `cat a/trials.jsonl >> b/trials.jsonl` would). */
function appendForeign(dir: string): void {
  const lines = readFileSync(join(dir, 'trials.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  const session = lines.find((l) => l.type === 'session');
  const trial = lines.find((l) => l.type === 'trial' && l.job.kind === 'estimate');
  const other = { ...session, sessionId: 'other-session', suite: { name: 'other', hash: '0123456789abcdef' } };
  const foreign = { ...trial, id: 'feedfacefeedface', sessionId: 'other-session', suiteHash: '0123456789abcdef' };
  appendFileSync(join(dir, 'trials.jsonl'), `${JSON.stringify(other)}\n${JSON.stringify(foreign)}\n`);
}

/** Line 2 (the first trial) stays JSON but loses its meaning: not a kill's doing. */
function invalidateMiddleLine(dir: string): void {
  const lines = readFileSync(join(dir, 'trials.jsonl'), 'utf8').trim().split('\n');
  lines[1] = JSON.stringify({ ...JSON.parse(lines[1]), status: 'finished?' });
  write(dir, 'trials.jsonl', `${lines.join('\n')}\n`);
}

/** Fixed placeholders ($DIR and $RUN are per row). */
export const PLACEHOLDERS: Record<string, string> = {
  $TEST: TEST_PLUGINS,
  $HOSTILE: HOSTILE_PLUGINS,
  $RANDOM: RANDOM_ESTIMATOR,
  $FIXTURES: fileURLToPath(new URL('../testing/fixtures', import.meta.url)),
};
