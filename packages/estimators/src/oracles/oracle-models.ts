/**
 * The training machinery every oracle shares: for one replicate, train the models a design asks for (each a
 * list of members in roles), taking finished ones from the on-disk cache and running the rest as one batch of
 * independent jobs (`trainMany`: in parallel where the engine can), then read a metric per member.
 *
 * Cache key: dataset identity (name, options, content hash), the replicate's split (index arrays), engine and
 * backend, the model spec (with seed and head count), the members (task ids with their roles and the operating
 * point) and which of them are read out (they end training), under ORACLE_CACHE_VERSION. Every metric is stored per training, so the metric is not part
 * of the key: switching metric, or another oracle needing the same model (the all-task model of the contextual
 * and leave-one-out oracles, the single-task models of the pairwise and contextual ones), reuses it.
 */
import { contentHash, trainMany, type EstimatorContext } from '@transferbench/core';
import type { Replicate } from '../inference/replicates.ts';
import { resampleSplit } from '../shared/resample-split.ts';
import { datasetIdentity, splitIdentity } from './identity.ts';
import { LabelView, type SubsetMember } from './label-view.ts';
import { memberKey, scoreSubset, subsetResultSchema, subsetSpec, subsetTraining, type SubsetResult } from './subset-training.ts';
import type { TrainingCache } from './training-cache.ts';
import type { OracleMetric } from './oracle-options.ts';

/**
 * Bump when the meaning of a cached training changes (training loop, metrics, subset semantics).
 * 2: per-task early stopping (each task read at its own best validation epoch).
 * 3: member roles (cut target, permuted source), average precision and training label counts stored.
 * 4: training ends when the target members have stopped improving (sources no longer hold it open).
 */
export const ORACLE_CACHE_VERSION = 4;

/** Sub-folder of ctx.cacheDir shared by every oracle (the same model serves the pairwise, contextual and leave-one-out truths). */
export const ORACLE_CACHE_DIR = 'oracle-trainings';

export type OracleCache = TrainingCache<typeof subsetResultSchema>;

export interface ModelRun {
  members: SubsetMember[];
  result: SubsetResult;
}

export interface ReplicateModels {
  runs: ModelRun[];
  /** trainings run (not from the cache) */
  trainings: number;
  cacheHits: number;
  /** wall ms of every model used, where it was trained — cached ones included: what the truth cost to compute */
  trainingMs: number;
}

/** m of the member at `position`: higher is better for every metric (log-loss enters negated). */
export function metricOf(r: SubsetResult, position: number, metric: OracleMetric): number | null {
  if (metric === 'auc') return r.auc[position];
  if (metric === 'ap') return r.ap[position];
  const l = r.logLoss[position];
  return l === null ? null : -l;
}

export async function trainReplicateModels(
  ctx: EstimatorContext,
  options: { resampleSplit: boolean; targetFraction: number; maxEpochs?: number; cache: boolean },
  rep: Pick<Replicate, 'seed' | 'progress'>,
  cache: OracleCache,
  models: readonly SubsetMember[][],
): Promise<ReplicateModels> {
  const ids = ctx.dataset.tasks.map((t) => t.id);
  const split = options.resampleSplit ? resampleSplit(ctx.dataset, ctx.split, rep.seed) : ctx.split;
  const view = new LabelView(ctx.dataset, split, rep.seed, options.targetFraction);
  const identity = {
    version: ORACLE_CACHE_VERSION,
    dataset: datasetIdentity(ctx.dataset),
    split: splitIdentity(split),
    engine: { name: ctx.models.engine, backend: ctx.models.backend },
  };
  const entries = models.map((members) => {
    const spec = subsetSpec(ctx, rep.seed, members.length, options.maxEpochs);
    const keys = members.map((m) => memberKey(ids, m, options.targetFraction));
    // the members read out (targets) end training (subset-training.ts), so they are part of what a model is
    const read = members.flatMap((m, s) => (m.role === 'target' ? [s] : []));
    const key = contentHash({ ...identity, spec, tasks: keys, read }, 40);
    const hit = options.cache ? cache.get(key) : undefined;
    return { members, spec, keys, key, result: hit && hit.tasks.join('\u0001') === keys.join('\u0001') ? hit : undefined };
  });
  const cacheHits = entries.filter((e) => e.result).length;
  const missing = entries.filter((e) => !e.result).map((e) => ({ entry: e, training: subsetTraining(view, e.members, e.spec) }));
  rep.progress(cacheHits / Math.max(1, entries.length), `${cacheHits} cached, ${missing.length} to train`);
  const done = await trainMany(
    ctx.models,
    ctx.dataset.features,
    missing.map((m) => m.training.job),
    {
      signal: ctx.signal,
      onJobDone: (_i, finished) => rep.progress((cacheHits + finished) / entries.length, `${finished}/${missing.length} trainings`),
    },
  );
  missing.forEach(({ entry, training }, k) => {
    const result = scoreSubset(entry.keys, training, done[k]);
    ctx.cost.addTraining(result.samplePasses);
    if (options.cache) cache.set(entry.key, result);
    entry.result = result;
  });
  const runs = entries.map((e) => ({ members: e.members, result: e.result! }));
  return { runs, trainings: missing.length, cacheHits, trainingMs: runs.reduce((a, r) => a + r.result.wallMs, 0) };
}
