/**
 * One ordinary training run (core's trainModel, the study's early stopping) with a probe every
 * `probeEvery` steps, before the optimiser step, on the batch about to be used; progress per epoch and the
 * training cost metered. Each probe's values over the tasks it measured are averaged per pair (and per
 * target for the contextual values) and recorded in a bounded series: what the estimators that average a
 * per-step probe over one training run (tag, gradient-cosine) share. Memory stays O(K²) whatever the
 * run's length: no probe's matrix is kept beyond the (bounded) series.
 */
import { trainModel, type EstimatorContext, type LabelledRows, type MultiTaskModel, type TrainReport } from '@transferbench/core';
import type { Replicate } from '../inference/replicates.ts';
import type { TrainingData } from './model-run.ts';
import { PairAccumulator } from './pair-accumulator.ts';
import { TargetAccumulator } from './target-accumulator.ts';
import { TargetSeries } from './target-series.ts';

/** What one probe measured, over the tasks `present` (ascending); NaN = not measured. */
export interface ProbeOutcome {
  present: readonly number[];
  /** values[a·n + b] = value for target present[a] from source present[b], n = present.length */
  values: Float64Array;
  /** contextual[a] = the contextual value of target present[a] */
  contextual?: Float64Array;
}

export interface SeriesOptions {
  /** probes kept in the series (0 = none) */
  maxSeries: number;
  /** the series keeps the rows of the first this-many tasks */
  seriesTargets: number;
  /** the series keeps each kept probe's whole K×K matrix */
  fullSeries: boolean;
}

export interface ProbedTraining {
  report: TrainReport;
  /** mean and count per pair over all probes */
  pairs: PairAccumulator;
  /** mean and count per target of the contextual values */
  contextual: TargetAccumulator;
  series: TargetSeries;
}

/** `probe` returns what it measured at this step, or null when nothing was. */
export function trainWithProbes(
  ctx: Pick<EstimatorContext, 'dataset' | 'signal' | 'cost'>,
  model: MultiTaskModel,
  data: TrainingData,
  rep: Pick<Replicate, 'rng' | 'progress'>,
  probeEvery: number,
  series: SeriesOptions,
  probe: (step: number, batch: LabelledRows, epoch: number) => ProbeOutcome | null,
): ProbedTraining {
  const K = ctx.dataset.tasks.length;
  const pairs = new PairAccumulator(K);
  const contextual = new TargetAccumulator(K);
  const targets = Array.from({ length: Math.min(K, series.seriesTargets) }, (_, t) => t);
  const kept = new TargetSeries(K, targets, series.maxSeries, series.fullSeries);
  const maxEpochs = model.spec.maxEpochs;
  const report = trainModel(model, data.train, data.val, {
    rng: rep.rng.stream('train'),
    hooks: {
      signal: ctx.signal,
      beforeStep(step, batch, epoch) {
        if (step % probeEvery !== 0) return;
        const out = probe(step, batch, epoch);
        if (out === null) return;
        pairs.addPresent(out.present, out.values);
        if (out.contextual) contextual.addPresent(out.present, out.contextual);
        kept.push(step, epoch, out.present, out.values, out.contextual);
      },
      afterEpoch(epoch) {
        rep.progress((epoch + 1) / maxEpochs, `epoch ${epoch + 1}`);
      },
    },
  });
  ctx.cost.addTraining(report.samplePasses);
  return { report, pairs, contextual, series: kept };
}
