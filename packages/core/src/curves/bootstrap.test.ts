import { describe, expect, it } from 'vitest';
import { Rng } from '../rng.ts';
import { bootstrapCurve } from './bootstrap.ts';
import { EXP3 } from './family.ts';
import { fitCurve } from './fit.ts';
import { curveValue } from './model.ts';

describe('bootstrapCurve', () => {
  // 10 replicate curves, each with its own offset (replicate effect) plus point noise
  const rng = new Rng(8);
  const ns = [100, 200, 400, 800, 1600, 3200];
  const points = Array.from({ length: 10 }, (_, g) => {
    const shift = rng.normal(0, 0.005);
    return ns.map((n) => ({ x: [n], y: curveValue([0.9, -0.8, 0.0012], [n]) + shift + rng.normal(0, 0.005), group: `rep${g}` }));
  }).flat();
  const full = fitCurve(EXP3, points);

  it('resamples replicate groups, is seeded, and brackets the estimate', () => {
    const a = bootstrapCurve(EXP3, points, full, { replicates: 60, seed: 3 });
    const b = bootstrapCurve(EXP3, points, full, { replicates: 60, seed: 3 });
    const c = bootstrapCurve(EXP3, points, full, { replicates: 60, seed: 4 });
    expect(a).toEqual(b);
    expect(c.lower.a).not.toBe(a.lower.a);
    expect(a.unit).toBe('group');
    expect(a.groups).toBe(10);
    expect(a.failed).toBe(0);
    for (const p of full.parameters) {
      expect(a.lower[p]!).toBeLessThan(full.estimate[p]!);
      expect(a.upper[p]!).toBeGreaterThan(full.estimate[p]!);
      // the replicate-level spread is comparable to the Wald SE (same order of magnitude)
      expect(a.sd[p]! / full.se[p]!).toBeGreaterThan(0.3);
      expect(a.sd[p]! / full.se[p]!).toBeLessThan(4);
    }
  });

  it('falls back to resampling points when no point has a group, and rejects a partial grouping', () => {
    const ungrouped = points.map(({ x, y }) => ({ x, y }));
    const r = bootstrapCurve(EXP3, ungrouped, full, { replicates: 10, seed: 1 });
    expect(r.unit).toBe('point');
    expect(r.groups).toBe(60);
    const partial = points.map((p, i) => (i === 0 ? { x: p.x, y: p.y } : p));
    expect(() => bootstrapCurve(EXP3, partial, full)).toThrow(/1 of 60 points have no group/);
  });
});
