import { describe, expect, it } from 'vitest';
import { generateSynthetic } from './generate.ts';
import { syntheticOptionsSchema } from './options.ts';

const counts = (o: Record<string, unknown>) => {
  const ds = generateSynthetic(syntheticOptionsSchema.parse({ compounds: 400, ...o }));
  const K = ds.tasks.length;
  return Array.from({ length: K }, (_, t) => ds.samples.reduce((n, _s, r) => n + (ds.labels[r * K + t] >= 0 ? 1 : 0), 0));
};

describe('synthetic labelsPerTaskMin', () => {
  it('draws each task’s label count from [labelsPerTaskMin, labelsPerTask]; a control keeps its source’s count', () => {
    const c = counts({ tasks: 12, labelsPerTask: 150, labelsPerTaskMin: 20, seed: 3 });
    for (const n of c) {
      expect(n).toBeGreaterThanOrEqual(20);
      expect(n).toBeLessThanOrEqual(150);
    }
    expect(new Set(c).size).toBeGreaterThan(5);
    // default layout: families [3, 3], then independent tasks, the control last; its source is fam0-0's
    expect(c[11]).toBe(c[0]);
    expect(counts({ tasks: 12, labelsPerTask: 150, labelsPerTaskMin: 20, seed: 3 })).toEqual(c);
  });

  it('without it every task has labelsPerTask labels; a minimum above labelsPerTask is refused, naming the field', () => {
    expect(new Set(counts({ labelsPerTask: 90 }))).toEqual(new Set([90]));
    expect(() => syntheticOptionsSchema.parse({ labelsPerTask: 50, labelsPerTaskMin: 60 })).toThrow(
      /labelsPerTaskMin[\s\S]*at most labelsPerTask = 50/,
    );
  });
});
