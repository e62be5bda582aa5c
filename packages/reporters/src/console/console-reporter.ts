/**
 * Console table: the ranking as fixed-width text on stdout (or stderr), optionally also saved to a file.
 * Columns are padded by hand: a table library would add a dependency for a dozen lines of padEnd, and
 * every cell here is short ASCII/Latin text with no wide characters.
 */
import { defineReporter, type RenderedFile } from '@transferbench/core';
import { z } from 'zod';
import type { ReportBundle } from '../bundle.ts';
import { costCell, fixed, seconds, undefinedPower } from '../format.ts';
import { codeMixText } from '../provenance.ts';
import { rankAll } from '../ranking.ts';

export const consoleOptionsSchema = z.object({
  /** where to print; `none` only writes `file` */
  stream: z.enum(['stdout', 'stderr', 'none']).default('stdout'),
  /** also write the table to this file (relative to the output folder) */
  file: z.string().nullable().default(null),
});

export function textTable(header: string[], rows: string[][], rightAlign: boolean[] = []): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((v, c) => (rightAlign[c] ? v.padStart(widths[c]) : v.padEnd(widths[c])))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export function renderConsoleTable(bundle: ReportBundle): string {
  const s = bundle.summary;
  const out: string[] = [`${s.suite.name} (${s.suite.hash}) · seeds ${s.seeds.join(',')} · target power ${s.targetPower}`];
  if (bundle.merge?.forced) out.push(`WARNING: forced merge of runs with ${bundle.merge.conflicts.join('; ')}`);
  const mix = codeMixText(bundle);
  if (mix) out.push(`WARNING: ${mix}`);
  const header = [
    'rank',
    'estimator',
    'budget',
    'power',
    'FPR',
    'rho',
    'CPU-s',
    'seeds',
    `to ${Math.round(s.targetPower * 100)}%`,
    '@cost',
  ];
  const right = [true, false, false, true, true, true, true, true, true, true];
  for (const ranking of rankAll(s)) {
    const rows: string[][] = [];
    for (const e of ranking.estimators) {
      e.ladder.forEach((r, i) =>
        rows.push([
          i === 0 ? String(e.costRank) : '',
          i === 0 ? e.estimator : '',
          r.budget,
          r.power.mean === null ? undefinedPower(r) : fixed(r.power.mean),
          r.fpr.mean === null ? undefinedPower(r) : fixed(r.fpr.mean),
          fixed(r.spearman.mean),
          seconds(r.cpuSeconds.mean),
          `${r.seeds.ok}/${r.seeds.total}`,
          i === 0 ? costCell(e.cost) : '',
          i === 0 ? String(e.matchedRank ?? '—') : '',
        ]),
      );
    }
    out.push('', `${ranking.dataset}:`, textTable(header, rows, right));
  }
  return `${out.join('\n')}\n`;
}

export const consoleReporter = defineReporter<ReportBundle, typeof consoleOptionsSchema>({
  meta: { name: 'console', version: '1.0.0', aliases: ['table'], description: 'ranking table printed to the terminal' },
  options: consoleOptionsSchema,
  render(bundle, options) {
    const o = consoleOptionsSchema.parse(options ?? {});
    const text = renderConsoleTable(bundle);
    if (o.stream !== 'none') (o.stream === 'stdout' ? process.stdout : process.stderr).write(text);
    const files: RenderedFile[] = o.file ? [{ path: o.file, content: text }] : [];
    return files;
  },
});
