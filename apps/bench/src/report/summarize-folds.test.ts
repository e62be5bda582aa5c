/**
 * Folds of a cross-validation group in the summary: their truths pool into one truth (fold mean, corrected
 * resampled t interval), and every fold's trials are scored against it as one dataset. Worked example: 4 targets
 * over 3 folds — A positive, B null, C indeterminate, D negative at δ 0.01 — and an estimator that finds A in every
 * fold and D in one (wrong sign in another): power 4 of 6, no false positive on B.
 */
import { describe, expect, it } from 'vitest';
import { RESULTS_SCHEMA_VERSION, type TransferEstimate, type TrialJob, type TrialRecord } from '@transferbench/core';
import { sessionRecord } from '../testing/session-record.ts';
import { planTrials } from '../suite/plan.ts';
import { suiteSchema } from '../suite/suite-schema.ts';
import { summarize } from './summarize.ts';

const tasks = ['A', 'B', 'C', 'D'];
const session = sessionRecord('s', { name: 'cv', hash: 'h' });

const estimate = (name: string, effect: number[], pValue?: number[]): TransferEstimate => ({
  estimator: { name, version: '1' },
  tasks,
  unit: 'ΔAUC',
  pairwise: { effect: tasks.map(() => tasks.map(() => null)) },
  contextual: { effect, ...(pValue ? { pValue } : {}) },
  cost: { wallMs: 1000, cpuMs: 1000, peakRssMb: 50, trainings: 5, probes: 0, samplePasses: 0, flops: 0 },
  diagnostics: { warnings: [], fitFailures: 0, fitAttempts: 0, notes: [] },
});

const record = (job: TrialJob, est: TransferEstimate): TrialRecord => ({
  type: 'trial',
  schemaVersion: RESULTS_SCHEMA_VERSION,
  sessionId: 's',
  suiteHash: 'h',
  job,
  id: job.id,
  status: 'ok',
  estimate: est,
  measures: { wallMs: 1000, cpuMs: 1000, setupMs: 0, processCpuMs: 1400, peakRssMb: 50, runnerWallMs: 1500 },
  engine: null,
  runner: 'r',
  startedAt: '2025-01-01T00:00:00Z',
  finishedAt: '2025-01-01T00:00:01Z',
});

// per fold: the contextual oracle's Δ of A, B, C, D; the estimator's effect and p
const truthByFold = [
  [0.05, 0.0, -0.05, -0.03],
  [0.06, 0.001, 0.02, -0.035],
  [0.055, -0.001, 0.04, -0.032],
];
const estimateByFold = [
  { effect: [0.04, 0.0, 0.01, -0.02], p: [0.001, 0.6, 0.3, 0.001] },
  { effect: [0.04, 0.0, 0.01, -0.02], p: [0.001, 0.6, 0.3, 0.5] },
  { effect: [0.04, 0.0, 0.01, 0.02], p: [0.001, 0.6, 0.3, 0.001] },
];

describe('summary of a cross-validation group', () => {
  it('pools the folds’ truths and scores every fold’s trials against the pooled truth', () => {
    const suite = suiteSchema.parse({
      name: 'cv',
      datasets: [{ id: 'cv', plugin: 'kiba', folds: 'each', split: { kind: 'kfold', folds: 3 } }],
      estimators: [{ plugin: 'est' }],
      seeds: [1],
      truth: { contextual: { nullMargin: 0.01 } },
    });
    const jobs = planTrials(suite, { suiteHash: 'h', engine: 'fast', datasetOptions: new Map(), plugins: [] });
    const records = new Map<string, TrialRecord>();
    for (const job of jobs) {
      const f = job.dataset.split.fold as number;
      const est =
        job.kind === 'truth'
          ? estimate('contextual-oracle', truthByFold[f])
          : estimate('est', estimateByFold[f].effect, estimateByFold[f].p);
      records.set(job.id, record(job, est));
    }
    const summary = summarize({ suite, suiteHash: 'h', jobs, records, sessions: [session], kinds: new Map([['est', 'statistical']]) });

    expect(summary.truths).toHaveLength(1);
    const truth = summary.truths[0];
    expect(truth).toMatchObject({ id: 'cv/contextual', status: 'ok', folds: ['cv.f0', 'cv.f1', 'cv.f2'], replicates: 3 });
    expect(truth.trialId.split('+')).toHaveLength(3);
    expect(truth.cells.map((c) => [c.target, c.class])).toEqual([
      ['A', 'positive'],
      ['B', 'null'],
      ['C', 'indeterminate'],
      ['D', 'negative'],
    ]);
    expect(truth.cells[0].effect).toBeCloseTo(0.055, 12);

    expect(summary.rows).toHaveLength(1);
    const row = summary.rows[0];
    expect(row.dataset).toBe('cv');
    expect(row.seeds.total).toBe(3);
    expect(row.contextual?.power).toMatchObject({ hits: 4, n: 6 });
    expect(row.contextual?.fpr).toMatchObject({ hits: 0, n: 3 });
  });
});
