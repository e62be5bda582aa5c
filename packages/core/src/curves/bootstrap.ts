/**
 * Bootstrap over replicate groups: resample whole replicates (points sharing `group`) with replacement,
 * refit, and take percentile intervals of each parameter over the refits that converged. Resampling whole
 * replicates keeps the within-replicate dependence (nested subsamples of one permutation) intact. When no
 * point carries a group, single points are resampled instead (`unit: 'point'`). Seeded through Rng.
 */
import { Rng } from '../rng.ts';
import { CurveDataError, type CurvePoint } from './data.ts';
import type { CurveFamily } from './family.ts';
import { fitCurve, type CurveFit, type CurveFitOptions, type NamedValues } from './fit.ts';

export interface CurveBootstrapOptions {
  /** bootstrap refits (default 200) */
  replicates?: number;
  rng?: Rng;
  seed?: number;
  /** percentile interval level (default 0.95) */
  level?: number;
  /** options for each refit; each starts from the full estimate plus `restarts` random starts (default 1) */
  fit?: CurveFitOptions;
}

export interface CurveBootstrap {
  unit: 'group' | 'point';
  groups: number;
  replicates: number;
  /** refits that did not converge (excluded from the intervals) */
  failed: number;
  level: number;
  lower: NamedValues;
  upper: NamedValues;
  /** bootstrap standard deviation of each parameter */
  sd: NamedValues;
}

/** Quantile, linear interpolation (R type 7 / numpy 'linear'), of a sorted array. */
function quantileSorted(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h),
    hi = Math.ceil(h);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

export function bootstrapCurve(
  family: CurveFamily,
  points: readonly CurvePoint[],
  full: CurveFit,
  options: CurveBootstrapOptions = {},
): CurveBootstrap {
  const withGroup = points.filter((p) => p.group !== undefined).length;
  if (withGroup !== 0 && withGroup !== points.length) {
    throw new CurveDataError(
      `bootstrapCurve: ${points.length - withGroup} of ${points.length} points have no group; give every point a replicate group or none`,
    );
  }
  const unit = withGroup > 0 ? 'group' : 'point';
  const byGroup = new Map<string | number, CurvePoint[]>();
  points.forEach((p, i) => {
    const key = unit === 'group' ? p.group! : i;
    if (!byGroup.has(key)) byGroup.set(key, []);
    byGroup.get(key)!.push(p);
  });
  const clusters = [...byGroup.values()];
  const B = options.replicates ?? 200;
  const level = options.level ?? 0.95;
  const rng = (options.rng ?? new Rng(options.seed ?? 0)).stream('curve-bootstrap');
  const names = full.parameters;
  const draws: number[][] = names.map(() => []);
  let failed = 0;
  for (let b = 0; b < B; b++) {
    const sample: CurvePoint[] = [];
    for (let g = 0; g < clusters.length; g++) sample.push(...clusters[rng.int(0, clusters.length - 1)]);
    const fit = fitCurve(family, sample, {
      restarts: 1,
      ...options.fit,
      scales: full.scales,
      start: full.values.every(Number.isFinite) ? full.values : undefined,
      rng: rng.stream(b),
    });
    if (!fit.converged) {
      failed++;
      continue;
    }
    fit.values.forEach((v, k) => draws[k].push(v));
  }
  const lower: number[] = [],
    upper: number[] = [],
    sd: number[] = [];
  for (const d of draws) {
    d.sort((a, b) => a - b);
    lower.push(quantileSorted(d, (1 - level) / 2));
    upper.push(quantileSorted(d, (1 + level) / 2));
    const m = d.reduce((s, v) => s + v, 0) / d.length;
    sd.push(d.length > 1 ? Math.sqrt(d.reduce((s, v) => s + (v - m) ** 2, 0) / (d.length - 1)) : NaN);
  }
  const named = (v: number[]): NamedValues => Object.fromEntries(names.map((n, k) => [n, Number.isFinite(v[k]) ? v[k] : null]));
  return { unit, groups: clusters.length, replicates: B, failed, level, lower: named(lower), upper: named(upper), sd: named(sd) };
}
