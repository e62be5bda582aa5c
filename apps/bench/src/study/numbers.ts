/**
 * `numbers.json` beside a study's pages: every number the pages state that a check must compare with a fresh run
 * — per row (dataset × estimator × budget × scope) power and FPR with their Wilson bounds and the CPU-seconds mean;
 * per truth the class counts and the settled share; the claim's verdicts; the compute totals — each rounded as
 * the pages print it (proportions to 2 decimals, the settled share as a whole percent, CPU-seconds as the
 * leaderboard and the compute table show them), so a check compares what a reader sees, not float noise.
 * The schema is the contract with that check script: it parses the committed file with `studyNumbersSchema`.
 */
import { z } from 'zod';
import type { BenchSummary, ScopeScore } from '@transferbench/core';
import { formatSeconds } from '@transferbench/reporters';
import type { ClaimPart } from './claim.ts';
import { shownSeconds, shownShare, type ComputeBreakdown } from './compute.ts';
import type { SecondMetricTruth } from './second-metric.ts';

export const STUDY_NUMBERS_VERSION = 2;

const bounds = z.object({ value: z.number().nullable(), lower: z.number().nullable(), upper: z.number().nullable(), n: z.number().int() });

const classCounts = z.object({
  positive: z.number().int(),
  negative: z.number().int(),
  small: z.number().int(),
  null: z.number().int(),
  indeterminate: z.number().int(),
});

export const studyNumbersSchema = z.object({
  version: z.literal(STUDY_NUMBERS_VERSION),
  study: z.string(),
  suite: z.object({ name: z.string(), hash: z.string() }),
  rows: z.array(
    z.object({
      dataset: z.string(),
      estimator: z.string(),
      role: z.enum(['estimator', 'reference']),
      budget: z.string(),
      scope: z.enum(['pairwise', 'contextual']),
      /** null: the estimator reports no p-values for the scope (the pages say n/a) */
      power: bounds.nullable(),
      fpr: bounds.nullable(),
      /** CPU-seconds per estimate, mean over seeds (and folds) */
      cpuSeconds: z.number().nullable(),
      seedsOk: z.number().int(),
    }),
  ),
  truths: z.array(
    z.object({
      dataset: z.string(),
      scope: z.enum(['pairwise', 'contextual']),
      status: z.enum(['ok', 'failed', 'missing']),
      counts: classCounts.nullable(),
      /** share of cells not indeterminate, to the whole percent as printed (0.87 = 87 %) */
      settled: z.number().nullable(),
    }),
  ),
  claim: z.array(z.object({ dataset: z.string(), part: z.string(), verdict: z.string() })),
  /** second-metric.ts: each cross-validated contextual truth read in another metric (mean Δ to 3 decimals, as printed) */
  secondMetric: z.array(
    z.object({
      dataset: z.string(),
      metric: z.string(),
      counts: classCounts.nullable(),
      meanEffect: z.number().nullable(),
      agreement: z.object({ settledBoth: z.number().int(), sameClass: z.number().int(), oppositeSign: z.number().int() }).nullable(),
    }),
  ),
  /** compute.ts's table: CPU-seconds summed over the trial records (2 decimals), shares in percent of the total (1 decimal) */
  compute: z.object({
    datasets: z.array(
      z.object({
        dataset: z.string(),
        parts: z.array(z.object({ part: z.string(), trials: z.number().int(), cpuSeconds: z.number(), share: z.number() })),
        trials: z.number().int(),
        cpuSeconds: z.number(),
        share: z.number(),
      }),
    ),
    trials: z.number().int(),
    cpuSeconds: z.number(),
  }),
});
export type StudyNumbers = z.infer<typeof studyNumbersSchema>;

/** A proportion's value as printed: 2 decimals. */
export const round2 = (v: number | null): number | null => (v === null || !Number.isFinite(v) ? null : Number(v.toFixed(2)));

/** CPU-seconds per estimate as the leaderboard prints them (the reporters' `formatSeconds`: precision shrinks as the value grows). */
export function roundSeconds(v: number | null): number | null {
  return v === null || !Number.isFinite(v) ? null : Number(formatSeconds(v));
}

const prop = (p: ScopeScore['power']) => ({ value: round2(p.value), lower: round2(p.lower), upper: round2(p.upper), n: p.n });

export function studyNumbers(
  study: string,
  summary: BenchSummary,
  claim: readonly ClaimPart[],
  compute: ComputeBreakdown,
  secondMetric: readonly SecondMetricTruth[],
): StudyNumbers {
  return studyNumbersSchema.parse({
    version: STUDY_NUMBERS_VERSION,
    study,
    suite: { name: summary.suite.name, hash: summary.suite.hash },
    rows: summary.rows.flatMap((r) =>
      (['pairwise', 'contextual'] as const).flatMap((scope) => {
        const s = r[scope];
        if (!s) return [];
        return [
          {
            dataset: r.dataset,
            estimator: r.estimator,
            role: r.role,
            budget: r.budget,
            scope,
            power: s.hasPValues ? prop(s.power) : null,
            fpr: s.hasPValues ? prop(s.fpr) : null,
            cpuSeconds: roundSeconds(r.cpuSeconds.mean),
            seedsOk: r.seeds.ok,
          },
        ];
      }),
    ),
    truths: summary.truths.map((t) => ({
      dataset: t.dataset,
      scope: t.scope,
      status: t.status,
      counts: t.counts,
      settled: t.settled === null ? null : Math.round(t.settled * 100) / 100,
    })),
    claim: claim.map(({ dataset, part, verdict }) => ({ dataset, part, verdict })),
    secondMetric: secondMetric.map(({ dataset, metric, counts, meanEffect, agreement }) => ({
      dataset,
      metric,
      counts,
      meanEffect: meanEffect === null ? null : Number(meanEffect.toFixed(3)),
      agreement,
    })),
    compute: {
      datasets: compute.datasets.map((g) => ({
        dataset: g.dataset,
        parts: g.parts.map((p) => ({
          part: p.part,
          trials: p.trials,
          cpuSeconds: Number(shownSeconds(p.cpuSeconds)),
          share: Number(shownShare(p.share)),
        })),
        trials: g.trials,
        cpuSeconds: Number(shownSeconds(g.cpuSeconds)),
        share: Number(shownShare(g.share)),
      })),
      trials: compute.trials,
      cpuSeconds: Number(shownSeconds(compute.cpuSeconds)),
    },
  });
}
