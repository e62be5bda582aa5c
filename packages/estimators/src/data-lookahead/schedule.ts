/**
 * The probe plan of one data-lookahead stage, made PER SOURCE: every source's unseen slice is divided over
 * the stage's probe rounds in proportion to its size, so every task is probed in proportion to its data and a
 * source with ≥ 1 unseen sample is probed at least once per stage.
 *
 * Version 2 took one batch of `batch` samples per source per round, at an interval set by the SMALLEST slice
 * of all tasks: one small task collapsed the schedule of all the others (at K = 617: 3 rounds a replicate,
 * 4.8 % of the unseen data used, 115 sources never probed). Now:
 * - rounds R: with `probeEvery: 'spread'`, the mean slice over the sources that have one ÷ `batch` (at least
 *   1, at most the stage's planned steps), at steps ⌊r·P/R⌋ spread over the stage's P planned steps; with a
 *   number k, rounds at steps 0, k, 2k, … < P;
 * - source j with U_j unseen samples takes ⌊(r+1)·U_j/R⌋ − ⌊r·U_j/R⌋ of them in round r: the whole slice is
 *   used, in batches of about U_j/R (sources larger than the mean get larger batches, smaller ones smaller
 *   batches — or, below R samples, one sample in U_j evenly spread rounds).
 * The estimate's expectation does not depend on a probe's batch size (a batch's mean-loss gradient is an
 * unbiased estimate of the source's gradient); only its noise does, and that is set by the samples used.
 * The cost is R·K source probes a stage, about Σ_j U_j / batch as before, however unequal the tasks are.
 */

export interface StagePlan {
  /** probe rounds planned for the stage */
  rounds: number;
  /** training step (from 0 within the stage) of each round; a round whose step is not reached runs at the stage's end */
  steps: number[];
  /** per source: unseen samples in the stage's slice */
  available: number[];
}

export interface StagePlanOptions {
  /** planned training steps of the stage (epochs × batches per epoch) */
  plannedSteps: number;
  /** mean unseen samples per source and round ('spread') */
  batch: number;
  probeEvery: number | 'spread';
}

/** Samples of a slice of `available` taken in round r of R: an even split of the whole slice, summing to `available`. */
export function roundShare(available: number, rounds: number, r: number): number {
  return Math.floor(((r + 1) * available) / rounds) - Math.floor((r * available) / rounds);
}

export function planStage(available: readonly number[], options: StagePlanOptions): StagePlan {
  const P = Math.max(1, options.plannedSteps);
  const sizes = available.filter((u) => u > 0);
  if (sizes.length === 0) return { rounds: 0, steps: [], available: [...available] };
  let rounds: number;
  let steps: number[];
  if (options.probeEvery === 'spread') {
    const mean = sizes.reduce((a, b) => a + b, 0) / sizes.length;
    rounds = Math.min(P, Math.max(1, Math.floor(mean / options.batch)));
    steps = Array.from({ length: rounds }, (_, r) => Math.floor((r * P) / rounds));
  } else {
    const k = options.probeEvery;
    rounds = Math.ceil(P / k);
    steps = Array.from({ length: rounds }, (_, r) => r * k);
  }
  return { rounds, steps, available: [...available] };
}
