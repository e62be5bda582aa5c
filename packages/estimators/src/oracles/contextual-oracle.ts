/**
 * `contextual-oracle` estimator (ground truth of the contextual effect, DESIGN §8): for every target i,
 *   Δ_i = mean over R seeds of m_i(model on all K tasks) − m_i(model on task i alone)
 * — the "single vs all-task" comparison, EXP3.2's a_iΣ. K + 1 trainings per seed at full data (one all-task model
 * read for every task, K single-task models; with `tasks`, the all-task model still holds every task of the data
 * set and only the chosen targets are read and trained alone); with `targetFraction` < 1 the all-task model must cut one target at
 * a time, so 2K. Paired by seed like the pairwise oracle (same initial trunk, same streams); t-based CIs over
 * seeds, raw p. The single-task models are the pairwise oracle's own (same cache key), so a suite with both truths
 * trains them once. contextual.effect[i] = Δ_i; the pairwise matrix stays empty.
 */
import { join } from 'node:path';
import { z } from 'zod';
import { defineEstimator, validateEstimate, type EstimatorContext } from '@transferbench/core';
import type { Replicate, ReplicateResult } from '../inference/replicates.ts';
import { estimateWithReplicates } from '../inference/estimate-with-replicates.ts';
import { TrainingCache } from './training-cache.ts';
import type { SubsetMember } from './label-view.ts';
import { checkOracleOptions, ORACLE_METRICS, oracleOptionFields, selectedTasks, type OracleMetric } from './oracle-options.ts';
import { metricOf, ORACLE_CACHE_DIR, trainReplicateModels, type OracleCache } from './oracle-models.ts';
import { subsetResultSchema } from './subset-training.ts';
import { cacheNote, oracleNotes, oracleUnit } from './oracle-text.ts';

export const contextualOracleOptionsSchema = z.strictObject({ ...oracleOptionFields });
export type ContextualOracleOptions = z.infer<typeof contextualOracleOptionsSchema>;

const NAME = 'contextual-oracle';
const meta = {
  name: NAME,
  version: '1.1.0',
  kind: 'oracle' as const,
  description:
    'Ground truth of the contextual effect: Δ_i = test metric of task i in the all-task model − alone, over R seeds ' +
    '(paired by seed, t-based CIs), K + 1 trainings per seed, cached on disk.',
};

/**
 * The models of one replicate: the model of all K tasks (the chosen ones read out, the others as sources) and a
 * single-task model per chosen target; at an operating point one all-task model per chosen target (it alone cut).
 */
export function contextualDesign(K: number, chosen: readonly number[], targetFraction: number): SubsetMember[][] {
  const isChosen = new Set(chosen);
  const singles = chosen.map((i): SubsetMember[] => [{ task: i, role: 'target' }]);
  const every = Array.from({ length: K }, (_, t) => t);
  if (targetFraction >= 1) return [every.map((t): SubsetMember => ({ task: t, role: isChosen.has(t) ? 'target' : 'full' })), ...singles];
  const all = chosen.map((i): SubsetMember[] => [
    { task: i, role: 'target' },
    ...every.filter((t) => t !== i).map((t): SubsetMember => ({ task: t, role: 'full' })),
  ]);
  return [...all, ...singles];
}

export async function contextualReplicate(
  ctx: EstimatorContext,
  options: ContextualOracleOptions,
  rep: Pick<Replicate, 'seed' | 'progress'>,
  cache: OracleCache,
): Promise<ReplicateResult> {
  const K = ctx.dataset.tasks.length;
  const chosen = selectedTasks(
    NAME,
    ctx.dataset.tasks.map((t) => t.id),
    options.tasks,
  );
  const done = await trainReplicateModels(ctx, options, rep, cache, contextualDesign(K, chosen, options.targetFraction));
  // every metric's reading (a training scores all of them): the truth is the chosen metric's, the others are
  // reported beside it (a study's Δ average precision next to its Δ ROC-AUC) without training again
  const read = (metric: OracleMetric) => {
    const all = new Array<number | null>(K).fill(null);
    const single = new Array<number | null>(K).fill(null);
    for (const { members, result } of done.runs) {
      if (members.length === 1) single[members[0].task] = metricOf(result, 0, metric);
      else if (options.targetFraction >= 1) members.forEach((m, s) => m.role === 'target' && (all[m.task] = metricOf(result, s, metric)));
      else all[members[0].task] = metricOf(result, 0, metric);
    }
    return { all, single, contextual: all.map((v, i) => (v === null || single[i] === null ? null : v - single[i]!)) };
  };
  const { all, single } = read(options.metric);
  const byMetric = Object.fromEntries(ORACLE_METRICS.map((m) => [m, read(m).contextual]));
  const contextual = all.map((v, i) => (v === null || single[i] === null ? null : v - single[i]!));
  const missing = chosen.filter((i) => contextual[i] === null).map((i) => ctx.dataset.tasks[i].id);
  return {
    effect: Array.from({ length: K }, () => new Array<number | null>(K).fill(null)),
    contextual,
    warnings: missing.length ? [`${options.metric} undefined on the test labels for ${missing.join(', ')}: not estimated`] : [],
    details: {
      all,
      single,
      contextualByMetric: byMetric,
      trainings: done.trainings,
      cacheHits: done.cacheHits,
      trainingMs: done.trainingMs,
    },
  };
}

export const contextualOracleEstimator = defineEstimator({
  meta,
  options: contextualOracleOptionsSchema,
  check(input, options) {
    checkOracleOptions(NAME, input, options);
  },
  async estimate(ctx, options) {
    checkOracleOptions(NAME, ctx, options);
    const K = selectedTasks(
      NAME,
      ctx.dataset.tasks.map((t) => t.id),
      options.tasks,
    ).length;
    const cacheDir = options.cache && ctx.cacheDir ? join(ctx.cacheDir, ORACLE_CACHE_DIR) : undefined;
    const cache = new TrainingCache(cacheDir, subsetResultSchema);
    const unit = oracleUnit(options.metric, 'the target in the model of all tasks − trained alone', options.targetFraction);
    const estimate = await estimateWithReplicates(ctx, {
      estimator: { name: meta.name, version: meta.version },
      unit,
      contextualUnit: unit,
      pairwise: false,
      replicates: options.replicates,
      level: options.level,
      inference: options.inference,
      run: (rep) => contextualReplicate(ctx, options, rep, cache),
      notes: oracleNotes(options),
    });
    return validateEstimate(
      {
        ...estimate,
        cost: ctx.cost.snapshot(),
        diagnostics: {
          ...estimate.diagnostics,
          notes: [...estimate.diagnostics.notes, cacheNote(cacheDir, cache.stats, ctx.cost.trainings)],
        },
        details: {
          ...estimate.details,
          metric: options.metric,
          targetFraction: options.targetFraction,
          trainingsPerSeed: options.targetFraction >= 1 ? K + 1 : 2 * K,
          cache: cache.stats,
        },
      },
      `estimator "${meta.name}"`,
    );
  },
});
