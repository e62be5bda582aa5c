/**
 * `leave-one-out-oracle` estimator (DESIGN §8): for every ordered pair (target i, source j),
 *   Δ_ij = mean over R seeds of m_i(model on all K tasks) − m_i(reference model)
 * with the reference the all-task model without j (`reference: 'drop'`), or with j's labels
 * permuted over the same compounds (`reference: 'permuted'`: specific transfer, as for the pairwise oracle).
 * With `tasks`, only pairs among the chosen tasks are estimated, but every model still holds all K tasks.
 * This is j's contribution inside the K-task model — what TAG, data-lookahead and gradient-cosine see — for K + 1
 * trainings per seed (the all-task model and one reference model per source), not K + K(K−1)/2. The operating
 * point does not apply: every task is a target of the all-task model. Paired by seed; t-based CIs; raw p.
 */
import { join } from 'node:path';
import { z } from 'zod';
import { defineEstimator, InvalidOptionsError, validateEstimate, type EstimatorContext, type Matrix } from '@transferbench/core';
import type { Replicate, ReplicateResult } from '../inference/replicates.ts';
import { estimateWithReplicates } from '../inference/estimate-with-replicates.ts';
import { TrainingCache } from './training-cache.ts';
import type { SubsetMember } from './label-view.ts';
import { checkOracleOptions, oracleOptionFields, selectedTasks } from './oracle-options.ts';
import { metricOf, ORACLE_CACHE_DIR, trainReplicateModels, type OracleCache } from './oracle-models.ts';
import { subsetResultSchema } from './subset-training.ts';
import { cacheNote, oracleNotes, oracleUnit } from './oracle-text.ts';

export const leaveOneOutOracleOptionsSchema = z.strictObject({
  ...oracleOptionFields,
  /** the reference of Δ_ij: the all-task model without j, or with j's labels permuted */
  reference: z.enum(['drop', 'permuted']).default('drop'),
});
export type LeaveOneOutOracleOptions = z.infer<typeof leaveOneOutOracleOptionsSchema>;

const NAME = 'leave-one-out-oracle';
const meta = {
  name: NAME,
  version: '1.0.0',
  kind: 'oracle' as const,
  description:
    "Ground truth inside the K-task model: Δ_ij = test metric of task i in the all-task model − without task j (or with j's " +
    'labels permuted), over R seeds (paired by seed, t-based CIs), K + 1 trainings per seed, cached on disk.',
};

/**
 * The models of one replicate: the model of all K tasks first (the chosen ones read out, the others as sources),
 * then one reference model per chosen source (without it, or with its labels permuted).
 */
export function leaveOneOutDesign(
  K: number,
  chosen: readonly number[],
  reference: LeaveOneOutOracleOptions['reference'],
): SubsetMember[][] {
  const isChosen = new Set(chosen);
  const all = Array.from({ length: K }, (_, t): SubsetMember => ({ task: t, role: isChosen.has(t) ? 'target' : 'full' }));
  const refs = chosen.map((j) =>
    reference === 'drop'
      ? all.filter((m) => m.task !== j)
      : all.map((m): SubsetMember => (m.task === j ? { task: j, role: 'permuted' } : m)),
  );
  return [all, ...refs];
}

function checkOptions(input: Parameters<typeof checkOracleOptions>[1], options: LeaveOneOutOracleOptions): void {
  if (options.targetFraction < 1)
    throw new InvalidOptionsError(
      `estimator "${NAME}": option "targetFraction" = ${options.targetFraction}; expected 1: every task is a target of the all-task model, so no single target can be cut (use pairwise-oracle or contextual-oracle for an operating point)`,
    );
  checkOracleOptions(NAME, input, options);
  const K = selectedTasks(
    NAME,
    input.dataset.tasks.map((t) => t.id),
    options.tasks,
  ).length;
  if (K < 3)
    throw new InvalidOptionsError(
      `estimator "${NAME}": expected at least 3 tasks (with 2 the pairwise oracle is the same design), got ${K}`,
    );
}

export async function leaveOneOutReplicate(
  ctx: EstimatorContext,
  options: LeaveOneOutOracleOptions,
  rep: Pick<Replicate, 'seed' | 'progress'>,
  cache: OracleCache,
): Promise<ReplicateResult> {
  const K = ctx.dataset.tasks.length;
  const chosen = selectedTasks(
    NAME,
    ctx.dataset.tasks.map((t) => t.id),
    options.tasks,
  );
  const done = await trainReplicateModels(ctx, options, rep, cache, leaveOneOutDesign(K, chosen, options.reference));
  const [allRun, ...refRuns] = done.runs;
  const metric = (run: typeof allRun, task: number): number | null => {
    const s = run.members.findIndex((m) => m.task === task);
    return s < 0 ? null : metricOf(run.result, s, options.metric);
  };
  const all = new Array<number | null>(K).fill(null);
  for (const i of chosen) all[i] = metric(allRun, i);
  const effect: Matrix = Array.from({ length: K }, () => new Array<number | null>(K).fill(null));
  chosen.forEach((j, k) => {
    for (const i of chosen) {
      if (i === j) continue;
      const without = metric(refRuns[k], i);
      effect[i][j] = all[i] === null || without === null ? null : all[i]! - without;
    }
  });
  return { effect, details: { all, trainings: done.trainings, cacheHits: done.cacheHits, trainingMs: done.trainingMs } };
}

export const leaveOneOutOracleEstimator = defineEstimator({
  meta,
  options: leaveOneOutOracleOptionsSchema,
  check(input, options) {
    checkOptions(input, options);
  },
  async estimate(ctx, options) {
    checkOptions(ctx, options);
    const cacheDir = options.cache && ctx.cacheDir ? join(ctx.cacheDir, ORACLE_CACHE_DIR) : undefined;
    const cache = new TrainingCache(cacheDir, subsetResultSchema);
    const comparison =
      options.reference === 'drop'
        ? 'the target in the model of all tasks − in the model of all tasks but the source'
        : "the target in the model of all tasks − with the source's labels permuted (specific transfer)";
    const estimate = await estimateWithReplicates(ctx, {
      estimator: { name: meta.name, version: meta.version },
      unit: oracleUnit(options.metric, comparison, 1),
      replicates: options.replicates,
      level: options.level,
      inference: options.inference,
      run: (rep) => leaveOneOutReplicate(ctx, options, rep, cache),
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
          reference: options.reference,
          trainingsPerSeed:
            selectedTasks(
              NAME,
              ctx.dataset.tasks.map((t) => t.id),
              options.tasks,
            ).length + 1,
          cache: cache.stats,
        },
      },
      `estimator "${meta.name}"`,
    );
  },
});
