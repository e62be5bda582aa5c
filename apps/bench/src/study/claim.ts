/**
 * The study's conclusion, computed from a summary: the claim of the method's paper (arXiv 2512.24866) — the
 * learning-curve approach costs considerably more compute than TAG but reaches more power — split into its parts,
 * each confirmed, refuted or undecided at the study's budgets, with the numbers and intervals behind it.
 *   - cost: CPU-seconds per estimate at each method's most powerful rung (mean and CI over seeds and folds) — or,
 *     where one method has no rung whose power counts, at the top of each ladder: cost is measured either way;
 *     confirmed when the intervals do not overlap with the statistical method above, refuted when they do not
 *     overlap the other way, undecided otherwise;
 *   - power, per scope: each method's highest power over its ladder, leaving out rungs whose FPR interval lies
 *     wholly above α (as cost-to-power does: rejecting everything must not count as power); the difference with
 *     Newcombe's hybrid score interval (Stat. Med. 1998, method 10), from the two Wilson intervals.
 * Hand-written: the rule is the study's own; Newcombe's interval is three lines over the Wilson intervals.
 */
import type { BenchSummary, ScoreScope, SummaryRow } from '@transferbench/core';
import { fprAboveAlpha } from '../scoring/fpr-control.ts';

export type Verdict = 'confirmed' | 'refuted' | 'undecided' | 'not measured';

export interface ClaimPart {
  dataset: string;
  part: 'cost' | 'pairwise power' | 'contextual power';
  verdict: Verdict;
  sentence: string;
}

export interface ClaimMethods {
  /** the statistical method the claim is about (default learning-curve) */
  statistical: string;
  /** the computational baseline (default tag) */
  computational: string;
}

/** a proportion's bounds as numbers (NaN where undefined: every comparison with it is false, so the verdict stays undecided) */
const known = (p: { value: number | null; lower: number | null; upper: number | null }) => ({
  value: p.value ?? Number.NaN,
  lower: p.lower ?? Number.NaN,
  upper: p.upper ?? Number.NaN,
});
const f2 = (x: number | null) => (x === null ? '—' : x.toFixed(2));
const interval = (l: number | null, u: number | null) => `[${f2(l)}, ${f2(u)}]`;

/** Newcombe's hybrid score interval of p1 − p2 from two Wilson intervals. */
export function newcombeDifference(
  a: { value: number; lower: number; upper: number },
  b: { value: number; lower: number; upper: number },
): { value: number; lower: number; upper: number } {
  const d = a.value - b.value;
  return {
    value: d,
    lower: d - Math.sqrt((a.value - a.lower) ** 2 + (b.upper - b.value) ** 2),
    upper: d + Math.sqrt((a.upper - a.value) ** 2 + (b.value - b.lower) ** 2),
  };
}

/** Why none of a ladder's rungs counts for power in `scope`: each rung's missing p-values or FPR above α. */
function whyNotCounted(rows: SummaryRow[], scope: ScoreScope, alpha: number): string {
  const reasons = rows.flatMap((r) => {
    const s = r[scope];
    if (!s) return [];
    if (!s.hasPValues) return [`${r.budget}: no p-values`];
    const high = [
      ['on the truth’s null cells', s.fpr],
      ['on constructed nulls', s.fprConstructed],
    ] as const;
    const [where, p] = high.find(([, q]) => q.n > 0 && q.lower !== null && q.lower > alpha) ?? [];
    return p ? [`${r.budget}: FPR ${f2(p.value)} ${interval(p.lower, p.upper)} ${where}, power ${f2(s.power.value)} not counted`] : [];
  });
  return reasons.join('; ');
}

/** The rung of an estimator's ladder with the highest power in `scope` (FPR not above α), or null. */
function bestRung(rows: SummaryRow[], scope: ScoreScope, alpha: number): SummaryRow | null {
  let best: SummaryRow | null = null;
  for (const r of rows) {
    const s = r[scope];
    if (!s?.hasPValues || s.power.value === null || fprAboveAlpha(s, alpha)) continue;
    if (!best || s.power.value > best[scope]!.power.value!) best = r;
  }
  return best;
}

/** the claim's two methods unless told otherwise: the paper's */
export const DEFAULT_METHODS: ClaimMethods = { statistical: 'learning-curve', computational: 'tag' };

export function studyClaim(summary: BenchSummary, methods: ClaimMethods = DEFAULT_METHODS): ClaimPart[] {
  const { statistical: st, computational: co } = methods;
  const parts: ClaimPart[] = [];
  for (const dataset of [...new Set(summary.rows.map((r) => r.dataset))]) {
    const ladder = (e: string) => summary.rows.filter((r) => r.dataset === dataset && r.estimator === e && r.role === 'estimator');
    const [sRows, cRows] = [ladder(st), ladder(co)];
    const best = (scope: ScoreScope) => [bestRung(sRows, scope, summary.alpha), bestRung(cRows, scope, summary.alpha)] as const;
    for (const scope of ['pairwise', 'contextual'] as const) {
      const [s, c] = best(scope);
      const part = `${scope} power` as const;
      if (!s || !c) {
        if (sRows.some((r) => r[scope]) || cRows.some((r) => r[scope]))
          parts.push({
            dataset,
            part,
            verdict: 'not measured',
            sentence: [...sRows, ...cRows].every((r) => !r[scope]?.power.n)
              ? `On ${dataset}, ${scope} power: not measured — the truth has no positive or negative cell to detect (false positives are still scored).`
              : `On ${dataset}, ${scope} power: not measured for ${!s ? st : co} — no rung with p-values and FPR within α (${whyNotCounted(!s ? sRows : cRows, scope, summary.alpha)}).`,
          });
        continue;
      }
      const ps = s[scope]!.power,
        pc = c[scope]!.power;
      const d = newcombeDifference(known(ps), known(pc));
      const verdict: Verdict = d.lower > 0 ? 'confirmed' : d.upper < 0 ? 'refuted' : 'undecided';
      parts.push({
        dataset,
        part,
        verdict,
        sentence:
          `On ${dataset}, ${st} reaches more ${scope} power than ${co}: ${verdict} — ${f2(ps.value)} ${interval(ps.lower, ps.upper)} (${s.budget}, n ${ps.n}) ` +
          `against ${f2(pc.value)} ${interval(pc.lower, pc.upper)} (${c.budget}, n ${pc.n}); difference ${d.value >= 0 ? '+' : ''}${f2(d.value)} ${interval(d.lower, d.upper)}.`,
      });
    }
    // cost at each method's most powerful rung (contextual first: the scope every dataset of the study has), else at
    // the top of each ladder: that one method's power does not count takes nothing from what it costs
    const top = (rows: SummaryRow[]) => rows.reduce<SummaryRow | null>((a, r) => (!a || r.budgetIndex > a.budgetIndex ? r : a), null);
    const counted = [best('contextual'), best('pairwise')].find(([a, b]) => a && b);
    const [s, c] = counted ?? [top(sRows), top(cRows)];
    if (!s || !c) continue;
    const cs = s.cpuSeconds,
      cc = c.cpuSeconds;
    if (cs.mean === null || cc.mean === null) continue;
    const verdict: Verdict =
      cs.lower !== null && cc.upper !== null && cs.lower > cc.upper
        ? 'confirmed'
        : cs.upper !== null && cc.lower !== null && cs.upper < cc.lower
          ? 'refuted'
          : 'undecided';
    parts.push({
      dataset,
      part: 'cost',
      verdict,
      sentence:
        `On ${dataset}, ${st} costs more compute than ${co}: ${verdict} — ${f2(cs.mean)} CPU-s ${interval(cs.lower, cs.upper)} per estimate (${s.budget}) ` +
        `against ${f2(cc.mean)} ${interval(cc.lower, cc.upper)} (${c.budget}), ${(cs.mean / cc.mean).toFixed(1)}× as much` +
        (counted ? '.' : ' (the top of each ladder: no scope where both have a rung whose power counts).'),
    });
  }
  return parts;
}
