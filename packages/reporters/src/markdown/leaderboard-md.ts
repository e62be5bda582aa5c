/**
 * The Markdown leaderboard (`leaderboard.md`, reporter `leaderboard`; the bench writes it after every run).
 * Head: suite, seeds, α, the truth class rule. Per dataset: the truths (class counts, settled share, constructed
 * nulls, reliability and ρ ceiling), then one table per truth scope — PAIRWISE and CONTEXTUAL — naming the truth
 * it is scored against (oracle, what Δ means, δ): estimators ranked by the cost to reach the target power, each
 * with its budget ladder (power, FPR on the truth's nulls, FPR on constructed nulls — pooled over seeds with
 * Wilson intervals —, KS p of the constructed-null p-values, ρ [CI] under the truth's ceiling, CPU-s), the
 * reference frontier listed apart, the cost to the target in words (extrapolations marked), the matched-cost
 * comparison and power by |Δ|. Provenance (suite hash, commits, seeds, environment, merged runs) closes the page.
 * Options: `title` renames the page; `preamble` (Markdown, printed as given) follows the head, before the datasets —
 * a study report puts its conclusion and protocol there.
 */
import { defineReporter, type TruthSummary } from '@transferbench/core';
import { z } from 'zod';
import type { ReportBundle } from '../bundle.ts';
import {
  binText,
  cellNoun,
  classRuleText,
  costText,
  countsText,
  delta,
  fixed,
  percent,
  propText,
  rhoHeading,
  scopeTitle,
  seconds,
  truthName,
  undefinedPower,
} from '../format.ts';
import { codeMixText, mergeText, provenanceFacts } from '../provenance.ts';
import { rankAll, truthUsable, type ScopeRanking } from '../ranking.ts';
import { ladderRows, matchedText, rowNotes } from '../scope-rows.ts';

/**
 * Text from results files (descriptions, failure messages, environment facts) is data, not markup: `&`, `<`
 * and `>` become entities, so raw HTML in a plugin's message or a suite's description is shown, never rendered.
 */
const text = (s: string) => s.replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]!);
const cell = (s: string) => text(s).replace(/\|/g, '\\|').replace(/\s+/g, ' ');

function truthTable(truths: TruthSummary[]): string[] {
  const out = [
    '| scope | truth | Δ | δ | classes | settled | constructed nulls | reliability (ρ ceiling) | replicates | CPU-s (training) | status |',
    '|---|---|---|---:|---|---:|---:|---|---:|---:|---|',
  ];
  for (const t of truths)
    out.push(
      `| ${t.scope} | ${cell(t.source === 'planted' ? 'planted' : `${t.estimator ?? '?'} (oracle)`)} | ${cell(t.unit ?? '—')} | ${delta(t)} | ` +
        `${cell(countsText(t))} | ${percent(t.settled)} | ${t.constructedNulls} | ${fixed(t.reliability)} (${fixed(t.ceiling)}) | ` +
        `${t.replicates ?? '—'} | ${seconds(t.cpuSeconds)} (${seconds(t.trainingSeconds)}) | ${t.status} |`,
    );
  return out;
}

function scopeSection(sr: ScopeRanking, pct: number): string[] {
  const { scope, truth } = sr;
  const out: string[] = [`### ${scopeTitle(scope)} — truth: ${text(truthName(truth))}`, ''];
  if (!truthUsable(truth))
    out.push(`The ${scope} truth is ${truth?.status ?? 'missing'}: power, FPR and ρ of this scope cannot be computed.`, '');
  else
    out.push(
      `Cells: ${truth!.cells.length} ${cellNoun(scope)} — ${countsText(truth!)} (δ = ${delta(truth!)}); ` +
        `${truth!.constructedNulls} null by construction.`,
      '',
    );
  const head = `| estimator | budget | power | FPR | FPR constr. | KS p | ${rhoHeading(truth)} | CPU-s | passes | seeds ok |`;
  const align = '|---|---|---|---|---|---|---|---:|---:|---:|';
  const line = (x: ReturnType<typeof ladderRows>[number]) =>
    `${cell(x.text.budget)} | ${x.text.power} | ${x.text.fpr} | ${x.text.fprConstructed} | ${text(x.text.ks)} | ${x.text.rho} | ` +
    `${x.text.cpu} | ${x.text.passes} | ${x.text.seeds} |`;
  if (sr.estimators.length) {
    out.push(`| rank ${head} @cost |`, `|---:${align}---:|`);
    for (const e of sr.estimators)
      for (const x of ladderRows(e, scope))
        out.push(`| ${x.first ? x.costRank : ''} | ${x.first ? cell(e.estimator) : ''} | ${line(x)} ${x.first ? x.matched : ''} |`);
    out.push('');
  }
  if (sr.references.length) {
    out.push(
      `Reference frontier — the truth's own oracle at small budgets on a seed stream disjoint from the truth's: the brute-force line to beat (not ranked).`,
      '',
      head,
      align,
    );
    for (const e of sr.references) for (const x of ladderRows(e, scope)) out.push(`| ${x.first ? cell(e.estimator) : ''} | ${line(x)}`);
    out.push('');
  }
  if (sr.withoutOutput.length) out.push(`No ${scope} output: ${sr.withoutOutput.map(cell).join(', ')}.`, '');
  const notes = rowNotes(sr);
  if (notes.length) out.push('Notes:', '', ...notes.map((n) => `- ${text(n)}`), '');

  const costed = [...sr.estimators, ...sr.references].filter((e) => e.cost);
  if (costed.length) {
    out.push(`Cost to reach ${pct} % power (${scope}; CPU-s per estimate [95 % bootstrap interval over seeds]):`, '');
    for (const e of costed) out.push(`- ${e.role === 'reference' ? 'reference ' : ''}**${cell(e.estimator)}**: ${costText(e.cost!)}`);
    out.push('');
  }
  const matched = matchedText(sr, cell);
  if (matched) out.push(matched, '');

  const binned = [...sr.estimators, ...sr.references].flatMap((e) => e.ladder).filter((r) => r[scope]?.hasPValues);
  const bins = binned[0]?.[scope]?.powerByEffect ?? [];
  if (bins.length > 1) {
    out.push(
      `Power by |Δ| (${scope}; |true Δ| in the truth's unit, pooled over seeds [Wilson CI], n = cells × seeds in the bin):`,
      '',
      `| estimator | budget | ${bins.map((b) => `\\|Δ\\| ${binText(b)}`).join(' | ')} |`,
      `|---|---|${bins.map(() => '---').join('|')}|`,
    );
    for (const r of binned)
      out.push(
        `| ${cell(r.estimator)} | ${cell(r.budget)} | ${r[scope]!.powerByEffect.map((b) => `${propText(b.power, undefinedPower(r[scope]))} (n ${b.power.n})`).join(' | ')} |`,
      );
    out.push('');
  }
  return out;
}

export const leaderboardOptionsSchema = z.object({
  file: z.string().default('leaderboard.md'),
  /** the page's title (default `Leaderboard: <suite>`) */
  title: z.string().min(1).optional(),
  /** Markdown placed after the head (class rule, legend) and before the datasets; printed as given (the caller escapes) */
  preamble: z.string().optional(),
});
export type LeaderboardOptions = z.infer<typeof leaderboardOptionsSchema>;

export function renderLeaderboard(bundle: ReportBundle, options: Pick<LeaderboardOptions, 'title' | 'preamble'> = {}): string {
  const s = bundle.summary;
  const pct = Math.round(s.targetPower * 100);
  const out: string[] = [];
  out.push(`# ${text(options.title ?? `Leaderboard: ${s.suite.name}`)}`, '');
  if (bundle.merge?.forced) out.push(`> **Warning — ${text(mergeText(bundle))}**`, '');
  const mix = codeMixText(bundle);
  if (mix) out.push(`> **Warning — ${text(mix)}.**`, '');
  if (s.suite.description) out.push(text(s.suite.description), '');
  out.push(
    `Suite hash \`${s.suite.hash}\` · seeds ${s.seeds.join(', ')} · α = ${s.alpha} (Benjamini–Hochberg across the cells of each estimate) · ` +
      `trials ${s.trials.ok} ok, ${s.trials.failed} failed, ${s.trials.missing} missing of ${s.trials.total}.`,
    '',
    `**${text(classRuleText(s))}**`,
    '',
    "**power**: share of the truth's positive and negative cells detected (BH-adjusted p ≤ α) with the right sign; " +
      "**FPR**: share of the truth's null cells detected; **FPR constr.**: share of cells null by construction " +
      '(a label-permuted control as source or target) detected; all three pooled over seeds [95 % Wilson interval]. ' +
      '**KS p**: Kolmogorov–Smirnov test of the raw p-values on constructed nulls against U(0, 1) (n p-values; small = miscalibrated). ' +
      "**ρ**: Spearman correlation of estimated with true effects, mean over seeds [bootstrap CI], under the truth's noise ceiling. " +
      '**CPU-s**: CPU-seconds of the estimator call per estimate; **passes**: sample-passes per estimate. ' +
      `**rank**: by CPU-s to reach ${pct} % power (reached within the ladder first, then extrapolated, then by best power); ` +
      '**@cost**: by power at matched cost. "n/a": no p-values for this scope.',
    '',
  );
  if (options.preamble) out.push(options.preamble.trimEnd(), '');
  for (const ranking of rankAll(s)) {
    const ds = ranking.dataset;
    out.push(`## ${text(ds)}`, '');
    const truths = s.truths.filter((t) => t.dataset === ds);
    if (truths.length) out.push('Truths:', '', ...truthTable(truths), '');
    else out.push('No truth for this dataset: power, FPR and ρ cannot be computed.', '');
    for (const sr of ranking.scopes) out.push(...scopeSection(sr, pct));
  }
  if (s.failures.length) {
    out.push('## Failed trials', '', '| trial | reason | message |', '|---|---|---|');
    for (const x of s.failures) out.push(`| ${cell(x.label)} | ${x.reason} | ${cell(x.message.slice(0, 200))} |`);
    out.push('');
  }
  out.push('## Provenance', '');
  for (const f of provenanceFacts(bundle)) out.push(`- **${text(f.label)}**: ${text(f.value)}`);
  out.push('');
  return out.join('\n');
}

export const leaderboardReporter = defineReporter<ReportBundle, typeof leaderboardOptionsSchema>({
  meta: {
    name: 'leaderboard',
    version: '2.1.0',
    aliases: ['markdown', 'md'],
    description: 'Markdown leaderboard: pairwise and contextual tables (power, FPR, calibration, ρ, cost), ranked',
  },
  options: leaderboardOptionsSchema,
  render: (bundle, options) => {
    const o = leaderboardOptionsSchema.parse(options ?? {});
    return [{ path: o.file, content: renderLeaderboard(bundle, o) }];
  },
});
