/** Reporter plugin contract: render a results bundle into files (path relative to the output dir). */
import { z } from 'zod';
import { checkMeta, pluginMetaSchema, type PluginMeta } from './meta.ts';

export interface RenderedFile {
  path: string;
  content: string | Uint8Array;
}

export interface ReporterPlugin<Input = unknown, S extends z.ZodType = z.ZodType> {
  meta: PluginMeta;
  options?: S;
  render(input: Input, options: z.infer<S>): RenderedFile[] | Promise<RenderedFile[]>;
}

export function defineReporter<Input, S extends z.ZodType = z.ZodType>(plugin: ReporterPlugin<Input, S>): ReporterPlugin<Input, S> {
  checkMeta('reporter', pluginMetaSchema, plugin.meta);
  if (typeof plugin.render !== 'function') throw new Error(`reporter "${plugin.meta.name}": render must be a function`);
  return plugin;
}
