import { describe, expect, it } from 'vitest';
import { Rng } from '../rng.ts';
import { CurveDataError, type CurvePoint } from './data.ts';
import { EXP3, EXP3_2, PAIRWISE, jointFamily, type CurveFamily } from './family.ts';
import { fitCurve } from './fit.ts';
import { curveValue } from './model.ts';

const grid = (...axes: number[][]): number[][] =>
  axes.reduce<number[][]>((acc, axis) => acc.flatMap((row) => axis.map((v) => [...row, v])), [[]]);

function exactPoints(theta: number[], xs: number[][]): CurvePoint[] {
  return xs.map((x) => ({ x, y: curveValue(theta, x) }));
}

function expectRecovered(family: CurveFamily, truth: number[], xs: number[][], options = {}) {
  const fit = fitCurve(family, exactPoints(truth, xs), options);
  expect(fit.reason).toBeNull();
  expect(fit.converged).toBe(true);
  truth.forEach((t, k) => {
    const rel = Math.abs(fit.values[k] - t) / Math.abs(t);
    expect(rel, `${fit.parameters[k]}: fitted ${fit.values[k]}, truth ${t}`).toBeLessThan(1e-4);
  });
  return fit;
}

describe('fitCurve: noise-free recovery with raw sample counts', () => {
  it('EXP3', () => {
    const fit = expectRecovered(EXP3, [0.92, -0.4, 0.0012], grid([100, 200, 350, 500, 750, 1000, 1500, 2000, 3000]));
    expect(fit.estimate.a).toBeCloseTo(0.0012, 10);
    expect(fit.scales).toEqual([3000]);
    expect(fit.restarts).toMatchObject({ attempted: 9, failed: 0 });
  });

  it('EXP3 with the AUC cap c ≤ 1 (not binding)', () => {
    expectRecovered(EXP3, [0.95, -0.3, 0.0009], grid([100, 250, 500, 1000, 2000, 4000]), { upperAsymptote: 1 });
  });

  it('EXP3.2', () => {
    const fit = expectRecovered(EXP3_2, [0.9, -0.6, 0.0011, 0.00025], grid([100, 300, 700, 1500, 3000], [0, 800, 2000, 5000]));
    expect(fit.transfer).toEqual(['a_isigma']);
  });

  it('pairwise with negative transfer', () => {
    expectRecovered(PAIRWISE, [0.87, -0.8, 0.0016, -0.0002], grid([150, 400, 900, 2000], [0, 500, 1000, 2000]));
  });

  it('joint fit from a random design', () => {
    const rng = new Rng(5);
    const xs = Array.from({ length: 40 }, () => [rng.int(1, 20) * 100, rng.int(0, 20) * 100, rng.int(0, 20) * 100, rng.int(0, 20) * 100]);
    expectRecovered(jointFamily('t0', ['t1', 't2', 't3']), [0.9, -0.7, 0.002, 0.0005, -0.0002, 0.0001], xs);
  });
});

describe('fitCurve: behaviour', () => {
  const noisy = (seed: number) => {
    const rng = new Rng(seed);
    return grid([100, 250, 500, 1000, 2000], [0, 1000, 3000]).flatMap((x) =>
      [0, 1, 2].map((g) => ({ x, y: curveValue([0.9, -0.6, 0.0015, 0.0003], x) + rng.normal(0, 0.01), group: g })),
    );
  };

  it('is deterministic for a seed and counts its restarts', () => {
    const a = fitCurve(EXP3_2, noisy(1), { seed: 4, restarts: 5 });
    const b = fitCurve(EXP3_2, noisy(1), { seed: 4, restarts: 5 });
    expect(a).toEqual(b);
    expect(a.restarts.attempted).toBe(6);
    expect(a.df).toBe(45 - 4);
    expect(a.sigma2).toBeCloseTo(a.rss / 41, 15);
    // noise sd 0.01 → s² ≈ 1e-4
    expect(a.sigma2).toBeGreaterThan(0.4e-4);
    expect(a.sigma2).toBeLessThan(2e-4);
  });

  it('reports raw units: multiplying n by 10 divides the rates by 10 and leaves c, b, RSS unchanged', () => {
    const pts = noisy(2);
    const a = fitCurve(EXP3_2, pts);
    const b = fitCurve(
      EXP3_2,
      pts.map((p) => ({ ...p, x: p.x.map((v) => v * 10) })),
    );
    expect(b.values[0]).toBeCloseTo(a.values[0], 9);
    expect(b.values[1]).toBeCloseTo(a.values[1], 9);
    expect(b.values[2] * 10).toBeCloseTo(a.values[2], 12);
    expect((b.se.a_isigma as number) * 10).toBeCloseTo(a.se.a_isigma as number, 12);
    expect(b.rss).toBeCloseTo(a.rss, 14);
    expect(b.pValue.a_isigma).toBeCloseTo(a.pValue.a_isigma as number, 9);
  });

  it('holds c at the user cap when the data want more, with a warning', () => {
    const xs = grid([100, 200, 300, 500, 800, 1200, 2000]);
    const fit = fitCurve(
      EXP3,
      xs.map((x) => ({ x, y: 0.5 + 1e-4 * x[0] })),
      { upperAsymptote: 1 },
    );
    expect(fit.converged).toBe(true);
    expect(fit.estimate.c).toBe(1);
    expect(fit.warnings.join(' ')).toMatch(/c is at its upper bound 1/);
  });
});

describe('fitCurve: failures are reported, never silent', () => {
  const xs = grid([100, 200, 300, 500, 800, 1200, 2000]);
  const curve = (x: number[]) => curveValue([0.9, -1, 0.002], x);

  it('too few points (n ≤ p)', () => {
    const fit = fitCurve(
      EXP3,
      xs.slice(0, 3).map((x) => ({ x, y: curve(x) })),
    );
    expect(fit.converged).toBe(false);
    expect(fit.reason).toMatch(/too few points: 3 points for 3 parameters/);
    expect(fit.values.every(Number.isNaN)).toBe(true);
    expect(fit.estimate.c).toBeNull();
  });

  it('NaN, ∞, negative counts and wrong arity throw a CurveDataError naming the point', () => {
    const good = xs.map((x) => ({ x, y: curve(x) }));
    const withNaN = good.map((p, i) => (i === 2 ? { ...p, y: Number.NaN } : p));
    expect(() => fitCurve(EXP3, withNaN)).toThrow(CurveDataError);
    expect(() => fitCurve(EXP3, withNaN)).toThrow(/point 2 y = NaN; expected a finite number/);
    expect(() =>
      fitCurve(
        EXP3,
        good.map((p, i) => (i === 4 ? { ...p, x: [Infinity] } : p)),
      ),
    ).toThrow(/point 4 n = Infinity/);
    expect(() =>
      fitCurve(
        EXP3,
        good.map((p, i) => (i === 1 ? { ...p, x: [-5] } : p)),
      ),
    ).toThrow(/point 1 n = -5; expected a sample count ≥ 0/);
    expect(() => fitCurve(EXP3_2, good)).toThrow(/point 0 has 1 covariates; family exp3.2 expects 2 \(n_i, n_sigma\)/);
  });

  it('exactly flat data', () => {
    const fit = fitCurve(
      EXP3,
      xs.map((x) => ({ x, y: 0.7 })),
    );
    expect(fit.converged).toBe(false);
    expect(fit.reason).toMatch(/no curvature: y is flat/);
  });

  it('noisy flat data (no curvature)', () => {
    for (const seed of [3, 9]) {
      const rng = new Rng(seed);
      const fit = fitCurve(
        EXP3,
        xs.flatMap((x) => [0, 1, 2].map(() => ({ x, y: 0.7 + rng.normal(0, 0.01) }))),
      );
      expect(fit.converged, `seed ${seed}`).toBe(false);
      // either honest verdict on a flat curve: no curvature found, or the rate driven to its bound
      expect(fit.reason, `seed ${seed}`).toMatch(/no curvature|degenerate fit: rate a at its bound/);
    }
  });

  it('straight-line data (no saturation)', () => {
    const fit = fitCurve(
      EXP3,
      xs.map((x) => ({ x, y: 0.5 + 1e-4 * x[0] })),
    );
    expect(fit.converged).toBe(false);
    expect(fit.reason).toMatch(/no curvature: the fit drifts towards a straight line/);
    expect(fit.restarts.failed).toBe(fit.restarts.attempted);
  });

  it('singular Jacobian: a covariate that never varies, or two collinear covariates', () => {
    const zero = fitCurve(
      EXP3_2,
      xs.map((x) => ({ x: [x[0], 0], y: curve(x) })),
    );
    expect(zero.converged).toBe(false);
    expect(zero.reason).toMatch(/singular Jacobian/);
    expect(zero.se.a_isigma).toBeNull();
    const collinear = fitCurve(
      PAIRWISE,
      xs.map((x) => ({ x: [x[0], 2 * x[0]], y: curve(x) })),
    );
    expect(collinear.converged).toBe(false);
    expect(collinear.reason).toMatch(/singular Jacobian/);
  });

  it('invalid options throw', () => {
    const good = xs.map((x) => ({ x, y: curve(x) }));
    expect(() => fitCurve(EXP3, good, { level: 95 })).toThrow(/level = 95; expected a number in \(0, 1\)/);
    expect(() => fitCurve(EXP3, good, { scales: [0] })).toThrow(/scales/);
    expect(() => fitCurve(EXP3, good, { start: [1, 2] })).toThrow(/start has 2 values; expected 3/);
  });
});
