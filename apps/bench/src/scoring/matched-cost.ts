/**
 * Power at matched cost: every ladder compared at one CPU-second value that all of them reach, interpolating
 * power linearly in log cost inside each ladder's range and never extrapolating.
 */
const finite = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);

export interface BudgetPoint {
  budget: string;
  /** mean cost per estimate (e.g. CPU-seconds) */
  cost: number | null;
  /** mean power over seeds */
  power: number | null;
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
