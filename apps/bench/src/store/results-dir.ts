/**
 * Layout of one run's results folder `<output>/<suite>-<timestamp>/`:
 *   run.json        the suite as run (parsed and normalised), its hash, base folder and extra plugins — what
 *                   `--resume` reloads, so a resumed run is the same run
 *   trials.jsonl    append-only log (see jsonl-log.ts)
 *   summary.json    power vs cost (rewritten whole at the end of each session, atomically)
 *   leaderboard.md  + files of the reporters the suite names
 *   .tmp/           trial result hand-over files
 */
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { suiteSchema } from '../suite/suite-schema.ts';

export const runFileSchema = z.object({
  suite: suiteSchema,
  suiteHash: z.string(),
  /** folder relative suite paths resolved against (the suite file's folder) */
  baseDir: z.string(),
  suiteFile: z.string().nullable(),
  /** plugin files given on the command line (absolute) */
  cliPlugins: z.array(z.string()),
  /** estimator ids the run was restricted to (`--estimators`), null = all */
  estimatorFilter: z.array(z.string()).nullable(),
  /** dataset ids the run was restricted to (`--datasets`), null or absent = all */
  datasetFilter: z.array(z.string()).nullable().optional(),
  createdAt: z.string(),
  /** code hash when the run started (code-hash.ts); absent in folders written before it was recorded */
  codeHash: z.string().optional(),
  /** plugin files the run imports (absolute) and their sha256, part of the run's hash (run/plugin-files.ts) */
  pluginFiles: z.array(z.object({ file: z.string(), sha256: z.string() })).optional(),
});
export type RunFile = z.infer<typeof runFileSchema>;

export const resultFiles = (dir: string) => ({
  run: join(dir, 'run.json'),
  trials: join(dir, 'trials.jsonl'),
  summary: join(dir, 'summary.json'),
  leaderboard: join(dir, 'leaderboard.md'),
  tmp: join(dir, '.tmp'),
});

/**
 * `<suite>-YYYYMMDD-HHMMSS` (UTC), with a numeric suffix if that folder exists already. `from` names where
 * the root came from (`--out`, or the suite's `output`) in the message when it cannot be used.
 */
export function newRunDir(output: { root: string; from: string }, suiteName: string, now = new Date()): string {
  const { root: outputRoot, from } = output;
  const p = (n: number) => String(n).padStart(2, '0');
  const stamp = `${now.getUTCFullYear()}${p(now.getUTCMonth() + 1)}${p(now.getUTCDate())}-${p(now.getUTCHours())}${p(now.getUTCMinutes())}${p(now.getUTCSeconds())}`;
  let dir = join(outputRoot, `${suiteName}-${stamp}`);
  for (let k = 2; existsSync(dir); k++) dir = join(outputRoot, `${suiteName}-${stamp}-${k}`);
  try {
    mkdirSync(dir, { recursive: true });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOTDIR' || code === 'EEXIST'
        ? 'it (or a folder on its path) is a file, not a folder'
        : code === 'EACCES' || code === 'EPERM' || code === 'EROFS'
          ? 'no permission to create folders there'
          : code === 'ENAMETOOLONG'
            ? 'the folder name is too long for the file system'
            : (err as Error).message;
    throw new Error(
      `${from} ${outputRoot}: cannot create the results folder ${dir}: ${why}; expected a writable folder (created if missing)`,
    );
  }
  return dir;
}

export function readRunFile(dir: string): RunFile {
  const file = resultFiles(dir).run;
  if (!existsSync(dir) || !statSync(dir).isDirectory())
    throw new Error(`--resume ${dir}: not a folder; expected a results folder written by \`transferbench run\``);
  if (!existsSync(file)) throw new Error(`--resume ${dir}: no run.json there; expected a folder written by \`transferbench run\``);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(
      `--resume ${dir}: run.json is not valid JSON (${(err as Error).message}); expected the file \`transferbench run\` wrote`,
    );
  }
  const parsed = runFileSchema.safeParse(raw);
  if (!parsed.success)
    throw new Error(
      `--resume ${dir}: run.json is not valid: field "${parsed.error.issues[0].path.join('.')}": ${parsed.error.issues[0].message}`,
    );
  return parsed.data;
}

/** Writes a whole file atomically (temp + rename): readers never see half a summary. */
export function writeFileAtomic(file: string, content: string | Uint8Array): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.tmp-${process.pid}`;
  writeFileSync(tmp, content);
  renameSync(tmp, file);
}
