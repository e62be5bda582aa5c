/**
 * Shape checks for plugins that come from outside (user files): meta, options schema and the entry
 * function, with messages that name the file and the export. Builtins pass through the same checks.
 */
import { z } from 'zod';
import { pluginMetaSchema } from '@transferbench/core';
import type { AnyDataset, AnyEstimator, AnyReporter } from './kinds.ts';

export type PluginKind = 'estimator' | 'dataset' | 'reporter';

export type ClassifiedPlugin =
  { kind: 'estimator'; plugin: AnyEstimator } | { kind: 'dataset'; plugin: AnyDataset } | { kind: 'reporter'; plugin: AnyReporter };

const estimatorMeta = pluginMetaSchema.extend({ kind: z.enum(['statistical', 'computational', 'oracle']) });

const isZodSchema = (v: unknown): boolean => typeof (v as { safeParse?: unknown })?.safeParse === 'function';

/** Which kind an exported value claims to be; undefined for values that are not plugins (helpers, constants). */
export function pluginKindOf(value: unknown): PluginKind | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  if ('estimate' in v) return 'estimator';
  if ('load' in v && 'meta' in v) return 'dataset';
  if ('render' in v && 'meta' in v) return 'reporter';
  return undefined;
}

/** Validates a plugin object; `where` names its origin in messages (e.g. `plugin ./x.mjs, export "foo"`). */
export function validatePlugin(value: unknown, where: string): ClassifiedPlugin {
  const kind = pluginKindOf(value);
  const v = value as Record<string, unknown>;
  if (!kind) throw new Error(`${where}: not a plugin; expected an object made with defineEstimator, defineDataset or defineReporter`);
  const problems: string[] = [];
  const meta = (kind === 'estimator' ? estimatorMeta : pluginMetaSchema).safeParse(v.meta);
  if (!meta.success) for (const i of meta.error.issues) problems.push(`meta.${i.path.join('.') || ''}: ${i.message}`.replace(/\.:/, ':'));
  const fn = kind === 'estimator' ? 'estimate' : kind === 'dataset' ? 'load' : 'render';
  if (typeof v[fn] !== 'function') problems.push(`${fn}: expected a function, got ${typeof v[fn]}`);
  if (kind !== 'reporter' || v.options !== undefined) {
    if (!isZodSchema(v.options))
      problems.push(`options: expected a zod schema (e.g. z.object({...})), got ${v.options === undefined ? 'nothing' : typeof v.options}`);
  }
  if (problems.length) {
    const name = typeof (v.meta as { name?: unknown })?.name === 'string' ? ` "${(v.meta as { name: string }).name}"` : '';
    throw new Error(`${where}: invalid ${kind}${name}:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  }
  return { kind, plugin: value } as ClassifiedPlugin;
}
