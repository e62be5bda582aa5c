/**
 * Seeds of one estimator × budget pooled into the summary's ScopeScore: detections are binomial counts over
 * cells × seeds, so power and FPR are pooled proportions with Wilson intervals (never outside [0, 1]; a
 * t-interval over 3 seeds of a proportion is not); calibration is the KS test of the pooled constructed-null
 * p-values against U(0, 1); ρ is the mean over seeds with a percentile bootstrap over cells (cells resampled
 * jointly for every seed); power by |true Δ| bins in units of the truth's margin δ.
 */
import { bootstrapCi, emptyClassCounts, ksUniform, Rng, wilsonInterval, type ScopeScore, type TransferEstimate } from '@transferbench/core';
import type { TruthGrid } from './cells.ts';
import { rankCells, resampledSpearman } from './resampled-spearman.ts';
import { cellEffects, scoreTrial, type Count, type TrialScore } from './score-trial.ts';

const BOOTSTRAP_RESAMPLES = 1000;

function pooled(scores: readonly TrialScore[], pick: (s: TrialScore) => Count) {
  const hits = scores.reduce((a, s) => a + pick(s).hits, 0);
  const n = scores.reduce((a, s) => a + pick(s).n, 0);
  return wilsonInterval(hits, n);
}

const unscored = () => wilsonInterval(0, 0);

/** Bins of |true Δ| / δ: [1, 2), [2, 4), [4, ∞); one bin [0, ∞) when δ = 0. */
function effectBins(margin: number): { from: number; to: number | null }[] {
  if (!(margin > 0)) return [{ from: 0, to: null }];
  return [
    { from: margin, to: 2 * margin },
    { from: 2 * margin, to: 4 * margin },
    { from: 4 * margin, to: null },
  ];
}

export function poolSeeds(
  grid: TruthGrid,
  truthId: string,
  estimates: readonly TransferEstimate[],
  alpha: number,
  rngLabel: string,
): ScopeScore {
  const scores = estimates.map((e) => scoreTrial(grid, e, alpha));
  const hasPValues = scores.some((s) => s.hasPValues);
  const withP = scores.filter((s) => s.hasPValues);
  const prop = (pick: (s: TrialScore) => Count) => (hasPValues ? pooled(withP, pick) : unscored());
  const nullP = withP.flatMap((s) => s.nullPValues);
  const ks = ksUniform(nullP);

  // ρ: mean over seeds; CI from resampling the cells (the same resample in every seed)
  const ranked = estimates.map((e) => {
    const f = cellEffects(grid, e);
    return rankCells(f.estimate, f.truth);
  });
  const meanRho = (idx: readonly number[]) => {
    const counts = new Uint32Array(grid.cells.length);
    for (const i of idx) counts[i]++;
    const rs = ranked.map((r) => resampledSpearman(r, counts)).filter((r) => !Number.isNaN(r));
    return rs.length ? rs.reduce((a, b) => a + b, 0) / rs.length : Number.NaN;
  };
  const rhos = scores.map((s) => s.spearman).filter((r): r is number => r !== null);
  let rhoCi = { lower: null as number | null, upper: null as number | null };
  if (rhos.length && grid.cells.length >= 3) {
    const b = bootstrapCi(
      grid.cells.map((_, i) => i),
      meanRho,
      { rng: new Rng(0).stream(`spearman/${rngLabel}`), resamples: BOOTSTRAP_RESAMPLES },
    );
    rhoCi = { lower: Number.isFinite(b.lower) ? b.lower : null, upper: Number.isFinite(b.upper) ? b.upper : null };
  }

  const counts = emptyClassCounts();
  for (const c of grid.cells) counts[c.class]++;
  const detections = withP.flatMap((s) => s.detections);
  return {
    truth: truthId,
    hasPValues,
    power: prop((s) => s.power),
    fpr: prop((s) => s.fpr),
    fprConstructed: prop((s) => s.fprConstructed),
    powerRaw: prop((s) => s.powerRaw),
    fprRaw: prop((s) => s.fprRaw),
    signErrors: withP.reduce((a, s) => a + s.signErrors, 0),
    calibration: {
      ks: ks.statistic,
      ksPValue: ks.pValue,
      n: ks.n,
      pValues: [...nullP].sort((a, b) => a - b).map((p) => Number(p.toPrecision(4))),
    },
    spearman: { mean: rhos.length ? rhos.reduce((a, b) => a + b, 0) / rhos.length : null, ...rhoCi, n: rhos.length },
    powerByEffect: effectBins(grid.nullMargin).map((bin) => {
      const inBin = detections.filter((d) => d.magnitude >= bin.from && (bin.to === null || d.magnitude < bin.to));
      return { ...bin, power: hasPValues ? wilsonInterval(inBin.filter((d) => d.detected).length, inBin.length) : unscored() };
    }),
    cells: {
      ...counts,
      constructedNull: grid.cells.filter((c) => c.constructedNull).length,
      tested: scores.length ? Math.max(...scores.map((s) => s.tested)) : 0,
    },
  };
}
