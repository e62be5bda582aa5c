/**
 * The whole multi-seed path for estimators without their own inference: run the core R times
 * (`runReplicates`), t-test every ordered pair over the replicates and BH-adjust (`pairwiseTTests`),
 * and assemble a validated TransferEstimate with cost, engine and diagnostics.
 *
 * Where things land: `pairwise.effect` = mean over replicates, `pairwise.lower/upper/se` = t-based CI
 * and se over replicates, `pairwise.pValue` = RAW two-sided p (the bench does BH itself),
 * `details.inference.pAdjustedBH` = BH-adjusted p across off-diagonal pairs, `details.replicates` =
 * each replicate's seed, effect and own details.
 */
import { validateEstimate, type EstimatorContext, type Matrix, type TransferEstimate } from '@transferbench/core';
import { runReplicates, type Replicate, type ReplicateResult } from './replicates.ts';
import { pairwiseTTests, type PairwiseInference } from './pairwise-t.ts';
import { vectorTTests } from './vector-t.ts';
import type { InferenceMethod } from './cell-tests.ts';

export interface EstimateWithReplicatesArgs<T extends ReplicateResult> {
  estimator: { name: string; version: string };
  /** what one effect unit means for this estimator */
  unit: string;
  replicates: number;
  level: number;
  /** per-cell test (default 't') */
  inference?: InferenceMethod;
  run(rep: Replicate): Promise<T> | T;
  /** extra details computed from the summary (e.g. a grouping of the mean effect) */
  summarise?(inference: PairwiseInference, runs: { seed: number; result: T }[]): Record<string, unknown>;
  notes?: string[];
  /** whether an engine was used (default true: the context's model factory) */
  usesEngine?: boolean;
  /** unit of `contextual` when replicates return one (default: the pairwise unit) */
  contextualUnit?: string;
  /** false for an estimator of the contextual effect only: its pairwise matrix is left empty without a warning */
  pairwise?: boolean;
}

export const INFERENCE_NOTE =
  'pValue is the RAW two-sided p of the per-pair test of the per-replicate effects against 0 (details.inference.method; no multiple-testing ' +
  'correction); Benjamini–Hochberg adjusted values across off-diagonal pairs are in details.inference.pAdjustedBH. ' +
  "effect = mean over replicates; lower/upper = the test's CI over replicates; the diagonal has no p-value.";

export async function estimateWithReplicates<T extends ReplicateResult>(
  ctx: EstimatorContext,
  args: EstimateWithReplicatesArgs<T>,
): Promise<TransferEstimate> {
  const runs = await runReplicates(ctx, args.replicates, args.run);
  const inference = pairwiseTTests(
    runs.map((r) => r.result.effect),
    args.level,
    args.inference ?? 't',
  );
  const warnings = runs.flatMap((r, i) => (r.result.warnings ?? []).map((w) => `replicate ${i} (seed ${r.seed}): ${w}`));
  const unestimated = countNull(inference.effect, true);
  if (unestimated > 0 && args.pairwise !== false) warnings.push(`${unestimated} off-diagonal pair(s) were never estimated (null)`);
  if (args.replicates < 2) warnings.push('replicates = 1: no CIs or p-values (need ≥ 2 replicates for a t-test)');
  const notes = [...(args.notes ?? []), INFERENCE_NOTE, ...new Set(runs.flatMap((r) => r.result.notes ?? []))];
  // the per-target contextual effect, when every replicate returns one: the same t-test per target
  const K = ctx.dataset.tasks.length;
  const contextual =
    runs.length > 0 && runs.every((r) => r.result.contextual)
      ? vectorTTests(
          runs.map((r) => r.result.contextual!),
          K,
          args.level,
          args.inference ?? 't',
        )
      : undefined;
  const estimate: TransferEstimate = {
    estimator: args.estimator,
    tasks: ctx.dataset.tasks.map((t) => t.id),
    unit: args.unit,
    pairwise: {
      effect: inference.effect,
      lower: inference.lower,
      upper: inference.upper,
      se: inference.se,
      pValue: inference.pValue,
    },
    ...(contextual
      ? {
          contextual: {
            effect: contextual.effect,
            lower: contextual.lower,
            upper: contextual.upper,
            se: contextual.se,
            pValue: contextual.pValue,
            unit: args.contextualUnit ?? args.unit,
          },
        }
      : {}),
    cost: ctx.cost.snapshot(),
    diagnostics: { warnings, notes, fitFailures: 0, fitAttempts: 0 },
    ...(args.usesEngine === false ? {} : { engine: { name: ctx.models.engine, backend: ctx.models.backend } }),
    details: {
      inference: {
        method:
          (args.inference === 'moderated-t'
            ? "limma's moderated t (variances shrunk towards a prior fitted across the off-diagonal pairs)"
            : 'one-sample two-sided t-test') + ' per ordered pair over replicates; Benjamini–Hochberg across off-diagonal pairs',
        replicates: args.replicates,
        level: inference.level,
        n: inference.n,
        pAdjustedBH: inference.pAdjustedBH,
      },
      ...(contextual ? { contextualInference: { n: contextual.n, pAdjustedBH: contextual.pAdjustedBH } } : {}),
      replicates: runs.map((r) => ({
        seed: r.seed,
        effect: r.result.effect,
        ...(r.result.contextual ? { contextual: r.result.contextual } : {}),
        ...(r.result.details ?? {}),
      })),
      ...(args.summarise?.(inference, runs) ?? {}),
    },
  };
  return validateEstimate(estimate, `estimator "${args.estimator.name}"`);
}

function countNull(m: Matrix, offDiagonalOnly: boolean): number {
  let n = 0;
  m.forEach((row, t) =>
    row.forEach((v, s) => {
      if (v === null && (!offDiagonalOnly || t !== s)) n++;
    }),
  );
  return n;
}
