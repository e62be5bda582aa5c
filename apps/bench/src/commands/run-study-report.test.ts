/**
 * `transferbench run <suite> --study-report <dir>`: a study and its report in one command. A part of the tiny study
 * (`--datasets plain`: 8 trials) runs through the CLI, trials in child processes; the report it writes is the one
 * `study-report` renders from the same folder (`--check` passes: every figure and README line), and the folder is
 * the one printed. The claim's methods are checked before any trial runs: a wrong one refuses the run without making
 * a results folder.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir, writeSuite } from '../testing/suite-files.ts';
import { TINY_STUDY_METHODS as methods, TINY_STUDY_SUITE } from '../testing/tiny-study.ts';
import { buildProgram } from '../program.ts';
import { checkStudyReport } from './study-report.ts';

const run = (...args: string[]) => buildProgram().parseAsync(['node', 'transferbench', 'run', ...args]);

afterEach(() => vi.restoreAllMocks());

describe('transferbench run --study-report', () => {
  it('writes the study report of the run it completes, equal to study-report on its folder', async () => {
    const root = tempDir('tb-run-study-');
    const out = join(root, 'out');
    const study = join(root, 'study');
    const printed: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (printed.push(String(chunk)), true));
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const suite = writeSuite(root, TINY_STUDY_SUITE);
    await run(
      suite,
      '--out',
      out,
      '--datasets',
      'plain',
      '--concurrency',
      '2',
      '--study-report',
      study,
      '--statistical',
      'slow',
      '--computational',
      'quick',
    );
    vi.restoreAllMocks();

    const [folder] = readdirSync(out);
    const dir = join(out, folder);
    expect(printed).toEqual([`${dir}\n`, ...['index.html', 'README.md', 'numbers.json'].map((f) => `${join(study, f)}\n`)]);
    const { figures } = await checkStudyReport({ dirs: [dir], out: study, ...methods, log: () => {} });
    expect(figures).toBeGreaterThan(20);
  }, 180_000);

  it("refuses a claim method the suite does not run before any trial, and the claim's flags without --study-report", async () => {
    const root = tempDir('tb-run-study-bad-');
    const out = join(root, 'out');
    const suite = writeSuite(root, TINY_STUDY_SUITE);
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    await expect(run(suite, '--out', out, '--study-report', join(root, 'study'), '--computational', 'quick')).rejects.toThrow(
      '--statistical learning-curve: no estimator of that id runs in this suite (estimators: slow, quick)',
    );
    await expect(run(suite, '--out', out, '--study-report', join(root, 'study'), '--statistical', 'slow')).rejects.toThrow(
      '--computational tag: no estimator of that id runs in this suite (estimators: slow, quick)',
    );
    expect(existsSync(out)).toBe(false);
    await expect(run(suite, '--out', out, '--statistical', 'slow')).rejects.toThrow(
      '--statistical and --computational only apply with --study-report <dir>',
    );
  });
});
