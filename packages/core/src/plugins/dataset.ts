/** Dataset plugin contract: options schema + loader returning a validated MultiTaskDataset. */
import { z } from 'zod';
import type { MultiTaskDataset } from '../contracts/dataset.ts';
import { checkMeta, pluginMetaSchema, type PluginMeta } from './meta.ts';

export interface DatasetLoadContext {
  /** directory for caches (fingerprints, …) */
  cacheDir?: string;
  log(message: string): void;
}

export interface DatasetPlugin<S extends z.ZodType = z.ZodType> {
  meta: PluginMeta;
  options: S;
  load(options: z.infer<S>, ctx: DatasetLoadContext): Promise<MultiTaskDataset>;
}

export function defineDataset<S extends z.ZodType>(plugin: DatasetPlugin<S>): DatasetPlugin<S> {
  checkMeta('dataset', pluginMetaSchema, plugin.meta);
  if (typeof plugin.load !== 'function') throw new Error(`dataset "${plugin.meta.name}": load must be a function`);
  return plugin;
}
