import { describe, expect, it } from 'vitest';
import { TargetSeries } from './target-series.ts';

/** A probe over tasks [0, 2, 3] of K = 4 whose value for (target a, source b) is step + a/10 + b/100. */
const probe = (step: number) => ({
  present: [0, 2, 3],
  values: Float64Array.from({ length: 9 }, (_, i) => step + Math.floor(i / 3) / 10 + (i % 3) / 100),
  contextual: Float64Array.from([step + 0.5, NaN, step + 0.7]),
});

describe('TargetSeries', () => {
  it('keeps at most `max` probes spread over a long run, first and last included, and the chosen targets’ rows', () => {
    const s = new TargetSeries(4, [0, 1], 5, false);
    for (let step = 0; step < 1000; step++) {
      const p = probe(step);
      s.push(step, Math.floor(step / 100), p.present, p.values, p.contextual);
    }
    const d = s.details();
    expect(d.total).toBe(1000);
    expect(d.kept).toBe(5);
    expect(d.targets).toEqual([0, 1]);
    const steps = d.points.map((p) => p.step);
    expect(steps[0]).toBe(0);
    expect(steps[4]).toBe(999);
    // evenly spread: the gaps between kept probes are within a factor 2 of each other (the stride doubles)
    const gaps = steps.slice(1).map((x, i) => x - steps[i]);
    expect(Math.max(...gaps) / Math.min(...gaps)).toBeLessThanOrEqual(2.5);
    const p = d.points[1];
    // target 0 = present[0]: its values from sources 0, 2, 3; target 1 was not measured
    expect(p.rows[0]).toEqual([p.step + 0, null, p.step + 0.01, p.step + 0.02]);
    expect(p.rows[1]).toEqual([null, null, null, null]);
    expect(p.contextual).toEqual([p.step + 0.5, null]);
    expect(p.matrix).toBeUndefined();
    expect(p.epoch).toBe(Math.floor(p.step / 100));
  });

  it('keeps whole matrices only when asked, nothing with max 0, and every probe of a short run', () => {
    const full = new TargetSeries(4, [], 10, true);
    const none = new TargetSeries(4, [0], 0, false);
    for (let step = 0; step < 3; step++) {
      const p = probe(step);
      full.push(step, 0, p.present, p.values);
      none.push(step, 0, p.present, p.values);
    }
    const d = full.details();
    expect(d.kept).toBe(3);
    expect(d.points[2].matrix).toEqual([
      [2, null, 2.01, 2.02],
      [null, null, null, null],
      [2.1, null, 2.11, 2.12],
      [2.2, null, 2.21, 2.22],
    ]);
    expect(none.details()).toEqual({ total: 3, kept: 0, targets: [0], full: false, points: [] });
  });
});
