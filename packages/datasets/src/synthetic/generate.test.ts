import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { taskLabelStats, validateDataset, type MultiTaskDataset } from '@transferbench/core';
import { generateSynthetic } from './generate.ts';
import { syntheticDataset } from './plugin.ts';

const sha = (ds: MultiTaskDataset) => {
  const h = createHash('sha256');
  for (const a of [ds.features.indptr, ds.features.indices, ds.labels]) h.update(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
  h.update(JSON.stringify([ds.tasks, ds.samples, ds.meta]));
  return h.digest('hex');
};

/** Phi coefficient of tasks a and b over the compounds labelled for both. */
function phi(ds: MultiTaskDataset, a: number, b: number): number {
  const K = ds.tasks.length;
  let n = 0,
    n11 = 0,
    na = 0,
    nb = 0;
  for (let r = 0; r < ds.samples.length; r++) {
    const x = ds.labels[r * K + a],
      y = ds.labels[r * K + b];
    if (x < 0 || y < 0) continue;
    n++;
    n11 += x & y;
    na += x;
    nb += y;
  }
  const pa = na / n,
    pb = nb / n;
  return (n11 / n - pa * pb) / Math.sqrt(pa * (1 - pa) * pb * (1 - pb));
}

describe('synthetic dataset', () => {
  const ds = generateSynthetic();
  const K = ds.tasks.length;

  it('is byte-identical for the same seed and different for another seed', () => {
    expect(sha(generateSynthetic({ seed: 0 }))).toBe(sha(ds));
    expect(sha(generateSynthetic({ seed: 1 }))).not.toBe(sha(ds));
  });

  it('has the default layout: 2 families of 3, 1 independent, 1 control; 3000 × 2048; valid', () => {
    expect(validateDataset(ds)).toBe(ds);
    expect(ds.tasks.map((t) => t.id)).toEqual(['fam0-0', 'fam0-1', 'fam0-2', 'fam1-0', 'fam1-1', 'fam1-2', 'indep0', 'control0']);
    expect(ds.samples).toHaveLength(3000);
    expect(ds.features.dim).toBe(2048);
    expect(ds.meta.planted).toEqual({ family: ['fam0', 'fam0', 'fam0', 'fam1', 'fam1', 'fam1', null, null], controls: [7], rho: 0.9 });
    expect(ds.tasks.map((t) => t.group)).toEqual(['fam0', 'fam0', 'fam0', 'fam1', 'fam1', 'fam1', null, null]);
    expect(ds.samples[0].scaffold).toMatch(/^chemotype\d+$/);
  });

  it('has fingerprints at the requested density', () => {
    const perRow = ds.features.indices.length / ds.samples.length;
    expect(perRow / 2048).toBeGreaterThan(0.027);
    expect(perRow / 2048).toBeLessThan(0.033);
    const dense = generateSynthetic({ density: 0.05, compounds: 500, labelsPerTask: 100 });
    expect(dense.features.indices.length / 500 / 2048).toBeCloseTo(0.05, 2);
  });

  it('labels exactly labelsPerTask compounds per task at the requested positive rate', () => {
    const stats = taskLabelStats(ds);
    for (const s of stats) expect(s.labels).toBe(400);
    const rate = stats.reduce((a, s) => a + s.positives, 0) / stats.reduce((a, s) => a + s.labels, 0);
    expect(rate).toBeGreaterThan(0.23);
    expect(rate).toBeLessThan(0.27);
    for (const s of stats) expect(Math.abs(s.positives / s.labels - 0.25)).toBeLessThan(0.07);
  });

  it('control labels are a permutation of their source task (same positives) on other compounds', () => {
    const stats = taskLabelStats(ds);
    expect(ds.tasks[7].name).toContain('fam0-0');
    expect(stats[7].positives).toBe(stats[0].positives);
    const rows = (t: number) => ds.samples.flatMap((_, r) => (ds.labels[r * K + t] >= 0 ? [r] : []));
    expect(rows(7)).not.toEqual(rows(0));
  });

  it('family tasks are correlated, independent and control pairs are not', () => {
    const big = generateSynthetic({ labelsPerTask: 1500 });
    const fam = big.meta.planted!.family;
    const within: number[] = [];
    const across: number[] = [];
    for (let a = 0; a < K; a++) {
      for (let b = a + 1; b < K; b++) (fam[a] && fam[a] === fam[b] ? within : across).push(phi(big, a, b));
    }
    expect(within).toHaveLength(6);
    expect(Math.min(...within)).toBeGreaterThan(0.3);
    expect(Math.max(...across.map(Math.abs))).toBeLessThan(0.2);
    const mean = (x: number[]) => x.reduce((s, v) => s + v, 0) / x.length;
    expect(mean(within)).toBeGreaterThan(0.4);
    expect(Math.abs(mean(across))).toBeLessThan(0.05);
  });

  it('labels become uncorrelated as rho goes to 0', () => {
    const unrelated = generateSynthetic({ labelsPerTask: 1500, rho: 0 });
    expect(Math.abs(phi(unrelated, 0, 1))).toBeLessThan(0.12);
  });

  it('fills independent tasks from `tasks` and honours explicit layouts', () => {
    const ten = generateSynthetic({ tasks: 10, compounds: 300, labelsPerTask: 100 });
    expect(ten.tasks).toHaveLength(10);
    expect(ten.tasks.filter((t) => t.id.startsWith('indep'))).toHaveLength(3);
    const custom = generateSynthetic({ families: [2, 2, 2], independent: 0, controls: 2, compounds: 300, labelsPerTask: 100 });
    expect(custom.meta.planted!.controls).toEqual([6, 7]);
    expect(custom.tasks[7].name).toContain('fam1-0');
  });

  it('rejects bad options naming the option and the expected form', () => {
    expect(() => generateSynthetic({ rho: 2 })).toThrow(/✖ .*(<=|1)\n {2}→ at rho/);
    expect(() => generateSynthetic({ tasks: 3 })).toThrow(/✖ expected at least .* = 7, got 3\n {2}→ at tasks/);
    expect(() => generateSynthetic({ tasks: 9, independent: 1 })).toThrow(/✖ expected .* = 8, got 9\n {2}→ at tasks/);
    expect(() => generateSynthetic({ labelsPerTask: 5000 })).toThrow(/✖ expected at most compounds = 3000.*\n {2}→ at labelsPerTask/);
    expect(() => generateSynthetic({ families: [3, 1] })).toThrow(/✖ a family needs at least 2 tasks\n {2}→ at families\[1\]/);
    expect(() => generateSynthetic({ labelNoise: 0.3 })).toThrow(/→ at labelNoise/);
    expect(() => generateSynthetic({ compounds: 'many' as unknown as number })).toThrow(/✖ .*expected number.*\n {2}→ at compounds/);
  });

  it('loads through the dataset plugin', async () => {
    expect(syntheticDataset.meta.name).toBe('synthetic');
    const loaded = await syntheticDataset.load(syntheticDataset.options.parse({ compounds: 200, labelsPerTask: 50, seed: 3 }), {
      log: () => {},
    });
    expect(sha(loaded)).toBe(sha(generateSynthetic({ compounds: 200, labelsPerTask: 50, seed: 3 })));
  });
});
