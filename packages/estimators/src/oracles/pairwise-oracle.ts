/**
 * `pairwise-oracle` estimator (ground truth, DESIGN §4): for every ordered pair,
 *   Δ_ij = mean over R seeds of [m_i(model on tasks {i, j})] − [m_i(model on task i alone)]
 * at full data, m = test ROC-AUC (default) or −test log-loss (`metric: 'logloss'`: held-out AUC on ~100
 * test labels is noisy). Per seed: K single-task trainings and K(K−1)/2 pair trainings (each pair model
 * gives Δ_ij and Δ_ji). Δ per seed is a difference of two models sharing the seed (same initial trunk, same
 * streams), so the t-test over seeds is a paired test; CIs are t-based over seeds; p-values raw (BH in
 * details). effect[i][j] = Δ_ij (row = target); the diagonal is not estimated. By default each replicate
 * re-draws the partition of the split's compounds (resample-split.ts), so test-set sampling is in the CIs.
 *
 * Every training result is cached on disk (ctx.cacheDir) under a hash of what it depends on — dataset
 * identity (name, options, content hash), split, model spec (with seed and head count), engine and backend,
 * the task subset — so repeated benchmarks and resumed or killed runs reuse finished trainings. Both
 * metrics are stored per training, so the metric is deliberately NOT part of the key: switching metric
 * reuses the same trainings. The key includes ORACLE_CACHE_VERSION (2 = per-task early stopping), so entries
 * trained under other semantics are never reused.
 */
import { join } from 'node:path';
import { z } from 'zod';
import { contentHash, defineEstimator, trainMany, validateEstimate, type EstimatorContext, type Matrix } from '@transferbench/core';
import { replicateOptionFields, type Replicate, type ReplicateResult } from '../inference/replicates.ts';
import { estimateWithReplicates } from '../inference/estimate-with-replicates.ts';
import { datasetIdentity, splitIdentity } from './identity.ts';
import { TrainingCache } from './training-cache.ts';
import { resampleSplit } from '../shared/resample-split.ts';
import { scoreSubset, subsetResultSchema, subsetSpec, subsetTraining, type SubsetResult } from './subset-training.ts';

export const pairwiseOracleOptionsSchema = z.strictObject({
  ...replicateOptionFields,
  /** m_i: test ROC-AUC, or the negative test log-loss (less noisy on small test sets) */
  metric: z.enum(['auc', 'logloss']).default('auc'),
  /** cap on training epochs (default: the study's model default) */
  maxEpochs: z.number().int().positive().optional(),
  /** reuse / store trainings in ctx.cacheDir (when the host gives one) */
  cache: z.boolean().default(true),
  /**
   * re-draw the train/validation/test partition of the split's compounds for every replicate (scaffold groups
   * kept whole for scaffold splits), so the CIs include test-set sampling; false = condition on the given split
   */
  resampleSplit: z.boolean().default(true),
  /** only these task ids (default all): pairs among them are estimated, every other entry stays null */
  tasks: z.array(z.string().min(1)).min(2).optional(),
});
export type PairwiseOracleOptions = z.infer<typeof pairwiseOracleOptionsSchema>;

/**
 * Bump when the meaning of a cached training changes (training loop, metrics, subset semantics).
 * 2: per-task early stopping (each task read at its own best validation epoch).
 */
export const ORACLE_CACHE_VERSION = 2;

const meta = {
  name: 'pairwise-oracle',
  version: '1.0.0',
  kind: 'oracle' as const,
  description:
    'Ground truth: Δ_ij = test metric of task i trained with task j only − trained alone, at full data, over R seeds ' +
    '(paired by seed, t-based CIs); K + K(K−1)/2 trainings per seed, cached on disk.',
};

export interface OracleReplicateResult extends ReplicateResult {
  details: {
    /** metric of each task trained alone */
    single: (number | null)[];
    /** pair[i][j] = metric of task i in the model with j */
    pair: Matrix;
    trainings: number;
    cacheHits: number;
  };
}

const metricOf = (r: SubsetResult, position: number, metric: PairwiseOracleOptions['metric']): number | null => {
  if (metric === 'auc') return r.auc[position];
  const l = r.logLoss[position];
  return l === null ? null : -l;
};

export async function oracleReplicate(
  ctx: EstimatorContext,
  options: PairwiseOracleOptions,
  rep: Pick<Replicate, 'seed' | 'progress'>,
  cache: TrainingCache<typeof subsetResultSchema>,
): Promise<OracleReplicateResult> {
  const K = ctx.dataset.tasks.length;
  const ids = ctx.dataset.tasks.map((t) => t.id);
  const chosen = selectedTasks(ids, options.tasks);
  const split = options.resampleSplit ? resampleSplit(ctx.dataset, ctx.split, rep.seed) : ctx.split;
  const identity = {
    version: ORACLE_CACHE_VERSION,
    dataset: datasetIdentity(ctx.dataset),
    split: splitIdentity(split),
    engine: { name: ctx.models.engine, backend: ctx.models.backend },
  };
  const subsets: number[][] = [];
  for (const i of chosen) subsets.push([i]);
  for (const [a, i] of chosen.entries()) for (const j of chosen.slice(a + 1)) subsets.push([i, j]);
  const sameIds = (r: SubsetResult, tasks: number[]) => r.tasks.join('\u0001') === tasks.map((t) => ids[t]).join('\u0001');
  // cached trainings first; the misses run as one batch of independent jobs (in parallel where the engine can)
  const entries = subsets.map((tasks) => {
    const spec = subsetSpec(ctx, rep.seed, tasks.length, options.maxEpochs);
    const key = contentHash({ ...identity, spec, tasks: tasks.map((t) => ids[t]) }, 40);
    const hit = options.cache ? cache.get(key) : undefined;
    return { tasks, spec, key, result: hit && sameIds(hit, tasks) ? hit : undefined };
  });
  const cacheHits = entries.filter((e) => e.result).length;
  const missing = entries
    .filter((e) => !e.result)
    .map((e) => ({ entry: e, training: subsetTraining({ dataset: ctx.dataset, split }, e.tasks, e.spec) }));
  rep.progress(cacheHits / subsets.length, `${cacheHits} cached, ${missing.length} to train`);
  const done = await trainMany(
    ctx.models,
    ctx.dataset.features,
    missing.map((m) => m.training.job),
    {
      signal: ctx.signal,
      onJobDone: (_i, finished) => rep.progress((cacheHits + finished) / subsets.length, `${finished}/${missing.length} trainings`),
    },
  );
  missing.forEach(({ entry, training }, k) => {
    const result = scoreSubset(ctx.dataset, training, done[k]);
    ctx.cost.addTraining(result.samplePasses);
    if (options.cache) cache.set(entry.key, result);
    entry.result = result;
  });
  const trainings = missing.length;
  const results = entries.map((e) => ({ tasks: e.tasks, result: e.result! }));
  const single = new Array<number | null>(K).fill(null);
  const pair: Matrix = Array.from({ length: K }, () => new Array<number | null>(K).fill(null));
  for (const { tasks, result } of results) {
    if (tasks.length === 1) single[tasks[0]] = metricOf(result, 0, options.metric);
    else {
      const [i, j] = tasks;
      pair[i][j] = metricOf(result, 0, options.metric);
      pair[j][i] = metricOf(result, 1, options.metric);
    }
  }
  const effect: Matrix = pair.map((row, i) => row.map((v, j) => (i === j || v === null || single[i] === null ? null : v - single[i]!)));
  const undefinedTargets = chosen.filter((i) => single[i] === null).map((i) => ids[i]);
  const warnings =
    undefinedTargets.length > 0
      ? [
          `${options.metric} undefined on the test labels (one class or none) for ${undefinedTargets.join(', ')}: their rows are not estimated`,
        ]
      : [];
  return { effect, warnings, details: { single, pair, trainings, cacheHits } };
}

/** Indices of the chosen task ids (all when not given); unknown or repeated ids are an option error. */
export function selectedTasks(ids: readonly string[], chosen?: readonly string[]): number[] {
  if (!chosen) return ids.map((_, i) => i);
  const out = chosen.map((id) => {
    const i = ids.indexOf(id);
    if (i < 0)
      throw new Error(`estimator "pairwise-oracle": option "tasks": unknown task "${id}"; expected ids of the dataset: ${ids.join(', ')}`);
    return i;
  });
  if (new Set(out).size !== out.length) throw new Error('estimator "pairwise-oracle": option "tasks": expected distinct task ids');
  return out.sort((a, b) => a - b);
}

export const pairwiseOracleEstimator = defineEstimator({
  meta,
  options: pairwiseOracleOptionsSchema,
  async estimate(ctx, options) {
    const K = selectedTasks(
      ctx.dataset.tasks.map((t) => t.id),
      options.tasks,
    ).length; // fails early on unknown ids
    const cacheDir = options.cache && ctx.cacheDir ? join(ctx.cacheDir, 'pairwise-oracle') : undefined;
    const cache = new TrainingCache(cacheDir, subsetResultSchema);
    const unit =
      options.metric === 'auc'
        ? 'Δ test ROC-AUC of the target: trained with the source only − trained alone (full data)'
        : 'Δ negative test log-loss of the target: trained with the source only − trained alone (full data; > 0 = the source helps)';
    const estimate = await estimateWithReplicates(ctx, {
      estimator: { name: meta.name, version: meta.version },
      unit,
      replicates: options.replicates,
      level: options.level,
      run: (rep) => oracleReplicate(ctx, options, rep, cache),
      notes: [
        'paired by seed: both models of a Δ share the replicate seed (same initial trunk and streams); the t-test over seeds is a paired test',
        options.resampleSplit
          ? 'each replicate re-draws the train/validation/test partition of the same compounds: the CIs include test-set sampling'
          : 'all replicates use the given split: the CIs are conditional on its test set (test-set sampling is not in them)',
        "each model: core trainModel with per-task early stopping — each task is scored on its test labels with the model at the epoch of its own lowest validation loss, and training runs until every task of the model has stopped improving (a pair model's extra steps per epoch and its partner's loss do not set the target's stopping point)",
      ],
    });
    const perSeed = K + (K * (K - 1)) / 2;
    const cacheNote = cacheDir
      ? `cache ${cacheDir}: ${cache.stats.hits} hit(s), ${ctx.cost.trainings} training(s) run, ${cache.stats.writes} written` +
        (cache.stats.invalid > 0 ? `, ${cache.stats.invalid} invalid entr(ies) ignored` : '')
      : 'no cache directory (ctx.cacheDir unset or cache: false): every training was run';
    return validateEstimate(
      {
        ...estimate,
        cost: ctx.cost.snapshot(),
        diagnostics: { ...estimate.diagnostics, notes: [...estimate.diagnostics.notes, cacheNote] },
        details: { ...estimate.details, metric: options.metric, trainingsPerSeed: perSeed, cache: cache.stats },
      },
      `estimator "${meta.name}"`,
    );
  },
});
