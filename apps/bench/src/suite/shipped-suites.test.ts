/** The suites shipped in apps/bench/suites parse and validate against the built-in plugins. */
import { describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sharedData } from '@transferbench/core/testing';
import { createBenchHost } from '../plugins/bench-host.ts';
import { checkSuite } from './check-suite.ts';
import { DEFAULT_SUITE, SUITES_DIR, loadSuite } from './load-suite.ts';
import { planTrials } from './plan.ts';

const REPO = fileURLToPath(new URL('../../../../', import.meta.url));
// ../shared/data/kiba: skipped with a message when absent, a failure in CI
const kiba = sharedData('kiba');
const tox21 = sharedData('tox21');

describe('shipped suites', () => {
  it('default.yaml: every built-in estimator, ≥ 3 seeds, ≥ 2 budgets each, pairwise- and contextual-oracle truths, valid options', async () => {
    const { suite, baseDir } = await loadSuite(DEFAULT_SUITE);
    const host = await createBenchHost();
    const checked = await checkSuite(suite, host, baseDir, 'default.yaml');
    const listed = new Set(suite.estimators.map((e) => e.plugin));
    const builtins = host.registries.estimators
      .list()
      .filter((e) => e.origin === '@transferbench/estimators' && e.plugin.meta.kind !== 'oracle');
    expect(builtins.length).toBeGreaterThan(0);
    for (const b of builtins) expect(listed, `default suite lacks built-in estimator ${b.plugin.meta.name}`).toContain(b.plugin.meta.name);
    expect(suite.seeds.length).toBeGreaterThanOrEqual(3);
    for (const e of suite.estimators) expect(e.budgets.length).toBeGreaterThanOrEqual(2);
    expect(suite.truth).toMatchObject({
      pairwise: { source: 'oracle', estimator: 'pairwise-oracle' },
      contextual: { source: 'oracle', estimator: 'contextual-oracle' },
    });
    const jobs = planTrials(suite, { suiteHash: 'h', engine: checked.engine, datasetOptions: checked.datasetOptions, plugins: [] });
    // one truth trial per data set and scope
    const truths = jobs.filter((j) => j.kind === 'truth');
    expect(truths.map((j) => j.estimator?.plugin).sort()).toEqual(
      suite.datasets.flatMap(() => ['contextual-oracle', 'pairwise-oracle']).sort(),
    );
  });

  it.skipIf(kiba.skip)('kiba.yaml validates, its data dir resolving from the repo root (needs ../shared/data)', async () => {
    const { suite, baseDir } = await loadSuite(resolve(SUITES_DIR, 'kiba.yaml'));
    const cwd = process.cwd();
    process.chdir(REPO);
    try {
      const checked = await checkSuite(suite, await createBenchHost(), baseDir, 'kiba.yaml');
      expect(checked.datasetOptions.get('kiba12')?.dataDir).toBe(kiba.dir);
      // the in-model truths: K + 1 trainings a seed each, where the pairwise oracle's K + K(K−1)/2 left most pairs open
      const oracleOf = (t: (typeof suite.truth)['pairwise']) => (t && t.source === 'oracle' ? t.estimator : null);
      expect([oracleOf(suite.truth.pairwise), oracleOf(suite.truth.contextual)]).toEqual(['leave-one-out-oracle', 'contextual-oracle']);
    } finally {
      process.chdir(cwd);
    }
  });

  it.skipIf(kiba.skip || tox21.skip)(
    'kiba-study.yaml validates: 5 cross-validated data sets of 10 folds, the pairwise truth only where it is affordable (needs ../shared/data)',
    { timeout: 120_000 },
    async () => {
      const { suite, baseDir } = await loadSuite(resolve(SUITES_DIR, 'kiba-study.yaml'));
      const cwd = process.cwd();
      process.chdir(REPO);
      try {
        const checked = await checkSuite(suite, await createBenchHost(), baseDir, 'kiba-study.yaml');
        expect(suite.datasets).toHaveLength(50);
        const jobs = planTrials(suite, { suiteHash: 'h', engine: checked.engine, datasetOptions: checked.datasetOptions, plugins: [] });
        const truths = (group: string) =>
          jobs.filter((j) => j.kind === 'truth' && j.dataset.id.startsWith(`${group}.f`)).map((j) => j.estimator?.plugin);
        expect(truths('kiba-compound')).toEqual(Array(10).fill('contextual-oracle'));
        expect(truths('kiba-scaffold')).toEqual(Array(10).fill('contextual-oracle'));
        for (const g of ['kiba-panel', 'tox21-compound', 'tox21-scaffold'])
          expect(truths(g).sort()).toEqual([...Array(10).fill('contextual-oracle'), ...Array(10).fill('leave-one-out-oracle')]);
        // the pairwise reference frontier runs only where a pairwise truth scores it
        const frontier = new Set(
          jobs.filter((j) => j.estimator?.id === 'pairwise-frontier').map((j) => j.dataset.id.replace(/\.f\d+$/, '')),
        );
        expect([...frontier].sort()).toEqual(['kiba-panel', 'tox21-compound', 'tox21-scaffold']);
      } finally {
        process.chdir(cwd);
      }
    },
  );
});
