/**
 * What every training-based estimator needs for one replicate: the train/validation rows of the split
 * and a model built from the study's model defaults with a replicate seed (plus an optional epoch cap).
 */
import { labelledRows, type EstimatorContext, type LabelledRows, type ModelSpecInput, type MultiTaskModel } from '@transferbench/core';

export interface TrainingData {
  train: LabelledRows;
  val: LabelledRows;
}

/** All tasks' labels on the split's train and validation compounds. */
export function trainingData(ctx: Pick<EstimatorContext, 'dataset' | 'split'>): TrainingData {
  return {
    train: labelledRows(ctx.dataset, ctx.split.train),
    val: labelledRows(ctx.dataset, ctx.split.val),
  };
}

/** Model spec of the study with this replicate's seed; `overrides` are estimator options (e.g. maxEpochs). */
export function modelSpecFor(
  ctx: Pick<EstimatorContext, 'dataset' | 'modelDefaults'>,
  seed: number,
  overrides: Partial<Omit<ModelSpecInput, 'inputDim' | 'numTasks' | 'seed'>> = {},
): ModelSpecInput {
  const defined = Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined));
  return {
    ...ctx.modelDefaults,
    ...defined,
    inputDim: ctx.dataset.features.dim,
    numTasks: ctx.dataset.tasks.length,
    seed,
  };
}

export function buildModel(
  ctx: Pick<EstimatorContext, 'dataset' | 'modelDefaults' | 'models'>,
  seed: number,
  overrides: Partial<Omit<ModelSpecInput, 'inputDim' | 'numTasks' | 'seed'>> = {},
): MultiTaskModel {
  return ctx.models.create(ctx.dataset.features, modelSpecFor(ctx, seed, overrides));
}
