/**
 * Validates a parsed suite against the plugins it names, before any trial runs: every dataset,
 * estimator, truth estimator and reporter exists; every options object parses with its plugin's own
 * schema (each estimator once per budget level, with the budget merged in); split options parse; dataset
 * files exist; the engine exists; the truth estimator is an oracle; no options object has keys its plugin
 * does not know. All problems are reported at once, each with its path in the suite
 * (e.g. `estimators[1].budgets[0] "low": options.epochs: expected number, received string`).
 *
 * Then, when all that holds, the data pre-flight: every dataset is loaded, validated and split ONCE, here,
 * and each estimator's optional `check(input, options)` runs on it for every budget level (and the truth
 * estimator's, with the truth options): bad data contents or an option the data cannot meet stop the run
 * before any trial starts and before any results folder exists, instead of failing every trial. Entries
 * with the same plugin and resolved options (the folds of `folds: each`) share one load; each still gets
 * its own split and checks. A run of a part of the suite (`datasets`) pre-flights only that part: the rest is checked
 * statically (its options and files), not loaded.
 */
import { resolve } from 'node:path';
import { canonicalJson, validateDataset, type MultiTaskDataset, type Split, type TransferEstimator } from '@transferbench/core';
import { z } from 'zod';
import type { PluginHost } from '../plugins/host.ts';
import { unknownOptionKeys, unknownOptionsText } from '../plugins/unknown-options.ts';
import { resolvePathOptions } from './paths.ts';
import { SuiteError } from './load-suite.ts';
import { budgetOptions, datasetId, namedIn, runsOn, truthScopes, type Suite } from './suite-schema.ts';

export interface CheckedSuite {
  /** dataset id → options with paths made absolute */
  datasetOptions: Map<string, Record<string, unknown>>;
  /** concrete engine name (`auto` resolved) */
  engine: string;
}

export interface CheckOptions {
  /** load every dataset and run the estimators' checks on it (default true) */
  data?: boolean;
  /** load only these dataset ids (or `folds: each` group ids), as `run --datasets` runs them; default all */
  datasets?: readonly string[] | null;
  /** the datasets' cache folder (fingerprints); default ./.cache/transferbench, as trials use */
  cacheDir?: string;
  log?(message: string): void;
}

export async function checkSuite(
  suite: Suite,
  host: PluginHost,
  baseDir: string,
  origin: string,
  opts: CheckOptions = {},
): Promise<CheckedSuite> {
  const problems: string[] = [];
  const { datasets, estimators, reporters } = host.registries;
  const parse = (where: string, schema: z.ZodType | undefined, value: unknown) => {
    if (!schema) return;
    const r = schema.safeParse(value ?? {});
    if (!r.success) for (const i of r.error.issues) problems.push(`${where}.${z.core.toDotPath(i.path)}: ${i.message}`.replace(/\.:/, ':'));
    const extra = unknownOptionKeys(schema, value);
    if (extra.length) problems.push(`${where}: ${unknownOptionsText(schema, extra)}`);
  };
  const unknown = (where: string, err: unknown) => problems.push(`${where}: ${err instanceof Error ? err.message : String(err)}`);

  const datasetOptions = new Map<string, Record<string, unknown>>();
  suite.datasets.forEach((d, i) => {
    const where = `datasets[${i}]`;
    if (!datasets.has(d.plugin))
      return unknown(
        `${where}.plugin`,
        safe(() => datasets.get(d.plugin)),
      );
    parse(`${where}.options`, datasets.get(d.plugin).options, d.options);
    const paths = resolvePathOptions(d.options, baseDir);
    for (const p of paths.problems) problems.push(`${where}.options.${p.key}: "${p.value}" does not exist (tried ${p.tried.join(', ')})`);
    datasetOptions.set(datasetId(d), paths.resolved);
    const split = host.splitApi();
    if (split?.schema) parse(`${where}.split`, split.schema, d.split);
  });

  suite.estimators.forEach((e, i) => {
    const where = `estimators[${i}]`;
    if (!estimators.has(e.plugin))
      return unknown(
        `${where}.plugin`,
        safe(() => estimators.get(e.plugin)),
      );
    const plugin = estimators.get(e.plugin);
    e.budgets.forEach((b, k) => parse(`${where}.budgets[${k}] "${b.name}": options`, plugin.options, budgetOptions(e, b)));
  });

  for (const scope of truthScopes) {
    const t = suite.truth[scope];
    if (t?.source !== 'oracle') continue;
    const where = `truth.${scope}`;
    if (!estimators.has(t.estimator))
      unknown(
        `${where}.estimator`,
        safe(() => estimators.get(t.estimator)),
      );
    else if (estimators.get(t.estimator).meta.kind !== 'oracle')
      problems.push(
        `${where}.estimator: "${t.estimator}" is a ${estimators.get(t.estimator).meta.kind} estimator, not an oracle; the truth must come from an estimator of kind "oracle" (available: ${
          estimators
            .list()
            .filter((e) => e.plugin.meta.kind === 'oracle')
            .map((e) => e.plugin.meta.name)
            .join(', ') || 'none'
        })${scope === 'pairwise' ? ' or from the planted structure (source: planted)' : ''}`,
      );
    else parse(`${where}.options`, estimators.get(t.estimator).options, t.options);
  }

  suite.reporters.forEach((r, i) => {
    const name = typeof r === 'string' ? r : r.name;
    if (!reporters.has(name))
      return unknown(
        `reporters[${i}]`,
        safe(() => reporters.get(name)),
      );
    parse(`reporters[${i}].options`, reporters.get(name).options, typeof r === 'string' ? {} : r.options);
  });

  let engine = suite.engine.name;
  try {
    engine = await host.resolveEngineName(suite.engine.name);
  } catch (err) {
    unknown('engine.name', err);
  }

  if (problems.length) throw new SuiteError(origin, problems.map((p) => `  ${p}`).join('\n'));
  if (opts.data !== false) await preflightData(suite, host, datasetOptions, opts, problems);
  if (problems.length) throw new SuiteError(origin, problems.map((p) => `  ${p}`).join('\n'));
  return { datasetOptions, engine };
}

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err)).replace(/\n/g, '\n    ');

/** Loads and validates each distinct dataset once, splits it per entry, and runs every estimator's `check` on each (see the header). */
async function preflightData(
  suite: Suite,
  host: PluginHost,
  datasetOptions: Map<string, Record<string, unknown>>,
  opts: CheckOptions,
  problems: string[],
): Promise<void> {
  const { datasets, estimators } = host.registries;
  const cacheDir = opts.cacheDir ?? resolve('.cache', 'transferbench');
  const log = opts.log ?? (() => {});
  const selected = opts.datasets ? suite.datasets.filter((d) => namedIn(opts.datasets!, d)) : suite.datasets;
  const keys = selected.map((d) => loadKey(d.plugin, datasetOptions.get(datasetId(d)) ?? d.options));
  // a shared load (or its failure) is held until its last entry, then dropped: a big dataset is not kept for the rest
  const loads = new Map<string, Promise<MultiTaskDataset>>();
  for (const [i, d] of selected.entries()) {
    const where = `datasets[${suite.datasets.indexOf(d)}] "${datasetId(d)}"`;
    const key = keys[i];
    let input: { dataset: MultiTaskDataset; split: Split };
    try {
      const plugin = datasets.get(d.plugin);
      const options = plugin.options.parse(datasetOptions.get(datasetId(d)) ?? d.options);
      let load = key === undefined ? undefined : loads.get(key);
      if (!load) {
        load = (async () => validateDataset(await plugin.load(options, { cacheDir, log })))();
        if (key !== undefined) loads.set(key, load);
      }
      const dataset = await load;
      const api = host.splitApi();
      if (!api) throw new Error('no split implementation: @transferbench/datasets (makeSplit) is not available');
      input = { dataset, split: api.makeSplit(dataset, d.split) as Split };
    } catch (err) {
      problems.push(`${where}: the data cannot be used: ${messageOf(err)}`);
      continue;
    } finally {
      if (key !== undefined && !keys.includes(key, i + 1)) loads.delete(key);
    }
    const check = (label: string, plugin: TransferEstimator, raw: Record<string, unknown>) => {
      if (!plugin.check) return;
      try {
        plugin.check(input, plugin.options.parse(raw));
      } catch (err) {
        problems.push(`${label} on ${where}: ${messageOf(err)}`);
      }
    };
    suite.estimators.forEach((e, k) => {
      if (!runsOn(e, d)) return;
      const plugin = estimators.get(e.plugin);
      e.budgets.forEach((b, n) => check(`estimators[${k}].budgets[${n}] "${b.name}": options`, plugin, budgetOptions(e, b)));
    });
    for (const scope of truthScopes) {
      const t = suite.truth[scope];
      if (t?.source === 'oracle') check(`truth.${scope}.options`, estimators.get(t.estimator), t.options);
    }
  }
}

/** What entries sharing one load have in common; undefined (load alone) for options canonical JSON cannot hold. */
function loadKey(plugin: string, options: Record<string, unknown>): string | undefined {
  try {
    return `${plugin}\n${canonicalJson(options)}`;
  } catch {
    return undefined;
  }
}

/** The registry's "unknown X; available: …" message as a value. */
function safe(f: () => unknown): Error {
  try {
    f();
    return new Error('unexpected');
  } catch (err) {
    return err as Error;
  }
}
