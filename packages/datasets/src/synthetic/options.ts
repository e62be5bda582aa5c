/**
 * Options of the synthetic planted-transfer data set. Defaults mirror DESIGN §5's prototype:
 * 8 tasks = 2 families of 3 (ρ = 0.9) + 1 independent + 1 label-permuted control, 3,000 compounds,
 * 2,048-bit fingerprints at 3 % density, 400 labels per task (sparse, like DTI).
 * Task layout: families first (in order), then independent tasks, then controls. `tasks` may be given
 * instead of `independent`: the independent count then fills the remainder.
 *
 * Calibration (fast engine, default net; see the datasets README section of the commit notes):
 * 60 chemotypes and a 90 % series share make a family task learnable jointly (test AUC ≈ 0.85 at the
 * defaults) while a task with few labels of its own (50) gains ≈ +0.05–0.07 AUC from its family's
 * labels, more than from an independent task (≈ +0.03) and unlike from the control (≈ 0). Functions
 * spread over many fragment bits were barely learnable by the net and gave no family-specific transfer.
 */
import { z } from 'zod';
import { strict } from '../strict-options.ts';

/** Number of shared fragment bits: each compound expects density·dim·fragmentShare of them, each present with probability fragmentRate. */
export function fragmentPoolSize(o: { density: number; dim: number; fragmentShare: number; fragmentRate: number }): number {
  return Math.min(o.dim, Math.round((o.density * o.dim * o.fragmentShare) / o.fragmentRate));
}

export const syntheticOptionsSchema = strict
  .object({
    /** K; when given without `independent`, independent = K − Σfamilies − controls */
    tasks: z.number().int().positive().optional(),
    /** N, at most 10 million (the generated fingerprints and labels are held in memory) */
    compounds: z.number().int().min(10).max(10_000_000).default(3000),
    /** fingerprint bits */
    dim: z.number().int().min(16).default(2048),
    /** expected fraction of ones per fingerprint */
    density: z.number().gt(0).max(0.5).default(0.03),
    /** number of latent chemical series */
    chemotypes: z.number().int().positive().default(60),
    /** probability that a compound keeps each bit of its chemotype's prototype */
    bitKeep: z.number().gt(0).max(1).default(0.7),
    /** probability of each shared fragment bit (sets the pool size: density·dim·fragmentShare / fragmentRate bits) */
    fragmentRate: z.number().gt(0).max(1).default(0.4),
    /** share of a compound's ones that are fragment bits */
    fragmentShare: z.number().min(0).lt(1).default(0.6),
    /** share of a compound's ones that are random bits (series bits take the rest) */
    randomBitShare: z.number().min(0).lt(1).default(0.05),
    /** fragment bits a binding function gives weight to */
    pocketBits: z.number().int().positive().default(10),
    /** share of a binding function's variance that is a per-chemotype (series) effect */
    seriesShare: z.number().min(0).max(1).default(0.9),
    /** sizes of the task families (each ≥ 2) */
    families: z.array(z.number().int().min(2, 'a family needs at least 2 tasks')).default([3, 3]),
    /** tasks with their own binding function only */
    independent: z.number().int().nonnegative().optional(),
    /** label-permuted control tasks (true nulls as targets) */
    controls: z.number().int().nonnegative().default(1),
    /** relatedness: task score = ρ·family + √(1−ρ²)·own (sibling score correlation ≈ ρ²) */
    rho: z.number().min(0).max(1).default(0.9),
    /** probability that a label is flipped */
    labelNoise: z.number().min(0).lt(0.5).default(0.05),
    /** expected fraction of positive labels (after noise) */
    positiveRate: z.number().gt(0).lt(1).default(0.25),
    /** compounds labelled per task (the rest are missing) */
    labelsPerTask: z.number().int().positive().default(400),
    /** when given, each task's label count is drawn uniformly from [labelsPerTaskMin, labelsPerTask] (a control keeps its source's) */
    labelsPerTaskMin: z.number().int().positive().optional(),
    /**
     * an independent test sample: this many more compounds from the same chemotypes, labelled for every task,
     * never in a training pool (meta.heldOutTest; split `kind: holdout` uses them as the test part)
     */
    testCompounds: z.number().int().nonnegative().max(1_000_000).default(0),
    seed: z.number().int().default(0),
  })
  .superRefine((o, ctx) => {
    const inFamilies = o.families.reduce((a, b) => a + b, 0);
    if (o.tasks !== undefined) {
      const rest = o.tasks - inFamilies - o.controls;
      if (o.independent === undefined && rest < 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['tasks'],
          message: `expected at least Σfamilies + controls = ${inFamilies + o.controls}, got ${o.tasks}`,
        });
      }
      if (o.independent !== undefined && rest !== o.independent) {
        ctx.addIssue({
          code: 'custom',
          path: ['tasks'],
          message: `expected Σfamilies + independent + controls = ${inFamilies + o.independent + o.controls}, got ${o.tasks}`,
        });
      }
    }
    const independent = o.independent ?? (o.tasks === undefined ? 1 : Math.max(0, o.tasks - inFamilies - o.controls));
    if (inFamilies + independent + o.controls === 0)
      ctx.addIssue({ code: 'custom', path: ['tasks'], message: 'expected at least one task' });
    if (o.controls > 0 && inFamilies + independent === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['controls'],
        message: 'expected a family or independent task whose labels a control can permute',
      });
    }
    if (o.labelsPerTask > o.compounds) {
      ctx.addIssue({
        code: 'custom',
        path: ['labelsPerTask'],
        message: `expected at most compounds = ${o.compounds}, got ${o.labelsPerTask}`,
      });
    }
    if (o.labelsPerTaskMin !== undefined && o.labelsPerTaskMin > o.labelsPerTask) {
      ctx.addIssue({
        code: 'custom',
        path: ['labelsPerTaskMin'],
        message: `expected at most labelsPerTask = ${o.labelsPerTask}, got ${o.labelsPerTaskMin}`,
      });
    }
    if (!(o.labelNoise < o.positiveRate && o.labelNoise < 1 - o.positiveRate)) {
      ctx.addIssue({
        code: 'custom',
        path: ['labelNoise'],
        message: `expected below positiveRate and 1 − positiveRate (${o.positiveRate}), got ${o.labelNoise}`,
      });
    }
    if (o.fragmentShare + o.randomBitShare >= 1) {
      ctx.addIssue({
        code: 'custom',
        path: ['randomBitShare'],
        message: `expected fragmentShare + randomBitShare < 1 (series bits take the rest), got ${o.fragmentShare} + ${o.randomBitShare}`,
      });
    }
    const pool = fragmentPoolSize(o);
    if (o.pocketBits > pool) {
      ctx.addIssue({
        code: 'custom',
        path: ['pocketBits'],
        message: `expected at most the fragment pool size density·dim·fragmentShare / fragmentRate = ${pool}, got ${o.pocketBits}`,
      });
    }
    if (o.density * o.dim < 1)
      ctx.addIssue({ code: 'custom', path: ['density'], message: `expected density·dim ≥ 1 bit, got ${o.density * o.dim}` });
  })
  .transform((o) => {
    const inFamilies = o.families.reduce((a, b) => a + b, 0);
    const independent = o.independent ?? (o.tasks === undefined ? 1 : o.tasks - inFamilies - o.controls);
    // explicit key order, so that re-parsing parsed options gives an identical object (provenance hashes)
    const { tasks: _tasks, independent: _independent, ...rest } = o;
    return { tasks: inFamilies + independent + o.controls, independent, ...rest };
  });

export type SyntheticOptions = z.output<typeof syntheticOptionsSchema>;
export type SyntheticOptionsInput = z.input<typeof syntheticOptionsSchema>;
