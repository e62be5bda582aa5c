/**
 * Results of a benchmark run, as files:
 *   trials.jsonl  — one JSON object per line, appended as things happen: a `session` line each time the
 *                   run starts or resumes (environment), a `trial` line each time a trial finishes. Lines are
 *                   never rewritten; for a trial id the last line wins (a resumed failed trial adds a line).
 *   summary.json  — `BenchSummary`: power, FPR, Spearman ρ, cost per dataset × estimator × budget.
 * Every line and the summary carry `schemaVersion`; `transferbench schema` prints the JSON Schema below.
 */
import { z } from 'zod';
import { transferEstimateSchema } from '../contracts/estimate.ts';
import { trialJobSchema, trialResultSchema, failureReasonSchema } from './trial.ts';

export const RESULTS_SCHEMA_VERSION = 1;

export const environmentSchema = z.object({
  /** workspace package name → version */
  packages: z.record(z.string(), z.string()),
  git: z.object({ sha: z.string().nullable(), dirty: z.boolean().nullable() }),
  node: z.string(),
  platform: z.string(),
  arch: z.string(),
  cpu: z.object({ model: z.string(), count: z.number().int().nonnegative() }),
  totalMemoryMb: z.number().nonnegative().optional(),
  /** engine requested by the suite and the backends trials resolved it to */
  engine: z.object({ name: z.string(), backend: z.string().nullable() }).nullable(),
  capturedAt: z.string(),
});
export type Environment = z.infer<typeof environmentSchema>;

export const sessionRecordSchema = z.object({
  type: z.literal('session'),
  schemaVersion: z.literal(RESULTS_SCHEMA_VERSION),
  sessionId: z.string(),
  suite: z.object({ name: z.string(), hash: z.string() }),
  seeds: z.array(z.number().int()),
  resumed: z.boolean(),
  startedAt: z.string(),
  runner: z.object({ name: z.string(), concurrency: z.number().int().positive() }),
  environment: environmentSchema,
  /** hash of the code this session ran (apps/bench code-hash.ts); absent in logs written before it was recorded */
  codeHash: z.string().optional(),
});
export type SessionRecord = z.infer<typeof sessionRecordSchema>;

export const trialRecordSchema = trialResultSchema.extend({
  type: z.literal('trial'),
  schemaVersion: z.literal(RESULTS_SCHEMA_VERSION),
  sessionId: z.string(),
  suiteHash: z.string(),
  job: trialJobSchema,
});
export type TrialRecord = z.infer<typeof trialRecordSchema>;

export const resultLineSchema = z.discriminatedUnion('type', [sessionRecordSchema, trialRecordSchema]);
export type ResultLine = z.infer<typeof resultLineSchema>;

const stat = z.object({
  mean: z.number().nullable(),
  lower: z.number().nullable(),
  upper: z.number().nullable(),
  n: z.number().int().nonnegative(),
});

const truthCounts = z.object({
  positive: z.number().int(),
  negative: z.number().int(),
  null: z.number().int(),
  indeterminate: z.number().int(),
});

export const summaryRowSchema = z.object({
  dataset: z.string(),
  estimator: z.string(),
  plugin: z.string(),
  kind: z.string().nullable(),
  budget: z.string(),
  /** position of the budget in the suite's ladder (0 = cheapest as written) */
  budgetIndex: z.number().int().nonnegative(),
  seeds: z.object({ total: z.number().int(), ok: z.number().int(), failed: z.number().int(), missing: z.number().int() }),
  /** false when the estimator reports no p-values: power and FPR are undefined (null) */
  hasPValues: z.boolean(),
  power: stat,
  fpr: stat,
  powerRaw: stat,
  fprRaw: stat,
  spearman: stat,
  cpuSeconds: stat,
  wallSeconds: stat,
  samplePasses: stat,
  trainings: stat,
  peakRssMb: stat,
  /** pairs per seed, from the truth: non-null, null and excluded (indeterminate) */
  pairs: z.object({ nonNull: z.number().int(), null: z.number().int(), indeterminate: z.number().int(), tested: z.number().int() }),
  signErrors: z.number().int().nullable(),
  notes: z.array(z.string()),
});
export type SummaryRow = z.infer<typeof summaryRowSchema>;

export const costToPowerSchema = z.object({
  dataset: z.string(),
  estimator: z.string(),
  target: z.number(),
  cpuSeconds: z.number().nullable(),
  method: z.enum(['interpolated', 'upper-bound', 'not-reached', 'undefined']),
  budget: z.string().nullable(),
  maxPower: z.number().nullable(),
});

/** Power of each estimator at one common cost per dataset (see power.ts `matchedCost`). */
export const matchedCostSchema = z.object({
  dataset: z.string(),
  /** null when the estimators' cost ranges do not overlap */
  cpuSeconds: z.number().nullable(),
  power: z.array(z.object({ estimator: z.string(), power: z.number().nullable() })),
});

export const truthSummarySchema = z.object({
  dataset: z.string(),
  source: z.enum(['oracle', 'planted']),
  trialId: z.string(),
  status: z.enum(['ok', 'failed', 'missing']),
  tasks: z.array(z.string()),
  nullMargin: z.number(),
  counts: truthCounts.nullable(),
  unit: z.string().nullable(),
  cpuSeconds: z.number().nullable(),
});

export const summarySchema = z.object({
  schemaVersion: z.literal(RESULTS_SCHEMA_VERSION),
  suite: z.object({ name: z.string(), hash: z.string(), description: z.string().optional() }),
  createdAt: z.string(),
  alpha: z.number(),
  targetPower: z.number(),
  seeds: z.array(z.number().int()),
  /** environment of the latest session; `sessions` lists every start/resume */
  environment: environmentSchema,
  sessions: z.array(
    z.object({
      sessionId: z.string(),
      startedAt: z.string(),
      resumed: z.boolean(),
      gitSha: z.string().nullable(),
      engine: z.string().nullable(),
      /** code hash of the session, null when its log line has none (older runs); absent in older summaries */
      codeHash: z.string().nullable().optional(),
      /** trials whose latest record this session computed; absent in older summaries */
      trials: z.number().int().nonnegative().optional(),
    }),
  ),
  engines: z.array(z.object({ name: z.string(), backend: z.string() })),
  trials: z.object({ total: z.number().int(), ok: z.number().int(), failed: z.number().int(), missing: z.number().int() }),
  truth: z.array(truthSummarySchema),
  rows: z.array(summaryRowSchema),
  costToPower: z.array(costToPowerSchema),
  powerAtMatchedCost: z.array(matchedCostSchema),
  failures: z.array(
    z.object({
      trialId: z.string(),
      label: z.string(),
      reason: failureReasonSchema,
      message: z.string(),
    }),
  ),
});
export type BenchSummary = z.infer<typeof summarySchema>;

/** What reporters receive: the summary plus every trial's latest record (estimates included). */
export interface ResultsBundle {
  summary: BenchSummary;
  trials: TrialRecord[];
  /** the results folder */
  dir: string;
}

/** JSON Schemas of the result files, generated from the zod schemas above. */
export function resultsJsonSchemas(): Record<string, unknown> {
  const gen = (s: z.ZodType) => z.toJSONSchema(s, { io: 'output', unrepresentable: 'any' });
  return {
    schemaVersion: RESULTS_SCHEMA_VERSION,
    'trials.jsonl (each line)': gen(resultLineSchema),
    'summary.json': gen(summarySchema),
    TransferEstimate: gen(transferEstimateSchema),
  };
}
