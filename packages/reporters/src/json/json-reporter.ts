/**
 * JSON leaderboard (`leaderboard.json`): the run's summary (exactly summary.json's schema) and every finished
 * trial's TransferEstimate (exactly the TransferEstimate schema), with the trial each came from (a truth trial
 * also names the truths it defines: `<dataset>/pairwise`, `<dataset>/contextual`), plus the
 * merge record when several runs were merged. The document is validated against these published zod schemas
 * (`transferbench schema` prints their JSON Schema) before it is written: a report that does not match the
 * schema is an error, never a file.
 */
import { RESULTS_SCHEMA_VERSION, defineReporter, summarySchema, transferEstimateSchema, trialLabel } from '@transferbench/core';
import { z } from 'zod';
import type { ReportBundle } from '../bundle.ts';

const mergeInfoSchema = z.object({
  runs: z.array(
    z.object({
      dir: z.string(),
      suite: z.object({ name: z.string(), hash: z.string() }),
      schemaVersion: z.number().int(),
      gitShas: z.array(z.string()),
      trials: z.number().int().nonnegative(),
    }),
  ),
  forced: z.boolean(),
  conflicts: z.array(z.string()),
  duplicateTrials: z.number().int().nonnegative(),
});

export const leaderboardEstimateSchema = z.object({
  trialId: z.string(),
  /** e.g. `synthetic/tag@r3#1`, `synthetic/truth:oracle` */
  label: z.string(),
  kind: z.enum(['estimate', 'truth']),
  dataset: z.string(),
  estimator: z.string().nullable(),
  budget: z.string().nullable(),
  seed: z.number().int(),
  /** for a truth trial: the truths (`<dataset>/<scope>` ids of summary.truths) it defines */
  truths: z.array(z.string()).optional(),
  estimate: transferEstimateSchema,
});

export const leaderboardJsonSchema = z.object({
  format: z.literal('transferbench-leaderboard'),
  schemaVersion: z.literal(RESULTS_SCHEMA_VERSION),
  summary: summarySchema,
  estimates: z.array(leaderboardEstimateSchema),
  merge: mergeInfoSchema.optional(),
});
export type LeaderboardJson = z.infer<typeof leaderboardJsonSchema>;

export const jsonOptionsSchema = z.object({
  file: z.string().default('leaderboard.json'),
  /**
   * keep estimator-specific `details` (per-replicate matrices, probe series, learning-curve points, fits…).
   * Off by default: they made the default run's leaderboard.json 58.6 MB, and trials.jsonl keeps them anyway.
   */
  details: z.boolean().default(false),
  /** include the estimates at all (false: the summary only) */
  estimates: z.boolean().default(true),
});

export function leaderboardJson(
  bundle: ReportBundle,
  options: z.infer<typeof jsonOptionsSchema> = jsonOptionsSchema.parse({}),
): LeaderboardJson {
  const truthsOf = (trialId: string) => bundle.summary.truths.filter((t) => t.trialId === trialId).map((t) => t.id);
  const estimates = !options.estimates
    ? []
    : bundle.trials.flatMap((t) => {
        if (t.status !== 'ok' || !t.estimate) return [];
        const { details, ...rest } = t.estimate;
        return [
          {
            trialId: t.id,
            label: trialLabel(t.job),
            kind: t.job.kind,
            dataset: t.job.dataset.id,
            estimator: t.job.estimator?.id ?? null,
            budget: t.job.estimator?.budget ?? null,
            seed: t.job.seed,
            ...(t.job.kind === 'truth' ? { truths: truthsOf(t.id) } : {}),
            estimate: options.details && details ? { ...rest, details } : rest,
          },
        ];
      });
  const doc = {
    format: 'transferbench-leaderboard',
    schemaVersion: RESULTS_SCHEMA_VERSION,
    summary: bundle.summary,
    estimates,
    ...(bundle.merge ? { merge: bundle.merge } : {}),
  };
  const checked = leaderboardJsonSchema.safeParse(doc);
  if (!checked.success) {
    const i = checked.error.issues[0];
    throw new Error(`json reporter: the leaderboard does not match the published schema at ${i.path.join('.') || '<root>'}: ${i.message}`);
  }
  return checked.data;
}

/** JSON Schema of leaderboard.json (its `summary` and `estimates[].estimate` are the published parts). */
export function leaderboardJsonSchemaJson(): unknown {
  return z.toJSONSchema(leaderboardJsonSchema, { io: 'output', unrepresentable: 'any' });
}

export const jsonReporter = defineReporter<ReportBundle, typeof jsonOptionsSchema>({
  meta: { name: 'json', version: '2.0.0', description: 'summary + estimates as JSON, validated against the published results schema' },
  options: jsonOptionsSchema,
  render(bundle, options) {
    const o = jsonOptionsSchema.parse(options ?? {});
    return [{ path: o.file, content: `${JSON.stringify(leaderboardJson(bundle, o), null, 2)}\n` }];
  },
});
