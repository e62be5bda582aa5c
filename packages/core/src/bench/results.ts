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

/** 2: pairwise and contextual truths and scores, Wilson intervals, constructed nulls, calibration, reference rows */
export const RESULTS_SCHEMA_VERSION = 2;

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

/** A proportion pooled over seeds (hits of n), with its Wilson interval: never outside [0, 1]. */
export const proportionSchema = z.object({
  value: z.number().nullable(),
  lower: z.number().nullable(),
  upper: z.number().nullable(),
  hits: z.number().int().nonnegative(),
  n: z.number().int().nonnegative(),
});

export const classCountsSchema = z.object({
  positive: z.number().int(),
  negative: z.number().int(),
  small: z.number().int(),
  null: z.number().int(),
  indeterminate: z.number().int(),
});

/** What is scored: the K×K pairwise matrix (ordered pairs i ≠ j) or the per-target contextual vector. */
export const scoreScopeSchema = z.enum(['pairwise', 'contextual']);
export type ScoreScope = z.infer<typeof scoreScopeSchema>;

/** One estimator × budget scored against one truth (pairwise or contextual), pooled over its seeds. */
export const scopeScoreSchema = z.object({
  /** the truth's id in summary.truths */
  truth: z.string(),
  /** false when the estimator reports no p-values for this scope: power and FPR are undefined */
  hasPValues: z.boolean(),
  /** BH-adjusted detection at α with the truth's sign, over the truth's positive and negative cells */
  power: proportionSchema,
  /** BH-adjusted detection over the truth's null cells */
  fpr: proportionSchema,
  /** BH-adjusted detection over cells null by construction (label-permuted controls); n = 0 when none */
  fprConstructed: proportionSchema,
  /** the same with raw p ≤ α (calibration view) */
  powerRaw: proportionSchema,
  fprRaw: proportionSchema,
  /** detected non-null cells with the wrong sign, pooled over seeds */
  signErrors: z.number().int().nonnegative(),
  /** raw p-values on constructed-null cells against U(0, 1); `pValues` sorted (for a QQ plot) */
  calibration: z.object({
    ks: z.number().nullable(),
    ksPValue: z.number().nullable(),
    n: z.number().int().nonnegative(),
    pValues: z.array(z.number()),
  }),
  /** Spearman ρ between estimated and true effects (mean over seeds; CI: bootstrap over cells) */
  spearman: stat,
  /** power within bins of |true Δ|, in the truth's own units (bounds at δ, 2δ, 4δ; `to` null = open) */
  powerByEffect: z.array(z.object({ from: z.number(), to: z.number().nullable(), power: proportionSchema })),
  /** cells per seed: classes of the truth, constructed nulls, cells with a p-value (max over seeds) */
  cells: classCountsSchema.extend({ constructedNull: z.number().int(), tested: z.number().int() }),
});
export type ScopeScore = z.infer<typeof scopeScoreSchema>;

export const summaryRowSchema = z.object({
  dataset: z.string(),
  estimator: z.string(),
  plugin: z.string(),
  kind: z.string().nullable(),
  /** 'reference': the truth's own oracle at small budgets on a disjoint seed stream (the line to beat) */
  role: z.enum(['estimator', 'reference']),
  budget: z.string(),
  /** position of the budget in the suite's ladder (0 = cheapest as written) */
  budgetIndex: z.number().int().nonnegative(),
  seeds: z.object({ total: z.number().int(), ok: z.number().int(), failed: z.number().int(), missing: z.number().int() }),
  cpuSeconds: stat,
  wallSeconds: stat,
  samplePasses: stat,
  trainings: stat,
  peakRssMb: stat,
  /** null when there is no truth of that scope or the estimator gives no output of that scope */
  pairwise: scopeScoreSchema.nullable(),
  contextual: scopeScoreSchema.nullable(),
  notes: z.array(z.string()),
});
export type SummaryRow = z.infer<typeof summaryRowSchema>;

/**
 * CPU-seconds to reach the target power along one estimator's budget ladder, for one scope.
 * `interpolated`: between two budgets, linear in log cost; `at-budget`: the cheapest budget already reaches it
 * (an upper bound); `extrapolated`: beyond the ladder, from a logistic fit of power on log cost (monotone);
 * `plateau`: the fit does not rise with cost, so more budget is not expected to reach it; `undefined`: no power.
 * The interval is a bootstrap over seeds (percentiles), null when it cannot be computed.
 */
export const costToPowerSchema = z.object({
  dataset: z.string(),
  estimator: z.string(),
  scope: scoreScopeSchema,
  target: z.number(),
  cpuSeconds: z.number().nullable(),
  lower: z.number().nullable(),
  upper: z.number().nullable(),
  /** 'fpr-above-alpha': every budget with p-values was left out (see `fprAboveAlpha`) */
  /** 'beyond-ladder': not reached, too little signal to extrapolate; `lower` = the ladder's top cost */
  method: z.enum(['interpolated', 'at-budget', 'extrapolated', 'beyond-ladder', 'plateau', 'fpr-above-alpha', 'undefined']),
  budget: z.string().nullable(),
  maxPower: z.number().nullable(),
  /** budgets left out of the cost: the 95 % Wilson interval of their FPR (truth nulls or constructed nulls) lies above α */
  fprAboveAlpha: z.array(z.string()).default([]),
});
export type CostToPowerRow = z.infer<typeof costToPowerSchema>;

/** Power of each estimator at one common cost per dataset and scope (interpolated in log cost). */
export const matchedCostSchema = z.object({
  dataset: z.string(),
  scope: scoreScopeSchema,
  /** null when the estimators' cost ranges do not overlap */
  cpuSeconds: z.number().nullable(),
  power: z.array(z.object({ estimator: z.string(), power: z.number().nullable() })),
});

export const truthSummarySchema = z.object({
  /** `<dataset>/<scope>` */
  id: z.string(),
  dataset: z.string(),
  scope: scoreScopeSchema,
  source: z.enum(['oracle', 'planted']),
  /** the oracle plugin (null for planted) */
  estimator: z.string().nullable(),
  trialId: z.string(),
  status: z.enum(['ok', 'failed', 'missing']),
  tasks: z.array(z.string()),
  /** what Δ means (the oracle's unit: metric, reference, operating point) */
  unit: z.string().nullable(),
  nullMargin: z.number(),
  counts: classCountsSchema.nullable(),
  /** share of cells not indeterminate */
  settled: z.number().nullable(),
  /** cells null by construction (a label-permuted control as source or target) */
  constructedNulls: z.number().int().nonnegative(),
  replicates: z.number().int().nonnegative().nullable(),
  /** split-half reliability of the truth's effects (Spearman–Brown) and the ceiling √r it sets on any ρ */
  reliability: z.number().nullable(),
  ceiling: z.number().nullable(),
  /** per cell: the truth's effect, CI and class (pairwise: row-major K×K, diagonal null) */
  cells: z.array(
    z.object({
      target: z.string(),
      source: z.string().nullable(),
      effect: z.number().nullable(),
      lower: z.number().nullable(),
      upper: z.number().nullable(),
      class: z.enum(['positive', 'negative', 'small', 'null', 'indeterminate']),
      constructedNull: z.boolean(),
    }),
  ),
  cpuSeconds: z.number().nullable(),
  /**
   * what the truth cost to compute: the training time of every model it used, including models taken from the
   * oracle's cache (then `cpuSeconds` of this run is small); null when the truth does not report it
   */
  trainingSeconds: z.number().nullable(),
  /** a cross-validated truth: the fold datasets whose truths it pools (its trialId joins theirs with "+") */
  folds: z.array(z.string()).optional(),
});
export type TruthSummary = z.infer<typeof truthSummarySchema>;

export const summarySchema = z.object({
  schemaVersion: z.literal(RESULTS_SCHEMA_VERSION),
  suite: z.object({ name: z.string(), hash: z.string(), description: z.string().optional() }),
  createdAt: z.string(),
  alpha: z.number(),
  targetPower: z.number(),
  /** the truth class rule (truth-classes.ts); δ is per truth */
  classRule: z.string(),
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
  truths: z.array(truthSummarySchema),
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
