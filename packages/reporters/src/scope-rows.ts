/**
 * The cells of one scope table row (estimator × budget against one truth), as text, shared by the Markdown and
 * console reporters so both print the same numbers: power, FPR on the truth's nulls, FPR on constructed nulls
 * (pooled over seeds, Wilson intervals), the KS p of the constructed-null p-values, ρ with its bootstrap CI,
 * CPU-seconds and seeds. The HTML table adds sort keys to the same values (html/ranking-table.ts).
 */
import type { ScoreScope, SummaryRow } from '@transferbench/core';
import { compact, costCell, fixed, ksText, propText, seconds, statText, undefinedPower } from './format.ts';
import type { RankedEstimator, ScopeRanking } from './ranking.ts';

export interface ScopeRowText {
  estimator: string;
  budget: string;
  power: string;
  fpr: string;
  fprConstructed: string;
  ks: string;
  rho: string;
  cpu: string;
  passes: string;
  seeds: string;
}

export function scopeRowText(r: SummaryRow, scope: ScoreScope): ScopeRowText {
  const s = r[scope];
  const undef = undefinedPower(s);
  return {
    estimator: r.estimator,
    budget: r.budget,
    power: propText(s?.power, undef),
    fpr: propText(s?.fpr, undef),
    fprConstructed: propText(s?.fprConstructed, undef),
    ks: ksText(s),
    rho: s ? statText(s.spearman) : '—',
    cpu: seconds(r.cpuSeconds.mean),
    passes: compact(r.samplePasses.mean),
    seeds: `${r.seeds.ok}/${r.seeds.total}`,
  };
}

/** The rows of a ranked estimator's ladder, with its rank on the first (and the cost / matched cells). */
export function ladderRows(e: RankedEstimator, scope: ScoreScope) {
  return e.ladder.map((r, i) => ({
    first: i === 0,
    row: r,
    text: scopeRowText(r, scope),
    costRank: e.costRank === null ? 'ref' : String(e.costRank),
    matched: e.matchedRank === null ? '—' : String(e.matchedRank),
    cost: costCell(e.cost),
  }));
}

/** Notes worth a line under a table: sign errors and the bench's per-row notes (failed seeds, no p-values). */
export function rowNotes(sr: ScopeRanking): string[] {
  const out: string[] = [];
  for (const e of [...sr.estimators, ...sr.references])
    for (const r of e.ladder) {
      const s = r[sr.scope];
      const parts = [...r.notes];
      if (s && s.signErrors > 0) parts.unshift(`${s.signErrors} detection(s) with the wrong sign (pooled over seeds)`);
      if (parts.length) out.push(`${r.estimator} @ ${r.budget}: ${parts.join('; ')}`);
    }
  return [...new Set(out)];
}

/** Power at matched cost in one sentence: estimators in order, then the reference frontier at the same cost. */
export function matchedText(sr: ScopeRanking, esc: (s: string) => string = (s) => s): string | null {
  const compared = sr.estimators.filter((e) => e.matchedRank !== null).sort((a, b) => a.matchedRank! - b.matchedRank!);
  if (sr.matchedCpuSeconds === null)
    return sr.estimators.length > 1
      ? 'Power at matched cost: the budget ladders do not overlap in cost; compare the cost to reach the target instead.'
      : null;
  if (!compared.length) return null;
  const refs = sr.references.filter((e) => e.matchedPower !== null);
  return (
    `Power at matched cost (${seconds(sr.matchedCpuSeconds)} CPU-s per estimate, interpolated in log cost): ` +
    compared.map((e) => `${esc(e.estimator)} ${fixed(e.matchedPower)}`).join(' > ') +
    (refs.length ? `; reference frontier: ${refs.map((e) => `${esc(e.estimator)} ${fixed(e.matchedPower)}`).join(', ')}` : '') +
    '.'
  );
}
