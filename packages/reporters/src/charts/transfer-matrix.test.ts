import { describe, expect, it } from 'vitest';
import { transferMatrices } from './transfer-matrix.ts';
import { heatmapSpec } from './heatmap.ts';
import { fixtureBundle } from '../testing/fixture-bundle.ts';

describe('transfer matrices for heatmaps', () => {
  const bundle = fixtureBundle();
  const ms = transferMatrices(bundle, 'synthetic');

  it('gives the pairwise truth (from summary.truths), then each estimator at its largest budget averaged over seeds', () => {
    // contextual-oracle has no pairwise output: no matrix
    expect(ms.map((m) => m.name)).toEqual(['truth', 'tag', 'gradient-cosine', 'learning-curve', 'no-p', 'pairwise-oracle']);
    const truth = ms[0];
    const cells = bundle.summary.truths.find((t) => t.scope === 'pairwise')!.cells;
    // fam1-0 ← fam0-0 is the planted negative pair; fam0-1 ← fam0-0 a sibling (positive)
    expect(truth.effect[3][0]).toBe(cells.find((c) => c.target === 'fam1-0' && c.source === 'fam0-0')!.effect);
    expect(truth.effect[3][0]).toBeCloseTo(-0.012, 12);
    expect(truth.effect[1][0]).toBeCloseTo(0.02, 12);
    expect(truth.effect[4][4]).toBeNull();
    expect(truth.title).toBe('pairwise truth (pairwise-oracle), δ = 0.005');
    expect(ms.find((m) => m.name === 'pairwise-oracle')!.title).toBe('pairwise-oracle (reference) @ r8 (mean of 3 seeds)');
    expect(ms.map((m) => m.title)).toContain('tag @ r12 (mean of 3 seeds)');
    const tag = ms.find((m) => m.name === 'tag')!;
    const recs = bundle.trials.filter((t) => t.job.estimator?.id === 'tag' && t.job.estimator.budget === 'r12');
    expect(tag.trials.sort()).toEqual(recs.map((r) => r.id).sort());
    const mean = recs.reduce((s, r) => s + (r.estimate!.pairwise.effect[0][1] as number), 0) / recs.length;
    expect(tag.effect[0][1]).toBeCloseTo(mean, 12);
    expect(tag.effect[2][2]).toBeNull();
  });

  it('centres the diverging colour scale at 0 with a symmetric domain', () => {
    const spec = heatmapSpec(ms[1]) as unknown as { layer: { encoding: { color: { scale: { domain: number[]; domainMid: number } } } }[] };
    const { domain, domainMid } = spec.layer[0].encoding.color.scale;
    expect(domainMid).toBe(0);
    expect(domain[0]).toBe(-domain[1]);
    const max = Math.max(
      ...ms[1].effect
        .flat()
        .filter((v): v is number => v !== null)
        .map(Math.abs),
    );
    expect(domain[1]).toBeCloseTo(max, 12);
  });

  it('leaves the diagonal out of the heatmap even when an estimator reports one (self-affinity)', () => {
    const m = { ...ms[1], effect: ms[1].effect.map((row, i) => row.map((v, j) => (i === j ? 100 : v))) };
    const spec = heatmapSpec(m) as unknown as {
      data: { values: { target: string; source: string; effect: number }[] };
      layer: { encoding: { color: { scale: { domain: number[] } } } }[];
    };
    expect(spec.data.values).toHaveLength(6 * 5);
    expect(spec.data.values.some((c) => c.target === c.source)).toBe(false);
    expect(spec.layer[0].encoding.color.scale.domain[1]).toBeLessThan(1); // the scale is set by the off-diagonal cells
  });
});
