/**
 * A trial's dataset and split: loaded by the dataset plugin and split by the datasets package's `makeSplit`,
 * or prepared once per run session and shared by its trials: the first trial
 * that needs them loads them (generation, featurization, validation, splitting) and writes them with
 * `v8.serialize` into the session's folder; later trials read that file, about ten times faster. The key is
 * everything that determines them: the dataset plugin, its options, the split, and the plugin files.
 * Written atomically (temporary file + rename), so a concurrent trial never reads half a file; a file that
 * cannot be read is rebuilt. The folder is the run session's temporary folder (a queue worker's: the worker's),
 * removed when it ends, so a data file changed between runs is read again; one changed during a run is not.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { validateDataset, type MultiTaskDataset, type Split, type TrialJob } from '@transferbench/core';
import type { PluginHost } from '../plugins/host.ts';
import { parseStrict } from '../plugins/unknown-options.ts';

type TrialData = { dataset: MultiTaskDataset; split: Split };

export async function loadTrialData(
  job: TrialJob,
  host: PluginHost,
  log: (m: string) => void,
): Promise<{ dataset: MultiTaskDataset; split: Split }> {
  const plugin = host.registries.datasets.get(job.dataset.plugin);
  const options = parseStrict(`dataset "${job.dataset.plugin}"`, plugin.options, job.dataset.resolvedOptions ?? job.dataset.options);
  const dataset = validateDataset(await plugin.load(options, { cacheDir: job.cacheDir, log }));
  const api = host.splitApi();
  if (!api) throw new Error('no split implementation: @transferbench/datasets (makeSplit) is not available');
  const split = api.makeSplit(dataset, job.dataset.split) as Split;
  return { dataset, split };
}

export function preparedDataKey(job: TrialJob): string {
  const { plugin, options, resolvedOptions, split } = job.dataset;
  return createHash('sha256')
    .update(JSON.stringify({ plugin, options: resolvedOptions ?? options, split, plugins: job.plugins }))
    .digest('hex')
    .slice(0, 32);
}

export async function preparedTrialData(job: TrialJob, host: PluginHost, log: (m: string) => void, dir: string): Promise<TrialData> {
  const file = join(dir, `${preparedDataKey(job)}.v8`);
  try {
    return deserialize(readFileSync(file)) as TrialData;
  } catch {
    // not prepared yet (or unreadable): prepare it
  }
  const data = await loadTrialData(job, host, log);
  const tmp = `${file}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(tmp, serialize(data));
    renameSync(tmp, file);
  } catch {
    // a folder that cannot be written costs the next trials time, never correctness
    rmSync(tmp, { force: true });
  }
  return data;
}
