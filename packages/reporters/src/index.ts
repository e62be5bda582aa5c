// @transferbench/reporters — leaderboards from a results bundle: console, Markdown, JSON, CSV, HTML.
import type { ReporterPlugin, ResultsBundle } from '@transferbench/core';
import type { z } from 'zod';
import { consoleReporter } from './console/console-reporter.ts';
import { csvReporter } from './csv/csv-reporter.ts';
import { htmlReporter } from './html/html-reporter.ts';
import { jsonReporter } from './json/json-reporter.ts';
import { leaderboardReporter } from './markdown/leaderboard-md.ts';

export type { MergeInfo, MergedRun, ReportBundle } from './bundle.ts';
export { consoleReporter, renderConsoleTable, textTable } from './console/console-reporter.ts';
export { leaderboardReporter, renderLeaderboard } from './markdown/leaderboard-md.ts';
export {
  jsonReporter,
  leaderboardJson,
  leaderboardJsonSchema,
  leaderboardJsonSchemaJson,
  type LeaderboardJson,
} from './json/json-reporter.ts';
export { csvReporter, renderCsv, CSV_COLUMNS } from './csv/csv-reporter.ts';
export { htmlReporter, renderHtml, htmlOptionsSchema, type HtmlOptions } from './html/html-reporter.ts';
export { learningCurveDetailsSchema } from './charts/learning-curve.ts';
export { rankAll, rankDataset, rankScope, type DatasetRanking, type RankedEstimator, type ScopeRanking } from './ranking.ts';
export { powerPoints, powerVsComputeSpec } from './charts/power-vs-compute.ts';
export { qqSeries, qqSpec } from './charts/qq-plot.ts';
export { forestData, forestSpec } from './charts/forest-plot.ts';
export { provenanceFacts, mergeText } from './provenance.ts';

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
