import { describe, expect, it } from 'vitest';
import { modelSpecSchema, type ModelFactory, type MultiTaskModel } from '../contracts/model.ts';
import type { LabelledRows } from '../contracts/split.ts';
import { Rng } from '../rng.ts';
import { trainModel } from './train.ts';
import { runTrainJob, type TrainJob } from './train-many.ts';

/**
 * A stub engine with scripted per-task validation losses by epoch; its weights are the number of evaluations
 * seen when they were current (epoch + 1), and its predictions are the loaded weights' number / 100, so a
 * prediction column tells which epoch's weights it was read with.
 * Task 0 is best at epoch 1, task 1 at epoch 4, task 2 has no validation labels.
 */
const LOSSES = [
  [1, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 1.1, 1.2, 1.3],
  [1, 0.95, 0.9, 0.85, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85],
  [0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
];
function scriptedFactory(flat?: { fresh: number }): ModelFactory {
  return {
    engine: 'stub',
    backend: 'js',
    create(_features, specInput) {
      const spec = modelSpecSchema.parse(specInput);
      let evaluations = 0;
      let loaded: number | null = null; // evaluations encoded in the weights last set (null: the live weights)
      const model: Partial<MultiTaskModel> = {
        spec,
        trainStep: () => new Float64Array(spec.numTasks),
        // one call per epoch (the validation set is one chunk); task 2's value is ignored (no labels)
        taskLosses: () => {
          const e = evaluations++;
          loaded = null;
          return Float64Array.from(LOSSES.map((l) => l[e]));
        },
        predict: (rows: Int32Array) => new Float32Array(rows.length * spec.numTasks).fill((loaded ?? evaluations) / 100),
        getWeights: () => ({
          W1: new Float32Array(0),
          b1: new Float32Array(0),
          W2: new Float32Array(0),
          b2: Float32Array.of(loaded ?? evaluations),
        }),
        setWeights: (w) => {
          loaded = w.b2[0];
        },
        dispose: () => {},
      };
      if (flat) {
        // checkpoints in a flat layout, written into a handed-back one when given (counts the fresh ones)
        model.snapshotAll = (out) => {
          if (!out) flat.fresh++;
          const c = out ?? new Float32Array(1);
          c[0] = loaded ?? evaluations;
          return c;
        };
        model.restoreAll = (c) => {
          loaded = c[0];
        };
      }
      return model as MultiTaskModel;
    },
  };
}

const features = { indptr: new Int32Array(11), indices: new Int32Array(0), dim: 4 };
const train: LabelledRows = { rows: Int32Array.from([0, 1, 2, 3]), labels: new Int8Array(12).fill(1) };
// validation labels for tasks 0 and 1 only
const val: LabelledRows = { rows: Int32Array.from([4, 5]), labels: Int8Array.from([1, 0, -1, 0, 1, -1]) };
const job = (earlyStopping?: 'total' | 'per-task'): TrainJob => ({
  spec: { inputDim: 4, numTasks: 3, seed: 1 },
  train,
  val,
  rng: { seed: 7 },
  maxEpochs: 10,
  patience: 1,
  batchSize: 4,
  predict: Int32Array.from([8, 9]),
  earlyStopping,
});

describe("earlyStopping: 'per-task'", () => {
  it('runs until every task has stopped improving and reads each task at its own best epoch', () => {
    const r = runTrainJob(scriptedFactory(), features, job('per-task'));
    // task 1's best is epoch 4; patience 1 → it stops after epochs 5 and 6 without improvement
    expect(r.report.epochs).toBe(7);
    expect(r.report.taskBestEpochs).toEqual([1, 4, -1]);
    expect(r.report.taskBestValLosses).toEqual([0.5, 0.6, NaN]);
    // summed-loss bookkeeping is kept: best sum 0.8 + 0.6 = 1.4 at epoch 4 (past where 'total' stopped)
    expect(r.report.bestEpoch).toBe(4);
    // column 0 read with the weights of epoch 1 (2 evaluations), column 1 with those of epoch 4 (5), column 2
    // (no validation labels) with the final weights: those of the best summed loss, restored (epoch 4)
    const p = Array.from(r.predictions!);
    expect(p).toEqual([0.02, 0.05, 0.05, 0.02, 0.05, 0.05].map(Math.fround));
    // 4 training samples × 7 epochs + 2 validation rows / 2 × 7 + 2 predicted rows / 2 × 2 distinct best points
    expect(r.report.samplePasses).toBe(4 * 7 + 7 + 2);
  });

  it('flat checkpoints (snapshotAll) give the same readings, overwriting only checkpoints no task still points at', () => {
    const flat = { fresh: 0 };
    const r = runTrainJob(scriptedFactory(flat), features, job('per-task'));
    expect(r.report.taskBestEpochs).toEqual([1, 4, -1]);
    expect(Array.from(r.predictions!)).toEqual([0.02, 0.05, 0.05, 0.02, 0.05, 0.05].map(Math.fround));
    // task checkpoints: epochs 0–1 share one (both tasks improved), epochs 2–4 (task 1 only) a second, since task 0
    // still points at the first; plus the loop's own best (reused at every improvement) and the final weights
    expect(flat.fresh).toBe(4);
  });

  it('stopOn: only the watched tasks hold training open (a target read alone stops by its own patience)', () => {
    const r = runTrainJob(scriptedFactory(), features, { ...job('per-task'), stopOn: [0] });
    // task 0: best at epoch 1, patience 1 → epochs 2 and 3 without improvement end training after 4 epochs,
    // while task 1 (still improving) would have kept it going to 7
    expect(r.report.epochs).toBe(4);
    expect(r.report.taskBestEpochs).toEqual([1, 3, -1]);
    expect(() => runTrainJob(scriptedFactory(), features, { ...job('per-task'), stopOn: [3] })).toThrow(/stopOn/);
  });

  it('calls afterTaskBest with the tasks that improved, in epoch order', () => {
    const calls: [number, number[]][] = [];
    const model = scriptedFactory().create(features, job().spec);
    trainModel(model, train, val, {
      rng: new Rng(7),
      maxEpochs: 10,
      patience: 1,
      earlyStopping: 'per-task',
      hooks: { afterTaskBest: (e, t) => calls.push([e, t]) },
    });
    expect(calls).toEqual([
      [0, [0, 1]],
      [1, [0, 1]],
      [2, [1]],
      [3, [1]],
      [4, [1]],
    ]);
  });

  it("default 'total' stopping is unchanged: stops on the summed loss, no per-task report, final-weights predictions", () => {
    const r = runTrainJob(scriptedFactory(), features, job());
    // sums 2, 1.45, 1.5, 1.55 → best at epoch 1, patience 1 exhausted at epoch 3
    expect(r.report.epochs).toBe(4);
    expect(r.report.bestEpoch).toBe(1);
    expect(r.report.taskBestEpochs).toBeUndefined();
    // predictions with the restored best weights (epoch 1: 2 evaluations), not the last epoch's
    expect(Array.from(r.predictions!)).toEqual(new Array(6).fill(Math.fround(0.02)));
    expect(r.report.samplePasses).toBe(4 * 4 + 4);
  });
});
