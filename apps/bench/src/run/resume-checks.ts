/**
 * What `--resume` checks before it loads any code or appends anything: that run.json still describes the
 * run it started (its suite and plugin files hash to the run's own hash), and that trials.jsonl holds only
 * this run's records (no line of another suite, no line that is JSON but not a record — `report` refuses
 * those too, so the two agree).
 */
import { displayPath } from '../plugins/load-plugin-file.ts';
import type { RunFile } from '../store/results-dir.ts';
import type { ResultLog } from '../store/jsonl-log.ts';
import { runHash, type PluginFileId } from './plugin-files.ts';

export class ResumeRefused extends Error {
  override readonly name = 'ResumeRefused';
}

const short = (h: string) => `${h.slice(0, 12)}…`;

export function checkRunIdentity(dir: string, run: RunFile, engine: string, plugins: readonly PluginFileId[]): void {
  const problems: string[] = [];
  if (run.pluginFiles) {
    for (const was of run.pluginFiles) {
      const now = plugins.find((p) => p.file === was.file);
      if (now && now.sha256 !== was.sha256)
        problems.push(
          `plugin file ${displayPath(was.file)} changed since the run started (sha256 ${short(was.sha256)} then, ${short(now.sha256)} now)`,
        );
    }
    for (const p of plugins)
      if (!run.pluginFiles.some((w) => w.file === p.file))
        problems.push(`run.json names plugin file ${displayPath(p.file)}, which the run did not start with`);
  }
  const hash = runHash(run.suite, engine, plugins);
  if (hash !== run.suiteHash && !problems.length)
    problems.push(
      `its suite${plugins.length ? ` and plugin files (${plugins.map((p) => displayPath(p.file)).join(', ')})` : ''} hash to ${hash}, but the run started as ${run.suiteHash}`,
    );
  if (problems.length)
    throw new ResumeRefused(
      `--resume ${dir}: run.json no longer describes the run that wrote this folder — ${problems.join('; ')}. ` +
        'Nothing was loaded. Start a new run (transferbench run <suite>) instead.',
    );
}

export function checkResumeLog(dir: string, hash: string, log: ResultLog): void {
  const file = `${dir}/trials.jsonl`;
  if (log.invalidLines.length) {
    const { line, problem } = log.invalidLines[0];
    throw new ResumeRefused(
      `${file} line ${line}: ${problem}${log.invalidLines.length > 1 ? ` (and ${log.invalidLines.length - 1} more line(s))` : ''}. ` +
        '`report` refuses this folder too; remove or repair the line (a removed trial line is simply run again).',
    );
  }
  const foreignSessions = log.sessions.filter((s) => s.suite.hash !== hash);
  const foreignTrials = log.history.filter((t) => t.suiteHash !== hash);
  if (foreignSessions.length || foreignTrials.length) {
    const names = new Map(foreignSessions.map((s) => [s.suite.hash, s.suite.name]));
    const other = [...new Set([...foreignSessions.map((s) => s.suite.hash), ...foreignTrials.map((t) => t.suiteHash)])].map((h) =>
      names.has(h) ? `"${names.get(h)}" (${h})` : h,
    );
    throw new ResumeRefused(
      `${file}: holds ${foreignSessions.length} session(s) and ${foreignTrials.length} trial line(s) of another suite (${other.join(', ')}), ` +
        `not of this run (${hash}); one results folder holds one run. Start a new run instead.`,
    );
  }
}
