/**
 * Wilson score interval for a binomial proportion (Wilson 1927; Newcombe 1998, method 3): never outside [0, 1],
 * well behaved at 0 and n successes, where the Wald interval collapses. Hand-written: two lines of algebra
 * with a normal quantile from @stdlib.
 */
import { normalQuantile } from './stdlib.ts';

export interface Proportion {
  /** successes / trials; null when there are no trials */
  value: number | null;
  lower: number | null;
  upper: number | null;
  hits: number;
  n: number;
}

export function wilsonInterval(hits: number, n: number, level = 0.95): Proportion {
  if (!(Number.isInteger(hits) && Number.isInteger(n) && hits >= 0 && hits <= n)) {
    throw new Error(`wilsonInterval: expected integer counts 0 ≤ hits ≤ n, got ${hits} of ${n}`);
  }
  if (!(level > 0 && level < 1)) throw new Error(`wilsonInterval: level = ${level}; expected a confidence level in (0, 1)`);
  if (n === 0) return { value: null, lower: null, upper: null, hits, n };
  const z = normalQuantile(1 - (1 - level) / 2, 0, 1);
  const p = hits / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  // exact ends at 0 and n (the formula gives them up to rounding)
  return { value: p, lower: hits === 0 ? 0 : centre - half, upper: hits === n ? 1 : centre + half, hits, n };
}
