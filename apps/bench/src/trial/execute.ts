/**
 * Executes one trial job in the current process: load plugins, dataset and split, build the estimator's
 * context, call it, validate the estimate, measure it. The trial child process and `transferbench
 * estimate` both run this, so a CLI estimate and a benchmark trial follow one code path.
 * Failures are returned as data (status `failed`, reason `error` or `invalid-output`), not thrown.
 */
import {
  CostMeter,
  InvalidOptionsError,
  Rng,
  preloadEstimatorStatistics,
  validateEstimate,
  type EstimatorContext,
  type ModelFactory,
  type MultiTaskDataset,
  type TransferEstimate,
  type TrialJob,
  type TrialOutcome,
} from '@transferbench/core';
import type { PluginHost } from '../plugins/host.ts';
import { parseStrict } from '../plugins/unknown-options.ts';
import { plantedTruth } from './planted-truth.ts';
import { loadTrialData, preparedTrialData } from './trial-data.ts';

export interface ExecuteOptions {
  signal?: AbortSignal;
  log?(message: string): void;
  progress?(done: number, total: number, message?: string): void;
  /** a folder where the run session's trials share their prepared dataset and split (trial-data.ts); default: each trial loads its own */
  preparedDataDir?: string;
  /** log the stack of an unexpected error (default true: a trial's stderr tail keeps it; the CLI's `estimate` prints messages only) */
  stackTraces?: boolean;
}

class InvalidOutput extends Error {}

/** A factory for engine `none`: estimators that train no models run without loading an engine. */
const noEngine: ModelFactory = {
  engine: 'none',
  backend: 'none',
  create() {
    throw new Error(
      'this trial runs with engine "none" but the estimator tried to build a model; choose an engine in the suite (engine: { name: fast })',
    );
  },
};

export async function executeTrial(job: TrialJob, host: PluginHost, opts: ExecuteOptions = {}): Promise<TrialOutcome> {
  const log = opts.log ?? ((m: string) => process.stderr.write(`${m}\n`));
  const signal = opts.signal ?? new AbortController().signal;
  let wallMs: number | null = null;
  let cpuMs: number | null = null;
  let setupMs: number | null = null;
  let engine: TrialOutcome['engine'] = null;
  const measures = () => ({
    wallMs,
    cpuMs,
    setupMs,
    processCpuMs: cpuTotalMs(process.cpuUsage()),
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  });
  try {
    for (const file of job.plugins) await host.addPluginFile(file);
    const { dataset, split } = opts.preparedDataDir
      ? await preparedTrialData(job, host, log, opts.preparedDataDir)
      : await loadTrialData(job, host, log);
    let estimate: TransferEstimate;
    if (job.kind === 'truth' && job.truthSource === 'planted') {
      setupMs = performance.now();
      estimate = plantedTruth(dataset);
      wallMs = 0;
      cpuMs = 0;
    } else {
      if (!job.estimator) throw new Error(`trial ${job.id}: kind ${job.kind} needs an estimator`);
      const plugin = host.registries.estimators.get(job.estimator.plugin);
      const options = parseStrict(`estimator "${job.estimator.plugin}"`, plugin.options, job.estimator.options);
      let models = noEngine;
      if (job.engine.name !== 'none') {
        const engines = await host.engines();
        models = await engines.get(job.engine.name).descriptor.load({ backend: job.engine.backend });
        engine = { name: models.engine, backend: models.backend };
      }
      const cost = new CostMeter();
      const ctx: EstimatorContext = {
        dataset,
        split,
        models,
        modelDefaults: job.model as EstimatorContext['modelDefaults'],
        seed: job.seed,
        rng: new Rng(job.seed),
        cost,
        signal,
        progress: opts.progress ?? (() => {}),
        log,
        cacheDir: job.cacheDir,
      };
      // core loads its statistics libraries on first use: load them now, so the estimator's CPU time is its own
      preloadEstimatorStatistics();
      setupMs = performance.now();
      const cpu0 = process.cpuUsage();
      const raw = await plugin.estimate(ctx, options);
      cpuMs = cpuTotalMs(process.cpuUsage(cpu0));
      wallMs = performance.now() - setupMs;
      estimate = checkEstimate(raw, dataset, `estimator "${plugin.meta.name}"`);
      if (!engine && estimate.engine) engine = estimate.engine;
    }
    // a truth trial records which tasks are label-permuted controls: the constructed nulls of the scoring
    const datasetInfo =
      job.kind === 'truth'
        ? {
            tasks: dataset.tasks.map((t) => t.id),
            controls: [...(dataset.meta.planted?.controls ?? []), ...(dataset.meta.controls ?? [])].map((c) => dataset.tasks[c].id),
          }
        : undefined;
    return { status: 'ok', estimate, ...(datasetInfo ? { datasetInfo } : {}), measures: measures(), engine };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (
      opts.stackTraces !== false &&
      err instanceof Error &&
      err.stack &&
      !(err instanceof InvalidOutput) &&
      !(err instanceof InvalidOptionsError)
    )
      log(err.stack);
    return {
      status: 'failed',
      failure: { reason: err instanceof InvalidOutput ? 'invalid-output' : 'error', message },
      measures: measures(),
      engine,
    };
  }
}

function cpuTotalMs(u: NodeJS.CpuUsage): number {
  return (u.user + u.system) / 1000;
}

/** Schema and shape of the estimate, and its tasks must be the dataset's tasks. */
function checkEstimate(raw: unknown, ds: MultiTaskDataset, origin: string): TransferEstimate {
  let est: TransferEstimate;
  try {
    est = validateEstimate(raw, origin);
  } catch (err) {
    throw new InvalidOutput(err instanceof Error ? err.message : String(err));
  }
  const want = new Set(ds.tasks.map((t) => t.id));
  const unknown = est.tasks.filter((t) => !want.has(t));
  if (unknown.length || est.tasks.length !== want.size) {
    throw new InvalidOutput(
      `${origin}: estimate tasks must be the dataset's ${want.size} task ids; got ${est.tasks.length}${unknown.length ? ` (unknown: ${unknown.slice(0, 5).join(', ')})` : ''}`,
    );
  }
  return est;
}
