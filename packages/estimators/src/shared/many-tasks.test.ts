/**
 * tag and gradient-cosine at a task count where the former details (every kept probe's K×K matrix) and the
 * exact network selection (O(3^K)) no longer fit: results carry per-replicate summaries and a bounded
 * series of a few targets; full matrices only with `fullSeries`; TAG's grouping says that it is greedy.
 */
import { describe, expect, it } from 'vitest';
import { plantedContext } from '../testing/planted-fixture.ts';
import { tagEstimator } from '../tag/tag.ts';
import { gradientCosineEstimator } from '../gradient-cosine/gradient-cosine.ts';

const setup = { data: { tasks: 40, compounds: 300, labelsPerTask: 40 }, seed: 2, modelDefaults: { hidden: 8, maxEpochs: 2 } };

type Rep = { series: { kept: number; targets: number[]; points: { rows: unknown[][]; matrix?: unknown }[] }; counts: number[][] };

describe('tag and gradient-cosine with many tasks (K = 40)', () => {
  it('tag: bounded details, a contextual value per target, and a greedy grouping that says so', async () => {
    const ctx = await plantedContext(setup);
    const K = ctx.dataset.tasks.length;
    expect(K).toBe(40);
    const est = await tagEstimator.estimate(ctx, tagEstimator.options.parse({ replicates: 2, probeEvery: 2, groups: 2 }));
    const reps = est.details!.replicates as Rep[];
    for (const r of reps) {
      expect(r.series.targets).toEqual([0, 1, 2]);
      expect(r.series.kept).toBeGreaterThan(1);
      for (const p of r.series.points) {
        expect(p.rows).toHaveLength(3);
        expect(p.rows[0]).toHaveLength(K);
        expect(p.matrix).toBeUndefined();
      }
      expect(r.counts).toHaveLength(K);
    }
    expect(est.contextual!.effect).toHaveLength(K);
    expect(est.contextual!.effect.filter((v) => v !== null && Number.isFinite(v)).length).toBeGreaterThan(K / 2);
    const grouping = est.details!.grouping as { method: string; groups: { tasks: number[] }[] }[];
    expect(grouping.map((g) => g.method)).toEqual(['greedy', 'greedy']);
    expect(grouping[1].groups.flatMap((g) => g.tasks).sort((a, b) => a - b)).toEqual([...Array(K).keys()]);
    expect(est.diagnostics.warnings.some((w) => /40 tasks exceed the exact search's limit of 15/.test(w))).toBe(true);
  });

  it('gradient-cosine: full per-probe matrices only with fullSeries', async () => {
    const base = gradientCosineEstimator.options.parse({ replicates: 1, probeEvery: 2, maxSeries: 4 });
    const small = await gradientCosineEstimator.estimate(await plantedContext(setup), base);
    const full = await gradientCosineEstimator.estimate(await plantedContext(setup), { ...base, fullSeries: true });
    const [s] = small.details!.replicates as Rep[];
    const [f] = full.details!.replicates as Rep[];
    expect(s.series.points.every((p) => p.matrix === undefined)).toBe(true);
    expect(f.series.points.every((p) => Array.isArray(p.matrix) && (p.matrix as unknown[]).length === 40)).toBe(true);
    // same estimate either way; the full series is the only size difference, O(maxSeries·K²)
    expect(full.pairwise.effect).toEqual(small.pairwise.effect);
    expect(full.contextual!.effect).toEqual(small.contextual!.effect);
    expect(JSON.stringify(full).length - JSON.stringify(small).length).toBeGreaterThan(4 * 40 * 30);
  });
});
