/**
 * Learning-curve plots from the `learning-curve` estimator's `details`: for chosen target tasks, the test
 * metric of every training run against the task's own label count n_i (points), and the fitted EXP3 curve
 * m(n) = c − exp(b − a·n) over the observed range (line). Marks are named `points` and `fit` (one
 * `g.fit_marks` per target).
 *
 * The details are validated with core's `learningCurveDetailsSchema` (packages/core/src/contracts/
 * learning-curve-details.ts: run counts and metrics, EXP3 per task, the metric), the contract shared with the
 * producer, packages/estimators/src/learning-curve, whose tests parse its real output with the same schema;
 * anything else is skipped with a reason.
 */
import { learningCurveDetailsSchema, type LearningCurveDetails, type TrialRecord } from '@transferbench/core';
import type { TopLevelSpec } from 'vega-lite';
import { renderVegaLite } from './vega-svg.ts';

export { learningCurveDetailsSchema, type LearningCurveDetails };

export interface CurvePlot {
  targets: string[];
  points: { target: string; n: number; metric: number; replicate: number }[];
  fit: { target: string; n: number; metric: number }[];
}

const metricTitle = (m: string | undefined) =>
  m === 'auc' ? 'test ROC-AUC' : m === 'neg-logloss' ? 'test negative log-loss' : `test ${m ?? 'metric'}`;

/** Points and fitted curves for `targets` (default: the first `count` tasks with a converged fit). */
export function curvePlot(tasks: string[], details: LearningCurveDetails, targets: string[] | null, count: number): CurvePlot {
  const fits = new Map(
    details.singleTask
      .filter((f) => f.converged && f.estimate.c !== null && f.estimate.b !== null && f.estimate.a !== null)
      .map((f) => [f.task, f.estimate]),
  );
  const chosen = (targets ?? tasks.filter((t) => fits.has(t)).slice(0, count)).filter((t) => tasks.includes(t));
  const plot: CurvePlot = { targets: [], points: [], fit: [] };
  for (const target of chosen) {
    const i = tasks.indexOf(target);
    const pts = details.points.flatMap((p) =>
      p.counts[i] > 0 && p.metric[i] !== null && Number.isFinite(p.metric[i])
        ? [{ target, n: p.counts[i], metric: p.metric[i] as number, replicate: p.replicate ?? 0 }]
        : [],
    );
    if (!pts.length) continue;
    plot.targets.push(target);
    plot.points.push(...pts);
    const f = fits.get(target);
    if (!f) continue;
    const lo = Math.min(...pts.map((p) => p.n)),
      hi = Math.max(...pts.map((p) => p.n));
    for (let k = 0; k <= 60; k++) {
      const n = lo + ((hi - lo) * k) / 60;
      plot.fit.push({ target, n, metric: f.c! - Math.exp(f.b! - f.a! * n) });
    }
  }
  return plot;
}

export function learningCurveSpec(title: string, metric: string | undefined, plot: CurvePlot): TopLevelSpec {
  const color = { field: 'target', type: 'nominal' as const, title: 'target task', sort: plot.targets };
  const x = { field: 'n', type: 'quantitative' as const, title: 'own training labels n_i' };
  const y = { field: 'metric', type: 'quantitative' as const, title: metricTitle(metric), scale: { zero: false } };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: title, subtitle: 'points: training runs; lines: fitted EXP3 m = c − exp(b − a·n)', subtitleFontSize: 9 },
    width: 380,
    height: 240,
    layer: [
      {
        name: 'points',
        data: { values: plot.points },
        mark: { type: 'point', opacity: 0.55, size: 22 },
        encoding: {
          x,
          y,
          color,
          tooltip: [{ field: 'target' }, { field: 'n' }, { field: 'metric', format: '.4f' }, { field: 'replicate' }],
        },
      },
      {
        name: 'fit',
        data: { values: plot.fit },
        mark: { type: 'line', strokeWidth: 2 },
        encoding: { x, y, color, order: { field: 'n', type: 'quantitative' } },
      },
    ],
  } as TopLevelSpec;
}

export interface LearningCurveFigure {
  title: string;
  trialId: string;
  targets: string[];
  fitted: string[];
  svg: string;
}

/**
 * The learning-curve figure of one estimator on one dataset: the trial at the largest budget (lowest seed)
 * whose details match the shape above; null (with the reason) when there is none.
 */
export async function learningCurveFigure(
  records: TrialRecord[],
  targets: string[] | null,
  count: number,
): Promise<{ figure: LearningCurveFigure | null; reason: string | null }> {
  const withDetails = records.filter((r) => r.status === 'ok' && r.estimate?.details);
  if (!withDetails.length) return { figure: null, reason: 'no finished trial with details' };
  let reason = 'details do not have the learning-curve shape (points, singleTask)';
  for (const r of withDetails) {
    const parsed = learningCurveDetailsSchema.safeParse(r.estimate!.details);
    if (!parsed.success) continue;
    const plot = curvePlot(r.estimate!.tasks, parsed.data, targets, count);
    if (!plot.targets.length) {
      reason = targets
        ? `none of the chosen targets (${targets.join(', ')}) has learning-curve points`
        : 'no task has learning-curve points';
      continue;
    }
    const est = r.job.estimator;
    const title = `${est?.id ?? r.estimate!.estimator.name} @ ${est?.budget ?? '?'}, seed ${r.job.seed}`;
    const fitted = [...new Set(plot.fit.map((f) => f.target))];
    return {
      figure: {
        title,
        trialId: r.id,
        targets: plot.targets,
        fitted,
        svg: await renderVegaLite(learningCurveSpec(title, parsed.data.metric, plot)),
      },
      reason: null,
    };
  }
  return { figure: null, reason };
}
