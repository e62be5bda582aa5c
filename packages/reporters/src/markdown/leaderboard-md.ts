/**
 * The Markdown leaderboard (`leaderboard.md`, reporter `leaderboard`; the bench writes it after every run).
 * Per dataset: estimators ranked by the cost to reach the target power (reached first, cheapest first; then
 * by best power), each with its budget ladder — power, FPR, Spearman ρ, CPU-seconds and sample-passes per
 * estimate, mean over seeds with 95 % CIs — and their rank by power at matched cost; then the cost to reach
 * the target in words and the matched-cost comparison. Provenance (suite hash, commits, seeds, environment,
 * merged runs) closes the page.
 */
import { defineReporter } from '@transferbench/core';
import { z } from 'zod';
import type { ReportBundle } from '../bundle.ts';
import { compact, costText, fixed, seconds, statText, undefinedPower } from '../format.ts';
import { codeMixText, mergeText, provenanceFacts } from '../provenance.ts';
import { rankAll } from '../ranking.ts';

/**
 * Text from results files (descriptions, failure messages, environment facts) is data, not markup: `&`, `<`
 * and `>` become entities, so raw HTML in a plugin's message or a suite's description is shown, never rendered.
 */
const text = (s: string) => s.replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]!);
const cell = (s: string) => text(s).replace(/\|/g, '\\|').replace(/\s+/g, ' ');

export function renderLeaderboard(bundle: ReportBundle): string {
  const s = bundle.summary;
  const pct = Math.round(s.targetPower * 100);
  const out: string[] = [];
  out.push(`# Leaderboard: ${s.suite.name}`, '');
  if (bundle.merge?.forced) out.push(`> **Warning — ${text(mergeText(bundle))}**`, '');
  const mix = codeMixText(bundle);
  if (mix) out.push(`> **Warning — ${text(mix)}.**`, '');
  if (s.suite.description) out.push(text(s.suite.description), '');
  out.push(
    `Suite hash \`${s.suite.hash}\` · seeds ${s.seeds.join(', ')} · α = ${s.alpha} (Benjamini–Hochberg across ordered pairs) · ` +
      `trials ${s.trials.ok} ok, ${s.trials.failed} failed, ${s.trials.missing} missing of ${s.trials.total}.`,
    '',
    '**power**: share of truly non-null ordered pairs detected with the right sign; **FPR**: share of truly null pairs detected; ' +
      '**ρ**: Spearman correlation of estimated with true effects; **CPU-s**: CPU-seconds of the estimator call per estimate; ' +
      '**passes**: sample-passes per estimate; **rank** by cost to reach the target power, **@cost** by power at matched cost. ' +
      'Mean over seeds [95 % CI]. "n/a": the estimator reports no p-values.',
    '',
  );
  for (const ranking of rankAll(s)) {
    const ds = ranking.dataset;
    const truth = s.truth.find((t) => t.dataset === ds);
    const tc = truth?.counts;
    out.push(`## ${ds}`, '');
    out.push(
      truth && tc
        ? `Truth: ${truth.source} (${truth.unit ?? ''}) — ${tc.positive} positive, ${tc.negative} negative, ${tc.null} null (±${truth.nullMargin}), ${tc.indeterminate} indeterminate pairs excluded.`
        : `Truth: ${truth?.source ?? '?'} — ${truth?.status ?? 'missing'}; power, FPR and ρ cannot be computed.`,
      '',
    );
    out.push(
      `| rank | estimator | budget | power | FPR | ρ | CPU-s | passes | seeds ok | @cost |`,
      `|---:|---|---|---|---|---|---:|---:|---:|---:|`,
    );
    for (const e of ranking.estimators) {
      e.ladder.forEach((r, i) => {
        const first = i === 0;
        out.push(
          `| ${first ? e.costRank : ''} | ${first ? cell(e.estimator) : ''} | ${cell(r.budget)} | ${statText(r.power, 2, undefinedPower(r))} | ${statText(r.fpr, 2, undefinedPower(r))} | ` +
            `${statText(r.spearman)} | ${seconds(r.cpuSeconds.mean)} | ${compact(r.samplePasses.mean)} | ${r.seeds.ok}/${r.seeds.total} | ${first ? (e.matchedRank ?? '—') : ''} |`,
        );
      });
    }
    out.push('', `Cost to reach ${pct} % power:`, '');
    for (const e of ranking.estimators) if (e.cost) out.push(`- **${e.estimator}**: ${costText(e.cost)}`);
    const compared = ranking.estimators.filter((e) => e.matchedRank !== null).sort((a, b) => a.matchedRank! - b.matchedRank!);
    const withPower = s.powerAtMatchedCost.find((m) => m.dataset === ds)?.power.length ?? 0;
    if (withPower > 1) {
      out.push('');
      if (ranking.matchedCpuSeconds === null)
        out.push('Power at matched cost: the budget ladders do not overlap in cost; compare cost to reach the target instead.');
      else
        out.push(
          `Power at matched cost (${seconds(ranking.matchedCpuSeconds)} CPU-s per estimate, interpolated in log cost): ` +
            compared.map((e) => `${e.estimator} ${fixed(e.matchedPower)}`).join(' > ') +
            '.',
        );
    }
    out.push('');
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

export const leaderboardReporter = defineReporter<ReportBundle>({
  meta: {
    name: 'leaderboard',
    version: '1.0.0',
    aliases: ['markdown', 'md'],
    description: 'Markdown leaderboard: power, FPR, Spearman and cost per estimator and budget, ranked',
  },
  options: z.object({ file: z.string().default('leaderboard.md') }),
  render: (bundle, options) => [
    { path: (options as { file?: string } | undefined)?.file ?? 'leaderboard.md', content: renderLeaderboard(bundle) },
  ],
});
