/**
 * Empirical-Bayes moderated t-tests (Smyth 2004, limma's `fitFDist` → `squeezeVar` → `eBayes` for one-sample
 * means): each feature's sample variance s²_g (d_g degrees of freedom) is shrunk towards a prior s²_0 with d_0
 * prior degrees of freedom fitted across all features by the method of moments on log s²:
 *   e_g = log s²_g − ψ(d_g/2) + log(d_g/2),  ē = mean e_g,
 *   ψ'(d_0/2) = var(e) − mean ψ'(d_g/2)   (d_0 = ∞ when the right side is ≤ 0),
 *   s²_0 = exp(ē + ψ(d_0/2) − log(d_0/2)),
 *   s̃²_g = (d_0·s²_0 + d_g·s²_g) / (d_0 + d_g),  t̃_g = mean_g / (s̃_g/√n_g),  df = min(d_0 + d_g, Σ d_g).
 * With few replicates per feature (3 df at 4 seeds) the shrunken variance buys degrees of freedom at no compute.
 * Hand-written from limma's R source (no JS port exists); ψ, ψ', ψ'' and the t distribution come from @stdlib.
 * Like limma, a variance below 1e-5 × the median (or exactly 0) is raised to it before taking logs.
 */
import { digamma, normalQuantile, polygamma, tCdf, tQuantile, trigamma } from './stdlib.ts';

export interface VariancePrior {
  /** prior degrees of freedom d_0 (Infinity: every variance is replaced by the prior) */
  df: number;
  /** prior variance s²_0 */
  s2: number;
}

/** limma's trigammaInverse: y with ψ'(y) = x, by Newton's method on 1/ψ'. */
export function trigammaInverse(x: number): number {
  if (!(x > 0)) throw new Error(`trigammaInverse: x = ${x}; expected a positive number`);
  if (x > 1e7) return 1 / Math.sqrt(x);
  if (x < 1e-6) return 1 / x;
  let y = 0.5 + 1 / x;
  for (let iter = 0; iter < 50; iter++) {
    const tri = trigamma(y);
    const dif = (tri * (1 - tri / x)) / polygamma(2, y);
    y += dif;
    if (-dif / y < 1e-8) break;
  }
  return y;
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** limma's fitFDist without covariate: the scaled-F prior of the variances (needs ≥ 2 finite features). */
export function fitVariancePrior(s2: readonly number[], df: readonly number[]): VariancePrior {
  if (s2.length !== df.length) throw new Error('fitVariancePrior: s2 and df must have the same length');
  const ok = s2.map((v, g) => Number.isFinite(v) && v >= 0 && Number.isFinite(df[g]) && df[g] > 1e-15);
  const x0 = s2.filter((_, g) => ok[g]);
  const d = df.filter((_, g) => ok[g]);
  if (x0.length < 2) throw new Error(`fitVariancePrior: expected at least 2 features with a variance, got ${x0.length}`);
  let m = median(x0);
  if (m === 0) m = 1; // limma: "more than half of residual variances are exactly zero"
  const x = x0.map((v) => Math.max(v, 1e-5 * m));
  const e = x.map((v, g) => Math.log(v) - digamma(d[g] / 2) + Math.log(d[g] / 2));
  const emean = e.reduce((a, b) => a + b, 0) / e.length;
  const evar = e.reduce((a, b) => a + (b - emean) ** 2, 0) / (e.length - 1) - d.reduce((a, b) => a + trigamma(b / 2), 0) / d.length;
  if (evar > 0) {
    const d0 = 2 * trigammaInverse(evar);
    return { df: d0, s2: Math.exp(emean + digamma(d0 / 2) - Math.log(d0 / 2)) };
  }
  return { df: Infinity, s2: Math.exp(emean) };
}

/** limma's squeezeVar: posterior variances given a prior. */
export function squeezeVariance(s2: number, df: number, prior: VariancePrior): number {
  if (!Number.isFinite(prior.df)) return prior.s2;
  return (prior.df * prior.s2 + df * s2) / (prior.df + df);
}

export interface MeanSample {
  mean: number;
  /** sample variance of the values */
  s2: number;
  n: number;
}

export interface ModeratedT {
  estimate: number;
  se: number;
  t: number;
  df: number;
  pValue: number;
  ciLower: number;
  ciUpper: number;
}

/**
 * Moderated one-sample t-tests of mean = 0 for many features at once. Features with n < 2 (no variance) take no
 * part in the prior and get NaN results, like an untestable feature elsewhere in core.
 */
export function moderatedTTests(samples: readonly MeanSample[], level = 0.95): { prior: VariancePrior; tests: ModeratedT[] } {
  const usable = samples.map((s) => s.n >= 2 && Number.isFinite(s.s2) && Number.isFinite(s.mean));
  const prior = fitVariancePrior(
    samples.filter((_, g) => usable[g]).map((s) => s.s2),
    samples.filter((_, g) => usable[g]).map((s) => s.n - 1),
  );
  const pooledDf = samples.reduce((a, s, g) => a + (usable[g] ? s.n - 1 : 0), 0);
  const nan: ModeratedT = { estimate: NaN, se: NaN, t: NaN, df: NaN, pValue: NaN, ciLower: NaN, ciUpper: NaN };
  const tests = samples.map((s, g) => {
    if (!usable[g]) return { ...nan, estimate: s.n >= 1 ? s.mean : NaN };
    const post = squeezeVariance(s.s2, s.n - 1, prior);
    const se = Math.sqrt(post / s.n);
    const df = Math.min(prior.df + s.n - 1, pooledDf);
    const t = s.mean / se;
    const q = Number.isFinite(df) ? tQuantile(1 - (1 - level) / 2, df) : normalQuantile(1 - (1 - level) / 2, 0, 1);
    const pValue = se > 0 ? 2 * tCdf(-Math.abs(t), df) : s.mean === 0 ? 1 : 0;
    return { estimate: s.mean, se, t, df, pValue, ciLower: s.mean - q * se, ciUpper: s.mean + q * se };
  });
  return { prior, tests };
}
