/**
 * `transferbench report <results-dir...> --out <dir> [--format md,html,json,csv] [--force] [--json-details]`
 * Loads one or more results folders (validated: errors name the file, line and field), merges them into one
 * bundle (report/merge-runs.ts: trials unioned by id, summary recomputed with the bench's summarize;
 * different suite hashes or schema versions are refused unless --force), and renders each format through
 * the reporter registered for it (package builtins, like the reporters a suite names). Files stay inside
 * --out. Exit code 1 on any error, with the message on stderr.
 */
import type { Command } from 'commander';
import { isAbsolute, relative, resolve } from 'node:path';
import { z } from 'zod';
import { REPORT_FORMATS, type ReportBundle, type ReportFormat } from '@transferbench/reporters';
import { createBenchHost } from '../plugins/bench-host.ts';
import { writeFileAtomic } from '../store/results-dir.ts';
import { loadResultsDir } from '../report/load-results.ts';
import { mergeRuns } from '../report/merge-runs.ts';

const FORMATS = Object.keys(REPORT_FORMATS) as ReportFormat[];
const DEFAULT_FORMATS: ReportFormat[] = ['md', 'html', 'json', 'csv'];

const optionsSchema = z.object({
  out: z.string({ error: '--out <dir> is required: the folder the reports are written to' }).min(1, '--out <dir> is required'),
  format: z
    .string()
    .default(DEFAULT_FORMATS.join(','))
    .transform((s, ctx) => {
      const list = s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean);
      const bad = list.filter((f) => !(FORMATS as string[]).includes(f));
      if (bad.length || !list.length) {
        ctx.addIssue({
          code: 'custom',
          message: `--format ${s}: expected a comma-separated list of ${FORMATS.join(', ')}${bad.length ? ` (unknown: ${bad.join(', ')})` : ''}`,
        });
        return z.NEVER;
      }
      return [...new Set(list)] as ReportFormat[];
    }),
  force: z.boolean().default(false),
  jsonDetails: z.boolean().default(false),
});

export interface ReportOptions {
  dirs: string[];
  out: string;
  formats?: ReportFormat[];
  force?: boolean;
  /** leaderboard.json keeps every estimate's estimator-specific `details` (large) */
  jsonDetails?: boolean;
  log?(line: string): void;
}

export interface ReportOutcome {
  bundle: ReportBundle;
  /** absolute paths written */
  files: string[];
}

export async function writeReport(o: ReportOptions): Promise<ReportOutcome> {
  const log = o.log ?? ((l: string) => process.stderr.write(`${l}\n`));
  if (!o.dirs.length) throw new Error('report: give at least one results folder');
  const runs = o.dirs.map((d) => loadResultsDir(d));
  const host = await createBenchHost();
  const kinds = new Map(host.registries.estimators.list().map((e) => [e.plugin.meta.name, e.plugin.meta.kind]));
  const { bundle, warnings } = mergeRuns(runs, { force: o.force, kinds });
  for (const w of warnings) log(`note: ${w}`);
  if (bundle.merge?.forced) log(`warning: forced merge — ${bundle.merge.conflicts.join('; ')}`);
  const outDir = resolve(o.out);
  const files: string[] = [];
  for (const format of o.formats ?? DEFAULT_FORMATS) {
    const reporter = host.registries.reporters.get(REPORT_FORMATS[format]);
    const options = reporter.options ? reporter.options.parse(format === 'json' && o.jsonDetails ? { details: true } : {}) : {};
    for (const f of await reporter.render(bundle, options)) {
      const target = resolve(outDir, f.path);
      const rel = relative(outDir, target);
      if (rel.startsWith('..') || isAbsolute(rel))
        throw new Error(`reporter "${reporter.meta.name}" wants to write ${f.path}, outside ${o.out}`);
      writeFileAtomic(target, f.content);
      files.push(target);
    }
  }
  return { bundle, files };
}

export function registerReport(program: Command): void {
  program
    .command('report')
    .description('render leaderboards (md, html, json, csv) from one or more results folders, merging runs of the same suite')
    .argument('<results-dir...>', 'results folders written by `transferbench run` (several: merged, trials unioned by id)')
    .option('--out <dir>', 'folder to write the reports to')
    .option('--format <list>', `comma-separated: ${FORMATS.join(', ')}`, DEFAULT_FORMATS.join(','))
    .option('--force', 'merge runs of different suites or schema versions anyway (the reports say so)', false)
    .option(
      '--json-details',
      "keep every estimate's estimator-specific details in leaderboard.json (large; trials.jsonl has them too)",
      false,
    )
    .action(async (dirs: string[], raw: unknown) => {
      const parsed = optionsSchema.safeParse(raw);
      if (!parsed.success) throw new Error(parsed.error.issues.map((i) => i.message).join('; '));
      const { files } = await writeReport({
        dirs,
        out: parsed.data.out,
        formats: parsed.data.format,
        force: parsed.data.force,
        jsonDetails: parsed.data.jsonDetails,
      });
      for (const f of files) process.stdout.write(`${relative(process.cwd(), f) || f}\n`);
    });
}
