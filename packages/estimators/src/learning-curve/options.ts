/**
 * Options of the learning-curve estimator. Most are budget knobs: trainings = points × replicates (random)
 * or K(K−1)/2 × |grid|² × replicates (pairwise-grid), each up to maxEpochs epochs.
 */
import { z } from 'zod';

const fraction = z.number().min(0, 'expected a fraction in [0, 1]').max(1, 'expected a fraction in [0, 1]');

export const DEFAULT_RANDOM_GRID = [0.1, 0.25, 0.5, 0.75, 1];
export const DEFAULT_PAIR_GRID = [0.25, 0.5, 0.75, 1];

export const learningCurveOptionsSchema = z.strictObject({
  /** `random`: one set of runs feeds EXP3, EXP3.2 and the joint fit (scalable default); `pairwise-grid`: n_i × n_j grid per pair */
  design: z.enum(['random', 'pairwise-grid']).default('random'),
  /** random design: 'all' tasks in every run, or a 'random' subset of the tasks per run (balanced sizes 1..K), so n_Σ spans 0 … all */
  subsets: z.enum(['all', 'random']).default('all'),
  /** random design: single-task runs per task and replicate (n_Σ = 0: anchors the contextual effect against training alone) */
  solo: z.number().int().min(0).default(3),
  /** random design: runs per replicate (each run = one training) */
  points: z.number().int().min(1).default(40),
  /** independent replicates: each has its own permutation of every task's pool (nested prefixes) and model seed */
  replicates: z.number().int().min(1).max(1000).default(3),
  /** fractions of each task's train pool; default [0.1, 0.25, 0.5, 0.75, 1] (random) or [0.25, 0.5, 0.75, 1] (pairwise-grid) */
  grid: z.array(fraction).min(1).optional(),
  /** cap on training epochs per run (early stopping on validation still applies); default: the study's model default */
  maxEpochs: z.number().int().positive().optional(),
  /** early-stopping patience per run; default: the study's model default */
  patience: z.number().int().nonnegative().optional(),
  /** m_i: test ROC-AUC, or the negative test log-loss */
  metric: z.enum(['auc', 'neg-logloss']).default('auc'),
  /** what pairwise.effect / contextual.effect report: the marginal slope ∂m/∂n (default), the rate a, or γ = a/a_own */
  effect: z.enum(['slope', 'rate', 'exchange-rate']).default('slope'),
  /** confidence level of the intervals */
  level: z.number().gt(0).lt(1).default(0.95),
  /** random restarts per curve fit (after the data-driven start) */
  restarts: z.number().int().min(0).default(8),
  /** a fit needs at least (parameters + minResidualDf) points, else it is reported as under-determined */
  minResidualDf: z.number().int().min(1).default(5),
  /** nested-model F test per transfer rate, conditional on the test set (details; one reduced fit per rate) */
  fTests: z.boolean().default(true),
  /** test-set bootstrap resamples whose variance is added to every effect's (0 = inference conditional on the test set) */
  testBootstrap: z.number().int().min(0).default(50),
  /** bootstrap refits over replicates for percentile CIs of the transfer rates (details only; 0 = off) */
  bootstrap: z.number().int().min(0).default(0),
});
export type LearningCurveOptions = z.infer<typeof learningCurveOptionsSchema>;
