import { describe, expect, it } from 'vitest';
import { trainMany, type LabelledRows, type TrainJob, type TrainJobResult } from '@transferbench/core';
import { loadFastFactory } from './engine.ts';
import { syntheticFingerprints } from './synthetic.ts';

const N = 240,
  D = 64,
  K = 3,
  H = 8;
const data = syntheticFingerprints(N, D, K, 0.1, 5);
const slice = (s: number, e: number): LabelledRows => ({
  rows: Int32Array.from({ length: e - s }, (_, i) => s + i),
  labels: data.labels.subarray(s * K, e * K), // a view: the pool must send only its own bytes
});

/** Six different trainings: seeds, subsets, with and without validation and predictions. */
const jobs: TrainJob[] = Array.from({ length: 6 }, (_, i) => ({
  spec: { inputDim: D, numTasks: K, hidden: H, batchSize: 16, dropout: 0.2, seed: 100 + i },
  train: slice(0, 120 + 10 * i),
  val: i % 3 === 2 ? undefined : slice(180, 210),
  rng: { seed: 7 + i, label: `job-${i}` },
  maxEpochs: 3 + (i % 2),
  patience: 1,
  predict: i === 4 ? undefined : slice(210, 240).rows,
}));

const strip = (r: TrainJobResult[]) => r.map(({ report, predictions }) => ({ report, predictions }));

describe('fast engine trainMany on worker threads', () => {
  const factories = Promise.all([1, 2, 3].map((workers) => loadFastFactory({ workers })));

  it('gives the same results as a sequential run, in job order, whatever the number of workers', async () => {
    const [one, two, three] = await factories;
    const sequential = await trainMany(one, data.features, jobs);
    expect(sequential).toHaveLength(jobs.length);
    expect(sequential[0].report.epochs).toBeGreaterThan(0);
    expect(sequential[4].predictions).toBeNull();
    expect(sequential[0].predictions).toHaveLength(30 * K);
    // jobs differ, so their results do
    expect(Array.from(sequential[0].predictions!)).not.toEqual(Array.from(sequential[1].predictions!));
    const parallel2 = await trainMany(two, data.features, jobs);
    const parallel3 = await three.trainMany(data.features, jobs);
    expect(strip(parallel2)).toEqual(strip(sequential));
    expect(strip(parallel3)).toEqual(strip(sequential));
    // a second run on the same (warm) pool, in another order, still matches job by job
    const reversed = [...jobs].reverse();
    const again = await two.trainMany(data.features, reversed);
    expect(strip(again)).toEqual(strip(sequential).reverse());
  });

  it('reports progress once per job and surfaces a failing job by index', async () => {
    const [, two] = await factories;
    const seen: number[] = [];
    await two.trainMany(data.features, jobs.slice(0, 3), {
      onJobDone: (i, done, total) => {
        seen.push(i);
        expect(total).toBe(3);
        expect(done).toBe(seen.length);
      },
    });
    expect([...seen].sort()).toEqual([0, 1, 2]);
    const bad = [jobs[0], { ...jobs[1], spec: { ...jobs[1].spec, inputDim: D + 1 } }];
    await expect(two.trainMany(data.features, bad)).rejects.toThrow(/training job 1 failed in a worker: .*inputDim/);
    // the pool recovers with fresh workers
    const ok = await two.trainMany(data.features, jobs.slice(0, 2));
    expect(strip(ok)).toEqual(strip(await trainMany((await factories)[0], data.features, jobs.slice(0, 2))));
  });

  it('stops on abort', async () => {
    const [, two] = await factories;
    const ac = new AbortController();
    const run = two.trainMany(data.features, jobs, { signal: ac.signal });
    ac.abort(new Error('stop now'));
    await expect(run).rejects.toThrow(/stop now/);
  });
});
