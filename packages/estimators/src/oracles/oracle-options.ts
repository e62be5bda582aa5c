/**
 * Options every oracle (pairwise, contextual, leave-one-out) shares, and their pre-flight check against the
 * data: the metric, the operating point, the split handling, the cache, the task subset.
 */
import { z } from 'zod';
import { InvalidOptionsError, type EstimatorCheckInput, type MultiTaskDataset } from '@transferbench/core';
import { replicateOptionFields } from '../inference/replicates.ts';
import { cutCounts } from './label-view.ts';

/** Fewest training labels of each class a cut target may keep: below it a single-task model is noise. */
export const MIN_CLASS_LABELS = 10;

export const ORACLE_METRICS = ['auc', 'ap', 'logloss'] as const;
export type OracleMetric = (typeof ORACLE_METRICS)[number];

export const oracleOptionFields = {
  ...replicateOptionFields,
  /** m_i: test ROC-AUC, test average precision, or the negative test log-loss (less noisy on small test sets) */
  metric: z.enum(ORACLE_METRICS).default('auc'),
  /**
   * Operating point: the target's TRAINING labels cut to this fraction of its train pool (stratified, drawn
   * per replicate), sources at full data — the regime where transfer matters. 1 = full data.
   */
  targetFraction: z.number().gt(0).max(1).default(1),
  /** cap on training epochs (default: the study's model default) */
  maxEpochs: z.number().int().positive().optional(),
  /** reuse / store trainings in ctx.cacheDir (when the host gives one) */
  cache: z.boolean().default(true),
  /**
   * re-draw the train/validation/test partition of the split's compounds for every replicate (scaffold groups
   * kept whole for scaffold splits; a holdout split keeps its independent test sample), so the CIs include
   * sampling of the held-out rows; false = condition on the given split
   */
  resampleSplit: z.boolean().default(true),
  /** only these task ids (default all): effects among them are estimated, every other entry stays null */
  tasks: z.array(z.string().min(1)).min(2).optional(),
};

export interface OracleCommonOptions {
  metric: OracleMetric;
  targetFraction: number;
  tasks?: string[];
}

/** Indices of the chosen task ids (all when not given); unknown or repeated ids are an option error. */
export function selectedTasks(estimator: string, ids: readonly string[], chosen?: readonly string[]): number[] {
  if (!chosen) return ids.map((_, i) => i);
  const out = chosen.map((id) => {
    const i = ids.indexOf(id);
    if (i < 0)
      throw new InvalidOptionsError(
        `estimator "${estimator}": option "tasks": unknown task "${id}"; expected ids of the dataset: ${ids.join(', ')}`,
      );
    return i;
  });
  if (new Set(out).size !== out.length)
    throw new InvalidOptionsError(`estimator "${estimator}": option "tasks": expected distinct task ids`);
  return out.sort((a, b) => a - b);
}

function trainClassCounts(ds: MultiTaskDataset, train: Int32Array, t: number): { positives: number; negatives: number } {
  const K = ds.tasks.length;
  let positives = 0,
    negatives = 0;
  for (const r of train) {
    const y = ds.labels[r * K + t];
    if (y === 1) positives++;
    else if (y === 0) negatives++;
  }
  return { positives, negatives };
}

/**
 * Pre-flight: the chosen tasks exist and, at the operating point, every target keeps at least
 * MIN_CLASS_LABELS training labels of each class (counted on the given split's train pool; a re-drawn
 * partition has the same size). Throws InvalidOptionsError naming the option and the first tasks that fail.
 */
export function checkOracleOptions(estimator: string, input: EstimatorCheckInput, options: OracleCommonOptions): void {
  const ids = input.dataset.tasks.map((t) => t.id);
  const chosen = selectedTasks(estimator, ids, options.tasks);
  if (options.targetFraction >= 1) return;
  const short: string[] = [];
  for (const t of chosen) {
    const have = trainClassCounts(input.dataset, input.split.train, t);
    const kept = cutCounts(have.positives, have.negatives, options.targetFraction);
    if (kept.positives < MIN_CLASS_LABELS || kept.negatives < MIN_CLASS_LABELS)
      short.push(`${ids[t]} (${kept.positives} positive, ${kept.negatives} negative of ${have.positives}/${have.negatives})`);
  }
  if (short.length) {
    throw new InvalidOptionsError(
      `estimator "${estimator}": option "targetFraction" = ${options.targetFraction} leaves fewer than ${MIN_CLASS_LABELS} training ` +
        `labels of a class for ${short.length} target(s): ${short.slice(0, 5).join('; ')}${short.length > 5 ? '; …' : ''}. ` +
        `Expected a fraction that keeps ≥ ${MIN_CLASS_LABELS} of each class (raise it, or choose tasks with the \`tasks\` option)`,
    );
  }
}
