/** The per-scope charts' data and specs: power vs compute with the reference frontier, calibration QQ, forest plot. */
import { describe, expect, it } from 'vitest';
import { fixtureBundle } from '../testing/fixture-bundle.ts';
import { forestData, forestSvg } from './forest-plot.ts';
import { powerPoints, powerVsComputeSvg } from './power-vs-compute.ts';
import { qqSeries, qqSvg } from './qq-plot.ts';
import { transferMatrices } from './transfer-matrix.ts';

const count = (svg: string, re: RegExp) => svg.match(re)?.length ?? 0;

describe('power vs compute per scope', () => {
  const bundle = fixtureBundle();

  it('places each scored row at its mean CPU-s with the Wilson interval of its pooled power', () => {
    const { points, omitted } = powerPoints(bundle.summary, 'synthetic', 'pairwise');
    const lc = points.find((p) => p.estimator === 'learning-curve' && p.budget === 'small')!;
    // 21/30: Wilson [0.5212, 0.8334]
    expect(lc).toMatchObject({ role: 'estimator', power: 0.7, hits: 21, n: 30 });
    expect(lc.lower).toBeCloseTo(0.5212, 4);
    expect(lc.upper).toBeCloseTo(0.8334, 4);
    expect(lc.cpuSeconds).toBeCloseTo(1.5, 12);
    expect(points.filter((p) => p.role === 'reference').map((p) => `${p.estimator}@${p.budget}`)).toEqual([
      'pairwise-oracle@r4',
      'pairwise-oracle@r8',
    ]);
    expect(omitted).toEqual(['no-p', 'contextual-oracle']);
    expect(powerPoints(bundle.summary, 'synthetic', 'contextual').omitted).toEqual(['no-p', 'pairwise-oracle']);
  });

  it('draws estimator lines in colour and the reference frontier apart (its own marks, not in the legend)', async () => {
    const r = await powerVsComputeSvg(bundle.summary, 'synthetic', 'contextual');
    expect(r.series).toEqual(['tag', 'gradient-cosine', 'learning-curve']);
    expect(r.frontier).toEqual(['contextual-oracle']);
    expect(count(r.svg!, /class="mark-line role-mark series_marks"/g)).toBe(3);
    expect(count(r.svg!, /class="mark-line role-mark frontier_marks"/g)).toBe(1);
    expect(r.svg).toMatch(/class="mark-line role-mark frontier_marks"[^>]*><path[^>]*stroke="#111"[^>]*stroke-dasharray="7,3"/);
    // the legend lists the estimators only; the frontier is labelled on the chart
    expect(r.svg).toContain(
      "legend titled 'estimator' for fill color and stroke color with 3 values: tag, gradient-cosine, learning-curve",
    );
    expect(r.svg).toMatch(/frontier_label_marks"[^]*?>contextual-oracle<\/text>/);
  });
});

describe('calibration QQ plot', () => {
  const bundle = fixtureBundle();

  it('plots each estimator’s constructed-null p-values against uniform plotting positions at its largest budget', () => {
    const series = qqSeries(bundle.summary, 'synthetic', 'pairwise');
    expect(series.map((s) => `${s.estimator}@${s.budget}`)).toEqual([
      'tag@r12',
      'gradient-cosine@r12',
      'learning-curve@large',
      'pairwise-oracle@r8',
    ]);
    const tag = series[0];
    const row = bundle.summary.rows.find((r) => r.estimator === 'tag' && r.budget === 'r12')!;
    expect(tag.n).toBe(30);
    expect(tag.points.map((p) => p.observed)).toEqual(row.pairwise!.calibration.pValues);
    expect(tag.points.map((p) => p.expected)).toEqual(Array.from({ length: 30 }, (_, k) => (k + 0.5) / 30));
    expect(tag.label).toBe('tag @ r12 — KS p <0.001, n 30');
    expect(series[3].label).toMatch(/^pairwise-oracle \(reference\) @ r8 — KS p /);
    // the anti-conservative estimator lies below the diagonal, the calibrated ones on it
    expect(tag.points.every((p) => p.observed <= p.expected + 1e-9)).toBe(true);
    for (const p of series[1].points) expect(Math.abs(p.observed - p.expected)).toBeLessThan(1 / 30 + 1e-9);
  });

  it('thins long series to evenly spaced order statistics, keeping the extremes', () => {
    const s = structuredClone(bundle.summary);
    const cal = s.rows.find((r) => r.estimator === 'tag' && r.budget === 'r12')!.pairwise!.calibration;
    cal.pValues = Array.from({ length: 1000 }, (_, k) => (k + 0.5) / 1000);
    cal.n = 1000;
    const tag = qqSeries(s, 'synthetic', 'pairwise')[0];
    expect(tag.points).toHaveLength(300);
    expect(tag.points[0]).toEqual({ expected: 0.0005, observed: 0.0005 });
    expect(tag.points.at(-1)).toEqual({ expected: 0.9995, observed: 0.9995 });
  });

  it('renders one line per series and the diagonal', async () => {
    const { svg } = await qqSvg(bundle.summary, 'synthetic', 'contextual');
    expect(count(svg!, /class="mark-line role-mark qq_marks"/g)).toBe(4);
    expect(count(svg!, /class="mark-line role-mark diagonal_marks"/g)).toBe(1);
  });
});

describe('contextual forest plot', () => {
  const bundle = fixtureBundle();

  it('gives the truth Δ_i with its CI, then each estimator’s contextual effect and CI averaged over seeds', () => {
    const { truth, series, rows } = forestData(bundle, 'synthetic');
    expect(truth?.id).toBe('synthetic/contextual');
    expect(series.map((s) => s.name)).toEqual(['truth', 'tag', 'gradient-cosine', 'learning-curve', 'contextual-oracle']);
    expect(series[1].title).toBe('tag @ r12');
    expect(series[4].title).toBe('contextual-oracle (ref.) @ r4');
    const truthRow = rows.find((r) => r.series === 'truth' && r.target === 'fam0-0')!;
    expect(truthRow).toEqual({ series: 'truth', target: 'fam0-0', effect: 0.03, lower: 0.02, upper: 0.04, class: 'positive' });
    expect(rows.find((r) => r.series === 'truth' && r.target === 'control0')!.class).toBe('null');
    const recs = bundle.trials.filter((t) => t.job.estimator?.id === 'tag' && t.job.estimator.budget === 'r12');
    expect(recs).toHaveLength(3);
    const k = 2;
    const mean = (f: 'effect' | 'lower' | 'upper') =>
      recs.reduce((a, r) => a + (r.estimate!.contextual![f]![k] as number), 0) / recs.length;
    const tag = rows.find((r) => r.series === 'tag' && r.target === 'fam0-2')!;
    expect(tag.effect).toBeCloseTo(mean('effect'), 12);
    expect(tag.lower).toBeCloseTo(mean('lower'), 12);
    expect(tag.upper).toBeCloseTo(mean('upper'), 12);
    expect(tag.class).toBe('positive'); // coloured by the truth's class of the target
    expect(rows.filter((r) => r.series === 'learning-curve')).toHaveLength(6);
  });

  it('leaves out a bound not given by every seed, and has no plot without a contextual truth', () => {
    const b = fixtureBundle();
    const rec = b.trials.find((t) => t.job.estimator?.id === 'tag' && t.job.estimator.budget === 'r12')!;
    delete rec.estimate!.contextual!.lower;
    const tag = forestData(b, 'synthetic').rows.find((r) => r.series === 'tag')!;
    expect(tag.lower).toBeNull();
    expect(tag.upper).not.toBeNull();
    expect(forestData(fixtureBundle({ scopes: ['pairwise'] }), 'synthetic').series).toEqual([]);
  });

  it('a cross-validation group: the estimators are read from the trials of its folds (the fold ids its truths list)', () => {
    const folded = fixtureBundle();
    for (const t of folded.summary.truths) t.folds = ['synthetic.f0', 'synthetic.f1'];
    for (const t of folded.trials) if (t.job.kind === 'estimate') t.job.dataset = { ...t.job.dataset, id: `synthetic.f${t.job.seed % 2}` };
    const plain = forestData(bundle, 'synthetic');
    const cv = forestData(folded, 'synthetic');
    expect(cv.series.map((x) => x.name)).toEqual(['truth', 'tag', 'gradient-cosine', 'learning-curve', 'contextual-oracle']);
    expect(cv.rows).toEqual(plain.rows);
    expect(transferMatrices(folded, 'synthetic').map((m) => [m.name, m.effect])).toEqual(
      transferMatrices(bundle, 'synthetic').map((m) => [m.name, m.effect]),
    );
  });

  it('renders one panel per series with points, CI bars and a zero rule', async () => {
    const { svg } = await forestSvg(bundle, 'synthetic');
    expect(count(svg!, /class="mark-symbol role-mark forest_points_marks"/g)).toBe(5);
    expect(count(svg!, /class="mark-rule role-mark zero_marks"/g)).toBe(5);
    expect(count(svg!, /<line[^>]*stroke="#999"[^>]*stroke-dasharray="3,3"/g)).toBe(5); // one zero rule per panel, not per target
    expect(count(svg!, /class="mark-rule role-mark forest_ci_marks"/g)).toBe(5);
  });
});
