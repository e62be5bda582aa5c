/**
 * One ordinary training run (core's trainModel, the study's early stopping) with a probe every
 * `probeEvery` steps, before the optimiser step, on the batch about to be used; progress per epoch and the
 * training cost metered. Each probe's K×K matrix is averaged per pair and kept as a series: what the
 * estimators that average a per-step probe over one training run (tag, gradient-cosine) share.
 */
import {
  trainModel,
  type EstimatorContext,
  type LabelledRows,
  type Matrix,
  type MultiTaskModel,
  type TrainReport,
} from '@transferbench/core';
import type { Replicate } from '../inference/replicates.ts';
import type { TrainingData } from './model-run.ts';
import { PairAccumulator } from './pair-accumulator.ts';
import { ProbeSeries } from './probe-series.ts';

export interface ProbedTraining {
  report: TrainReport;
  /** mean and count per pair over all probes */
  pairs: PairAccumulator;
  series: ProbeSeries;
}

/** `probe` returns the probe's matrix [target][source], or null when nothing was measured at this step. */
export function trainWithProbes(
  ctx: Pick<EstimatorContext, 'dataset' | 'signal' | 'cost'>,
  model: MultiTaskModel,
  data: TrainingData,
  rep: Pick<Replicate, 'rng' | 'progress'>,
  probeEvery: number,
  probe: (step: number, batch: LabelledRows, epoch: number) => Matrix | null,
): ProbedTraining {
  const pairs = new PairAccumulator(ctx.dataset.tasks.length);
  const series = new ProbeSeries();
  const maxEpochs = model.spec.maxEpochs;
  const report = trainModel(model, data.train, data.val, {
    rng: rep.rng.stream('train'),
    hooks: {
      signal: ctx.signal,
      beforeStep(step, batch, epoch) {
        if (step % probeEvery !== 0) return;
        const z = probe(step, batch, epoch);
        if (z === null) return;
        pairs.addMatrix(z);
        series.push(step, epoch, z);
      },
      afterEpoch(epoch) {
        rep.progress((epoch + 1) / maxEpochs, `epoch ${epoch + 1}`);
      },
    },
  });
  ctx.cost.addTraining(report.samplePasses);
  return { report, pairs, series };
}
