import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createBenchHost } from '../plugins/bench-host.ts';
import { runSuite } from '../run/run-suite.ts';
import { TEST_PLUGINS, tempDir, writeSuite } from '../testing/suite-files.ts';
import { checkSuite } from './check-suite.ts';
import { loadSuite } from './load-suite.ts';

const good = {
  name: 'malformed',
  datasets: [{ plugin: 'tiny-planted' }],
  estimators: [
    {
      plugin: 'test-signal',
      budgets: [
        { name: 'lo', options: { noise: 0.1 } },
        { name: 'hi', options: { noise: 0.5 } },
      ],
    },
  ],
  seeds: [1],
  truth: { source: 'planted' },
  engine: { name: 'none' },
};

/** Runs a suite that must be rejected; asserts nothing was written (no trial ran) and returns the message. */
async function rejectMessage(suite: Record<string, unknown>): Promise<string> {
  const dir = tempDir();
  const out = join(dir, 'out');
  const err = await runSuite({ suiteFile: writeSuite(dir, suite), out, log: () => {} }).then(
    () => null,
    (e: Error) => e,
  );
  expect(err, 'the suite should have been rejected').toBeInstanceOf(Error);
  expect(existsSync(out)).toBe(false);
  return err!.message;
}

describe('suite validation before any trial runs', () => {
  it('unknown estimator: path and the available names', async () => {
    const msg = await rejectMessage({ ...good, estimators: [...good.estimators, { plugin: 'nope' }] });
    expect(msg).toMatch(/suite .*suite\.yaml is invalid:/);
    expect(msg).toMatch(/estimators\[1\]\.plugin: unknown estimator "nope"; available: .*test-signal/);
  });

  it("bad option type: parsed with the estimator's own schema for each budget", async () => {
    const msg = await rejectMessage({
      ...good,
      estimators: [
        {
          plugin: 'test-signal',
          budgets: [
            { name: 'lo', options: { noise: 0.1 } },
            { name: 'hi', options: { noise: 'loud' } },
          ],
        },
      ],
    });
    expect(msg).toMatch(/estimators\[0\]\.budgets\[1\] "hi": options\.noise: .*expected number, received string/);
    expect(msg).not.toMatch(/budgets\[0\]/);
  });

  it('missing dataset file: the option path and the places tried', async () => {
    const msg = await rejectMessage({ ...good, datasets: [{ plugin: 'tiny-planted', options: { labelsFile: 'missing-labels.csv' } }] });
    expect(msg).toMatch(/datasets\[0\]\.options\.labelsFile: "missing-labels\.csv" does not exist \(tried .*missing-labels\.csv/);
  });

  it('schema errors: zod path and expected form, several at once', async () => {
    const msg = await rejectMessage({ ...good, seeds: [1, 'two'], alpha: 2, estimator: [] });
    expect(msg).toMatch(/seeds\[1\]: Invalid input: expected number, received string/);
    expect(msg).toMatch(/alpha: .*(less than|<)/i);
    expect(msg).toMatch(/<root>: Unrecognized key: "estimator"/);
  });

  it('bad dataset and split options, unknown truth estimator and reporter', async () => {
    const msg = await rejectMessage({
      ...good,
      datasets: [{ plugin: 'tiny-planted', options: { compounds: 'many' }, split: { kind: 'alphabetical' } }],
      truth: { source: 'oracle', estimator: 'crystal-ball' },
      reporters: ['glitter'],
    });
    expect(msg).toMatch(/datasets\[0\]\.options\.compounds: .*expected number/);
    expect(msg).toMatch(/datasets\[0\]\.split\.kind: /);
    expect(msg).toMatch(/truth\.pairwise\.estimator: unknown estimator "crystal-ball"/);
    expect(msg).toMatch(/reporters\[0\]: unknown reporter "glitter"/);
  });
});

describe('data pre-flight', () => {
  /** A file tiny-planted appends a line to per load; returns its path and a reader of the count. */
  function loadCounter() {
    const file = join(tempDir(), 'loads.txt');
    writeFileSync(file, '');
    return { file, loads: () => readFileSync(file, 'utf8').split('\n').filter(Boolean).length };
  }

  it("entries with the same plugin and options share one load; each entry's split is still checked", async () => {
    const { file, loads } = loadCounter();
    const options = { loadCountFile: file };
    const msg = await rejectMessage({
      ...good,
      datasets: [
        { id: 'cv', plugin: 'tiny-planted', options, folds: 'each', split: { kind: 'kfold', folds: 3 } },
        { id: 'bad', plugin: 'tiny-planted', options, split: { kind: 'kfold', folds: 100 } },
      ],
    });
    expect(loads()).toBe(1);
    expect(msg).toMatch(/datasets\[3\] "bad": the data cannot be used: .*kFold: expected folds an integer in \[2, 60\], got 100/);
    expect(msg).not.toMatch(/cv\.f/);
  });

  /** a `folds: each` entry `a` of 3 folds (entries 0–2) and an entry `b` with other options (entry 3), loads counted */
  async function twoEntries(b: Record<string, unknown> = {}) {
    const { file, loads } = loadCounter();
    const dir = tempDir();
    const { suite, baseDir } = await loadSuite(
      writeSuite(dir, {
        ...good,
        datasets: [
          { id: 'a', plugin: 'tiny-planted', options: { loadCountFile: file }, folds: 'each', split: { kind: 'kfold', folds: 3 } },
          { id: 'b', plugin: 'tiny-planted', options: { loadCountFile: file, seed: 1 }, ...b },
        ],
      }),
    );
    const host = await createBenchHost();
    await host.addPluginFile(TEST_PLUGINS);
    const check = (datasets?: string[]) => checkSuite(suite, host, baseDir, 'suite.yaml', { cacheDir: join(dir, 'cache'), datasets });
    return { check, loads };
  }

  it('entries with different options load separately', async () => {
    const { check, loads } = await twoEntries();
    await check();
    expect(loads()).toBe(2);
  });

  it('a part of the suite (run --datasets) loads only that part; a problem keeps its index in the suite', async () => {
    const { check, loads } = await twoEntries({ split: { kind: 'kfold', folds: 100 } });
    await check(['a']);
    expect(loads()).toBe(1);
    await expect(check(['b'])).rejects.toThrow(/datasets\[3\] "b": the data cannot be used/);
    expect(loads()).toBe(2);
  });
});
