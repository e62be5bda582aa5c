import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { splitOptionsSchema } from '@transferbench/datasets';
import { DEFAULT_FOLDS, budgetOptions, suiteHash, suiteSchema } from './suite-schema.ts';

const minimal = {
  name: 'tiny',
  datasets: [{ plugin: 'synthetic', options: { tasks: 4 } }],
  estimators: [
    {
      plugin: 'tag',
      options: { probeEvery: 5, inner: { a: 1, b: 2 } },
      budgets: [
        { name: 'low', options: { epochs: 2, inner: { b: 3 } } },
        { name: 'high', options: { epochs: 8 } },
      ],
    },
  ],
  seeds: [1, 2, 3],
};

describe('suiteSchema', () => {
  it('fills defaults: oracle truth, α, model defaults, engine, limits', () => {
    const s = suiteSchema.parse(minimal);
    expect(s.truth).toEqual({ pairwise: { source: 'oracle', estimator: 'pairwise-oracle', options: {}, seed: 0, nullMargin: 0.01 } });
    expect(s.alpha).toBe(0.05);
    expect(s.model.hidden).toBe(256);
    expect(s.engine).toEqual({ name: 'auto' });
    expect(s.trial).toEqual({ timeoutSec: 1800, memoryMb: 4096 });
    expect(s.datasets[0].split).toEqual({});
  });

  it('names the path and the expected form of a bad field', () => {
    const bad = { ...minimal, seeds: [1, 'two'], estimators: [{ plugin: 'tag', budget: [] }] };
    const r = suiteSchema.safeParse(bad);
    expect(r.success).toBe(false);
    const text = z.prettifyError(r.error!);
    expect(text).toMatch(/✖ .*expected number.*\n {2}→ at seeds\[1\]/);
    expect(text).toMatch(/✖ Unrecognized key: "budget"\n {2}→ at estimators\[0\]/);
  });

  it('truths: pairwise and/or contextual, source defaulting to oracle; the single truth of earlier suites is the pairwise one', () => {
    const both = suiteSchema.parse({
      ...minimal,
      truth: { pairwise: { options: { reference: 'permuted' } }, contextual: { nullMargin: 0.02 } },
    });
    expect(both.truth.pairwise).toMatchObject({ source: 'oracle', estimator: 'pairwise-oracle', options: { reference: 'permuted' } });
    expect(both.truth.contextual).toMatchObject({ source: 'oracle', estimator: 'contextual-oracle', nullMargin: 0.02 });
    expect(suiteSchema.parse({ ...minimal, truth: { source: 'planted', nullMargin: 0 } }).truth).toEqual({
      pairwise: { source: 'planted', nullMargin: 0 },
    });
    expect(suiteSchema.safeParse({ ...minimal, truth: {} }).success).toBe(false);
    expect(suiteSchema.safeParse({ ...minimal, truth: { contextual: { source: 'planted' } } }).success).toBe(false);
  });

  it('rejects duplicate ids, budgets and seeds', () => {
    const r = suiteSchema.safeParse({
      ...minimal,
      seeds: [1, 1],
      estimators: [minimal.estimators[0], { plugin: 'tag', budgets: [{ name: 'x' }, { name: 'x' }] }],
    });
    const text = z.prettifyError(r.error!);
    expect(text).toMatch(/duplicate estimators id "tag".*\n {2}→ at estimators\[1\]\.id/);
    expect(text).toMatch(/duplicate budget "x".*\n {2}→ at estimators\[1\]\.budgets\[1\]\.name/);
    expect(text).toMatch(/seeds must be distinct.*\n {2}→ at seeds\n/);
  });

  it('refuses numbers out of range: seeds beyond 32 bits, timeouts past Node timers, names too long for a folder (issue 17)', () => {
    const r = suiteSchema.safeParse({
      ...minimal,
      name: 'x'.repeat(300),
      seeds: [1, 4294967297, -(2 ** 31) - 1],
      trial: { timeoutSec: 1e12, memoryMb: 2 ** 30 },
      estimators: [{ ...minimal.estimators[0], trial: { timeoutSec: 1e9 } }],
    });
    const text = z.prettifyError(r.error!);
    expect(text).toMatch(/expected a seed in \[-2147483648, 2147483647\] \(32-bit\).*\n {2}→ at seeds\[1\]/);
    expect(text).toMatch(/expected a seed in .*\n {2}→ at seeds\[2\]/);
    expect(text).toMatch(/at most 604800 s.*\n {2}→ at trial\.timeoutSec/);
    expect(text).toMatch(/at most 1048576 MiB.*\n {2}→ at trial\.memoryMb/);
    expect(text).toMatch(/at most 604800 s.*\n {2}→ at estimators\[0\]\.trial\.timeoutSec/);
    expect(text).toMatch(/at most 100 characters.*\n {2}→ at name/);
    // the edges of the ranges are accepted
    expect(suiteSchema.safeParse({ ...minimal, seeds: [-(2 ** 31), 2 ** 31 - 1], trial: { timeoutSec: 604800 } }).success).toBe(true);
  });
});

describe('folds: each', () => {
  const withDatasets = (...datasets: unknown[]) => ({ ...minimal, datasets });
  const issues = (input: unknown) => {
    const r = suiteSchema.safeParse(input);
    expect(r.success).toBe(false);
    return r.error!.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  };

  it('expands an entry to one entry per fold, named <id>.f<i> and grouped under the entry id', () => {
    const s = suiteSchema.parse({
      ...withDatasets({ id: 'x', plugin: 'kiba', folds: 'each', split: { kind: 'kfold', folds: 3, seed: 4 }, truths: ['contextual'] }),
      truth: { contextual: {} },
    });
    expect(s.datasets).toEqual(
      [0, 1, 2].map((i) => ({
        id: `x.f${i}`,
        plugin: 'kiba',
        options: {},
        split: { kind: 'kfold', folds: 3, seed: 4, fold: i },
        group: 'x',
        truths: ['contextual'],
      })),
    );
    // run.json holds the parsed suite and --resume parses it again: same entries, same hash
    const again = suiteSchema.parse(JSON.parse(JSON.stringify(s)));
    expect(again.datasets).toEqual(s.datasets);
    expect(suiteHash(again)).toBe(suiteHash(s));
  });

  it('takes the datasets package default of 10 folds; the id defaults to the plugin name; other entries get no group', () => {
    expect(DEFAULT_FOLDS).toBe(splitOptionsSchema.parse({}).folds);
    const s = suiteSchema.parse(
      withDatasets({ plugin: 'kiba', split: { kind: 'scaffold-kfold' }, folds: 'each' }, { plugin: 'synthetic' }),
    );
    expect(s.datasets.map((d) => [d.id, d.split.fold, d.group])).toEqual([
      ...Array.from({ length: 10 }, (_, i) => [`kiba.f${i}`, i, 'kiba']),
      [undefined, undefined, undefined],
    ]);
  });

  it('refuses a split that is not k-fold, a fold beside folds: each, and duplicate expanded ids, naming the path', () => {
    expect(issues(withDatasets({ id: 'x', plugin: 'kiba', folds: 'each', split: { kind: 'random' } }))).toEqual([
      { path: 'datasets.0.folds', message: 'folds: "each" expects a k-fold split (split.kind "kfold" or "scaffold-kfold"), got "random"' },
    ]);
    expect(issues(withDatasets({ id: 'x', plugin: 'kiba', folds: 'each' }))[0].message).toMatch(/got "random" \(the default\)$/);
    expect(issues(withDatasets({ id: 'x', plugin: 'kiba', folds: 'each', split: { kind: 'kfold', fold: 2 } }))).toEqual([
      { path: 'datasets.0.split.fold', message: 'expected no split.fold beside folds: "each" (it gives each entry its fold)' },
    ]);
    expect(issues(withDatasets({ id: 'x', plugin: 'kiba', folds: 'each', split: { kind: 'kfold', folds: 1 } }))[0].path).toBe(
      'datasets.0.split.folds',
    );
    expect(
      issues(withDatasets({ id: 'x', plugin: 'kiba', folds: 'each', split: { kind: 'kfold', folds: 3 } }, { id: 'x.f1', plugin: 'kiba' })),
    ).toEqual([{ path: 'datasets.1.id', message: 'duplicate datasets id "x.f1"; give each entry a unique id' }]);
    expect(issues(withDatasets({ id: 'x'.repeat(99), plugin: 'kiba', folds: 'each', split: { kind: 'kfold' } }))[0].path).toBe(
      'datasets.0.id',
    );
  });

  it('changes the suite hash', () => {
    const entry = { id: 'x', plugin: 'kiba', split: { kind: 'kfold', folds: 3 } };
    expect(suiteHash(suiteSchema.parse(withDatasets({ ...entry, folds: 'each' })))).not.toBe(
      suiteHash(suiteSchema.parse(withDatasets(entry))),
    );
  });
});

describe('truths of a dataset', () => {
  const truth = { pairwise: {}, contextual: {} };
  it('are distinct scopes the suite truth defines', () => {
    const s = suiteSchema.parse({ ...minimal, truth, datasets: [{ plugin: 'kiba', truths: ['contextual'] }] });
    expect(s.datasets[0].truths).toEqual(['contextual']);
    const only = suiteSchema.safeParse({ ...minimal, truth: { contextual: {} }, datasets: [{ plugin: 'kiba', truths: ['pairwise'] }] });
    expect(only.error!.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['datasets.0.truths', "the suite's truth defines no pairwise truth; expected scopes it defines (contextual)"],
    ]);
    const twice = suiteSchema.safeParse({ ...minimal, truth, datasets: [{ plugin: 'kiba', truths: ['pairwise', 'pairwise'] }] });
    expect(twice.error!.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['datasets.0.truths', 'expected distinct truth scopes'],
    ]);
    expect(suiteSchema.safeParse({ ...minimal, truth, datasets: [{ plugin: 'kiba', truths: [] }] }).success).toBe(false);
  });
});

describe('budgetOptions', () => {
  it('overrides base options, merging nested objects one level', () => {
    const s = suiteSchema.parse(minimal);
    expect(budgetOptions(s.estimators[0], s.estimators[0].budgets[0])).toEqual({ probeEvery: 5, epochs: 2, inner: { a: 1, b: 3 } });
    expect(budgetOptions(s.estimators[0], s.estimators[0].budgets[1])).toEqual({ probeEvery: 5, epochs: 8, inner: { a: 1, b: 2 } });
  });
});

describe('suiteHash', () => {
  it('ignores key order and bookkeeping fields, follows what changes trials', () => {
    const a = suiteHash(suiteSchema.parse(minimal));
    const reordered = {
      seeds: [1, 2, 3],
      estimators: minimal.estimators,
      datasets: [{ options: { tasks: 4 }, plugin: 'synthetic' }],
      name: 'tiny',
    };
    expect(suiteHash(suiteSchema.parse(reordered))).toBe(a);
    expect(suiteHash(suiteSchema.parse({ ...minimal, output: 'elsewhere', concurrency: 4, alpha: 0.1, trial: { timeoutSec: 5 } }))).toBe(a);
    expect(suiteHash(suiteSchema.parse({ ...minimal, estimators: [{ ...minimal.estimators[0], trial: { timeoutSec: 9 } }] }))).toBe(a);
    expect(suiteHash(suiteSchema.parse({ ...minimal, seeds: [1, 2] }))).not.toBe(a);
    expect(a).toMatch(/^[0-9a-f]{16}$/);
  });
});
