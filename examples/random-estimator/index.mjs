/**
 * random — a null transfer estimator: random effects and uniform p-values, independent of the data, for every
 * ordered pair and for every target's contextual effect (all other tasks together).
 *
 * It is the template for plugin authors (copy this folder) and the calibration check of the benchmark:
 * its p-values are uniform and its effect signs are coin flips, so with raw p-values its false-positive
 * rate on truly null pairs is ≈ α and its right-sign detection rate on truly non-null pairs ≈ α/2, and
 * after Benjamini–Hochberg both are ≈ 0. Any other outcome means the pipeline, not the estimator, is biased.
 *
 *   transferbench run --plugin examples/random-estimator/index.mjs --estimators random
 *   transferbench estimate --plugin examples/random-estimator/index.mjs --dataset synthetic --estimator random
 */
import { z } from 'zod';
import { defineEstimator, squareMatrix } from '@transferbench/core';

export default defineEstimator({
  meta: {
    name: 'random',
    version: '1.1.0', // 1.1: a random contextual vector (pairwise draws unchanged: it is drawn after them)
    kind: 'statistical',
    description: 'null estimator: N(0, scale²) effects, uniform p-values (calibration check and plugin template)',
  },
  // every option needs a default: suites may give none; strict: a mistyped option is an error naming it,
  // not a silently ignored key (the host refuses unknown keys of non-strict schemas too)
  options: z.strictObject({
    scale: z.number().positive().default(1),
    /** also fill the diagonal (self-transfer) */
    diagonal: z.boolean().default(false),
  }),
  async estimate(ctx, options) {
    // all randomness from the trial's seeded stream: same seed → same estimate
    const rng = ctx.rng.stream('random-estimator');
    const K = ctx.dataset.tasks.length;
    const effect = squareMatrix(K);
    const pValue = squareMatrix(K);
    for (let i = 0; i < K; i++) {
      for (let j = 0; j < K; j++) {
        if (i === j && !options.diagonal) continue;
        effect[i][j] = rng.normal(0, options.scale);
        pValue[i][j] = rng.next();
      }
      ctx.progress(i + 1, K);
    }
    // the contextual effect of all other tasks on each target: the same null (random sign, uniform p)
    const contextual = { effect: [], pValue: [] };
    for (let i = 0; i < K; i++) {
      contextual.effect.push(rng.normal(0, options.scale));
      contextual.pValue.push(rng.next());
    }
    return {
      estimator: { name: 'random', version: '1.1.0' },
      tasks: ctx.dataset.tasks.map((t) => t.id),
      unit: 'arbitrary (random)',
      pairwise: { effect, pValue },
      contextual: { ...contextual, unit: 'arbitrary (random)' },
      cost: ctx.cost.snapshot(),
      diagnostics: { warnings: [], fitFailures: 0, fitAttempts: 0, notes: ['null estimator: effects and p-values are random'] },
    };
  },
});
