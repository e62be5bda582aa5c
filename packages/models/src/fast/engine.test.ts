/** The fast engine's worker count: the option, else TRANSFERBENCH_WORKERS (how tests cap it), else one per core. */
import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { defaultWorkers, loadFastFactory } from './engine.ts';

describe('fast engine worker count', () => {
  it('reads TRANSFERBENCH_WORKERS, else takes one worker per core', () => {
    expect(defaultWorkers({ TRANSFERBENCH_WORKERS: '3' })).toBe(3);
    expect(defaultWorkers({ TRANSFERBENCH_WORKERS: '1' })).toBe(1);
    expect(defaultWorkers({})).toBe(availableParallelism());
    expect(defaultWorkers({ TRANSFERBENCH_WORKERS: '' })).toBe(availableParallelism());
  });

  it('rejects a value that is not a whole number ≥ 1, naming the variable', () => {
    for (const bad of ['0', '-2', '1.5', 'two'])
      expect(() => defaultWorkers({ TRANSFERBENCH_WORKERS: bad })).toThrow(
        `TRANSFERBENCH_WORKERS="${bad}": expected a whole number of worker threads ≥ 1`,
      );
  });

  it('reads process.env by default (vitest.shared.ts sets the variable for every test process)', () => {
    expect(process.env.TRANSFERBENCH_WORKERS).toMatch(/^[1-9]\d*$/);
    expect(defaultWorkers()).toBe(Number(process.env.TRANSFERBENCH_WORKERS));
  });

  it('rejects a bad workers option', async () => {
    await expect(loadFastFactory({ workers: 0 })).rejects.toThrow('fast engine: workers must be a whole number ≥ 1, got 0');
  });
});
