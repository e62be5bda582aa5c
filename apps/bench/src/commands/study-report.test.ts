/**
 * `transferbench study-report` end to end on a tiny run made in-process (test plugins, a plain dataset and a
 * `folds: each` group of 2 folds, an oracle truth; seconds): index.html and README.md carry the conclusion, the
 * protocol and the compute table before the leaderboard; numbers.json parses and its figures are the summary's
 * (rounded as printed), the claim's verdicts and the exact CPU sums of the trial records; `--check` passes on the
 * report just written and names the figure a hand edit changed. Bad input is an error
 * naming the option or file (cli.ts turns it into one line on stderr and exit 1; report.test.ts runs that path).
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../testing/suite-files.ts';
import { runTinyStudy, TINY_STUDY_METHODS as methods } from '../testing/tiny-study.ts';
import { loadResultsDir } from '../report/load-results.ts';
import { studyClaim } from '../study/claim.ts';
import { round2, roundSeconds, studyNumbersSchema } from '../study/numbers.ts';
import { buildProgram } from '../program.ts';
import { checkStudyReport, writeStudyReport } from './study-report.ts';

let root: string, dir: string;

beforeAll(async () => {
  root = tempDir('tb-study-');
  dir = await runTinyStudy(root);
});

describe('transferbench study-report', () => {
  it('a part of the study (run --datasets) lists only the data sets that ran and names the rest as not run', async () => {
    const partRoot = tempDir('tb-study-part-');
    const part = await runTinyStudy(partRoot, ['cv']);
    const out = join(partRoot, 'study');
    await writeStudyReport({ dirs: [part], out, ...methods, log: () => {} });
    const lines = readFileSync(join(out, 'README.md'), 'utf8').split('\n');
    expect(lines).toContain(
      'Suite tiny-study (hash ' +
        JSON.parse(readFileSync(join(part, 'run.json'), 'utf8')).suiteHash +
        '), as its run.json records it. This report covers a part of the suite (run with --datasets); not run, and not reported on: plain.',
    );
    expect(lines.filter((l) => /^\| (plain|cv) \| tiny-planted/.test(l)).map((l) => l.split(' | ')[0])).toEqual(['| cv']);
    expect(lines).not.toContain('## plain');
    // one fold of a group left out is named by its own id
    const foldRoot = tempDir('tb-study-fold-');
    const fold = await runTinyStudy(foldRoot, ['plain', 'cv.f1']);
    await writeStudyReport({ dirs: [fold], out: join(foldRoot, 'study'), ...methods, log: () => {} });
    expect(readFileSync(join(foldRoot, 'study', 'README.md'), 'utf8')).toContain('not run, and not reported on: cv.f0.');
    // the commands that made it, without this machine's paths (the suite file lies outside the working directory)
    expect(lines).toContain(`- **command**: npx transferbench run suite.yaml --datasets cv (→ ${part})`);
    expect(lines).toContain(`- **command**: npx transferbench study-report ${part} --out ${out} --statistical slow --computational quick`);
  });

  it('writes index.html, README.md and numbers.json: conclusion, protocol and compute before the leaderboard', async () => {
    const out = join(root, 'study');
    const { files } = await writeStudyReport({ dirs: [dir], out, ...methods, log: () => {} });
    expect(readdirSync(out).sort()).toEqual(['README.md', 'index.html', 'numbers.json']);
    expect(files).toHaveLength(3);

    const md = readFileSync(join(out, 'README.md'), 'utf8');
    const lines = md.split('\n');
    expect(lines[0]).toBe('# tiny-study — study report');
    const at = (s: string) => lines.indexOf(s);
    expect(at('## Conclusion')).toBeGreaterThan(0);
    expect(at('## Conclusion')).toBeLessThan(at('## Protocol'));
    expect(at('## Protocol')).toBeLessThan(at('## Compute'));
    expect(at('## Compute')).toBeLessThan(at('## plain'));
    expect(at('## plain')).toBeLessThan(at('## cv'));
    expect(md).toMatch(/^- On plain, slow reaches more pairwise power than quick: \*\*(confirmed|refuted|undecided)\*\* — /m);
    expect(lines).toContain('| dataset | plugin | options | tasks | split | truth scopes |');
    expect(lines).toContain('| cv | tiny-planted | seed: 1 | 6 | kfold · 2 folds, each a replicate (cv.f0 … cv.f1) · seed 0 | pairwise |');
    expect(lines).toContain('| slow | test-signal | statistical | — | lo (noise: 0.5) → hi (noise: 0.1) | all |');
    expect(lines).toContain('| dataset | where | trials | CPU-s | share of total |');
    expect(md.split('## Conclusion').length).toBe(2);

    const html = readFileSync(join(out, 'index.html'), 'utf8');
    expect(html).toContain('<h1>tiny-study — study report</h1>');
    const order = ['id="study-conclusion"', 'data-table="protocol-datasets"', 'data-table="compute"', 'id="dataset-plain"'].map((s) =>
      html.indexOf(s),
    );
    expect(order.every((k) => k > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(html).toMatch(/<li data-part="pairwise power" data-verdict="(confirmed|refuted|undecided)">On plain, /);
    expect(html).toContain(`from ${dir} ·`); // the folder as given
  });

  it("numbers.json holds the summary's figures as printed, the claim's verdicts and the exact compute sums", async () => {
    const out = join(root, 'study-numbers');
    await writeStudyReport({ dirs: [dir], out, ...methods, log: () => {} });
    const numbers = studyNumbersSchema.parse(JSON.parse(readFileSync(join(out, 'numbers.json'), 'utf8')));
    const run = loadResultsDir(dir);
    const summary = run.summary!;
    expect(numbers.suite).toEqual({ name: 'tiny-study', hash: summary.suite.hash });

    const expected = summary.rows.flatMap((r) =>
      r.pairwise
        ? [
            {
              dataset: r.dataset,
              estimator: r.estimator,
              budget: r.budget,
              power: [r.pairwise.power.value, r.pairwise.power.lower, r.pairwise.power.upper].map(round2),
              fpr: [r.pairwise.fpr.value, r.pairwise.fpr.lower, r.pairwise.fpr.upper].map(round2),
              cpuSeconds: roundSeconds(r.cpuSeconds.mean),
            },
          ]
        : [],
    );
    expect(expected).toHaveLength(2 * 3); // 2 datasets (the folds as one) × 3 estimator-budgets
    expect(
      numbers.rows.map((r) => ({
        dataset: r.dataset,
        estimator: r.estimator,
        budget: r.budget,
        power: [r.power!.value, r.power!.lower, r.power!.upper],
        fpr: [r.fpr!.value, r.fpr!.lower, r.fpr!.upper],
        cpuSeconds: r.cpuSeconds,
      })),
    ).toEqual(expected);
    expect(numbers.truths.map((t) => [t.dataset, t.scope, t.counts])).toEqual(summary.truths.map((t) => [t.dataset, t.scope, t.counts]));
    expect(numbers.truths.every((t) => t.settled !== null && t.status === 'ok')).toBe(true);
    expect(numbers.claim).toEqual(studyClaim(summary, methods).map(({ dataset, part, verdict }) => ({ dataset, part, verdict })));
    expect(numbers.claim.length).toBeGreaterThan(0);

    // compute: the exact sums of the records, rounded as printed
    const recs = [...run.records.values()];
    const cpu = recs.reduce(
      (a, r) => a + (r.measures.cpuMs ?? 0) + Math.max(0, (r.measures.processCpuMs ?? 0) - (r.measures.cpuMs ?? 0)),
      0,
    );
    expect(numbers.compute.cpuSeconds).toBe(Number((cpu / 1000).toFixed(2)));
    expect(numbers.compute.trials).toBe(recs.length);
    const cv = numbers.compute.datasets.find((g) => g.dataset === 'cv')!;
    expect(cv.parts.map((p) => [p.part, p.trials])).toEqual([
      ['truths', 2],
      ['slow', 2 * 2 * 2], // 2 folds × 2 budgets × 2 seeds
      ['quick', 2 * 2],
      ['start-up', 2 + 8 + 4],
    ]);
    const slowCv = recs.filter((r) => r.job.dataset.id.startsWith('cv.') && r.job.estimator?.id === 'slow');
    expect(cv.parts[1].cpuSeconds).toBe(Number((slowCv.reduce((a, r) => a + r.measures.cpuMs!, 0) / 1000).toFixed(2)));
  });

  it('--check: the report just written matches; an altered figure or page line is an error naming it', async () => {
    const out = join(root, 'study-check');
    await writeStudyReport({ dirs: [dir], out, ...methods, log: () => {} });
    const check = async (to = out, dirs = [dir]) => {
      let printed = '';
      const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
        printed += String(chunk);
        return true;
      });
      try {
        await buildProgram().parseAsync([
          'node',
          'transferbench',
          'study-report',
          ...dirs,
          '--out',
          to,
          '--check',
          '--statistical',
          'slow',
          '--computational',
          'quick',
        ]);
        return printed;
      } finally {
        spy.mockRestore();
      }
    };
    const fails = (to = out) =>
      check(to).then(
        (printed) => `passed: ${printed}`,
        (e: Error) => e.message,
      );
    expect(await check()).toMatch(/^numbers\.json matches the results \(\d+ figures\)\n$/);
    // merged folders: the summary is recomputed, and its creation time with it, at every render
    const merged = join(root, 'study-check-merged');
    await writeStudyReport({ dirs: [dir, dir], out: merged, ...methods, log: () => {} });
    expect(await check(merged, [dir, dir])).toMatch(/^numbers\.json matches the results/);

    const file = join(out, 'numbers.json');
    const numbers = studyNumbersSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
    const row = numbers.rows.find((r) => r.dataset === 'cv' && r.estimator === 'quick')!;
    const fresh = row.power!.value!;
    row.power!.value = fresh === 0.5 ? 0.51 : 0.5;
    writeFileSync(file, JSON.stringify(numbers, null, 2));
    expect(await fails()).toBe(
      `${file} differs from the results in 1 figure(s):\n  rows[cv/quick/${row.budget}/pairwise].power.value: committed ${row.power!.value}, fresh ${fresh}`,
    );

    writeFileSync(file, '{"version": 2}');
    expect(await fails()).toMatch(`${file}: not a study's numbers.json: study: `);
    await writeStudyReport({ dirs: [dir], out, ...methods, log: () => {} });
    const readme = join(out, 'README.md');
    writeFileSync(readme, readFileSync(readme, 'utf8').replace('## Compute', '## Computing'));
    const message = await fails();
    expect(message).toMatch(`${readme} differs from a fresh render at line `);
    expect(message).toContain(
      '(1 line(s) differ; the "summary created" line aside):\n  committed "## Computing"\n  fresh     "## Compute"',
    );
    expect(await fails(join(root, 'nowhere'))).toMatch(`${join(root, 'nowhere', 'numbers.json')}: missing; --check compares`);
  });

  it('--check --fresh-run: a second run of the study gives the committed statistics (CPU within the tolerance)', async () => {
    const out = join(root, 'study-fresh');
    await writeStudyReport({ dirs: [dir], out, ...methods, log: () => {} });
    const again = await runTinyStudy(tempDir());
    // the tiny trials take milliseconds, whose noise is relative: a tolerance of 1 accepts any CPU figure, so this checks the statistics
    await expect(checkStudyReport({ dirs: [again], out, ...methods, freshRun: 1, log: () => {} })).resolves.toMatchObject({
      figures: expect.any(Number),
    });
    await expect(checkStudyReport({ dirs: [again], out, ...methods, log: () => {} })).rejects.toThrow(/differs/);
  });

  it('refuses bad input with a message naming the option or file', async () => {
    const parse = (...args: string[]) => buildProgram().parseAsync(['node', 'transferbench', 'study-report', ...args]);
    await expect(parse(dir)).rejects.toThrow('--out <dir> is required: the folder the study report is written to (e.g. docs/studies/kiba)');
    await expect(parse(dir, '--out', join(root, 'x'), '--statistical', 'nope', '--computational', 'quick')).rejects.toThrow(
      `--statistical nope: no estimator of that id ran in ${dir} (estimators: slow, quick)`,
    );
    const bare = join(root, 'bare');
    mkdirSync(bare);
    await expect(parse(bare, '--out', join(root, 'x'))).rejects.toThrow(`${bare}: no trials.jsonl`);
    for (const f of ['trials.jsonl', 'summary.json']) copyFileSync(join(dir, f), join(bare, f));
    await expect(parse(bare, '--out', join(root, 'x'))).rejects.toThrow(
      `${join(bare, 'run.json')}: missing; a study's protocol is the suite as run`,
    );
    expect(existsSync(join(root, 'x'))).toBe(false);
  });
});
