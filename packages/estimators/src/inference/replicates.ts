/**
 * Replicates: run an estimator's core R times, each with its own seed derived from the trial's RNG.
 * Replicate r always gets the stream `replicate-r`, so raising R adds runs without changing earlier ones.
 */
import { z } from 'zod';
import type { EstimatorContext, Matrix, Rng } from '@transferbench/core';

/** Option fields shared by estimators that use this inference (spread into their own strict schema). */
export const replicateOptionFields = {
  /** independent runs (seeds) whose per-pair effects are t-tested; 1 = no inference */
  replicates: z.number().int().min(1).max(1000).default(3),
  /** confidence level of the per-pair CIs */
  level: z.number().gt(0).lt(1).default(0.95),
  /**
   * per-cell test over replicates: a plain t-test, or limma's moderated t (variances shrunk towards a prior fitted
   * across the estimate's cells: more power from few replicates, where it stays calibrated — see the README)
   */
  inference: z.enum(['t', 'moderated-t']).default('t'),
};
export const replicateOptionsSchema = z.strictObject(replicateOptionFields);

export interface Replicate {
  index: number;
  /** model seed of this replicate */
  seed: number;
  /** this replicate's own stream (data order, probe choices, …) */
  rng: Rng;
  /** progress within this replicate, in [0, 1] */
  progress(fraction: number, message?: string): void;
}

export interface ReplicateResult {
  /** effect[target][source] of this replicate; null = not estimated */
  effect: Matrix;
  /** contextual[target] of this replicate (the effect of all other tasks together); null = not estimated */
  contextual?: (number | null)[];
  details?: Record<string, unknown>;
  warnings?: string[];
  notes?: string[];
}

export function replicateAt(rng: Rng, index: number): { seed: number; rng: Rng } {
  const r = rng.stream(`replicate-${index}`);
  return { seed: r.int(0, 2 ** 31 - 1), rng: r };
}

/** Runs `run` for replicates 0..R−1 in order (sequentially: runs share the CPU and the cost meter). */
export async function runReplicates<T extends ReplicateResult>(
  ctx: Pick<EstimatorContext, 'rng' | 'signal' | 'progress'>,
  replicates: number,
  run: (rep: Replicate) => Promise<T> | T,
): Promise<{ seed: number; result: T }[]> {
  const out: { seed: number; result: T }[] = [];
  const scale = 1000;
  for (let index = 0; index < replicates; index++) {
    ctx.signal.throwIfAborted();
    const { seed, rng } = replicateAt(ctx.rng, index);
    const progress = (fraction: number, message?: string) =>
      ctx.progress(
        Math.round((index + Math.min(1, Math.max(0, fraction))) * scale),
        replicates * scale,
        `replicate ${index + 1}/${replicates}${message ? `: ${message}` : ''}`,
      );
    progress(0);
    const result = await run({ index, seed, rng, progress });
    out.push({ seed, result });
    progress(1);
  }
  return out;
}
