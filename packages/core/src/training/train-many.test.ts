import { describe, expect, it } from 'vitest';
import { modelSpecSchema, type ModelFactory, type MultiTaskModel } from '../contracts/model.ts';
import type { LabelledRows } from '../contracts/split.ts';
import { Rng } from '../rng.ts';
import { isParallelModelFactory, runTrainJob, trainMany, type TrainJob } from './train-many.ts';

/** A stub engine that records what it was asked to do: the batches' rows, in order. */
function recordingFactory(log: { seen: number[][]; disposed: number; specs: number[] }): ModelFactory {
  return {
    engine: 'stub',
    backend: 'js',
    create(_features, specInput) {
      const spec = modelSpecSchema.parse(specInput);
      log.specs.push(spec.seed);
      const seen: number[] = [];
      log.seen.push(seen);
      const K = spec.numTasks;
      const model: Partial<MultiTaskModel> = {
        spec,
        trainStep: (b: LabelledRows) => {
          seen.push(...b.rows);
          return new Float64Array(K);
        },
        taskLosses: () => new Float64Array(K).fill(1),
        predict: (rows: Int32Array) => Float32Array.from({ length: rows.length * K }, (_, i) => rows[Math.floor(i / K)] / 100),
        getWeights: () => ({ W1: new Float32Array(0), b1: new Float32Array(0), W2: new Float32Array(0), b2: new Float32Array(0) }),
        setWeights: () => {},
        dispose: () => {
          log.disposed++;
        },
      };
      return model as MultiTaskModel;
    },
  };
}

const features = { indptr: new Int32Array(11), indices: new Int32Array(0), dim: 4 };
const train: LabelledRows = { rows: Int32Array.from([0, 1, 2, 3, 4, 5]), labels: new Int8Array(6).fill(1) };
const job = (seed: number): TrainJob => ({
  spec: { inputDim: 4, numTasks: 1, seed },
  train,
  rng: { seed: 40 + seed, label: 'root/train' },
  maxEpochs: 2,
  batchSize: 4,
  predict: Int32Array.from([7, 9]),
});

describe('trainMany', () => {
  it('runs the jobs one by one with their own spec and a fresh Rng(seed, label) for shuffling', async () => {
    const log = { seen: [] as number[][], disposed: 0, specs: [] as number[] };
    const factory = recordingFactory(log);
    expect(isParallelModelFactory(factory)).toBe(false);
    const done: number[] = [];
    const results = await trainMany(factory, features, [job(1), job(2)], { onJobDone: (i) => done.push(i) });
    expect(log.specs).toEqual([1, 2]);
    expect(log.disposed).toBe(2);
    expect(done).toEqual([0, 1]);
    // the order of rows is two permutations drawn from new Rng(41, 'root/train')
    const rng = new Rng(41, 'root/train');
    expect(log.seen[0]).toEqual([...rng.permutation(6), ...rng.permutation(6)]);
    expect(log.seen[1]).not.toEqual(log.seen[0]);
    expect(results[0].report.epochs).toBe(2);
    expect(results[0].report.steps).toBe(4);
    expect(Array.from(results[0].predictions!)).toEqual([Math.fround(0.07), Math.fround(0.09)]);
    expect(runTrainJob(factory, features, { ...job(1), predict: undefined }).predictions).toBeNull();
  });

  it('hands the jobs to a parallel factory, and honours an aborted signal', async () => {
    const log = { seen: [] as number[][], disposed: 0, specs: [] as number[] };
    const calls: number[] = [];
    const parallel = {
      ...recordingFactory(log),
      trainMany: async (_f: unknown, jobs: readonly TrainJob[]) => {
        calls.push(jobs.length);
        return [];
      },
    };
    expect(isParallelModelFactory(parallel)).toBe(true);
    await trainMany(parallel, features, [job(1), job(2), job(3)]);
    expect(calls).toEqual([3]);
    expect(log.specs).toEqual([]);
    const ac = new AbortController();
    ac.abort(new Error('stopped'));
    await expect(trainMany(recordingFactory(log), features, [job(1)], { signal: ac.signal })).rejects.toThrow('stopped');
  });
});
