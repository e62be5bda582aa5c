/**
 * The leaderboard's rankings, per dataset and per truth scope (pairwise, contextual) — DESIGN: "ranks by power
 * at matched cost and by cost to reach a target power":
 *   byCost  — CPU-seconds to the target power (summary.costToPower of the scope): reached within the ladder
 *             (interpolated, or at the cheapest budget: an upper bound), cheapest first; then extrapolated beyond
 *             the ladder, cheapest first (a model-based figure ranks after every measured one); then ladders that
 *             did not reach it (too little signal to extrapolate, or a plateau), by best measured power; then estimators whose FPR is above α at every budget (budgets whose FPR's Wilson
 *             interval lies above α never count towards the cost: summary.costToPower.fprAboveAlpha), and those
 *             without power (no p-values). The primary order.
 *   byMatchedPower — power at the common cost (summary.powerAtMatchedCost of the scope), highest first; null
 *             when the ladders' costs do not overlap or the estimator has no power.
 * Reference rows (role 'reference': the truth's own oracle at small budgets on a disjoint seed stream) are the
 * line to beat, not competitors: they are listed apart, unranked, with their cost and matched power.
 * Every reporter orders rows by these, so the Markdown, console, CSV and HTML agree.
 */
import type { BenchSummary, ScoreScope, SummaryRow, TruthSummary } from '@transferbench/core';
import type { CostToPower } from './format.ts';

export const SCOPES: readonly ScoreScope[] = ['pairwise', 'contextual'];

export interface RankedEstimator {
  estimator: string;
  role: SummaryRow['role'];
  /** 1-based rank among the estimators by cost to reach the target power; null for a reference */
  costRank: number | null;
  /** 1-based rank among the estimators by power at matched cost; null when not comparable or a reference */
  matchedRank: number | null;
  matchedPower: number | null;
  cost: CostToPower | undefined;
  /** the estimator's budget ladder, cheapest first as written in the suite */
  ladder: SummaryRow[];
}

export interface ScopeRanking {
  dataset: string;
  scope: ScoreScope;
  /** the truth this scope is scored against; null when the suite has none for the dataset */
  truth: TruthSummary | null;
  /** CPU-seconds per estimate at which power was matched; null when the ladders do not overlap */
  matchedCpuSeconds: number | null;
  estimators: RankedEstimator[];
  references: RankedEstimator[];
  /** estimators with finished trials but no output of this scope (e.g. no contextual vector) */
  withoutOutput: string[];
}

export interface DatasetRanking {
  dataset: string;
  /** one per truth scope of the dataset, pairwise first */
  scopes: ScopeRanking[];
}

function costKey(c: CostToPower | undefined): [number, number] {
  if (!c) return [4, 0];
  switch (c.method) {
    case 'interpolated':
    case 'at-budget':
      return [0, c.cpuSeconds ?? Infinity];
    case 'extrapolated':
      return [1, c.cpuSeconds ?? Infinity];
    case 'beyond-ladder':
    case 'plateau':
      return [2, -(c.maxPower ?? 0)];
    default:
      return [3, 0];
  }
}

export function datasetsOf(summary: BenchSummary): string[] {
  return [...new Set([...summary.rows.map((r) => r.dataset), ...summary.truths.map((t) => t.dataset)])];
}

/** Scopes with a truth for the dataset (pairwise first); `pairwise` alone when the dataset has no truth at all. */
export function scopesOf(summary: BenchSummary, dataset: string): ScoreScope[] {
  const scopes = SCOPES.filter((s) => summary.truths.some((t) => t.dataset === dataset && t.scope === s));
  return scopes.length ? scopes : ['pairwise'];
}

/** A truth that produced classes: the scope can be scored. */
export const truthUsable = (t: TruthSummary | null): boolean => !!t && t.status === 'ok' && t.counts !== null;

export function rankScope(summary: BenchSummary, dataset: string, scope: ScoreScope): ScopeRanking {
  const truth = summary.truths.find((t) => t.dataset === dataset && t.scope === scope) ?? null;
  const rows = summary.rows.filter((r) => r.dataset === dataset);
  const names = [...new Set(rows.map((r) => r.estimator))];
  const ladder = (e: string) => rows.filter((r) => r.estimator === e).sort((a, b) => a.budgetIndex - b.budgetIndex);
  // an estimator is listed in the scope's table when it was scored there, when the truth could not score
  // anything, or when none of its trials finished (its failure shows in the table); otherwise it has no output
  const listed = (e: string) => {
    const l = ladder(e);
    return !truthUsable(truth) || l.some((r) => r[scope] !== null) || l.every((r) => r.seeds.ok === 0);
  };
  const role = (e: string) => ladder(e)[0].role;
  const cost = (e: string) => summary.costToPower.find((c) => c.dataset === dataset && c.estimator === e && c.scope === scope);
  const matched = summary.powerAtMatchedCost.find((m) => m.dataset === dataset && m.scope === scope);
  const matchedPower = (e: string) => (matched?.cpuSeconds == null ? null : (matched.power.find((p) => p.estimator === e)?.power ?? null));

  const shown = names.filter(listed);
  const competitors = shown.filter((e) => role(e) === 'estimator');
  const byCost = [...competitors].sort((a, b) => {
    const [ka, va] = costKey(cost(a));
    const [kb, vb] = costKey(cost(b));
    return ka - kb || va - vb || a.localeCompare(b);
  });
  const byMatched = competitors
    .filter((e) => matchedPower(e) !== null)
    .sort((a, b) => matchedPower(b)! - matchedPower(a)! || a.localeCompare(b));
  const entry = (e: string, costRank: number | null): RankedEstimator => ({
    estimator: e,
    role: role(e),
    costRank,
    matchedRank: costRank !== null && byMatched.includes(e) ? byMatched.indexOf(e) + 1 : null,
    matchedPower: matchedPower(e),
    cost: cost(e),
    ladder: ladder(e),
  });
  return {
    dataset,
    scope,
    truth,
    matchedCpuSeconds: matched?.cpuSeconds ?? null,
    estimators: byCost.map((e, k) => entry(e, k + 1)),
    references: shown.filter((e) => role(e) === 'reference').map((e) => entry(e, null)),
    withoutOutput: names.filter((e) => !listed(e)),
  };
}

export function rankDataset(summary: BenchSummary, dataset: string): DatasetRanking {
  return { dataset, scopes: scopesOf(summary, dataset).map((scope) => rankScope(summary, dataset, scope)) };
}

export function rankAll(summary: BenchSummary): DatasetRanking[] {
  return datasetsOf(summary).map((d) => rankDataset(summary, d));
}

/** Estimators in matched-power order with their power, then the references' power at the same cost. */
export function matchedOrder(r: ScopeRanking): RankedEstimator[] {
  return r.estimators.filter((e) => e.matchedRank !== null).sort((a, b) => a.matchedRank! - b.matchedRank!);
}
