/**
 * Plugin files are code the run imports — in the coordinator and in every trial child. They belong in the
 * run's identity: the run hash is the suite hash joined with the content hash (sha256) of each plugin file
 * (suite `plugins:` first, then `--plugin` files), so a results folder whose run.json was edited to name other
 * code, or whose plugin files changed since it started, no longer matches its own hash, and `--resume`
 * refuses it before importing anything. Runs without plugin files keep the plain suite hash.
 */
import { contentHash } from '@transferbench/core';
import { fileSha256 } from '../code-hash.ts';
import { displayPath } from '../plugins/load-plugin-file.ts';
import { resolveExisting } from '../suite/paths.ts';
import { SuiteError } from '../suite/load-suite.ts';
import { suiteHash, type Suite } from '../suite/suite-schema.ts';

export interface PluginFileId {
  /** absolute path */
  file: string;
  sha256: string;
}

/** The suite's plugin files (resolved like other suite paths) then the command line's, with their hashes; nothing is imported. */
export function pluginFileIds(suite: Suite, baseDir: string, cliPlugins: readonly string[], origin: string): PluginFileId[] {
  const problems: string[] = [];
  const files: string[] = [];
  suite.plugins.forEach((p, i) => {
    const r = resolveExisting(p, baseDir);
    if (!r.path) problems.push(`  plugins[${i}]: "${p}" does not exist (tried ${r.tried.join(', ')})`);
    else files.push(r.path);
  });
  if (problems.length) throw new SuiteError(origin, problems.join('\n'));
  for (const p of cliPlugins) {
    const r = resolveExisting(p, process.cwd());
    if (!r.path) throw new Error(`--plugin ${p}: file not found`);
    files.push(r.path);
  }
  return [...new Set(files)].map((file) => ({ file, sha256: fileSha256(file) }));
}

/** The run's identity: the suite hash (engine resolved), joined with the plugin files' content when there are any. */
export function runHash(suite: Suite, engine: string, plugins: readonly PluginFileId[]): string {
  const base = suiteHash({ ...suite, engine: { ...suite.engine, name: engine } });
  return plugins.length ? contentHash({ suite: base, plugins: plugins.map((p) => p.sha256) }) : base;
}

/** One line per file, for the log: what this run is about to import. */
export function describePluginFiles(plugins: readonly PluginFileId[]): string {
  return `loading ${plugins.length} plugin file(s) (code that runs here and in every trial):\n${plugins
    .map((p) => `  ${displayPath(p.file)} sha256 ${p.sha256.slice(0, 16)}`)
    .join('\n')}`;
}
