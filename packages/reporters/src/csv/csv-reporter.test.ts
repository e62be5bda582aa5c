import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { fixtureBundle } from '../testing/fixture-bundle.ts';
import { CSV_COLUMNS, csvReporter } from './csv-reporter.ts';

describe('csv reporter', () => {
  it('writes one row per dataset × estimator × budget with the summary values', async () => {
    const bundle = fixtureBundle({ datasets: ['alpha', 'beta'] });
    const [file] = await csvReporter.render(bundle, csvReporter.options!.parse({}));
    expect(file.path).toBe('leaderboard.csv');
    const rows = parse(file.content as string, { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(2 * (3 + 3 + 2 + 1));
    expect(Object.keys(rows[0])).toEqual(CSV_COLUMNS);
    const keys = rows.map((r) => `${r.dataset}/${r.estimator}/${r.budget}`);
    expect(new Set(keys).size).toBe(rows.length);
    for (const r of bundle.summary.rows) expect(keys).toContain(`${r.dataset}/${r.estimator}/${r.budget}`);
    const tag = rows.find((r) => r.dataset === 'beta' && r.estimator === 'tag' && r.budget === 'r6')!;
    expect(Number(tag.power_mean)).toBeCloseTo(0.6, 10);
    expect(Number(tag.cpuSeconds_mean)).toBeCloseTo(2, 10);
    expect(tag).toMatchObject({
      suite_hash: bundle.summary.suite.hash,
      cost_rank: '2',
      matched_cost_rank: '2',
      has_p_values: 'true',
      cost_to_target_method: 'interpolated',
    });
    const noP = rows.find((r) => r.estimator === 'no-p')!;
    expect(noP).toMatchObject({
      has_p_values: 'false',
      power_mean: '',
      matched_cost_rank: '',
      notes: 'no p-values: power and FPR undefined',
    });
    expect(rows.filter((r) => r.dataset === 'alpha').map((r) => r.estimator)).toEqual([
      'learning-curve',
      'learning-curve',
      'tag',
      'tag',
      'tag',
      'gradient-cosine',
      'gradient-cosine',
      'gradient-cosine',
      'no-p',
    ]);
  });

  it('quotes names with commas, quotes and newlines', async () => {
    const bundle = fixtureBundle({
      estimators: [{ id: 'odd, "name"\nx', plugin: 'x', kind: 'computational', budgets: ['b'], power: [0.5], cpu: [1] }],
    });
    const rows = parse((await csvReporter.render(bundle, csvReporter.options!.parse({})))[0].content as string, {
      columns: true,
    }) as Record<string, string>[];
    expect(rows).toHaveLength(1);
    expect(rows[0].estimator).toBe('odd, "name"\nx');
  });
});
