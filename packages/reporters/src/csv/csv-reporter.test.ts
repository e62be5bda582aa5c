import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { FIXTURE_UNITS, fixtureBundle } from '../testing/fixture-bundle.ts';
import { CSV_COLUMNS, csvReporter } from './csv-reporter.ts';

const rowsOf = async (bundle: ReturnType<typeof fixtureBundle>) =>
  parse((await csvReporter.render(bundle, csvReporter.options!.parse({})))[0].content as string, { columns: true }) as Record<
    string,
    string
  >[];

describe('csv reporter', () => {
  it('writes one row per dataset × estimator × budget × scope, each naming its truth', async () => {
    const bundle = fixtureBundle({ datasets: ['alpha', 'beta'] });
    const [file] = await csvReporter.render(bundle, csvReporter.options!.parse({}));
    expect(file.path).toBe('leaderboard.csv');
    const rows = await rowsOf(bundle);
    expect(Object.keys(rows[0])).toEqual(CSV_COLUMNS);
    // 13 estimator × budget rows (references included), in both scopes, on both datasets
    expect(rows).toHaveLength(2 * 2 * 13);
    const keys = rows.map((r) => `${r.dataset}/${r.scope}/${r.estimator}/${r.budget}`);
    expect(new Set(keys).size).toBe(rows.length);
    for (const r of bundle.summary.rows)
      for (const scope of ['pairwise', 'contextual']) expect(keys).toContain(`${r.dataset}/${scope}/${r.estimator}/${r.budget}`);

    const tag = rows.find((r) => r.dataset === 'beta' && r.scope === 'pairwise' && r.estimator === 'tag' && r.budget === 'r6')!;
    expect(tag).toMatchObject({
      suite_hash: bundle.summary.suite.hash,
      truth_id: 'beta/pairwise',
      truth_estimator: 'pairwise-oracle',
      truth_unit: FIXTURE_UNITS.pairwise,
      null_margin: '0.005',
      truth_ceiling: '0.9',
      role: 'estimator',
      cost_rank: '2',
      matched_cost_rank: '2',
      scored: 'true',
      has_p_values: 'true',
      power_hits: '18',
      power_n: '30',
      cost_to_target_method: 'interpolated',
      cost_to_target_budget: 'r12',
      cells_positive: '8',
      cells_constructed_null: '10',
    });
    // 18/30: Wilson 95 % [0.4232, 0.7541]
    expect(Number(tag.power_value)).toBeCloseTo(0.6, 12);
    expect(Number(tag.power_lower)).toBeCloseTo(0.4232, 4);
    expect(Number(tag.power_upper)).toBeCloseTo(0.7541, 4);
    expect(Number(tag.ks_p_value)).toBeLessThan(0.001); // the anti-conservative fixture estimator
    expect(Number(tag.cpu_seconds_mean)).toBeCloseTo(2, 10);

    const gcCtx = rows.find(
      (r) => r.dataset === 'alpha' && r.scope === 'contextual' && r.estimator === 'gradient-cosine' && r.budget === 'r3',
    )!;
    expect(gcCtx).toMatchObject({
      truth_id: 'alpha/contextual',
      null_margin: '0.004',
      cost_rank: '1',
      matched_cost_rank: '1',
      power_n: '12',
    });
    const gcPw = rows.find(
      (r) => r.dataset === 'alpha' && r.scope === 'pairwise' && r.estimator === 'gradient-cosine' && r.budget === 'r3',
    )!;
    expect(gcPw).toMatchObject({
      cost_to_target_method: 'extrapolated',
      cost_to_target_cpu_seconds: '12',
      cost_to_target_lower: '6',
      cost_to_target_upper: '',
    });

    const ref = rows.find((r) => r.scope === 'pairwise' && r.estimator === 'pairwise-oracle' && r.budget === 'r8')!;
    expect(ref).toMatchObject({ role: 'reference', cost_rank: '', matched_cost_rank: '', scored: 'true', power_hits: '27' });
    const noP = rows.find((r) => r.scope === 'pairwise' && r.estimator === 'no-p')!;
    expect(noP).toMatchObject({
      scored: 'true',
      has_p_values: 'false',
      power_value: '',
      cost_to_target_method: 'undefined',
      notes: 'pairwise: no p-values (power and FPR undefined)',
    });
    const noCtx = rows.find((r) => r.scope === 'contextual' && r.estimator === 'no-p')!;
    expect(noCtx).toMatchObject({ scored: 'false', has_p_values: '', power_value: '', cost_rank: '' });

    // ranking order within a dataset and scope: ranked estimators, then references, then those without output
    expect(rows.filter((r) => r.dataset === 'alpha' && r.scope === 'contextual').map((r) => `${r.estimator}@${r.budget}`)).toEqual([
      'gradient-cosine@r3',
      'gradient-cosine@r6',
      'gradient-cosine@r12',
      'tag@r3',
      'tag@r6',
      'tag@r12',
      'learning-curve@small',
      'learning-curve@large',
      'contextual-oracle@r2',
      'contextual-oracle@r4',
      'no-p@default',
      'pairwise-oracle@r4',
      'pairwise-oracle@r8',
    ]);
  });

  it('quotes names with commas, quotes and newlines', async () => {
    const rows = await rowsOf(
      fixtureBundle({
        estimators: [{ id: 'odd, "name"\nx', plugin: 'x', kind: 'computational', budgets: ['b'], cpu: [1], pairwise: [0.5] }],
      }),
    );
    expect(rows).toHaveLength(2); // pairwise row, and the unscored contextual row
    expect(rows[0].estimator).toBe('odd, "name"\nx');
  });
});
