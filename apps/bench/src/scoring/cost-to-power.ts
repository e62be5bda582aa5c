/**
 * CPU-seconds to reach a target power along one estimator's budget ladder.
 *   - a budget reaches it: interpolated between the last budget below and the first at or above it, linear in
 *     log cost (`interpolated`), or the cheapest budget when it already does (`at-budget`: an upper bound);
 *   - none does: extrapolated from a monotone curve, the logistic power = 1 / (1 + e^−(a + b·log cost)) fitted to
 *     the pooled detection counts of every budget by binomial maximum likelihood (`extrapolated`); when the fit
 *     does not rise with cost (b ≤ 0, or no detection at all) the ladder shows a plateau (`plateau`: no cost);
 *     when fewer than two budgets have detections (the slope would rest on one non-zero point: from 0 and 0.08
 *     the fit put 80 % power just above the ladder) or the fit lands inside the ladder, only the measured fact is
 *     given: more than the ladder's top cost (`beyond-ladder`, the top cost as `lower`);
 *   - the interval: percentile bootstrap over seeds (a seed's trials at every budget resampled together, as they
 *     share the seed); a resample that does not reach the target at any cost makes the upper end unbounded (null).
 * Hand-written: a two-parameter logistic fit by Newton's method and a short bootstrap loop.
 */
import { quantiles, Rng } from '@transferbench/core';

export interface LadderBudget {
  budget: string;
  /** per seed (same order in every budget; null = the seed failed or is missing) */
  seeds: ({ cpuSeconds: number; hits: number; n: number } | null)[];
}

export interface CostToPower {
  cpuSeconds: number | null;
  lower: number | null;
  upper: number | null;
  method: 'interpolated' | 'at-budget' | 'extrapolated' | 'beyond-ladder' | 'plateau' | 'undefined';
  budget: string | null;
  maxPower: number | null;
}

interface Point {
  budget: string;
  cost: number;
  hits: number;
  n: number;
}

function points(ladder: readonly LadderBudget[], pick: readonly number[]): Point[] {
  const out: Point[] = [];
  for (const b of ladder) {
    const s = pick.map((k) => b.seeds[k]).filter((x): x is NonNullable<typeof x> => x !== null);
    const n = s.reduce((a, x) => a + x.n, 0);
    if (!s.length || n === 0) continue;
    const cost = s.reduce((a, x) => a + x.cpuSeconds, 0) / s.length;
    if (cost > 0) out.push({ budget: b.budget, cost, hits: s.reduce((a, x) => a + x.hits, 0), n });
  }
  return out.sort((a, b) => a.cost - b.cost);
}

/** Binomial logistic regression of hits/n on x by Newton–Raphson; null when it cannot be fitted. */
export function fitLogistic(x: readonly number[], hits: readonly number[], n: readonly number[]): { a: number; b: number } | null {
  if (new Set(x).size < 2) return null;
  let a = 0,
    b = 0;
  for (let iter = 0; iter < 100; iter++) {
    let ga = 0,
      gb = 0,
      haa = 0,
      hab = 0,
      hbb = 0;
    for (let i = 0; i < x.length; i++) {
      const p = 1 / (1 + Math.exp(-(a + b * x[i])));
      const r = hits[i] - n[i] * p;
      const w = n[i] * p * (1 - p);
      ga += r;
      gb += r * x[i];
      haa += w;
      hab += w * x[i];
      hbb += w * x[i] * x[i];
    }
    const det = haa * hbb - hab * hab;
    if (!(det > 1e-12)) break;
    const da = (hbb * ga - hab * gb) / det;
    const db = (haa * gb - hab * ga) / det;
    a += da;
    b += db;
    if (Math.abs(da) + Math.abs(db) < 1e-10) break;
  }
  return Number.isFinite(a) && Number.isFinite(b) ? { a, b } : null;
}

/** The point estimate for one set of points (ladder sorted by cost). */
function estimate(pts: readonly Point[], target: number): Omit<CostToPower, 'lower' | 'upper'> {
  if (!pts.length) return { cpuSeconds: null, method: 'undefined', budget: null, maxPower: null };
  const power = (p: Point) => p.hits / p.n;
  const maxPower = Math.max(...pts.map(power));
  const k = pts.findIndex((p) => power(p) >= target);
  if (k === 0) return { cpuSeconds: pts[0].cost, method: 'at-budget', budget: pts[0].budget, maxPower };
  if (k > 0) {
    const a = pts[k - 1],
      b = pts[k];
    const t = (target - power(a)) / (power(b) - power(a));
    const cost = Math.exp(Math.log(a.cost) + t * (Math.log(b.cost) - Math.log(a.cost)));
    return { cpuSeconds: cost, method: 'interpolated', budget: b.budget, maxPower };
  }
  const hits = pts.map((p) => p.hits);
  const fit = hits.some((h) => h > 0)
    ? fitLogistic(
        pts.map((p) => Math.log(p.cost)),
        hits,
        pts.map((p) => p.n),
      )
    : null;
  if (!fit || !(fit.b > 0)) return { cpuSeconds: null, method: 'plateau', budget: null, maxPower };
  const cost = Math.exp((Math.log(target / (1 - target)) - fit.a) / fit.b);
  const top = pts[pts.length - 1].cost;
  if (hits.filter((h) => h > 0).length < 2 || !(cost > top)) return { cpuSeconds: null, method: 'beyond-ladder', budget: null, maxPower };
  return {
    cpuSeconds: Number.isFinite(cost) ? cost : null,
    method: Number.isFinite(cost) ? 'extrapolated' : 'plateau',
    budget: null,
    maxPower,
  };
}

export function costToPower(ladder: readonly LadderBudget[], target: number, rngLabel: string, resamples = 1000): CostToPower {
  const seeds = Math.max(0, ...ladder.map((b) => b.seeds.length));
  const all = Array.from({ length: seeds }, (_, k) => k);
  const pts = points(ladder, all);
  const point = estimate(pts, target);
  if (point.method === 'beyond-ladder') return { ...point, lower: pts[pts.length - 1].cost, upper: null };
  if (point.cpuSeconds === null || seeds < 2) return { ...point, lower: null, upper: null };
  const rng = new Rng(0).stream(`cost-to-power/${rngLabel}`);
  const costs: number[] = [];
  let unbounded = 0;
  for (let r = 0; r < resamples; r++) {
    const pick = all.map(() => rng.int(0, seeds - 1));
    const c = estimate(points(ladder, pick), target).cpuSeconds;
    if (c === null) unbounded++;
    else costs.push(c);
  }
  // an unreachable resample sorts above every finite cost
  const sorted = [...costs.sort((a, b) => a - b), ...new Array<number>(unbounded).fill(Infinity)];
  const [lo, hi] = quantiles(sorted, [0.025, 0.975]);
  return { ...point, lower: Number.isFinite(lo) ? lo : null, upper: Number.isFinite(hi) ? hi : null };
}
