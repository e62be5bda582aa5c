/**
 * Test-set bootstrap: the part of an effect's uncertainty that comes from the finite test set.
 *
 * Every run is scored on the same ~100 test labels per task, so the curve fits' residual-based (Wald, F)
 * inference is conditional on that test set: a chance association between a task's test labels and what the
 * trunk learns from other tasks moves the metric of every run the same way and shows up as a systematic,
 * "significant" slope. On the planted synthetic data this happens on the label-permuted control (population
 * transfer exactly 0): one split gave F p = 0.002 for its contextual effect. To infer population transfer,
 * each task's labelled test rows are resampled with replacement B times, every run's stored predictions are
 * rescored on the resample, and the same fits are refitted (same model, from the main estimate, no F tests). By the law of
 * total variance Var(θ̂) = E[Var(θ̂ | test set)] + Var(E[θ̂ | test set]), so the reported standard error is
 * √(SE_Wald² + sd_boot²) and CIs / p-values use it.
 */
import { logLossMasked, rocAucMasked, type LabelledRows, type Rng } from '@transferbench/core';
import { fitOptions, jobPoints, type CurveRun, type DesignFits, type FitSettings, type MetricTable } from './design-fits.ts';
import type { LearningCurveMetric } from './train-point.ts';
import { fitTransfer, widenInterval, type TransferFit } from './transfer-fit.ts';

type Key = 'rate' | 'slope' | 'exchangeRate';
const KEYS: Key[] = ['rate', 'slope', 'exchangeRate'];

/** Bootstrap draws of one fit's readings: draws[reading][key] = values over the converged refits. */
export interface FitDraws {
  draws: Record<Key, number[]>[];
  refits: number;
  failed: number;
}

/** Metric tables of B test resamples (per task, its labelled test rows drawn with replacement). */
export function resampledMetrics(args: {
  runs: readonly CurveRun[];
  probs: readonly Float32Array[];
  test: LabelledRows;
  K: number;
  metric: LearningCurveMetric;
  replicates: number;
  rng: Rng;
}): MetricTable[] {
  const { runs, probs, test, K } = args;
  const labelled: number[][] = Array.from({ length: K }, () => []);
  for (let i = 0; i < test.rows.length; i++) for (let t = 0; t < K; t++) if (test.labels[i * K + t] >= 0) labelled[t].push(i);
  const tables: MetricTable[] = [];
  for (let b = 0; b < args.replicates; b++) {
    const table = runs.map(() => new Array<number | null>(K).fill(null));
    for (let t = 0; t < K; t++) {
      const pool = labelled[t];
      if (pool.length === 0) continue;
      const rng = args.rng.stream(`test-bootstrap/${b}/${t}`);
      const idx = Array.from({ length: pool.length }, () => pool[rng.int(0, pool.length - 1)]);
      const y = Int8Array.from(idx, (i) => test.labels[i * K + t]);
      const p = new Float64Array(idx.length);
      runs.forEach((run, r) => {
        if (run.metric[t] === null) return;
        for (let k = 0; k < idx.length; k++) p[k] = probs[r][idx[k] * K + t];
        const v = args.metric === 'auc' ? rocAucMasked(y, p) : -logLossMasked(y, p);
        table[r][t] = Number.isFinite(v) ? v : null;
      });
    }
    tables.push(table);
  }
  return tables;
}

/** Refits every converged job of the design on each resampled table, starting from its main estimate. */
export function testBootstrapDraws(
  fits: DesignFits,
  runs: readonly CurveRun[],
  tables: readonly MetricTable[],
  settings: FitSettings,
): FitDraws[] {
  return fits.jobs.map(({ job, fit }) => {
    const out: FitDraws = { draws: fit.readings.map(() => ({ rate: [], slope: [], exchangeRate: [] })), refits: 0, failed: 0 };
    if (!fit.converged) return out;
    const start = fit.model !== 'linear' && fit.fit ? fit.fit.parameters.map((n) => fit.fit!.estimate[n] ?? NaN) : [NaN];
    tables.forEach((table, b) => {
      // a run whose resampled metric is undefined (one class drawn) would change the design: skip the draw
      if (job.runs.some((r) => table[r][job.target] === null)) {
        out.failed++;
        return;
      }
      const refit: TransferFit = fitTransfer(job.family, jobPoints(job, runs, table), {
        fit: {
          ...fitOptions({ ...settings, restarts: 1 }, `${job.label}/test-bootstrap/${b}`),
          ...(start.every(Number.isFinite) ? { start } : {}),
        },
        level: settings.level,
        fTests: false,
        label: job.label,
        model: fit.model,
      });
      out.refits++;
      if (!refit.converged) {
        out.failed++;
        return;
      }
      // a refit of a curve that had to fall back (own rate fixed at 0, linear limit) still estimates the same slope
      refit.readings.forEach((reading, k) => {
        for (const key of KEYS) {
          const v = reading[key].estimate;
          if (v !== null) out.draws[k][key].push(v);
        }
      });
    });
    return out;
  });
}

export function sampleSdOf(values: readonly number[]): number | null {
  if (values.length < 2) return null;
  const m = values.reduce((a, b) => a + b, 0) / values.length;
  return Math.sqrt(values.reduce((a, b) => a + (b - m) ** 2, 0) / (values.length - 1));
}

/**
 * Adds the test-set variance to every reading of the design's fits, in place (the readings are shared by
 * fits.pairwise, fits.contextual and fits.jobs); the conditional readings are kept in `reading.conditional`.
 * A reading with fewer than `minDraws` successful refits gets no inference (se/CI/p null).
 */
export function applyTestSetVariance(fits: DesignFits, draws: readonly FitDraws[], level: number, minDraws = 10): void {
  fits.jobs.forEach(({ fit }, f) => {
    fit.readings.forEach((reading, k) => {
      const d = draws[f].draws[k];
      const sd = (key: Key) => (d[key].length >= minDraws ? sampleSdOf(d[key]) : null);
      const testSetSd = { rate: sd('rate'), slope: sd('slope'), exchangeRate: sd('exchangeRate'), draws: d.slope.length };
      reading.conditional = { rate: reading.rate, slope: reading.slope, exchangeRate: reading.exchangeRate };
      reading.testSetSd = testSetSd;
      reading.rate = widenInterval(reading.rate, testSetSd.rate, reading.df, level);
      reading.slope = widenInterval(reading.slope, testSetSd.slope, reading.df, level);
      reading.exchangeRate = widenInterval(reading.exchangeRate, testSetSd.exchangeRate, reading.df, level);
    });
  });
}
