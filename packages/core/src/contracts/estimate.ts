/**
 * TransferEstimate: what an estimator returns. Orientation: `effect[target][source]` — row = the task
 * that receives transfer, column = the task whose data/gradient is added. `null` = not estimated
 * (e.g. the diagonal for most estimators). `unit` says what the number means for this estimator.
 */
import { z } from 'zod';
import { costSchema } from './cost.ts';

const cell = z.number().nullable();
export const matrixSchema = z.array(z.array(cell));
export type Matrix = (number | null)[][];

export const pairwiseSchema = z.object({
  effect: matrixSchema,
  lower: matrixSchema.optional(),
  upper: matrixSchema.optional(),
  se: matrixSchema.optional(),
  /** two-sided p-value of effect = 0 */
  pValue: matrixSchema.optional(),
});

export const contextualSchema = z.object({
  effect: z.array(cell),
  lower: z.array(cell).optional(),
  upper: z.array(cell).optional(),
  se: z.array(cell).optional(),
  pValue: z.array(cell).optional(),
  unit: z.string().optional(),
});

export const diagnosticsSchema = z.object({
  warnings: z.array(z.string()).default([]),
  fitFailures: z.number().int().nonnegative().default(0),
  fitAttempts: z.number().int().nonnegative().default(0),
  notes: z.array(z.string()).default([]),
});

export const transferEstimateSchema = z.object({
  estimator: z.object({ name: z.string(), version: z.string() }),
  tasks: z.array(z.string()),
  unit: z.string(),
  pairwise: pairwiseSchema,
  contextual: contextualSchema.optional(),
  cost: costSchema,
  diagnostics: diagnosticsSchema,
  /** engine and backend used to train models, if any */
  engine: z.object({ name: z.string(), backend: z.string() }).optional(),
  /** estimator-specific detail (learning-curve points, probe series, fitted curves, …) */
  details: z.record(z.string(), z.unknown()).optional(),
});
export type TransferEstimate = z.infer<typeof transferEstimateSchema>;
export type TransferEstimateInput = z.input<typeof transferEstimateSchema>;

/** K×K matrix filled with a value. */
export function squareMatrix(K: number, fill: number | null = null): Matrix {
  return Array.from({ length: K }, () => new Array<number | null>(K).fill(fill));
}

/**
 * Validates an estimate against its own task list; names the offending field. Beyond the schema (which
 * already refuses NaN and ±Infinity: `null` is the only "not estimated"): task ids are unique, every
 * pairwise matrix is K×K, every contextual vector has K entries, and p-values lie in [0, 1] — a p-value
 * outside it is refused, never clamped (a clamped −5 would rank as the strongest finding).
 */
export function validateEstimate(raw: unknown, origin: string): TransferEstimate {
  const parsed = transferEstimateSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${origin}: invalid TransferEstimate at ${issue.path.join('.') || '<root>'}: ${issue.message}`);
  }
  const est = parsed.data;
  const K = est.tasks.length;
  const seen = new Set<string>();
  for (const t of est.tasks) {
    if (seen.has(t)) throw new Error(`${origin}: tasks: task id "${t}" appears more than once; expected each task exactly once`);
    seen.add(t);
  }
  const check = (m: Matrix | undefined, field: string) => {
    if (!m) return;
    if (m.length !== K || m.some((row) => row.length !== K))
      throw new Error(`${origin}: pairwise.${field} must be ${K}×${K} (one row and column per task)`);
  };
  check(est.pairwise.effect, 'effect');
  check(est.pairwise.lower, 'lower');
  check(est.pairwise.upper, 'upper');
  check(est.pairwise.se, 'se');
  check(est.pairwise.pValue, 'pValue');
  const pRange = (values: readonly (number | null)[], field: string) => {
    const k = values.findIndex((p) => p !== null && !(p >= 0 && p <= 1));
    if (k >= 0) throw new Error(`${origin}: ${field}[${k}] is ${values[k]}; expected a p-value in [0, 1] (or null: not estimated)`);
  };
  est.pairwise.pValue?.forEach((row, i) => pRange(row, `pairwise.pValue[${i}]`));
  if (est.contextual) {
    for (const field of ['effect', 'lower', 'upper', 'se', 'pValue'] as const) {
      const v = est.contextual[field];
      if (v && v.length !== K) throw new Error(`${origin}: contextual.${field} has ${v.length} entries; expected ${K} (one per task)`);
    }
    if (est.contextual.pValue) pRange(est.contextual.pValue, 'contextual.pValue');
  }
  return est;
}
