/**
 * `pairwise-oracle` estimator (ground truth, DESIGN §4 and §8): for every ordered pair (target i, source j),
 *   Δ_ij = mean over R seeds of m_i(model on {i, j}) − m_i(reference model)
 * with the reference
 *   - `reference: 'alone'` (the plain pairwise truth): task i alone;
 *   - `reference: 'permuted'` (specific transfer): {i, perm j}, j's labels permuted over the same compounds
 *     (label-view.ts) — same rows, heads, class balance and batch order as {i, j}, so Δ is the transfer of j's
 *     information with the capacity and regularisation effects of an extra head removed.
 * m = test ROC-AUC (default), average precision or −log-loss. At the operating point `targetFraction` < 1 the
 * target's training labels are cut (sources at full data), so a pair model serves one direction only.
 * Trainings per seed: alone K + K(K−1)/2 (f = 1) or K + K(K−1) (f < 1); permuted K(K−1)/2 + K(K−1) (f = 1) or
 * 2K(K−1) (f < 1). Δ per seed is a difference of two models sharing the seed (same initial trunk, same
 * streams), so the t-test over seeds is a paired test; CIs t-based over seeds; p-values raw (BH in details).
 * effect[i][j] = Δ_ij (row = target); the diagonal is not estimated. By default each replicate re-draws the
 * partition of the split's compounds (resample-split.ts), so held-out sampling is in the CIs.
 * Every training is cached on disk (oracle-models.ts).
 */
import { join } from 'node:path';
import { z } from 'zod';
import { defineEstimator, validateEstimate, type EstimatorContext, type Matrix } from '@transferbench/core';
import type { Replicate, ReplicateResult } from '../inference/replicates.ts';
import { estimateWithReplicates } from '../inference/estimate-with-replicates.ts';
import { TrainingCache } from './training-cache.ts';
import type { SubsetMember } from './label-view.ts';
import { checkOracleOptions, oracleOptionFields, selectedTasks } from './oracle-options.ts';
import { metricOf, ORACLE_CACHE_DIR, trainReplicateModels, type OracleCache } from './oracle-models.ts';
import { cacheNote, oracleNotes, oracleUnit } from './oracle-text.ts';
import { subsetResultSchema } from './subset-training.ts';

export const pairwiseOracleOptionsSchema = z.strictObject({
  ...oracleOptionFields,
  /** what the pair model is compared with: the target alone, or the target with the source's labels permuted */
  reference: z.enum(['alone', 'permuted']).default('alone'),
});
export type PairwiseOracleOptions = z.infer<typeof pairwiseOracleOptionsSchema>;

const NAME = 'pairwise-oracle';
const meta = {
  name: NAME,
  version: '2.0.0',
  kind: 'oracle' as const,
  description:
    "Ground truth: Δ_ij = test metric of task i trained with task j − trained alone (or with j's labels permuted: " +
    'specific transfer), at full data or with the target cut to an operating point, over R seeds (paired by seed, ' +
    't-based CIs), cached on disk.',
};

/** The models of one replicate: [pair models, reference models], each a member list (target first). */
export function pairwiseDesign(chosen: readonly number[], options: Pick<PairwiseOracleOptions, 'reference' | 'targetFraction'>) {
  const ordered = options.targetFraction < 1;
  const target = (t: number): SubsetMember => ({ task: t, role: 'target' });
  const models: SubsetMember[][] = [];
  if (options.reference === 'alone') for (const i of chosen) models.push([target(i)]);
  for (const [a, i] of chosen.entries()) {
    for (const j of chosen.slice(a + 1)) {
      // at full data one model {i, j} gives m_i and m_j; with a cut target each direction needs its own
      if (ordered) models.push([target(i), { task: j, role: 'full' }], [target(j), { task: i, role: 'full' }]);
      else models.push([target(i), target(j)]);
    }
  }
  if (options.reference === 'permuted') {
    for (const i of chosen) for (const j of chosen) if (i !== j) models.push([target(i), { task: j, role: 'permuted' }]);
  }
  return models;
}

/** Trainings per seed for K tasks (what the design above trains with an empty cache). */
export function pairwiseTrainingsPerSeed(K: number, options: Pick<PairwiseOracleOptions, 'reference' | 'targetFraction'>): number {
  const pairs = options.targetFraction < 1 ? K * (K - 1) : (K * (K - 1)) / 2;
  return pairs + (options.reference === 'alone' ? K : K * (K - 1));
}

export interface OracleReplicateResult extends ReplicateResult {
  details: {
    /** pair[i][j] = metric of task i in the model with j */
    pair: Matrix;
    /** reference[i][j] = metric of task i in its reference model for source j (alone: the same for every j) */
    reference: Matrix;
    trainings: number;
    cacheHits: number;
    trainingMs: number;
  };
}

export async function oracleReplicate(
  ctx: EstimatorContext,
  options: PairwiseOracleOptions,
  rep: Pick<Replicate, 'seed' | 'progress'>,
  cache: OracleCache,
): Promise<OracleReplicateResult> {
  const K = ctx.dataset.tasks.length;
  const ids = ctx.dataset.tasks.map((t) => t.id);
  const chosen = selectedTasks(NAME, ids, options.tasks);
  const done = await trainReplicateModels(ctx, options, rep, cache, pairwiseDesign(chosen, options));
  const blank = (): Matrix => Array.from({ length: K }, () => new Array<number | null>(K).fill(null));
  const pair = blank(),
    reference = blank();
  const single = new Array<number | null>(K).fill(null);
  for (const { members, result } of done.runs) {
    const m = (position: number) => metricOf(result, position, options.metric);
    const [a, b] = members;
    if (!b) single[a.task] = m(0);
    else if (b.role === 'permuted') reference[a.task][b.task] = m(0);
    else {
      pair[a.task][b.task] = m(0);
      if (a.role === b.role) pair[b.task][a.task] = m(1); // a full-data pair model reads both ways
    }
  }
  if (options.reference === 'alone') for (const i of chosen) for (const j of chosen) if (i !== j) reference[i][j] = single[i];
  const effect: Matrix = pair.map((row, i) =>
    row.map((v, j) => (i === j || v === null || reference[i][j] === null ? null : v - reference[i][j]!)),
  );
  const undefinedTargets = chosen.filter((i) => chosen.some((j) => j !== i && effect[i][j] === null)).map((i) => ids[i]);
  const warnings =
    undefinedTargets.length > 0
      ? [
          `${options.metric} undefined on the test labels (one class or none) for ${undefinedTargets.join(', ')}: their rows are not fully estimated`,
        ]
      : [];
  return {
    effect,
    warnings,
    details: { pair, reference, trainings: done.trainings, cacheHits: done.cacheHits, trainingMs: done.trainingMs },
  };
}

/** What one effect unit means for these options (stated on every table that uses this truth). */
export function pairwiseOracleUnit(options: Pick<PairwiseOracleOptions, 'metric' | 'reference' | 'targetFraction'>): string {
  const ref = options.reference === 'permuted' ? "with the source's labels permuted (specific transfer)" : 'alone';
  return oracleUnit(options.metric, `the target trained with the source − ${ref}`, options.targetFraction);
}

export const pairwiseOracleEstimator = defineEstimator({
  meta,
  options: pairwiseOracleOptionsSchema,
  check(input, options) {
    checkOracleOptions(NAME, input, options);
  },
  async estimate(ctx, options) {
    const K = selectedTasks(
      NAME,
      ctx.dataset.tasks.map((t) => t.id),
      options.tasks,
    ).length; // fails early on unknown ids
    checkOracleOptions(NAME, ctx, options);
    const cacheDir = options.cache && ctx.cacheDir ? join(ctx.cacheDir, ORACLE_CACHE_DIR) : undefined;
    const cache = new TrainingCache(cacheDir, subsetResultSchema);
    const estimate = await estimateWithReplicates(ctx, {
      estimator: { name: meta.name, version: meta.version },
      unit: pairwiseOracleUnit(options),
      replicates: options.replicates,
      level: options.level,
      inference: options.inference,
      run: (rep) => oracleReplicate(ctx, options, rep, cache),
      notes: [
        ...oracleNotes(options),
        ...(options.reference === 'permuted'
          ? [
              'specific transfer: the reference of Δ_ij is {i, j with its train and validation labels permuted over the same compounds}: same rows, heads and class balance as {i, j}',
            ]
          : []),
      ],
    });
    const perSeed = pairwiseTrainingsPerSeed(K, options);
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
          reference: options.reference,
          targetFraction: options.targetFraction,
          trainingsPerSeed: perSeed,
          cache: cache.stats,
        },
      },
      `estimator "${meta.name}"`,
    );
  },
});
