/**
 * All curve fits of one design from its recorded runs (one run = one trained model with its label counts and
 * per-task test metric):
 *
 * - EXP3 per task from every run where the task took part, on n_i alone. In the random design the other
 *   tasks' counts vary too; they are drawn independently of n_i (balanced design), so EXP3 estimates the
 *   curve averaged over the design's distribution of the others and their effect only widens the residuals.
 *   In the pairwise grid the partner varies the same way across pairs.
 * - random design: EXP3.2 per target (n_Σ = Σ_{j≠i} n_j, the contextual effect) and the joint fit per target
 *   (one transfer rate per source: 2 + K parameters). A fit with fewer than parameters + minResidualDf usable
 *   points, or a source whose count never varies, is reported as under-determined instead of being fitted.
 * - pairwise-grid: the pairwise family per ordered pair (i ← j) from the pair's runs only.
 * The transfer fits are described as jobs (family + points from a metric table), so the test-set bootstrap
 * can refit exactly the same jobs on resampled metrics. Every fit's failures are counted and named.
 */
import {
  EXP3,
  EXP3_2,
  PAIRWISE,
  bootstrapCurve,
  fitCurve,
  jointFamily,
  type CurveBootstrap,
  type CurveFamily,
  type CurveFitOptions,
  type CurvePoint,
  type Rng,
} from '@transferbench/core';
import type { DesignKind } from './design.ts';
import { fitTransfer, summariseFit, type FitSummary, type RateReading, type TransferFit } from './transfer-fit.ts';

/** One training run: the raw learning-curve point (what reports plot). */
export interface CurveRun {
  index: number;
  replicate: number;
  pair: [number, number] | null;
  fractions: number[];
  counts: number[];
  /** per-task test metric; null = task absent from the run or metric undefined */
  metric: (number | null)[];
  epochs: number;
  bestEpoch: number;
}

/** metric[run][task] (the runs' own metrics, or a test-set bootstrap's). */
export type MetricTable = readonly (readonly (number | null)[])[];

export interface FitSettings {
  level: number;
  restarts: number;
  minResidualDf: number;
  fTests: boolean;
  bootstrap: number;
  /** c ≤ upperAsymptote (1 for AUC, 0 for the negative log-loss) */
  upperAsymptote: number;
  rng: Rng;
}

/** A transfer fit to run: EXP3.2 of a target (contextual) or its joint / pairwise fit. */
export interface TransferJob {
  kind: 'contextual' | 'pairwise';
  label: string;
  target: number;
  /** source task indices, one per transfer rate (contextual: empty, the rate is n_Σ) */
  sources: number[];
  family: CurveFamily;
  /** runs used, in order; points are built from a metric table */
  runs: number[];
  x: number[][];
}

export interface LabelledTransferFit extends TransferFit {
  kind: TransferJob['kind'];
  target: string;
  /** the sources whose rates this fit estimates (one for pairwise, K − 1 for joint, "Σ" for EXP3.2) */
  sources: string[];
  bootstrap?: CurveBootstrap;
}

export interface DesignFits {
  single: (FitSummary & { task: string })[];
  /** EXP3.2 per target (random design), null when not fitted */
  contextual: (LabelledTransferFit | null)[];
  /** the reading of rate target ← source; null = not estimated */
  pairwise: (RateReading | null)[][];
  /** every pairwise/joint fit, for details */
  transferFits: LabelledTransferFit[];
  /** the jobs behind contextual / transferFits, with their fits (for the test-set bootstrap) */
  jobs: { job: TransferJob; fit: TransferFit }[];
  attempts: number;
  failures: number;
  warnings: string[];
}

export function fitOptions(s: Pick<FitSettings, 'upperAsymptote' | 'restarts' | 'level' | 'rng'>, label: string): CurveFitOptions {
  return { upperAsymptote: s.upperAsymptote, restarts: s.restarts, level: s.level, rng: s.rng.stream(`fit/${label}`) };
}

/** Why a fit with p parameters cannot be run on these points (or null). */
function underDetermined(n: number, family: CurveFamily, minResidualDf: number): string | null {
  const p = 2 + family.rates.length;
  if (n < p + minResidualDf) {
    return `under-determined: ${n} usable runs for ${p} parameters (need at least ${p} + minResidualDf ${minResidualDf} = ${p + minResidualDf}); add design points or replicates`;
  }
  return null;
}

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

/** Points of a job from a metric table (runs without a metric for the target are not in job.runs). */
export function jobPoints(job: TransferJob, runs: readonly CurveRun[], metric: MetricTable): CurvePoint[] {
  return job.runs.map((r, k) => ({ x: job.x[k], y: metric[r][job.target] as number, group: runs[r].replicate }));
}

/** The transfer jobs of a design; `skipped` lists fits that cannot be run (with the reason) and notes. */
export function transferJobs(
  kind: DesignKind,
  runs: readonly CurveRun[],
  tasks: readonly string[],
): { jobs: TransferJob[]; notes: string[] } {
  const K = tasks.length;
  const jobs: TransferJob[] = [];
  const notes: string[] = [];
  const scored = (i: number) => runs.map((_, r) => r).filter((r) => runs[r].counts[i] > 0 && runs[r].metric[i] !== null);
  if (kind === 'random') {
    for (let i = 0; i < K; i++) {
      const rs = scored(i);
      jobs.push({
        kind: 'contextual',
        label: `EXP3.2 ${tasks[i]}`,
        target: i,
        sources: [],
        family: EXP3_2,
        runs: rs,
        x: rs.map((r) => [runs[r].counts[i], sum(runs[r].counts) - runs[r].counts[i]]),
      });
      const sources: number[] = [];
      for (let j = 0; j < K; j++) {
        if (j === i) continue;
        if (new Set(rs.map((r) => runs[r].counts[j])).size > 1) sources.push(j);
        else notes.push(`joint ${tasks[i]}: source ${tasks[j]} has the same count in every run; its rate is not estimated`);
      }
      jobs.push({
        kind: 'pairwise',
        label: `joint ${tasks[i]}`,
        target: i,
        sources,
        family: jointFamily(
          tasks[i],
          sources.map((j) => tasks[j]),
        ),
        runs: rs,
        x: rs.map((r) => [runs[r].counts[i], ...sources.map((j) => runs[r].counts[j])]),
      });
    }
  } else {
    for (let i = 0; i < K; i++)
      for (let j = 0; j < K; j++) {
        if (i === j) continue;
        const [a, b] = i < j ? [i, j] : [j, i];
        const rs = runs.map((_, r) => r).filter((r) => runs[r].pair?.[0] === a && runs[r].pair?.[1] === b && runs[r].metric[i] !== null);
        jobs.push({
          kind: 'pairwise',
          label: `pairwise ${tasks[i]} ← ${tasks[j]}`,
          target: i,
          sources: [j],
          family: PAIRWISE,
          runs: rs,
          x: rs.map((r) => [runs[r].counts[i], runs[r].counts[j]]),
        });
      }
  }
  return { jobs, notes };
}

export function fitDesign(kind: DesignKind, runs: readonly CurveRun[], tasks: readonly string[], settings: FitSettings): DesignFits {
  const K = tasks.length;
  let attempts = 0,
    failures = 0;
  const warnings: string[] = [];
  const own: MetricTable = runs.map((r) => r.metric);

  const single: DesignFits['single'] = [];
  for (let i = 0; i < K; i++) {
    const label = `EXP3 ${tasks[i]}`;
    const points = runs
      .filter((r) => r.counts[i] > 0 && r.metric[i] !== null)
      .map((r) => ({ x: [r.counts[i]], y: r.metric[i]!, group: r.replicate }));
    attempts++;
    const why = underDetermined(points.length, EXP3, settings.minResidualDf);
    if (why) {
      failures++;
      warnings.push(`${label}: ${why}`);
      continue;
    }
    const f = fitCurve(EXP3, points, fitOptions(settings, label));
    if (!f.converged) {
      failures++;
      warnings.push(`${label}: ${f.reason}`);
    }
    single.push({ task: tasks[i], ...summariseFit(f) });
  }

  const contextual: DesignFits['contextual'] = new Array(K).fill(null);
  const pairwise: DesignFits['pairwise'] = Array.from({ length: K }, () => new Array<RateReading | null>(K).fill(null));
  const transferFits: LabelledTransferFit[] = [];
  const done: DesignFits['jobs'] = [];
  const { jobs, notes } = transferJobs(kind, runs, tasks);
  warnings.push(...notes);
  for (const job of jobs) {
    const why = underDetermined(job.runs.length, job.family, settings.minResidualDf);
    if (why) {
      attempts++;
      failures++;
      warnings.push(`${job.label}: ${why}`);
      continue;
    }
    const points = jobPoints(job, runs, own);
    const fit = fitTransfer(job.family, points, {
      fit: fitOptions(settings, job.label),
      level: settings.level,
      fTests: settings.fTests,
      label: job.label,
    });
    attempts += fit.attempts;
    failures += fit.failures;
    warnings.push(...fit.failureReasons);
    const out: LabelledTransferFit = {
      ...fit,
      kind: job.kind,
      target: tasks[job.target],
      sources: job.kind === 'contextual' ? ['Σ'] : job.sources.map((j) => tasks[j]),
    };
    if (settings.bootstrap > 0 && fit.model === 'curve') {
      const full = fitCurve(job.family, points, fitOptions(settings, job.label));
      out.bootstrap = bootstrapCurve(job.family, points, full, {
        replicates: settings.bootstrap,
        rng: settings.rng.stream(`bootstrap/${job.label}`),
        level: settings.level,
        fit: { upperAsymptote: settings.upperAsymptote },
      });
    }
    done.push({ job, fit });
    if (job.kind === 'contextual') {
      contextual[job.target] = out;
      continue;
    }
    transferFits.push(out);
    // readings follow the family's transfer rates, i.e. job.sources in order
    fit.readings.forEach((reading, k) => {
      pairwise[job.target][job.sources[k]] = reading;
    });
  }
  return { single, contextual, pairwise, transferFits, jobs: done, attempts, failures, warnings };
}
