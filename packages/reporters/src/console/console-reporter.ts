/**
 * Console table: the rankings as fixed-width text on stdout (or stderr), optionally also saved to a file —
 * one table per dataset and truth scope (pairwise, contextual) headed by the truth it is scored against, the
 * reference frontier under the ranked estimators (rank "ref"), extrapolated costs spelled out below.
 * Columns are padded by hand: a table library would add a dependency for a dozen lines of padEnd, and
 * every cell here is short ASCII/Latin text with no wide characters.
 */
import { defineReporter, type RenderedFile } from '@transferbench/core';
import { z } from 'zod';
import type { ReportBundle } from '../bundle.ts';
import { classRuleText, costText, countsText, fixed, percent, rhoHeading, truthName } from '../format.ts';
import { codeMixText } from '../provenance.ts';
import { rankAll, truthUsable, type RankedEstimator } from '../ranking.ts';
import { ladderRows } from '../scope-rows.ts';

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
  const pct = Math.round(s.targetPower * 100);
  const out: string[] = [`${s.suite.name} (${s.suite.hash}) · seeds ${s.seeds.join(',')} · α ${s.alpha} · target power ${s.targetPower}`];
  if (bundle.merge?.forced) out.push(`WARNING: forced merge of runs with ${bundle.merge.conflicts.join('; ')}`);
  const mix = codeMixText(bundle);
  if (mix) out.push(`WARNING: ${mix}`);
  out.push(classRuleText(s));
  for (const ranking of rankAll(s)) {
    for (const sr of ranking.scopes) {
      const truth = sr.truth;
      const header = [
        'rank',
        'estimator',
        'budget',
        'power [CI]',
        'FPR [CI]',
        'FPR constr. [CI]',
        'KS p',
        rhoHeading(truth).replace('ρ', 'rho'),
        'CPU-s',
        'seeds',
        `to ${pct}%`,
        '@cost',
      ];
      const right = [true, false, false, true, true, true, true, true, true, true, true, true];
      const rows: string[][] = [];
      const add = (e: RankedEstimator) =>
        ladderRows(e, sr.scope).forEach((x) =>
          rows.push([
            x.first ? x.costRank : '',
            x.first ? e.estimator : '',
            x.text.budget,
            x.text.power,
            x.text.fpr,
            x.text.fprConstructed,
            x.text.ks,
            x.text.rho,
            x.text.cpu,
            x.text.seeds,
            x.first ? x.cost : '',
            x.first ? x.matched : '',
          ]),
        );
      sr.estimators.forEach(add);
      sr.references.forEach(add);
      const truthLine = truthUsable(truth)
        ? `${countsText(truth!)}; settled ${percent(truth!.settled)}; ${truth!.constructedNulls} constructed nulls; reliability ${fixed(truth!.reliability)}`
        : `truth ${truth?.status ?? 'missing'}: not scored`;
      out.push(
        '',
        `${ranking.dataset} · ${sr.scope.toUpperCase()} · truth: ${truthName(truth)}`,
        `  ${truthLine}`,
        textTable(header, rows, right),
      );
      if (sr.references.length)
        out.push('  rank "ref": reference frontier (the truth\'s oracle at small budgets, disjoint seeds; not ranked)');
      if (sr.withoutOutput.length) out.push(`  no ${sr.scope} output: ${sr.withoutOutput.join(', ')}`);
      for (const e of [...sr.estimators, ...sr.references])
        if (e.cost?.method === 'extrapolated') out.push(`  ${e.estimator}: ${costText(e.cost)}`);
    }
  }
  return `${out.join('\n')}\n`;
}

export const consoleReporter = defineReporter<ReportBundle, typeof consoleOptionsSchema>({
  meta: {
    name: 'console',
    version: '2.0.0',
    aliases: ['table'],
    description: 'pairwise and contextual ranking tables printed to the terminal',
  },
  options: consoleOptionsSchema,
  render(bundle, options) {
    const o = consoleOptionsSchema.parse(options ?? {});
    const text = renderConsoleTable(bundle);
    if (o.stream !== 'none') (o.stream === 'stdout' ? process.stdout : process.stderr).write(text);
    const files: RenderedFile[] = o.file ? [{ path: o.file, content: text }] : [];
    return files;
  },
});
