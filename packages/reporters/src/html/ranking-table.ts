/**
 * The tables of one dataset × truth scope: the ranking (one row per estimator × budget, in ranking order: rank by
 * cost to reach the target power, then budget) and, apart, the reference frontier (the truth's oracle at small
 * budgets). Numeric cells carry their raw value in `data-value` so the page's script sorts numbers as numbers;
 * Wilson / bootstrap intervals are shown beside the values. Rank columns repeat on every row of an estimator so
 * the table still reads after sorting. Also the truths table and the power-by-|Δ| table.
 */
import type { BenchSummary, ScopeScore, SummaryRow, TruthSummary } from '@transferbench/core';
import {
  binText,
  compact,
  costCell,
  countsText,
  delta,
  fixed,
  ksText,
  percent,
  rhoHeading,
  seconds,
  undefinedPower,
  type Prop,
  type Stat,
} from '../format.ts';
import type { RankedEstimator, ScopeRanking } from '../ranking.ts';
import { esc, slug } from './escape.ts';

interface Column {
  label: string;
  title: string;
  numeric: boolean;
}

const num = (v: number | null | undefined) => (v === null || v === undefined || !Number.isFinite(v) ? '' : String(v));

function propCell(p: Prop | undefined, undef: string, kind: string): string {
  if (!p || p.value === null) return `<td class="num" data-value="" data-col="${kind}">${esc(undef)}</td>`;
  const ci = p.lower !== null && p.upper !== null ? ` <span class="ci">[${fixed(p.lower)}, ${fixed(p.upper)}]</span>` : '';
  return `<td class="num" data-value="${num(p.value)}" data-col="${kind}" title="${p.hits} of ${p.n}">${fixed(p.value)}${ci}</td>`;
}

function statCell(s: Stat | undefined, kind: string): string {
  if (!s || s.mean === null) return `<td class="num" data-value="" data-col="${kind}">—</td>`;
  const ci = s.lower !== null && s.upper !== null ? ` <span class="ci">[${fixed(s.lower)}, ${fixed(s.upper)}]</span>` : '';
  return `<td class="num" data-value="${num(s.mean)}" data-col="${kind}">${fixed(s.mean)}${ci}</td>`;
}

function ksCell(s: ScopeScore | null): string {
  const c = s?.calibration;
  const title = c && c.ks !== null ? ` title="KS D = ${fixed(c.ks, 3)} over ${c.n} constructed-null p-values"` : '';
  return `<td class="num" data-value="${num(c?.ksPValue)}" data-col="ks"${title}>${esc(ksText(s))}</td>`;
}

function columns(summary: BenchSummary, truth: TruthSummary | null, ranked: boolean): Column[] {
  const pct = Math.round(summary.targetPower * 100);
  return [
    ...(ranked
      ? [
          {
            label: 'rank',
            title: `rank by CPU-seconds to reach ${pct} % power (measured, then extrapolated, then best power)`,
            numeric: true,
          },
          { label: '@cost', title: 'rank by power at matched cost', numeric: true },
        ]
      : []),
    { label: 'estimator', title: 'estimator id in the suite', numeric: false },
    { label: 'budget', title: 'budget level', numeric: false },
    {
      label: 'power',
      title:
        "share of the truth's positive and negative cells detected with the right sign (BH-adjusted), pooled over seeds [95 % Wilson CI]",
      numeric: true,
    },
    { label: 'FPR', title: "share of the truth's null cells detected, pooled over seeds [95 % Wilson CI]", numeric: true },
    {
      label: 'FPR constr.',
      title: 'share of cells null by construction (label-permuted controls) detected, pooled over seeds [95 % Wilson CI]',
      numeric: true,
    },
    { label: 'KS p', title: 'Kolmogorov–Smirnov p of the constructed-null p-values against U(0, 1) (n p-values)', numeric: true },
    {
      label: rhoHeading(truth),
      title: "Spearman ρ of estimated with true effects, mean over seeds [bootstrap CI]; the truth's noise ceiling in the header",
      numeric: true,
    },
    { label: 'CPU-s', title: 'CPU-seconds of the estimator call per estimate (mean over seeds)', numeric: true },
    { label: 'passes', title: 'sample-passes per estimate', numeric: true },
    { label: `to ${pct} %`, title: `CPU-seconds to reach ${pct} % power along the ladder (≈ … extrapolated)`, numeric: true },
    { label: 'power @ cost', title: 'power at the matched cost', numeric: true },
    { label: 'seeds ok', title: 'seeds with a finished trial / planned', numeric: true },
  ];
}

function head(cols: Column[]): string {
  return cols
    .map(
      (c) =>
        `<th scope="col" tabindex="0" aria-sort="none" data-type="${c.numeric ? 'number' : 'text'}" title="${esc(c.title)}">${esc(c.label)}</th>`,
    )
    .join('');
}

function rowHtml(sr: ScopeRanking, e: RankedEstimator, r: SummaryRow, ranked: boolean): string {
  const s = r[sr.scope];
  const undef = undefinedPower(s);
  const costValue = e.cost?.cpuSeconds ?? null;
  const costTitle = e.cost
    ? ` title="${esc(`${e.cost.method}${e.cost.lower !== null || e.cost.upper !== null ? `, interval [${seconds(e.cost.lower)}, ${e.cost.upper === null ? 'unbounded' : seconds(e.cost.upper)}]` : ''}`)}"`
    : '';
  return (
    `<tr data-estimator="${esc(e.estimator)}" data-budget="${esc(r.budget)}" data-role="${r.role}" title="${esc(`${r.dataset} / ${e.estimator} @ ${r.budget}: ${r.notes.join('; ') || 'no notes'}`)}">` +
    (ranked
      ? `<td class="num" data-value="${num(e.costRank)}">${e.costRank ?? '—'}</td>` +
        `<td class="num" data-value="${num(e.matchedRank)}">${e.matchedRank ?? '—'}</td>`
      : '') +
    `<td>${esc(e.estimator)}</td>` +
    `<td data-value="${esc(String(r.budgetIndex).padStart(4, '0'))}">${esc(r.budget)}</td>` +
    propCell(s?.power, undef, 'power') +
    propCell(s?.fpr, undef, 'fpr') +
    propCell(s?.fprConstructed, undef, 'fpr-constructed') +
    ksCell(s) +
    statCell(s?.spearman, 'rho') +
    `<td class="num" data-value="${num(r.cpuSeconds.mean)}">${seconds(r.cpuSeconds.mean)}</td>` +
    `<td class="num" data-value="${num(r.samplePasses.mean)}">${compact(r.samplePasses.mean)}</td>` +
    `<td class="num${e.cost?.method === 'extrapolated' ? ' extrapolated' : ''}" data-value="${num(costValue)}"${costTitle}>${esc(costCell(e.cost))}</td>` +
    `<td class="num" data-value="${num(e.matchedPower)}">${fixed(e.matchedPower)}</td>` +
    `<td class="num" data-value="${r.seeds.ok}">${r.seeds.ok}/${r.seeds.total}</td>` +
    `</tr>`
  );
}

/** The ranked estimators of one scope (`table.ranking`). */
export function rankingTable(summary: BenchSummary, sr: ScopeRanking): string {
  const body = sr.estimators.flatMap((e) => e.ladder.map((r) => rowHtml(sr, e, r, true)));
  return (
    `<table class="ranking sortable" id="ranking-${slug(sr.dataset)}-${sr.scope}" data-dataset="${esc(sr.dataset)}" data-scope="${sr.scope}">` +
    `<thead><tr>${head(columns(summary, sr.truth, true))}</tr></thead><tbody>\n${body.join('\n')}\n</tbody></table>`
  );
}

/** The reference frontier of one scope (`table.reference`), apart from the ranking. */
export function referenceTable(summary: BenchSummary, sr: ScopeRanking): string {
  const body = sr.references.flatMap((e) => e.ladder.map((r) => rowHtml(sr, e, r, false)));
  return (
    `<table class="ranking reference sortable" id="reference-${slug(sr.dataset)}-${sr.scope}" data-dataset="${esc(sr.dataset)}" data-scope="${sr.scope}">` +
    `<thead><tr>${head(columns(summary, sr.truth, false))}</tr></thead><tbody>\n${body.join('\n')}\n</tbody></table>`
  );
}

/** The truths of one dataset (`table.truths`): classes, settled share, constructed nulls, reliability. */
export function truthTable(truths: TruthSummary[]): string {
  const rows = truths.map(
    (t) =>
      `<tr data-scope="${t.scope}"><td>${t.scope}</td><td>${esc(t.source === 'planted' ? 'planted' : `${t.estimator ?? '?'} (oracle)`)}</td>` +
      `<td>${esc(t.unit ?? '—')}</td><td class="num">${esc(delta(t))}</td><td>${esc(countsText(t))}</td>` +
      `<td class="num" data-value="${num(t.settled)}">${percent(t.settled)}</td><td class="num">${t.constructedNulls}</td>` +
      `<td class="num">${fixed(t.reliability)} (${fixed(t.ceiling)})</td><td class="num">${t.replicates ?? '—'}</td>` +
      `<td class="num" title="this run's CPU-s (training time of every model used, cached ones included)">${seconds(t.cpuSeconds)} (${seconds(t.trainingSeconds)})</td><td>${esc(t.status)} <code>${esc(t.trialId.slice(0, 12))}</code></td></tr>`,
  );
  return (
    '<table class="ranking truths"><thead><tr><th>scope</th><th>truth</th><th>Δ</th><th>δ</th><th>classes</th><th>settled</th>' +
    '<th>constructed nulls</th><th>reliability (ρ ceiling)</th><th>replicates</th><th>CPU-s (training)</th><th>status, trial</th></tr></thead>' +
    `<tbody>${rows.join('')}</tbody></table>`
  );
}

/** Power by |true Δ| bin for every scored row of a scope (`table.power-by-effect`); empty when there is one bin. */
export function powerByEffectTable(sr: ScopeRanking): string {
  const rows = [...sr.estimators, ...sr.references].flatMap((e) => e.ladder).filter((r) => r[sr.scope]?.hasPValues);
  const bins = rows[0]?.[sr.scope]?.powerByEffect ?? [];
  if (bins.length < 2) return '';
  const body = rows.map(
    (r) =>
      `<tr><td>${esc(r.estimator)}</td><td>${esc(r.budget)}</td>${r[sr.scope]!.powerByEffect.map((b) => propCell(b.power, '—', 'bin')).join('')}</tr>`,
  );
  return (
    `<table class="ranking power-by-effect" data-scope="${sr.scope}"><thead><tr><th>estimator</th><th>budget</th>` +
    `${bins.map((b) => `<th title="n = cells × seeds in the bin">|Δ| ${esc(binText(b))}</th>`).join('')}</tr></thead><tbody>${body.join('')}</tbody></table>`
  );
}
