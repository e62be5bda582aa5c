/**
 * The ranking table of one dataset: one row per estimator × budget, in ranking order (rank by cost to reach
 * the target power, then budget). Numeric cells carry their raw value in `data-value` so the page's script
 * sorts numbers as numbers; CIs are shown beside the means. Rank columns repeat on every row of an
 * estimator so the table still reads after sorting.
 */
import type { BenchSummary } from '@transferbench/core';
import { compact, costCell, fixed, seconds, undefinedPower, type Stat } from '../format.ts';
import type { DatasetRanking } from '../ranking.ts';
import { esc, slug } from './escape.ts';

interface Column {
  label: string;
  title: string;
  numeric: boolean;
}

const num = (v: number | null | undefined) => (v === null || v === undefined || !Number.isFinite(v) ? '' : String(v));

function statCell(s: Stat, undef: string): string {
  if (s.mean === null) return `<td class="num" data-value="">${esc(undef)}</td>`;
  const ci = s.lower !== null && s.upper !== null ? ` <span class="ci">[${fixed(s.lower)}, ${fixed(s.upper)}]</span>` : '';
  return `<td class="num" data-value="${num(s.mean)}">${fixed(s.mean)}${ci}</td>`;
}

export function rankingTable(summary: BenchSummary, ranking: DatasetRanking): string {
  const pct = Math.round(summary.targetPower * 100);
  const cols: Column[] = [
    { label: 'rank', title: `rank by CPU-seconds to reach ${pct} % power`, numeric: true },
    { label: '@cost', title: 'rank by power at matched cost', numeric: true },
    { label: 'estimator', title: 'estimator id in the suite', numeric: false },
    { label: 'budget', title: 'budget level', numeric: false },
    {
      label: 'power',
      title: 'share of truly non-null pairs detected with the right sign (BH-adjusted), mean [95 % CI] over seeds',
      numeric: true,
    },
    { label: 'FPR', title: 'share of truly null pairs detected', numeric: true },
    { label: 'ρ', title: 'Spearman correlation of estimated with true effects', numeric: true },
    { label: 'CPU-s', title: 'CPU-seconds of the estimator call per estimate (mean over seeds)', numeric: true },
    { label: 'passes', title: 'sample-passes per estimate', numeric: true },
    { label: `to ${pct} %`, title: `CPU-seconds to reach ${pct} % power along the ladder`, numeric: true },
    { label: 'power @ cost', title: 'power at the matched cost', numeric: true },
    { label: 'seeds ok', title: 'seeds with a finished trial / planned', numeric: true },
  ];
  const head = cols
    .map(
      (c) =>
        `<th scope="col" tabindex="0" aria-sort="none" data-type="${c.numeric ? 'number' : 'text'}" title="${esc(c.title)}">${esc(c.label)}</th>`,
    )
    .join('');
  const body: string[] = [];
  for (const e of ranking.estimators) {
    for (const r of e.ladder) {
      const undef = undefinedPower(r);
      const costValue = e.cost?.cpuSeconds ?? null;
      body.push(
        `<tr data-estimator="${esc(e.estimator)}" data-budget="${esc(r.budget)}" title="${esc(`${r.dataset} / ${e.estimator} @ ${r.budget}: ${r.power.n} seed(s) scored; ${r.notes.join('; ') || 'no notes'}`)}">` +
          `<td class="num" data-value="${e.costRank}">${e.costRank}</td>` +
          `<td class="num" data-value="${num(e.matchedRank)}">${e.matchedRank ?? '—'}</td>` +
          `<td>${esc(e.estimator)}</td>` +
          `<td data-value="${esc(String(r.budgetIndex).padStart(4, '0'))}">${esc(r.budget)}</td>` +
          statCell(r.power, undef) +
          statCell(r.fpr, undef) +
          statCell(r.spearman, '—') +
          `<td class="num" data-value="${num(r.cpuSeconds.mean)}">${seconds(r.cpuSeconds.mean)}</td>` +
          `<td class="num" data-value="${num(r.samplePasses.mean)}">${compact(r.samplePasses.mean)}</td>` +
          `<td class="num" data-value="${num(costValue)}">${esc(costCell(e.cost))}</td>` +
          `<td class="num" data-value="${num(e.matchedPower)}">${fixed(e.matchedPower)}</td>` +
          `<td class="num" data-value="${r.seeds.ok}">${r.seeds.ok}/${r.seeds.total}</td>` +
          `</tr>`,
      );
    }
  }
  return (
    `<table class="ranking sortable" id="ranking-${slug(ranking.dataset)}" data-dataset="${esc(ranking.dataset)}">` +
    `<thead><tr>${head}</tr></thead><tbody>\n${body.join('\n')}\n</tbody></table>`
  );
}
