/**
 * `transferbench report`: from real results folders of a tiny suite (run in-process through the bench's own
 * API, seconds), writes every format; the Markdown has the table, the JSON validates against the published
 * schema, the CSV has one row per dataset × estimator × budget. Runs of the same suite merge (trials
 * unioned by id, summary recomputed); runs of different suites are refused with a clear message unless
 * --force, and then the reports say it was forced. Bad files are reported with file, line and field.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { appendFileSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { leaderboardJsonSchema } from '@transferbench/reporters';
import { RESULTS_SCHEMA_VERSION, summarySchema } from '@transferbench/core';
import { runSuite } from '../run/run-suite.ts';
import { createBenchHost } from '../plugins/bench-host.ts';
import { InProcessRunner } from '../trial/in-process-runner.ts';
import { tempDir, writeSuite, TEST_PLUGINS } from '../testing/suite-files.ts';
import { loadResultsDir } from '../report/load-results.ts';
import { mergeRuns } from '../report/merge-runs.ts';
import { writeReport } from './report.ts';
import { buildProgram } from '../program.ts';

const BIN = fileURLToPath(new URL('../../bin/transferbench.js', import.meta.url));

const suite = (seeds: number[]) => ({
  name: 'tiny-report',
  datasets: [{ plugin: 'tiny-planted' }],
  estimators: [
    {
      id: 'signal',
      plugin: 'test-signal',
      budgets: [
        { name: 'lo', options: { noise: 0.5 } },
        { name: 'hi', options: { noise: 0.1 } },
      ],
    },
    { id: 'no-p', plugin: 'test-no-p' },
  ],
  seeds,
  truth: { source: 'planted' },
  engine: { name: 'none' },
});

let root: string;
let full: string, onlySignal: string, onlyNoP: string, otherSuite: string;

beforeAll(async () => {
  root = tempDir('tb-report-');
  const host = await createBenchHost({ reporters: false });
  await host.addPluginFile(TEST_PLUGINS);
  const run = async (seeds: number[], estimators?: string[]) =>
    (
      await runSuite({
        suiteFile: writeSuite(root, suite(seeds), `suite-${seeds.length}.yaml`),
        out: join(root, 'out'),
        estimators,
        runner: () => new InProcessRunner(host),
        log: () => {},
      })
    ).dir;
  full = await run([1, 2]);
  onlySignal = await run([1, 2], ['signal']); // the same suite split over two "machines"
  onlyNoP = await run([1, 2], ['no-p']);
  otherSuite = await run([1, 2, 3]);
});

describe('transferbench report', () => {
  it('writes md, html, json and csv from one results folder', async () => {
    const out = join(root, 'report-one');
    const { files, bundle } = await writeReport({ dirs: [full], out, log: () => {} });
    expect(readdirSync(out).sort()).toEqual(['leaderboard.csv', 'leaderboard.html', 'leaderboard.json', 'leaderboard.md']);
    expect(files).toHaveLength(4);
    // one folder with its summary: reported as the run wrote it
    expect(bundle.summary).toEqual(summarySchema.parse(JSON.parse(readFileSync(join(full, 'summary.json'), 'utf8'))));

    const md = readFileSync(join(out, 'leaderboard.md'), 'utf8');
    expect(md).toMatch(/^\| rank \| estimator \| budget \| power \|/m);
    expect(md).toMatch(/^\| 1 \| signal \| lo \| 1\.00 /m);
    expect(md).toMatch(/^\| {2}\| {2}\| hi \| 1\.00 /m);
    expect(md).toMatch(/^\| 2 \| no-p \| default \| n\/a \| n\/a \|/m);

    const json = leaderboardJsonSchema.parse(JSON.parse(readFileSync(join(out, 'leaderboard.json'), 'utf8')));
    expect(json.estimates).toHaveLength(1 + 2 * 3); // truth + 2 seeds × 3 estimator-budgets
    // estimator details stay in trials.jsonl unless asked for (--json-details)
    expect(json.estimates.filter((e) => e.estimate.details !== undefined)).toHaveLength(0);
    const detailed = join(root, 'detailed');
    await writeReport({ dirs: [full], out: detailed, formats: ['json'], jsonDetails: true, log: () => {} });
    const withDetails = leaderboardJsonSchema.parse(JSON.parse(readFileSync(join(detailed, 'leaderboard.json'), 'utf8')));
    expect(withDetails.estimates.filter((e) => e.estimate.details !== undefined).length).toBeGreaterThan(0);

    const csv = readFileSync(join(out, 'leaderboard.csv'), 'utf8').trim().split('\n');
    expect(csv).toHaveLength(1 + 1 * 3); // header + dataset × (signal lo, signal hi, no-p default)

    const html = readFileSync(join(out, 'leaderboard.html'), 'utf8');
    expect(html.match(/<tr data-estimator=/g)).toHaveLength(3);
    expect(html).toContain(bundle.summary.suite.hash);
    expect(html).not.toContain('id="merge-warning"');
  });

  it('merges runs of the same suite: trials unioned by id, summary recomputed by summarize', async () => {
    const out = join(root, 'report-merged');
    const { bundle } = await writeReport({ dirs: [onlySignal, onlyNoP], out, formats: ['md', 'json'], log: () => {} });
    const reference = summarySchema.parse(JSON.parse(readFileSync(join(full, 'summary.json'), 'utf8')));
    const s = bundle.summary;
    expect(s.suite.hash).toBe(reference.suite.hash);
    expect(s.trials).toEqual({ total: 7, ok: 7, failed: 0, missing: 0 }); // each run planned only its estimator; the union has all
    const strip = (rows: typeof s.rows) => rows.map(({ cpuSeconds: _c, wallSeconds: _w, peakRssMb: _p, ...r }) => r);
    expect(strip(s.rows)).toEqual(strip(reference.rows)); // same trial ids, same seeds → same scores as the single full run
    expect(bundle.merge).toMatchObject({ forced: false, conflicts: [], duplicateTrials: 1 }); // the truth trial ran in both
    expect(bundle.merge!.runs.map((r) => r.dir)).toEqual([onlySignal, onlyNoP]);
    expect(readFileSync(join(out, 'leaderboard.md'), 'utf8')).toMatch(/\*\*merged runs\*\*: 2 runs merged \(suite hash /);
  });

  it('recomputing one run from its trials reproduces its summary (planned trials match the records)', () => {
    const run = loadResultsDir(full);
    // without a summary the kinds of user plugins come from the caller (the command: the plugin registry)
    const kinds = new Map([
      ['test-signal', 'statistical'],
      ['test-no-p', 'computational'],
    ]);
    const { bundle } = mergeRuns([{ ...run, summary: null }], { kinds });
    const written = run.summary!;
    expect(bundle.summary.trials).toEqual(written.trials);
    expect(bundle.summary.rows).toEqual(written.rows);
    expect(bundle.summary.costToPower).toEqual(written.costToPower);
    expect(bundle.merge).toBeUndefined();
  });

  it('refuses to merge different suites with a clear message (CLI, exit 1)', async () => {
    const r = await execa(process.execPath, [BIN, 'report', full, otherSuite, '--out', join(root, 'refused')], { reject: false });
    expect(r.exitCode).toBe(1);
    const a = loadResultsDir(full).suite.hash,
      b = loadResultsDir(otherSuite).suite.hash;
    expect(a).not.toBe(b);
    expect(r.stderr).toContain(`transferbench: cannot merge these results: suite hash differs: ${a} (${full}), ${b} (${otherSuite}).`);
    expect(r.stderr).toMatch(/Pass --force to merge anyway/);
    expect(existsSync(join(root, 'refused'))).toBe(false);
  });

  it('with --force merges them and every report says so', async () => {
    const out = join(root, 'forced');
    const { bundle } = await writeReport({ dirs: [full, otherSuite], out, force: true, log: () => {} });
    const a = loadResultsDir(full).suite.hash,
      b = loadResultsDir(otherSuite).suite.hash;
    expect(bundle.summary.suite.hash).toBe(`${a}+${b}`);
    expect(bundle.summary.seeds).toEqual([1, 2, 3]);
    // seeds 1 and 2 are the same trials in both suites (same content → same id): union has seed 3 on top
    expect(bundle.merge).toMatchObject({ forced: true, duplicateTrials: 7 });
    expect(bundle.summary.rows.find((r) => r.estimator === 'signal' && r.budget === 'hi')!.seeds).toEqual({
      total: 3,
      ok: 3,
      failed: 0,
      missing: 0,
    });
    const html = readFileSync(join(out, 'leaderboard.html'), 'utf8');
    expect(html).toMatch(
      new RegExp(
        `<div class="merge-warning" role="alert" id="merge-warning" data-forced="true">FORCED MERGE of 2 incompatible runs \\(--force\\): suite hash differs: ${a} .*Suite hashes merged: ${a}, ${b}\\.`,
      ),
    );
    expect(readFileSync(join(out, 'leaderboard.md'), 'utf8')).toMatch(/> \*\*Warning — FORCED MERGE/);
    expect(JSON.parse(readFileSync(join(out, 'leaderboard.json'), 'utf8')).merge.forced).toBe(true);
  });

  it('names the file, line and field of an invalid record; skips torn lines with a note', async () => {
    const bad = join(root, 'bad');
    mkdirSync(bad);
    for (const f of ['run.json', 'summary.json']) copyFileSync(join(full, f), join(bad, f));
    const lines = readFileSync(join(full, 'trials.jsonl'), 'utf8').trim().split('\n');
    const broken = JSON.parse(lines[2]);
    broken.measures.cpuMs = 'fast';
    writeFileSync(join(bad, 'trials.jsonl'), [...lines.slice(0, 2), JSON.stringify(broken), ...lines.slice(3)].join('\n') + '\n');
    expect(() => loadResultsDir(bad)).toThrow(
      new RegExp(`${bad}/trials\\.jsonl line 3: not a valid session or trial record — field "measures\\.cpuMs": .*expected number`),
    );

    writeFileSync(join(bad, 'trials.jsonl'), lines.join('\n') + '\n');
    appendFileSync(join(bad, 'trials.jsonl'), '{"type":"trial","sche');
    const notes: string[] = [];
    await writeReport({ dirs: [bad], out: join(root, 'torn'), formats: ['md'], log: (l) => notes.push(l) });
    expect(notes).toEqual([
      `note: ${bad}/trials.jsonl: skipped 1 line(s) that are not JSON (a write cut short by a kill): line ${lines.length + 1}`,
    ]);

    const current = JSON.parse(readFileSync(join(full, 'summary.json'), 'utf8'));
    writeFileSync(join(bad, 'summary.json'), JSON.stringify({ ...current, schemaVersion: RESULTS_SCHEMA_VERSION + 1 }));
    expect(() => loadResultsDir(bad)).toThrow(
      `${bad}/summary.json: written with results schemaVersion ${RESULTS_SCHEMA_VERSION + 1}; this transferbench reads version ${RESULTS_SCHEMA_VERSION}`,
    );
  });

  it('rejects unknown formats and a missing --out with the expected form', async () => {
    const parse = (...args: string[]) => buildProgram().parseAsync(['node', 'transferbench', 'report', ...args]);
    await expect(parse(full, '--out', join(root, 'x'), '--format', 'md,pdf')).rejects.toThrow(
      '--format md,pdf: expected a comma-separated list of md, html, json, csv, console (unknown: pdf)',
    );
    await expect(parse(full)).rejects.toThrow('--out <dir> is required: the folder the reports are written to');
    expect(existsSync(join(root, 'x'))).toBe(false);
  });
});
