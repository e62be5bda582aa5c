/**
 * The leaderboard's two rankings, per dataset (DESIGN: "ranks by power at matched cost and by cost to
 * reach a target power"):
 *   byCost  — estimators that reach the target power, cheapest first; then those that do not, by best
 *             power; then those without power (no p-values / no truth). This is the primary order.
 *   byMatchedPower — power at the common cost all ladders reach (summary.powerAtMatchedCost), highest
 *             first; null when the ladders' costs do not overlap or the estimator has no power.
 * Every reporter orders rows by these, so the Markdown, console, CSV and HTML agree.
 */
import type { BenchSummary, SummaryRow } from '@transferbench/core';
import type { CostToPower } from './format.ts';

export interface RankedEstimator {
  estimator: string;
  /** 1-based rank by cost to reach the target power (every estimator has one) */
  costRank: number;
  /** 1-based rank by power at matched cost; null when not comparable */
  matchedRank: number | null;
  matchedPower: number | null;
  cost: CostToPower | undefined;
  /** the estimator's budget ladder, cheapest first as written in the suite */
  ladder: SummaryRow[];
}

export interface DatasetRanking {
  dataset: string;
  /** CPU-seconds per estimate at which power was matched; null when the ladders do not overlap */
  matchedCpuSeconds: number | null;
  estimators: RankedEstimator[];
}

function costKey(c: CostToPower | undefined): [number, number] {
  if (!c) return [3, 0];
  if (c.method === 'interpolated' || c.method === 'upper-bound') return [0, c.cpuSeconds ?? Infinity];
  if (c.method === 'not-reached') return [1, -(c.maxPower ?? 0)];
  return [2, 0];
}

export function datasetsOf(summary: BenchSummary): string[] {
  return [...new Set(summary.rows.map((r) => r.dataset))];
}

export function rankDataset(summary: BenchSummary, dataset: string): DatasetRanking {
  const rows = summary.rows.filter((r) => r.dataset === dataset);
  const names = [...new Set(rows.map((r) => r.estimator))];
  const cost = (e: string) => summary.costToPower.find((c) => c.dataset === dataset && c.estimator === e);
  const matched = summary.powerAtMatchedCost.find((m) => m.dataset === dataset);
  const matchedPower = (e: string) => (matched?.cpuSeconds == null ? null : (matched.power.find((p) => p.estimator === e)?.power ?? null));
  const byCost = [...names].sort((a, b) => {
    const [ka, va] = costKey(cost(a));
    const [kb, vb] = costKey(cost(b));
    return ka - kb || va - vb || a.localeCompare(b);
  });
  const byMatched = names.filter((e) => matchedPower(e) !== null).sort((a, b) => matchedPower(b)! - matchedPower(a)! || a.localeCompare(b));
  return {
    dataset,
    matchedCpuSeconds: matched?.cpuSeconds ?? null,
    estimators: byCost.map((e, k) => ({
      estimator: e,
      costRank: k + 1,
      matchedRank: byMatched.includes(e) ? byMatched.indexOf(e) + 1 : null,
      matchedPower: matchedPower(e),
      cost: cost(e),
      ladder: rows.filter((r) => r.estimator === e).sort((a, b) => a.budgetIndex - b.budgetIndex),
    })),
  };
}

export function rankAll(summary: BenchSummary): DatasetRanking[] {
  return datasetsOf(summary).map((d) => rankDataset(summary, d));
}
