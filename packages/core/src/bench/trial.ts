/**
 * Trial: one self-contained, serialisable unit of work — (dataset × estimator × budget × seed), or the
 * truth of a dataset (the oracle run or the planted structure). A job carries everything a fresh
 * process needs: plugin names and fully merged options, split options, seed, model defaults, engine,
 * plugin files, limits. Its id is a hash of the content that determines its numbers, so a resumed or
 * distributed run recognises finished work whoever ran it.
 */
import { z } from 'zod';
import { transferEstimateSchema } from '../contracts/estimate.ts';
import { contentHash } from './hash.ts';

const optionsSchema = z.record(z.string(), z.unknown());

export const trialDatasetSchema = z.object({
  id: z.string(),
  plugin: z.string(),
  options: optionsSchema,
  split: optionsSchema,
  /** options with relative paths made absolute for the process that loads the data; not part of the id */
  resolvedOptions: optionsSchema.optional(),
});

export const trialEstimatorSchema = z.object({
  id: z.string(),
  plugin: z.string(),
  budget: z.string(),
  /** base options merged with the budget's overrides, before the plugin's schema applies defaults */
  options: optionsSchema,
});

export const trialEngineSchema = z.object({ name: z.string(), backend: z.string().optional() });

export const trialJobSchema = z.object({
  id: z.string(),
  /** `estimate`: an estimator under test; `truth`: the reference the estimates are scored against */
  kind: z.enum(['estimate', 'truth']),
  /** for truth jobs: the oracle estimator's run, or the dataset's planted structure (no estimator) */
  truthSource: z.enum(['oracle', 'planted']).optional(),
  suiteHash: z.string(),
  dataset: trialDatasetSchema,
  estimator: trialEstimatorSchema.nullable(),
  seed: z.number().int(),
  model: optionsSchema,
  engine: trialEngineSchema,
  /** absolute paths of user plugin modules to load before resolving names */
  plugins: z.array(z.string()),
  limits: z.object({ timeoutMs: z.number().positive(), memoryMb: z.number().int().positive() }),
  /** writable cache folder for datasets (fingerprints) and estimators */
  cacheDir: z.string().optional(),
});
export type TrialJob = z.infer<typeof trialJobSchema>;
export type TrialJobInput = Omit<TrialJob, 'id'>;

/** Deterministic id: hash of what determines the trial's numbers (not limits, paths or suite bookkeeping). */
export function trialId(job: TrialJobInput | TrialJob): string {
  return contentHash({
    kind: job.kind,
    truthSource: job.truthSource,
    dataset: { id: job.dataset.id, plugin: job.dataset.plugin, options: job.dataset.options, split: job.dataset.split },
    estimator: job.estimator,
    seed: job.seed,
    model: job.model,
    engine: job.engine,
  });
}

export function makeTrialJob(input: TrialJobInput): TrialJob {
  return { ...input, id: trialId(input) };
}

/** Short human label, e.g. `synthetic/tag@low#2` or `synthetic/truth:oracle:pairwise-oracle`. */
export function trialLabel(job: Pick<TrialJob, 'kind' | 'truthSource' | 'dataset' | 'estimator' | 'seed'>): string {
  // a suite may hold several oracle truths per dataset (pairwise and contextual): the plugin tells them apart
  if (job.kind === 'truth') return `${job.dataset.id}/truth:${job.truthSource}${job.estimator ? `:${job.estimator.plugin}` : ''}`;
  return `${job.dataset.id}/${job.estimator?.id}@${job.estimator?.budget}#${job.seed}`;
}

export const failureReasonSchema = z.enum([
  /** the estimator/dataset threw */
  'error',
  /** killed after the per-trial timeout */
  'timeout',
  /** killed by a signal or aborted by the runtime (e.g. V8 heap limit) */
  'crash',
  /** the V8 heap cap was hit */
  'memory',
  /** exited non-zero without reporting */
  'exit',
  /** finished but its output was missing or invalid */
  'invalid-output',
]);
export type FailureReason = z.infer<typeof failureReasonSchema>;

export const trialFailureSchema = z.object({
  reason: failureReasonSchema,
  message: z.string(),
  exitCode: z.number().int().nullable().optional(),
  signal: z.string().nullable().optional(),
  /** last lines of the child's stderr */
  stderrTail: z.string().optional(),
});
export type TrialFailure = z.infer<typeof trialFailureSchema>;

/**
 * Measurements. `cpuMs`/`wallMs` cover the estimator call only (what "CPU-seconds per estimate" means);
 * `processCpuMs` is the child's whole life (runtime start, module and data loading included);
 * `runnerWallMs` is the parent's wall clock around the trial. CPU counts every thread of the process.
 */
export const trialMeasuresSchema = z.object({
  wallMs: z.number().nonnegative().nullable(),
  cpuMs: z.number().nonnegative().nullable(),
  setupMs: z.number().nonnegative().nullable(),
  processCpuMs: z.number().nonnegative().nullable(),
  peakRssMb: z.number().nonnegative().nullable(),
  runnerWallMs: z.number().nonnegative(),
});
export type TrialMeasures = z.infer<typeof trialMeasuresSchema>;

/**
 * What the trial saw of its data set, for scoring: task ids in order, and the tasks that are label-permuted
 * controls (null as targets and as sources by construction: the constructed nulls of DESIGN §8).
 */
export const trialDatasetInfoSchema = z.object({ tasks: z.array(z.string()), controls: z.array(z.string()) });
export type TrialDatasetInfo = z.infer<typeof trialDatasetInfoSchema>;

/** What a runner returns for a job (the record adds bookkeeping). */
export const trialResultSchema = z.object({
  id: z.string(),
  status: z.enum(['ok', 'failed']),
  estimate: transferEstimateSchema.optional(),
  failure: trialFailureSchema.optional(),
  datasetInfo: trialDatasetInfoSchema.optional(),
  measures: trialMeasuresSchema,
  engine: z.object({ name: z.string(), backend: z.string() }).nullable(),
  /** where it ran (runner name and host), for provenance */
  runner: z.string(),
  startedAt: z.string(),
  finishedAt: z.string(),
});
export type TrialResult = z.infer<typeof trialResultSchema>;

/** What the child process (or in-process execution) reports back before the runner adds wall time. */
export const trialOutcomeSchema = z.object({
  status: z.enum(['ok', 'failed']),
  estimate: transferEstimateSchema.optional(),
  failure: trialFailureSchema.optional(),
  datasetInfo: trialDatasetInfoSchema.optional(),
  measures: trialMeasuresSchema.omit({ runnerWallMs: true }),
  engine: z.object({ name: z.string(), backend: z.string() }).nullable(),
});
export type TrialOutcome = z.infer<typeof trialOutcomeSchema>;
