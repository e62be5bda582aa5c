/**
 * Number and phrase formatting shared by the text reporters (markdown, console, HTML): one look for every
 * number, one wording for every truth, cost and class rule, so the formats agree.
 */
import type { BenchSummary, CostToPowerRow, ScopeScore, ScoreScope, SummaryRow, TruthSummary } from '@transferbench/core';

/** A cost statistic over seeds (mean with a t-based CI). */
export type Stat = SummaryRow['cpuSeconds'];
/** A pooled proportion with its Wilson interval. */
export type Prop = ScopeScore['power'];
export type CostToPower = CostToPowerRow;

export const fixed = (v: number | null | undefined, digits = 2): string =>
  v === null || v === undefined || !Number.isFinite(v) ? '—' : v.toFixed(digits);

/** `mean [lower, upper]`, or the mean alone without a CI, or `undefinedText` without a mean. */
export function statText(s: Stat, digits = 2, undefinedText = '—'): string {
  if (s.mean === null) return undefinedText;
  if (s.lower === null || s.upper === null) return fixed(s.mean, digits);
  return `${fixed(s.mean, digits)} [${fixed(s.lower, digits)}, ${fixed(s.upper, digits)}]`;
}

/** A proportion as `0.62 [0.55, 0.69]` (Wilson interval), or `undefinedText` when nothing was counted. */
export function propText(p: Prop | null | undefined, undefinedText = '—', digits = 2): string {
  if (!p || p.value === null) return undefinedText;
  if (p.lower === null || p.upper === null) return fixed(p.value, digits);
  return `${fixed(p.value, digits)} [${fixed(p.lower, digits)}, ${fixed(p.upper, digits)}]`;
}

/** 1234567 → `1.23 M`: sample-passes and FLOPs span many orders of magnitude. */
export function compact(v: number | null): string {
  if (v === null || !Number.isFinite(v)) return '—';
  if (Math.abs(v) >= 1e9) return `${(v / 1e9).toFixed(2)} G`;
  if (Math.abs(v) >= 1e6) return `${(v / 1e6).toFixed(2)} M`;
  if (Math.abs(v) >= 1e3) return `${(v / 1e3).toFixed(1)} k`;
  return v.toFixed(v % 1 === 0 ? 0 : 2);
}

/** CPU-seconds with precision that shrinks as the value grows. */
export function seconds(v: number | null): string {
  if (v === null || !Number.isFinite(v)) return '—';
  return v < 10 ? v.toFixed(2) : v < 100 ? v.toFixed(1) : v.toFixed(0);
}

/** A truth's margin δ as written in the suite (no rounding: 0.003 stays 0.003). */
export const delta = (t: Pick<TruthSummary, 'nullMargin'>): string => String(t.nullMargin);

export const scopeTitle = (scope: ScoreScope): string => (scope === 'pairwise' ? 'Pairwise' : 'Contextual');

/** What a scope's cells are, for legends. */
export const cellNoun = (scope: ScoreScope): string => (scope === 'pairwise' ? 'ordered pairs' : 'targets');

/**
 * The truth a table is scored against, named by its estimator (or "planted"), what Δ means (the oracle's unit,
 * e.g. `Δ test ROC-AUC of the target trained with the source − alone (full data; …)`) and δ.
 */
export function truthName(t: TruthSummary | null | undefined): string {
  if (!t) return 'none';
  const who = t.source === 'planted' ? 'planted structure' : `${t.estimator ?? '?'} (oracle)`;
  const unit = t.unit === null ? 'Δ in a unit not reported' : t.unit.startsWith('Δ') ? t.unit : `Δ in ${t.unit}`;
  return `${who}: ${unit}; δ = ${delta(t)}`;
}

/** Class counts of a truth in one line: `8 positive, 2 negative, 4 small, 12 null, 4 indeterminate`. */
export function countsText(t: TruthSummary): string {
  const c = t.counts;
  if (!c) return `truth ${t.status}: no classes`;
  return `${c.positive} positive, ${c.negative} negative, ${c.small} small, ${c.null} null, ${c.indeterminate} indeterminate`;
}

/** A share as a percentage, e.g. `87 %`. */
export const percent = (v: number | null): string => (v === null || !Number.isFinite(v) ? '—' : `${Math.round(v * 100)} %`);

/** `[lower, upper]` of a cost interval; upper null with a lower bound = unbounded; nothing without bounds. */
function costInterval(c: CostToPower): string {
  if (c.lower === null && c.upper === null) return '';
  return ` [${seconds(c.lower)}, ${c.upper === null ? 'unbounded' : seconds(c.upper)}]`;
}

/** Cost to reach the target power, said in words (with its bootstrap interval over seeds). */
export function costText(c: CostToPower): string {
  const ci = costInterval(c);
  switch (c.method) {
    case 'interpolated':
      return `${seconds(c.cpuSeconds)} CPU-s${ci} (interpolated in log cost; reached at ${c.budget})${leftOut(c)}`;
    case 'at-budget':
      return `≤ ${seconds(c.cpuSeconds)} CPU-s${ci} (an upper bound: the cheapest budget ${c.budget} already reaches it)${leftOut(c)}`;
    case 'extrapolated':
      return (
        `≈ ${seconds(c.cpuSeconds)} CPU-s${ci} — EXTRAPOLATED beyond the budget ladder from a logistic fit of power on ` +
        `log CPU-s (best measured power ${fixed(c.maxPower)})${leftOut(c)}`
      );
    case 'beyond-ladder':
      return (
        `> ${seconds(c.lower)} CPU-s: not reached within the ladder (best measured power ${fixed(c.maxPower)}; ` +
        `too few budgets with detections to extrapolate)${leftOut(c)}`
      );
    case 'plateau':
      return `not reached: plateau (best measured power ${fixed(c.maxPower)}; the fitted power does not rise with cost)${leftOut(c)}`;
    case 'fpr-above-alpha':
      return `not ranked: the FPR is above α at every budget${leftOut(c)}`;
    default:
      return 'undefined (no p-values)';
  }
}

/** Budgets left out of the cost because their FPR's Wilson interval lies above α. */
function leftOut(c: CostToPower): string {
  const b = c.fprAboveAlpha ?? [];
  return b.length ? ` (left out, FPR above α: ${b.join(', ')})` : '';
}

/** Short form for table cells; an extrapolated cost always says so. */
export function costCell(c: CostToPower | undefined): string {
  if (!c) return '—';
  switch (c.method) {
    case 'interpolated':
      return seconds(c.cpuSeconds);
    case 'at-budget':
      return `≤ ${seconds(c.cpuSeconds)}`;
    case 'extrapolated':
      return `≈ ${seconds(c.cpuSeconds)} (extrapolated)`;
    case 'beyond-ladder':
      return `> ${seconds(c.lower)}`;
    case 'plateau':
      return 'plateau';
    case 'fpr-above-alpha':
      return 'FPR > α';
    default:
      return 'n/a';
  }
}

/**
 * What an empty power/FPR cell shows: `n/a` when the estimator reports no p-values for the scope, `—` when
 * the scope was not scored (no output, no truth) or nothing was counted (e.g. no constructed nulls).
 */
export const undefinedPower = (score: ScopeScore | null): string => (score && !score.hasPValues ? 'n/a' : '—');

/** A p-value for reading: `<0.001`, `0.004`, `0.43`. */
export function pText(p: number | null): string {
  if (p === null || !Number.isFinite(p)) return '—';
  return p < 0.001 ? '<0.001' : fixed(p, p < 0.01 ? 3 : 2);
}

/** KS p of the constructed-null p-values with their count, e.g. `0.43 (n 30)`. */
export function ksText(score: ScopeScore | null): string {
  if (!score) return '—';
  if (!score.hasPValues) return 'n/a';
  const c = score.calibration;
  if (c.ksPValue === null) return c.n ? `— (n ${c.n})` : '—';
  return `${pText(c.ksPValue)} (n ${c.n})`;
}

/** The column heading of ρ, with the truth's noise ceiling (the most any estimator's ρ can be expected to reach). */
export const rhoHeading = (t: TruthSummary | null | undefined): string => `ρ (ceiling ${fixed(t?.ceiling ?? null)})`;

/** One |Δ| bin, e.g. `[0.005, 0.01)` or `≥ 0.02` (absolute effects in the truth's unit). */
export function binText(b: { from: number; to: number | null }): string {
  const n = (v: number) => String(Number(v.toPrecision(3)));
  return b.to === null ? `≥ ${n(b.from)}` : `[${n(b.from)}, ${n(b.to)})`;
}

/** The class-rule sentence every report prints once; δ is given per truth. */
export const classRuleText = (s: BenchSummary): string => `Truth classes (δ per truth): ${s.classRule}.`;
