/**
 * Power against compute cost: scoring an estimate against a truth.
 *
 * Truth classes come from the truth's confidence intervals per ordered pair (target ← source, i ≠ j):
 *   - positive:      lower > 0            (the CI excludes 0 from above)
 *   - negative:      upper < 0
 *   - null:          −δ ≤ lower and upper ≤ δ, with 0 inside the CI (equivalent to no effect at margin δ)
 *   - indeterminate: the CI includes 0 and reaches beyond ±δ (too uncertain to call), or no effect/CI at all.
 * A CI excluding 0 wins over the equivalence band: a tiny but established effect is still non-null.
 * The CI is `lower/upper` when given, else `effect ± z·se` (z of a 95 % normal interval).
 *
 * Per estimate (one trial): the estimator's raw two-sided p-values over all off-diagonal pairs it tested
 * are adjusted with Benjamini–Hochberg; then
 *   - power = #(truly non-null pairs with adjusted p ≤ α and the sign of the truth) / #(truly non-null pairs)
 *             (a pair the estimator did not test counts as not detected);
 *   - FPR   = #(truly null pairs with adjusted p ≤ α) / #(truly null pairs);
 *   - the same two with raw p-values (`powerRaw`, `fprRaw`): the calibration view. A null estimator
 *     (uniform p, random sign) has fprRaw ≈ α, powerRaw ≈ α/2 (right sign half the time) and, after BH,
 *     power ≈ FPR ≈ 0;
 *   - Spearman ρ between estimated and true effects over off-diagonal pairs where both are numbers
 *     (indeterminate pairs included: their point estimates still rank).
 * Indeterminate pairs are excluded from power and FPR and counted. An estimator without p-values has
 * power and FPR undefined (null); its Spearman ρ is still computed.
 */
import { bhAdjust } from '../stats/multiple-testing.ts';
import { spearman } from '../stats/spearman.ts';
import { summarize } from '../stats/describe.ts';
import type { Matrix } from '../contracts/estimate.ts';
import type { TruthClass, TruthClasses } from './truth-classes.ts';

const finite = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);

export interface EstimateInput {
  tasks: string[];
  pairwise: { effect: Matrix; pValue?: Matrix };
}

export interface EstimateScore {
  /** off-diagonal pairs with a p-value */
  tested: number;
  positive: number;
  negative: number;
  nullPairs: number;
  indeterminate: number;
  /** BH-adjusted, right sign; null when the estimator gives no p-values or the truth has no non-null pair */
  power: number | null;
  fpr: number | null;
  powerRaw: number | null;
  fprRaw: number | null;
  /** non-null pairs detected (BH) with the wrong sign */
  signErrors: number | null;
  spearman: number | null;
  spearmanPairs: number;
}

/** Scores one estimate against truth classes, aligning tasks by id (the estimate may order them differently). */
export function scoreEstimate(est: EstimateInput, truth: TruthClasses, alpha: number): EstimateScore {
  if (!(alpha > 0 && alpha < 1)) throw new Error(`scoreEstimate: alpha = ${alpha}; expected a level in (0, 1)`);
  const pos = new Map(est.tasks.map((t, k) => [t, k]));
  const K = truth.tasks.length;
  const idx = truth.tasks.map((t) => pos.get(t));
  const hasP = !!est.pairwise.pValue && est.pairwise.pValue.some((row) => row.some(finite));

  interface Pair {
    cls: TruthClass;
    effect: number;
    p: number;
    truthEffect: number;
  }
  const pairs: Pair[] = [];
  for (let i = 0; i < K; i++) {
    for (let j = 0; j < K; j++) {
      if (i === j) continue;
      const a = idx[i],
        b = idx[j];
      const e = a !== undefined && b !== undefined ? est.pairwise.effect[a]?.[b] : null;
      const p = a !== undefined && b !== undefined ? est.pairwise.pValue?.[a]?.[b] : null;
      const te = truth.effect[i]?.[j];
      pairs.push({
        cls: truth.classes[i][j]!,
        effect: finite(e) ? e : Number.NaN,
        p: finite(p) && finite(e) ? Math.min(1, Math.max(0, p)) : Number.NaN,
        truthEffect: finite(te) ? te : Number.NaN,
      });
    }
  }
  const adjusted = bhAdjust(pairs.map((q) => q.p));
  const count = (c: TruthClass) => pairs.filter((q) => q.cls === c).length;
  const nonNull = pairs.map((q, k) => ({ q, k })).filter(({ q }) => q.cls === 'positive' || q.cls === 'negative');
  const nulls = pairs.map((q, k) => ({ q, k })).filter(({ q }) => q.cls === 'null');
  const rightSign = (q: Pair) => (q.cls === 'positive' ? q.effect > 0 : q.effect < 0);
  const rate = (hits: number, n: number) => (hasP && n > 0 ? hits / n : null);

  const detAdj = (k: number) => adjusted[k] <= alpha;
  const detRaw = (k: number) => pairs[k].p <= alpha;
  const rho = spearman(
    pairs.map((q) => q.effect),
    pairs.map((q) => q.truthEffect),
  );
  const spearmanPairs = pairs.filter((q) => !Number.isNaN(q.effect) && !Number.isNaN(q.truthEffect)).length;
  return {
    tested: pairs.filter((q) => !Number.isNaN(q.p)).length,
    positive: count('positive'),
    negative: count('negative'),
    nullPairs: nulls.length,
    indeterminate: count('indeterminate'),
    power: rate(nonNull.filter(({ q, k }) => detAdj(k) && rightSign(q)).length, nonNull.length),
    fpr: rate(nulls.filter(({ k }) => detAdj(k)).length, nulls.length),
    powerRaw: rate(nonNull.filter(({ q, k }) => detRaw(k) && rightSign(q)).length, nonNull.length),
    fprRaw: rate(nulls.filter(({ k }) => detRaw(k)).length, nulls.length),
    signErrors: hasP ? nonNull.filter(({ q, k }) => detAdj(k) && !rightSign(q)).length : null,
    spearman: Number.isNaN(rho) ? null : rho,
    spearmanPairs,
  };
}

/** Mean over seeds with a t-based CI; nulls (undefined metrics, failed seeds) are dropped and counted. */
export interface SeedStat {
  mean: number | null;
  lower: number | null;
  upper: number | null;
  /** seeds that contributed */
  n: number;
}

export function seedStat(values: readonly (number | null | undefined)[], level = 0.95): SeedStat {
  const xs = values.filter(finite);
  if (xs.length === 0) return { mean: null, lower: null, upper: null, n: 0 };
  const d = summarize(xs, level);
  const num = (v: number) => (Number.isFinite(v) ? v : null);
  return { mean: d.mean, lower: num(d.ciLower), upper: num(d.ciUpper), n: xs.length };
}

export interface BudgetPoint {
  budget: string;
  /** mean cost per estimate (e.g. CPU-seconds) */
  cost: number | null;
  /** mean power over seeds */
  power: number | null;
}

export interface CostToPower {
  target: number;
  /** estimated cost to reach the target power; null when not reached or undefined */
  cost: number | null;
  /**
   * `interpolated`: between the last budget below and the first at/above the target, linear in log cost;
   * `upper-bound`: the cheapest budget already reaches it (the true cost is at most this);
   * `not-reached`: no budget reaches it; `undefined`: no power values (no p-values or no truth)
   */
  method: 'interpolated' | 'upper-bound' | 'not-reached' | 'undefined';
  /** the first budget (in cost order) at or above the target */
  budget: string | null;
  maxPower: number | null;
}

/** Cost to reach a target power along a budget ladder, ordered by measured cost. */
export function costToReachPower(points: readonly BudgetPoint[], target: number): CostToPower {
  const pts = points
    .filter((p): p is BudgetPoint & { cost: number; power: number } => finite(p.cost) && finite(p.power))
    .sort((a, b) => a.cost - b.cost);
  if (pts.length === 0) return { target, cost: null, method: 'undefined', budget: null, maxPower: null };
  const maxPower = Math.max(...pts.map((p) => p.power));
  const k = pts.findIndex((p) => p.power >= target);
  if (k < 0) return { target, cost: null, method: 'not-reached', budget: null, maxPower };
  if (k === 0) return { target, cost: pts[0].cost, method: 'upper-bound', budget: pts[0].budget, maxPower };
  const a = pts[k - 1],
    b = pts[k];
  const t = (target - a.power) / (b.power - a.power);
  const cost =
    a.cost > 0 && b.cost > 0 ? Math.exp(Math.log(a.cost) + t * (Math.log(b.cost) - Math.log(a.cost))) : a.cost + t * (b.cost - a.cost);
  return { target, cost, method: 'interpolated', budget: b.budget, maxPower };
}

/** Power at a given cost, interpolated linearly in log cost inside the ladder's cost range; null outside it. */
export function powerAtCost(points: readonly BudgetPoint[], cost: number): number | null {
  const pts = points
    .filter((p): p is BudgetPoint & { cost: number; power: number } => finite(p.cost) && finite(p.power) && p.cost > 0)
    .sort((a, b) => a.cost - b.cost);
  if (!pts.length || !(cost >= pts[0].cost && cost <= pts[pts.length - 1].cost)) return null;
  for (let k = 0; k < pts.length; k++) {
    if (pts[k].cost === cost) return pts[k].power;
    if (k > 0 && pts[k - 1].cost < cost && cost < pts[k].cost) {
      const a = pts[k - 1],
        b = pts[k];
      const t = (Math.log(cost) - Math.log(a.cost)) / (Math.log(b.cost) - Math.log(a.cost));
      return a.power + t * (b.power - a.power);
    }
  }
  return null;
}

/**
 * The cost at which every ladder can be compared without extrapolation: the largest cost all ladders
 * reach (min over ladders of their top cost), provided it is not below any ladder's cheapest cost;
 * null when the ladders' cost ranges do not overlap.
 */
export function matchedCost(ladders: readonly (readonly BudgetPoint[])[]): number | null {
  const ranges = ladders
    .map((l) => l.filter((p) => finite(p.cost) && finite(p.power) && (p.cost as number) > 0).map((p) => p.cost as number))
    .filter((c) => c.length > 0)
    .map((c) => [Math.min(...c), Math.max(...c)] as const);
  if (!ranges.length) return null;
  const lo = Math.max(...ranges.map((r) => r[0]));
  const hi = Math.min(...ranges.map((r) => r[1]));
  return lo <= hi ? hi : null;
}
