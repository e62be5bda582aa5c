/** Number formatting shared by the text reporters (markdown, console, HTML): one look for every number. */
import type { BenchSummary, SummaryRow } from '@transferbench/core';

export type Stat = SummaryRow['power'];
export type CostToPower = BenchSummary['costToPower'][number];

export const fixed = (v: number | null | undefined, digits = 2): string =>
  v === null || v === undefined || !Number.isFinite(v) ? '—' : v.toFixed(digits);

/** `mean [lower, upper]`, or the mean alone without a CI, or `undefinedText` without a mean. */
export function statText(s: Stat, digits = 2, undefinedText = '—'): string {
  if (s.mean === null) return undefinedText;
  if (s.lower === null || s.upper === null) return fixed(s.mean, digits);
  return `${fixed(s.mean, digits)} [${fixed(s.lower, digits)}, ${fixed(s.upper, digits)}]`;
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

/** Cost to reach the target power, said in words. */
export function costText(c: CostToPower): string {
  switch (c.method) {
    case 'interpolated':
      return `${seconds(c.cpuSeconds)} CPU-s (interpolated, reached at ${c.budget})`;
    case 'upper-bound':
      return `≤ ${seconds(c.cpuSeconds)} CPU-s (cheapest budget ${c.budget} already reaches it)`;
    case 'not-reached':
      return `not reached (best power ${fixed(c.maxPower)})`;
    default:
      return 'undefined (no p-values)';
  }
}

/** Short form for table cells. */
export function costCell(c: CostToPower | undefined): string {
  if (!c) return '—';
  switch (c.method) {
    case 'interpolated':
      return seconds(c.cpuSeconds);
    case 'upper-bound':
      return `≤ ${seconds(c.cpuSeconds)}`;
    case 'not-reached':
      return 'not reached';
    default:
      return 'n/a';
  }
}

/** The value undefined power/FPR cells show: `n/a` when the estimator reports no p-values. */
export const undefinedPower = (r: SummaryRow): string => (r.hasPValues ? '—' : 'n/a');
