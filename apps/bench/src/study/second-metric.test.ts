import { describe, expect, it } from 'vitest';
import type { BenchSummary, TrialRecord } from '@transferbench/core';
import { secondMetricMarkdown, secondMetricTruths } from './second-metric.ts';

// 3 targets × 3 folds; per fold the AP Δ of 2 replicates (v − 0.01, v + 0.01), so the fold's Δ is v
const tasks = ['A', 'B', 'C'];
const foldAp = [
  [0.1, -0.05, 0.002],
  [0.12, -0.06, -0.001],
  [0.11, -0.04, 0.0005],
];
const record = (id: string, ap: number[] | null): TrialRecord =>
  ({
    id,
    status: 'ok',
    estimate: {
      estimator: { name: 'contextual-oracle', version: '1.1.0' },
      tasks,
      unit: 'Δ test ROC-AUC',
      pairwise: { effect: tasks.map(() => tasks.map(() => null)) },
      contextual: { effect: [0.05, 0.04, 0] },
      cost: { wallMs: 1, cpuMs: 1, peakRssMb: 1, trainings: 1, probes: 0, samplePasses: 1, flops: 0 },
      diagnostics: { warnings: [], fitFailures: 0, fitAttempts: 0, notes: [] },
      details: {
        replicates: [-0.01, 0.01].map((d) => ({
          contextual: [0.05, 0.04, 0],
          ...(ap ? { contextualByMetric: { auc: [0.05, 0.04, 0], ap: ap.map((v) => v + d) } } : {}),
        })),
      },
    },
  }) as unknown as TrialRecord;
const summary = {
  truths: [
    {
      dataset: 'cv',
      scope: 'contextual',
      status: 'ok',
      trialId: 'f0+f1+f2',
      folds: ['cv.f0', 'cv.f1', 'cv.f2'],
      tasks,
      nullMargin: 0.01,
      counts: { positive: 2, negative: 0, small: 0, null: 1, indeterminate: 0 },
      // the ROC-AUC truth: A and B positive, C null
      cells: ['positive', 'positive', 'null'].map((c, i) => ({ target: tasks[i], source: null, class: c })),
    },
  ],
} as unknown as BenchSummary;

describe('the contextual truth in a second metric', () => {
  it('pools the folds with the corrected resampled t, classes with the truth’s δ, and compares with its classes', () => {
    const [r] = secondMetricTruths(
      summary,
      foldAp.map((ap, f) => record(`f${f}`, ap)),
    );
    // A: mean 0.11, s 0.01, half-width t(0.975, 2)·√(1/3 + 1/2)·s = 4.303·0.00913 = 0.039 → [0.071, 0.149]: positive;
    // B: −0.05 ± 0.039: negative; C: 0.0005, s 0.0015 → ±0.0059, inside ±δ: null
    expect(r.counts).toEqual({ positive: 1, negative: 1, small: 0, null: 1, indeterminate: 0 });
    expect(r.meanEffect).toBeCloseTo((0.11 - 0.05 + 0.0005) / 3, 12);
    // settled by both: all 3; same class: A and C; B positive in ROC-AUC, negative in AP
    expect(r.agreement).toEqual({ settledBoth: 3, sameClass: 2, oppositeSign: 1 });
    expect(secondMetricMarkdown([r], summary).split('\n')).toContain(
      '| cv | 3 | 0.020 | 1 positive, 1 negative, 0 small, 1 null, 0 indeterminate | 2 positive, 0 negative, 0 small, 1 null, 0 indeterminate | 3 | 2 | 1 |',
    );
  });

  it('says "not recorded" when a fold comes from an oracle that does not read the metric', () => {
    const [r] = secondMetricTruths(summary, [record('f0', foldAp[0]), record('f1', null), record('f2', foldAp[2])]);
    expect(r).toEqual({ dataset: 'cv', metric: 'ap', targets: 3, counts: null, meanEffect: null, agreement: null });
    expect(secondMetricMarkdown([r], summary)).toContain('not recorded (contextual-oracle before 1.1.0)');
    expect(secondMetricTruths({ truths: [] } as unknown as BenchSummary, [])).toEqual([]);
  });
});
