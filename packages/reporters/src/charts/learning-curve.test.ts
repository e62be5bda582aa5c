import { describe, expect, it } from 'vitest';
import { curvePlot, learningCurveDetailsSchema, learningCurveFigure } from './learning-curve.ts';
import { FIXTURE_CURVES, FIXTURE_TASKS, fixtureBundle } from '../testing/fixture-bundle.ts';

describe('learning-curve plots from estimator details', () => {
  const bundle = fixtureBundle();
  const lcTrials = bundle.trials.filter((t) => t.job.estimator?.id === 'learning-curve');
  const details = learningCurveDetailsSchema.parse(lcTrials[0].estimate!.details);

  it('draws the fitted EXP3 curve m = c − exp(b − a·n) over the observed label counts', () => {
    const plot = curvePlot(FIXTURE_TASKS, details, ['fam0-1'], 3);
    expect(plot.targets).toEqual(['fam0-1']);
    const { c, b, a } = FIXTURE_CURVES[1];
    const ns = plot.points.map((p) => p.n);
    expect(plot.fit[0].n).toBe(Math.min(...ns));
    expect(plot.fit.at(-1)!.n).toBe(Math.max(...ns));
    for (const f of plot.fit) expect(f.metric).toBeCloseTo(c - Math.exp(b - a * f.n), 12);
    // the points are the runs' metrics for that task: within the planted noise (sd 0.005) of the curve
    expect(plot.points).toHaveLength(details.points.length);
    for (const p of plot.points) expect(Math.abs(p.metric - (c - Math.exp(b - a * p.n)))).toBeLessThan(0.03);
  });

  it('defaults to the first `count` tasks with a converged fit and skips unknown targets', () => {
    expect(curvePlot(FIXTURE_TASKS, details, null, 2).targets).toEqual(['fam0-0', 'fam0-1']);
    const unconverged = { ...details, singleTask: details.singleTask.map((f, i) => (i === 0 ? { ...f, converged: false } : f)) };
    const plot = curvePlot(FIXTURE_TASKS, unconverged, null, 2);
    expect(plot.targets).toEqual(['fam0-1', 'fam0-2']);
    expect(curvePlot(FIXTURE_TASKS, details, ['nope', 'control0'], 3).targets).toEqual(['control0']);
  });

  it('renders an SVG with one fitted line per target, or says why it cannot', async () => {
    const { figure } = await learningCurveFigure(lcTrials, null, 3);
    expect(figure!.fitted).toEqual(['fam0-0', 'fam0-1', 'fam0-2']);
    expect(figure!.svg.match(/class="mark-line role-mark fit_marks"/g)).toHaveLength(3);
    const other = bundle.trials.filter((t) => t.job.estimator?.id === 'tag');
    expect((await learningCurveFigure(other, null, 3)).reason).toBe('no finished trial with details');
    const wrong = other.map((t) => ({ ...t, estimate: { ...t.estimate!, details: { points: 'x' } } }));
    expect((await learningCurveFigure(wrong, null, 3)).reason).toMatch(/do not have the learning-curve shape/);
  });
});
