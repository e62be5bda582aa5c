/**
 * Expands a suite into trial jobs: one truth job per dataset and truth scope it scores (first, so scores can be computed as soon
 * as possible), then dataset × estimator × budget × seed, seed-major (a stopped run has whole seeds done
 * rather than whole estimators). The split is the dataset entry's `split` options for every seed (set
 * `split.seed` to vary it); the trial seed drives the estimator's randomness.
 */
import { canonicalJson, makeTrialJob, type TrialJob } from '@transferbench/core';
import {
  budgetOptions,
  datasetId,
  estimatorId,
  namedIn,
  runsOn,
  scoresTruth,
  truthScopes,
  type ScopeTruthSpec,
  type Suite,
  type TruthScope,
} from './suite-schema.ts';

export interface PlanContext {
  suiteHash: string;
  engine: string;
  /** dataset id → options with absolute paths */
  datasetOptions: Map<string, Record<string, unknown>>;
  /** absolute plugin files the children load */
  plugins: string[];
  cacheDir?: string;
  /** restrict to these estimator ids */
  estimatorFilter?: string[] | null;
  /** restrict to these dataset ids (a `folds: each` entry's id stands for its folds), truths included */
  datasetFilter?: string[] | null;
}

/** The truth job of a dataset for one scope (the same job may serve both scopes); null when the dataset's `truths` leave the scope out. */
export function truthJobFor(jobs: readonly TrialJob[], suite: Suite, dataset: string, scope: TruthScope): TrialJob | null {
  const t = suite.truth[scope];
  const entry = suite.datasets.find((d) => datasetId(d) === dataset);
  if (!t || (entry && !scoresTruth(entry, scope))) return null;
  return (
    jobs.find(
      (j) =>
        j.kind === 'truth' &&
        j.dataset.id === dataset &&
        (t.source === 'planted'
          ? j.truthSource === 'planted'
          : j.truthSource === 'oracle' &&
            j.estimator?.plugin === t.estimator &&
            j.seed === t.seed &&
            sameOptions(j.estimator.options, t.options)),
    ) ?? null
  );
}

const sameOptions = (a: unknown, b: unknown) => canonicalJson(a) === canonicalJson(b);

export function planTrials(suite: Suite, ctx: PlanContext): TrialJob[] {
  const limitsFor = (o?: { timeoutSec?: number; memoryMb?: number }) => {
    const l = { ...suite.trial, ...o };
    return { timeoutMs: l.timeoutSec * 1000, memoryMb: l.memoryMb };
  };
  const engine = { name: ctx.engine, ...(suite.engine.backend ? { backend: suite.engine.backend } : {}) };
  const common = {
    suiteHash: ctx.suiteHash,
    model: suite.model as Record<string, unknown>,
    engine,
    plugins: ctx.plugins,
    ...(ctx.cacheDir ? { cacheDir: ctx.cacheDir } : {}),
  };
  const dataset = (d: Suite['datasets'][number]) => ({
    id: datasetId(d),
    plugin: d.plugin,
    options: d.options,
    split: d.split,
    resolvedOptions: ctx.datasetOptions.get(datasetId(d)) ?? d.options,
  });
  const datasets = ctx.datasetFilter ? suite.datasets.filter((d) => namedIn(ctx.datasetFilter!, d)) : suite.datasets;
  const jobs: TrialJob[] = [];
  const truthJob = (d: Suite['datasets'][number], t: ScopeTruthSpec): TrialJob =>
    t.source === 'oracle'
      ? makeTrialJob({
          ...common,
          limits: limitsFor(t.trial),
          kind: 'truth',
          truthSource: 'oracle',
          dataset: dataset(d),
          estimator: { id: 'truth', plugin: t.estimator, budget: 'truth', options: t.options },
          seed: t.seed,
        })
      : makeTrialJob({
          ...common,
          limits: limitsFor(),
          kind: 'truth',
          truthSource: 'planted',
          dataset: dataset(d),
          estimator: null,
          seed: 0,
          engine: { name: 'none' },
        });
  // one truth job per dataset and scope it scores; a pairwise and a contextual truth from one oracle run are one job
  const seen = new Set<string>();
  for (const d of datasets) {
    for (const scope of truthScopes) {
      const t = scoresTruth(d, scope) ? suite.truth[scope] : undefined;
      const job = t && truthJob(d, t);
      if (job && !seen.has(job.id)) {
        seen.add(job.id);
        jobs.push(job);
      }
    }
  }
  const filter = ctx.estimatorFilter ? new Set(ctx.estimatorFilter) : null;
  for (const seed of suite.seeds) {
    for (const d of datasets) {
      for (const e of suite.estimators) {
        if ((filter && !filter.has(estimatorId(e))) || !runsOn(e, d)) continue;
        for (const b of e.budgets) {
          jobs.push(
            makeTrialJob({
              ...common,
              limits: limitsFor(e.trial),
              kind: 'estimate',
              dataset: dataset(d),
              estimator: { id: estimatorId(e), plugin: e.plugin, budget: b.name, options: budgetOptions(e, b) },
              seed,
            }),
          );
        }
      }
    }
  }
  return jobs;
}
