import { describe, expect, it } from 'vitest';
import { sessionRecord } from '../testing/session-record.ts';
import { summarize } from '../report/summarize.ts';
import { planTrials, truthJobFor } from './plan.ts';
import { suiteSchema } from './suite-schema.ts';

const ctx = { suiteHash: 'h', engine: 'fast', datasetOptions: new Map(), plugins: [] };
const session = sessionRecord('s', { name: 'cv', hash: 'h' });

// the study's shape: a pairwise truth only on a small panel, the contextual truth per fold of the large set
const suite = suiteSchema.parse({
  name: 'cv',
  datasets: [
    { id: 'panel', plugin: 'synthetic' },
    { id: 'kiba', plugin: 'kiba', folds: 'each', split: { kind: 'kfold', folds: 3 }, truths: ['contextual'] },
  ],
  estimators: [{ plugin: 'tag' }],
  seeds: [1],
  truth: { pairwise: {}, contextual: {} },
});

describe('planTrials with dataset truths', () => {
  const jobs = planTrials(suite, ctx);
  const truthJobs = jobs.filter((j) => j.kind === 'truth').map((j) => [j.dataset.id, j.estimator?.plugin, j.dataset.split.fold]);

  it('plans a truth job only for the scopes a dataset scores, one per fold', () => {
    expect(truthJobs).toEqual([
      ['panel', 'pairwise-oracle', undefined],
      ['panel', 'contextual-oracle', undefined],
      ['kiba.f0', 'contextual-oracle', 0],
      ['kiba.f1', 'contextual-oracle', 1],
      ['kiba.f2', 'contextual-oracle', 2],
    ]);
    expect(jobs.filter((j) => j.kind === 'estimate')).toHaveLength(4);
  });

  it("an estimator's `datasets` limit its trials to those entries, a fold group standing for its folds", () => {
    const limited = suiteSchema.parse({
      ...suite,
      estimators: [
        { plugin: 'tag' },
        { id: 'pairwise-frontier', plugin: 'leave-one-out-oracle', datasets: ['panel'] },
        { id: 'on-folds', plugin: 'contextual-oracle', datasets: ['kiba'] },
        { id: 'on-one-fold', plugin: 'gradient-cosine', datasets: ['kiba.f1'] },
      ],
    });
    const where = (id: string) =>
      planTrials(limited, ctx)
        .filter((j) => j.kind === 'estimate' && j.estimator?.id === id)
        .map((j) => j.dataset.id);
    expect(where('tag')).toEqual(['panel', 'kiba.f0', 'kiba.f1', 'kiba.f2']);
    expect(where('pairwise-frontier')).toEqual(['panel']);
    expect(where('on-folds')).toEqual(['kiba.f0', 'kiba.f1', 'kiba.f2']);
    expect(where('on-one-fold')).toEqual(['kiba.f1']);
    const bad = suiteSchema.safeParse({ ...suite, estimators: [{ plugin: 'tag', datasets: ['kiba', 'tox21'] }] });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['estimators.0.datasets.1', 'no dataset "tox21"; expected a dataset id of this suite (panel, kiba)'],
    ]);
  });

  it('a dataset filter (`--datasets`) keeps the named entries and folds, truths included, with the same job ids', () => {
    const part = planTrials(suite, { ...ctx, datasetFilter: ['kiba'] });
    expect(part.map((j) => [j.kind, j.dataset.id])).toEqual([
      ['truth', 'kiba.f0'],
      ['truth', 'kiba.f1'],
      ['truth', 'kiba.f2'],
      ['estimate', 'kiba.f0'],
      ['estimate', 'kiba.f1'],
      ['estimate', 'kiba.f2'],
    ]);
    // a part of a study is the same work as in the whole run: its trials can be merged with the other parts'
    const whole = new Set(jobs.map((j) => j.id));
    expect(part.every((j) => whole.has(j.id))).toBe(true);
    expect(planTrials(suite, { ...ctx, datasetFilter: ['panel', 'kiba.f2'] }).map((j) => j.dataset.id)).toEqual([
      'panel',
      'panel',
      'kiba.f2',
      'panel',
      'kiba.f2',
    ]);
  });

  it('truthJobFor gives null for a scope the dataset leaves out, even when one oracle run serves both scopes', () => {
    expect(truthJobFor(jobs, suite, 'kiba.f1', 'pairwise')).toBeNull();
    expect(truthJobFor(jobs, suite, 'kiba.f1', 'contextual')?.dataset.id).toBe('kiba.f1');
    expect(truthJobFor(jobs, suite, 'panel', 'pairwise')?.estimator?.plugin).toBe('pairwise-oracle');
    const shared = suiteSchema.parse({
      name: 'cv',
      datasets: [{ id: 'kiba', plugin: 'kiba', truths: ['contextual'] }],
      estimators: [{ plugin: 'tag' }],
      seeds: [1],
      truth: { pairwise: { estimator: 'both-oracle' }, contextual: { estimator: 'both-oracle' } },
    });
    const sharedJobs = planTrials(shared, ctx);
    expect(sharedJobs.filter((j) => j.kind === 'truth')).toHaveLength(1);
    expect(truthJobFor(sharedJobs, shared, 'kiba', 'pairwise')).toBeNull();
    expect(truthJobFor(sharedJobs, shared, 'kiba', 'contextual')).not.toBeNull();
  });

  it('summarize lists no truth and no score for a left-out scope', () => {
    const summary = summarize({ suite, suiteHash: 'h', jobs, records: new Map(), sessions: [session], kinds: new Map() });
    expect(summary.truths.map((t) => [t.id, t.status])).toEqual([
      ['panel/pairwise', 'missing'],
      ['panel/contextual', 'missing'],
      ['kiba/contextual', 'missing'],
    ]);
    // no records, so no scores; the panel's pairwise truth is unavailable, the folds' (scored as one group) is not there at all
    expect(summary.rows.map((r) => [r.dataset, r.pairwise, r.contextual, r.notes.filter((n) => n.startsWith('pairwise'))])).toEqual([
      ['panel', null, null, ['pairwise truth unavailable: not scored']],
      ['kiba', null, null, []],
    ]);
  });
});
