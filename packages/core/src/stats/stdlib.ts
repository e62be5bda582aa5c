/**
 * The @stdlib functions core uses, each loaded on its first call. Importing them all costs a process about
 * 0.3 CPU-s (hundreds of small CommonJS modules; the KS test alone ~0.1 s), and many processes need few or
 * none (the CLI's commands, training worker threads, the report). They are CommonJS, so a synchronous
 * `require` on first use keeps every caller synchronous.
 *
 * A trial child calls `preloadEstimatorStatistics()` before the estimator's clock starts: loading a library
 * is start-up, and must not count as the estimator's CPU time.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

// (each `require` is written out with its literal name, so that tools reading the imports — Nx's dependency checks — see it)
function lazy<F extends (...args: never[]) => unknown>(load: () => unknown): F {
  let fn: F | undefined;
  return ((...args: Parameters<F>) => (fn ??= load() as F)(...args)) as F;
}

export const tCdf = lazy<(x: number, df: number) => number>(() => require('@stdlib/stats-base-dists-t-cdf'));
export const tQuantile = lazy<(p: number, df: number) => number>(() => require('@stdlib/stats-base-dists-t-quantile'));
export const normalQuantile = lazy<(p: number, mu: number, sigma: number) => number>(() =>
  require('@stdlib/stats-base-dists-normal-quantile'),
);
export const digamma = lazy<(x: number) => number>(() => require('@stdlib/math-base-special-digamma'));
export const trigamma = lazy<(x: number) => number>(() => require('@stdlib/math-base-special-trigamma'));
export const polygamma = lazy<(n: number, x: number) => number>(() => require('@stdlib/math-base-special-polygamma'));
export const kstest = lazy<(x: number[], cdf: 'uniform', a: number, b: number) => { statistic: number; pValue: number }>(() =>
  require('@stdlib/stats-kstest'),
);

/** Loads the distributions an estimator's inference uses (t, normal, ψ family); not the KS test (scoring only). */
export function preloadEstimatorStatistics(): void {
  tCdf(0, 1);
  tQuantile(0.5, 1);
  normalQuantile(0.5, 0, 1);
  digamma(1);
  trigamma(1);
  polygamma(2, 1);
}
