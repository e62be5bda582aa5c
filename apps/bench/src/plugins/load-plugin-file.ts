/**
 * Loads a user plugin module (`--plugin ./my.mjs`, or a suite's `plugins:` list). The module's default
 * export (a plugin or an array of plugins) and its named exports that look like plugins are collected
 * and validated; exports that are not plugins (helpers, constants) are ignored. TypeScript files load
 * too, because the CLI and its trial children run under tsx.
 */
import { existsSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { pluginKindOf, validatePlugin, type ClassifiedPlugin } from './validate-plugin.ts';

export interface LoadedPluginFile {
  file: string;
  /** how the file is named in messages and registry origins (relative to cwd when inside it) */
  origin: string;
  plugins: ClassifiedPlugin[];
}

export function displayPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? `./${rel}` : file;
}

export async function loadPluginFile(path: string): Promise<LoadedPluginFile> {
  const file = resolve(path);
  const origin = displayPath(file);
  if (!existsSync(file)) throw new Error(`plugin ${origin}: file not found`);
  let mod: Record<string, unknown>;
  try {
    mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  } catch (err) {
    throw new Error(`plugin ${origin}: failed to load: ${err instanceof Error ? err.message : String(err)}`);
  }
  const seen = new Set<unknown>();
  const plugins: ClassifiedPlugin[] = [];
  const take = (value: unknown, where: string, strict: boolean) => {
    if (seen.has(value)) return;
    seen.add(value);
    if (!strict && !pluginKindOf(value)) return;
    plugins.push(validatePlugin(value, where));
  };
  const exported = mod.default;
  if (Array.isArray(exported)) exported.forEach((p, i) => take(p, `plugin ${origin}, default export [${i}]`, true));
  else if (exported !== undefined)
    take(exported, `plugin ${origin}, default export`, pluginKindOf(exported) !== undefined || typeof exported === 'object');
  for (const [name, value] of Object.entries(mod)) {
    if (name === 'default') continue;
    if (Array.isArray(value)) value.forEach((p, i) => take(p, `plugin ${origin}, export "${name}"[${i}]`, false));
    else take(value, `plugin ${origin}, export "${name}"`, false);
  }
  if (plugins.length === 0)
    throw new Error(
      `plugin ${origin}: exports no estimators, datasets or reporters (expected a default export or named exports made with defineEstimator/defineDataset/defineReporter)`,
    );
  return { file, origin, plugins };
}
