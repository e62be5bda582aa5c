import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CostMeter } from '@transferbench/core';
import { plantedContext } from '../testing/planted-fixture.ts';
import { pairwiseOracleEstimator } from './pairwise-oracle.ts';

/**
 * The default suite's truth on a slice of its data: specific transfer (reference: permuted) with the target cut to
 * 0.2 of its training labels, 1,200 noise-free labels per task, a 16-unit trunk, a 4,000-compound held-out test
 * sample — four tasks (two siblings of family 0, one of family 1, the label-permuted control) and 4 replicates.
 * The many-seed figures (all 56 pairs, 24 replicates) come from bench/oracle-truth.ts and are in the README.
 */
const data = { labelsPerTask: 1200, labelNoise: 0, testCompounds: 4000 };
const tasks = ['fam0-0', 'fam0-1', 'fam1-0', 'control0'];
const R = 4;

describe('pairwise-oracle on planted data (specific transfer at an operating point)', () => {
  it('siblings help each other more than the other family does; the permuted control carries nothing; the cache serves a rerun', async () => {
    const ctx = await plantedContext({
      data,
      seed: 1,
      modelDefaults: { hidden: 16 },
      split: { kind: 'holdout', seed: 0, valFraction: 0.1 },
    });
    ctx.cacheDir = mkdtempSync(join(tmpdir(), 'oracle-planted-'));
    const options = pairwiseOracleEstimator.options.parse({ replicates: R, reference: 'permuted', targetFraction: 0.2, tasks });
    const est = await pairwiseOracleEstimator.estimate(ctx, options);
    expect(est.cost.trainings).toBe(R * 2 * 4 * 3);
    const id = (t: string) => est.tasks.indexOf(t);
    const e = (t: string, s: string) => est.pairwise.effect[id(t)][id(s)] as number;
    console.log(
      `[oracle planted] sibling Δ ${e('fam0-0', 'fam0-1').toFixed(4)} / ${e('fam0-1', 'fam0-0').toFixed(4)}, cross ${e('fam0-0', 'fam1-0').toFixed(4)} / ${e('fam0-1', 'fam1-0').toFixed(4)}, ` +
        `control as source ${tasks
          .slice(0, 3)
          .map((t) => e(t, 'control0').toFixed(4))
          .join(' ')}`,
    );
    // 4 replicates are too few for per-pair intervals (the README has the 24-replicate figures); the point
    // estimates: each sibling direction clearly positive and above the other family's effect on the same target
    for (const [t, s] of [
      ['fam0-0', 'fam0-1'],
      ['fam0-1', 'fam0-0'],
    ]) {
      expect(e(t, s)).toBeGreaterThan(0.005);
      expect(e(t, s) - e(t, 'fam1-0')).toBeGreaterThan(0.005);
    }
    // a label-permuted source against its own permuted reference: the same information (none) → Δ ≈ 0
    for (const t of tasks.slice(0, 3)) expect(Math.abs(e(t, 'control0'))).toBeLessThan(0.005);
    // entries outside the chosen tasks stay null; the diagonal has no p-value
    expect(est.pairwise.effect[id('fam0-0')][id('fam0-0')]).toBeNull();
    expect(est.pairwise.effect[est.tasks.indexOf('fam0-2')][id('fam0-0')]).toBeNull();
    expect(est.pairwise.pValue![id('fam0-1')][id('fam0-0')]).toEqual(expect.any(Number));
    // every training is reused by a second run, with another metric (all metrics are stored per training)
    const again = await pairwiseOracleEstimator.estimate({ ...ctx, cost: new CostMeter() }, { ...options, metric: 'logloss' });
    expect(again.cost.trainings).toBe(0);
    expect((again.details!.cache as { hits: number }).hits).toBe(R * 24);
  });
});
