/**
 * Where the compute went, from hand-made trial records with known sums: per dataset (the folds of a `folds: each`
 * group as one) the truth trials, each estimator over its folds, and start-up (processCpuMs − cpuMs); a failed
 * trial counts, a trial without a CPU measure is left out and named; shares of the study's total.
 */
import { describe, expect, it } from 'vitest';
import type { TruthSummary } from '@transferbench/core';
import { suiteSchema } from '../suite/suite-schema.ts';
import { computeBreakdown, computeHtml, computeMarkdown, type ComputeRecord } from './compute.ts';

const suite = suiteSchema.parse({
  name: 'cv',
  datasets: [
    { id: 'plain', plugin: 'p' },
    { id: 'cv', plugin: 'p', split: { kind: 'kfold', folds: 2 }, folds: 'each' },
  ],
  estimators: [{ id: 'lc', plugin: 'learning-curve' }, { plugin: 'tag' }],
  seeds: [1],
  truth: { contextual: {} },
});

const rec = (
  dataset: string,
  estimator: string | null,
  cpuMs: number | null,
  processCpuMs: number | null,
  status: 'ok' | 'failed' = 'ok',
): ComputeRecord => ({
  status,
  job: { kind: estimator ? 'estimate' : 'truth', dataset: { id: dataset }, estimator: estimator ? { id: estimator } : null },
  measures: { cpuMs, processCpuMs },
});

const records = [
  rec('cv.f0', null, 10_000, 11_000),
  rec('cv.f1', null, 12_000, 13_500),
  rec('cv.f0', 'lc', 3_000, 4_000),
  rec('cv.f1', 'lc', 3_500, 4_200),
  rec('cv.f0', 'tag', 500, 1_500, 'failed'), // a failed trial's CPU was spent: counted
  rec('cv.f1', 'tag', 250, null), // no process measure: its estimator CPU counts, no start-up
  rec('plain', null, 2_000, 2_600),
  rec('plain', 'tag', 750, 1_250),
  rec('plain', 'lc', null, null, 'failed'), // killed before it reported: in no sum
];

describe('compute breakdown', () => {
  const truths = [
    { id: 'cv/contextual', trialId: 'a+b', cpuSeconds: 22, trainingSeconds: 120 },
    { id: 'plain/contextual', trialId: 'c', cpuSeconds: 2, trainingSeconds: 2 },
  ] as TruthSummary[];
  const b = computeBreakdown(suite, records, truths);
  const total = 38.3; // 22 + 6.5 + 0.75 + 5.2 (cv) + 2 + 0.75 + 1.1 (plain)

  it('sums CPU-seconds exactly per dataset group and part, in suite order', () => {
    const parts = (d: string) => b.datasets.find((g) => g.dataset === d)!.parts.map((p) => [p.part, p.trials, p.cpuSeconds]);
    expect(b.datasets.map((g) => g.dataset)).toEqual(['plain', 'cv']);
    expect(parts('plain')).toEqual([
      ['truths', 1, 2],
      ['tag', 1, 0.75],
      ['start-up', 2, 1.1],
    ]);
    expect(parts('cv')).toEqual([
      ['truths', 2, 22],
      ['lc', 2, 6.5],
      ['tag', 2, 0.75],
      ['start-up', 5, 5.2], // 1 + 1.5 + 1 + 0.7 + 1
    ]);
    expect(b.datasets.map((g) => [g.trials, g.cpuSeconds])).toEqual([
      [2, 3.85],
      [6, 34.45],
    ]);
    expect(b.cpuSeconds).toBe(total);
    expect(b.trials).toBe(8);
    expect([b.failed, b.unmeasured]).toEqual([2, 1]);
  });

  it('gives shares of the study total, in percent', () => {
    const cv = b.datasets[1];
    expect(cv.parts[0].share).toBeCloseTo((100 * 22) / total, 12);
    expect(cv.share).toBeCloseTo((100 * 34.45) / total, 12);
    const sum = b.datasets.flatMap((g) => g.parts).reduce((a, p) => a + p.share, 0);
    expect(sum).toBeCloseTo(100, 12);
  });

  it('renders the table with totals, and notes failures, unmeasured trials and cached truths', () => {
    const md = computeMarkdown(b);
    for (const line of [
      '| dataset | where | trials | CPU-s | share of total |',
      '| plain | truth trials | 1 | 2.00 | 5.2 % |',
      '| plain | trial start-up (process − estimator CPU) | 2 | 1.10 | 2.9 % |',
      '| plain | dataset total | 2 | 3.85 | 10.1 % |',
      '| cv | truth trials | 2 | 22.00 | 57.4 % |',
      '| cv | estimator lc | 2 | 6.50 | 17.0 % |',
      '| cv | dataset total | 6 | 34.45 | 89.9 % |',
      '| all | study total | 8 | 38.30 | 100.0 % |',
      '- 2 failed trial(s) are counted: their CPU was spent.',
      '- 1 trial(s) have no CPU measure (killed before they reported) and are not in the sums.',
      "- The truth cv/contextual took trainings from the oracle's cache: 22.00 CPU-s in this run, 120.00 s of training in all.",
    ])
      expect(md.split('\n')).toContain(line);
    expect(md).not.toContain('plain/contextual took');
    const html = computeHtml(b);
    expect(html).toContain('<table class="ranking study" data-table="compute">');
    expect(html).toContain(
      '<tr><td>all</td><td>study total</td><td class="num">8</td><td class="num">38.30</td><td class="num">100.0 %</td></tr>',
    );
  });
});
