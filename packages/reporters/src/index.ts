// @transferbench/reporters — leaderboards from a results bundle: console, Markdown, JSON, CSV, HTML.
import type { ReporterPlugin, ResultsBundle } from '@transferbench/core';
import type { z } from 'zod';
import { consoleReporter } from './console/console-reporter.ts';
import { csvReporter } from './csv/csv-reporter.ts';
import { htmlReporter } from './html/html-reporter.ts';
import { jsonReporter } from './json/json-reporter.ts';
import { leaderboardReporter } from './markdown/leaderboard-md.ts';

// The public surface (pinned by public-surface.test.ts in apps/bench): the built-in reporters, the input they
// take beyond a results bundle (runs merged by `transferbench report`), the --format names, and the schema
// leaderboard.json is validated against, and the two formatting rules a page beside them must share. Renderers, charts and ranking stay inside their folders.
export type { MergeInfo, ReportBundle } from './bundle.ts';
export { leaderboardJsonSchema } from './json/json-reporter.ts';
// how the pages escape and print CPU-seconds: a study page (apps/bench study-report) prints beside them, the same way
export { esc as escapeHtml } from './html/escape.ts';
export { seconds as formatSeconds } from './format.ts';

/** Reporter name for each `transferbench report --format` value. */
export const REPORT_FORMATS = { md: 'leaderboard', html: 'html', json: 'json', csv: 'csv', console: 'console' } as const;
export type ReportFormat = keyof typeof REPORT_FORMATS;

export const builtinReporters: ReporterPlugin<ResultsBundle, z.ZodType>[] = [
  leaderboardReporter,
  consoleReporter,
  jsonReporter,
  csvReporter,
  htmlReporter,
] as unknown as ReporterPlugin<ResultsBundle, z.ZodType>[];
