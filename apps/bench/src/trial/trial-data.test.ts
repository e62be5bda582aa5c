/**
 * Prepared trial data (trial-data.ts): the first trial of a session writes the dataset and split, the next
 * ones read that file instead of loading again; an unreadable file is rebuilt; anything that changes the data
 * changes the key.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { serialize } from 'node:v8';
import { makeTrialJob, type TrialJob } from '@transferbench/core';
import { createBenchHost } from '../plugins/bench-host.ts';
import { TEST_PLUGINS, tempDir } from '../testing/suite-files.ts';
import { loadTrialData, preparedDataKey, preparedTrialData } from './trial-data.ts';

const job = (options: Record<string, unknown>, split: Record<string, unknown> = {}): TrialJob =>
  makeTrialJob({
    kind: 'truth',
    truthSource: 'planted',
    estimator: null,
    suiteHash: 'prepared-test',
    dataset: { id: 'tiny', plugin: 'tiny-planted', options, split },
    seed: 0,
    model: {},
    engine: { name: 'none' },
    plugins: [TEST_PLUGINS],
    limits: { timeoutMs: 60_000, memoryMb: 512 },
  });

describe('prepared trial data', () => {
  it('is written once, then read from the session folder; an unreadable file is rebuilt', async () => {
    const host = await createBenchHost({ reporters: false });
    await host.addPluginFile(TEST_PLUGINS);
    const dir = tempDir();
    const j = job({ compounds: 40 });
    const log = () => {};
    const fresh = await loadTrialData(j, host, log);

    const first = await preparedTrialData(j, host, log, dir);
    expect(first).toEqual(fresh);
    const [file] = readdirSync(dir);
    expect(file).toBe(`${preparedDataKey(j)}.v8`);
    // a later trial takes what the file holds (here: altered on purpose), without loading again
    const altered = { dataset: { ...fresh.dataset, name: 'from the file' }, split: fresh.split };
    writeFileSync(join(dir, file), serialize(altered));
    expect((await preparedTrialData(j, host, log, dir)).dataset.name).toBe('from the file');
    // a torn or foreign file is loaded again and replaced
    writeFileSync(join(dir, file), 'not a serialized value');
    expect(await preparedTrialData(j, host, log, dir)).toEqual(fresh);
    expect((await preparedTrialData(j, host, log, dir)).dataset.name).toBe(fresh.dataset.name);
  });

  it('keys on the dataset options, the split and the plugin files', () => {
    const base = preparedDataKey(job({ compounds: 40 }));
    expect(preparedDataKey(job({ compounds: 40 }))).toBe(base);
    expect(preparedDataKey(job({ compounds: 41 }))).not.toBe(base);
    expect(preparedDataKey(job({ compounds: 40 }, { kind: 'random', seed: 1 }))).not.toBe(base);
    expect(preparedDataKey({ ...job({ compounds: 40 }), plugins: [] })).not.toBe(base);
  });
});
