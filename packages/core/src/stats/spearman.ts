/**
 * Spearman's rank correlation ρ = Pearson correlation of average ranks (ties averaged), as
 * scipy.stats.spearmanr and R's cor(method = "spearman"). Pairs where either value is NaN are dropped first.
 * Contract: NaN when fewer than 2 pairs remain or either side is constant (correlation undefined).
 */
import { averageRanks } from './rank.ts';

/** Pearson correlation; NaN for n < 2 or a constant side. Inputs must not contain NaN. */
export function pearson(x: ArrayLike<number>, y: ArrayLike<number>): number {
  if (x.length !== y.length) throw new Error(`pearson: x has length ${x.length} but y has length ${y.length}; expected equal lengths`);
  const n = x.length;
  if (n < 2) return Number.NaN;
  let mx = 0,
    my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i];
    my += y[i];
  }
  mx /= n;
  my /= n;
  let sxy = 0,
    sxx = 0,
    syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i] - mx,
      dy = y[i] - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (sxx === 0 || syy === 0) return Number.NaN;
  // clamp: rounding can push |r| a hair above 1
  return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
}

/** Spearman ρ over the pairs where neither value is NaN. */
export function spearman(x: ArrayLike<number>, y: ArrayLike<number>): number {
  if (x.length !== y.length) throw new Error(`spearman: x has length ${x.length} but y has length ${y.length}; expected equal lengths`);
  const xs: number[] = [],
    ys: number[] = [];
  for (let i = 0; i < x.length; i++) {
    if (Number.isNaN(x[i]) || Number.isNaN(y[i])) continue;
    xs.push(x[i]);
    ys.push(y[i]);
  }
  if (xs.length < 2) return Number.NaN;
  return pearson(averageRanks(xs), averageRanks(ys));
}
