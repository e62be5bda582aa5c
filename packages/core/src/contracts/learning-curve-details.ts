/**
 * The part of the `learning-curve` estimator's `details` that reports draw (the learning-curve chart): every
 * training run's label counts and per-task test metric, and the EXP3 fit m(n) = c − exp(b − a·n) per task.
 *
 * Declared in core because it crosses a package boundary and core is the one package both sides may import
 * (packages import only core): the producer (packages/estimators, src/learning-curve) is checked against it
 * by a test that parses the estimator's real output, and the consumer (packages/reporters, charts/
 * learning-curve.ts) validates a trial's details with it before drawing. A change on either side that breaks
 * the other fails that test instead of silently dropping the chart. Objects are not strict: the details
 * carry much more (fits, readings, the design), which the chart ignores.
 */
import { z } from 'zod';

const value = z.number().nullable();

export const learningCurveRunSchema = z.object({
  /** training labels per task in this run (0 = task absent) */
  counts: z.array(z.number().int().nonnegative()),
  /** per-task test metric; null = task absent or metric undefined */
  metric: z.array(value),
  replicate: z.number().int().nonnegative().optional(),
});

export const learningCurveDetailsSchema = z.object({
  /** the test metric: ROC-AUC or the negative log-loss */
  metric: z.enum(['auc', 'neg-logloss']).optional(),
  points: z.array(learningCurveRunSchema).min(1),
  /** EXP3 per task (tasks whose fit could not be run are absent) */
  singleTask: z.array(z.object({ task: z.string(), estimate: z.object({ c: value, b: value, a: value }), converged: z.boolean() })),
});
export type LearningCurveDetails = z.infer<typeof learningCurveDetailsSchema>;
