/**
 * Validates a parsed suite against the plugins it names, before any trial runs: every dataset,
 * estimator, truth estimator and reporter exists; every options object parses with its plugin's own
 * schema (each estimator once per budget level, with the budget merged in); split options parse; dataset
 * files exist; the engine exists. All problems are reported at once, each with its path in the suite
 * (e.g. `estimators[1].budgets[0] "low": options.epochs: expected number, received string`).
 */
import { budgetOptions, datasetId, formatPath, type Suite } from '@transferbench/core';
import type { z } from 'zod';
import type { PluginHost } from '../plugins/host.ts';
import { resolvePathOptions } from './paths.ts';
import { SuiteError } from './load-suite.ts';

export interface CheckedSuite {
  /** dataset id → options with paths made absolute */
  datasetOptions: Map<string, Record<string, unknown>>;
  /** concrete engine name (`auto` resolved) */
  engine: string;
}

export async function checkSuite(suite: Suite, host: PluginHost, baseDir: string, origin: string): Promise<CheckedSuite> {
  const problems: string[] = [];
  const { datasets, estimators, reporters } = host.registries;
  const parse = (where: string, schema: z.ZodType | undefined, value: unknown) => {
    if (!schema) return;
    const r = schema.safeParse(value ?? {});
    if (!r.success) for (const i of r.error.issues) problems.push(`${where}.${formatPath(i.path) || ''}: ${i.message}`.replace(/\.:/, ':'));
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

  if (suite.truth.source === 'oracle') {
    const t = suite.truth;
    if (!estimators.has(t.estimator))
      unknown(
        'truth.estimator',
        safe(() => estimators.get(t.estimator)),
      );
    else parse('truth.options', estimators.get(t.estimator).options, t.options);
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
  return { datasetOptions, engine };
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
