import { describe, expect, it } from 'vitest';
import { bhAdjust, moderatedTTests, Rng, tTestOneSample } from '@transferbench/core';
import { vectorTTests } from './vector-t.ts';
import { pairwiseTTests } from './pairwise-t.ts';
import { replicateAt, runReplicates } from './replicates.ts';

describe('pairwiseTTests', () => {
  it('t-tests each ordered pair over replicates: known values for [1, 2, 3]', () => {
    // replicate effects; pair [1][0] takes 1, 2, 3; pair [0][1] takes −1, −2, null (one missing)
    const effects = [
      [
        [5, -1],
        [1, 7],
      ],
      [
        [6, -2],
        [2, 7],
      ],
      [
        [7, null],
        [3, 7],
      ],
    ];
    const inf = pairwiseTTests(effects, 0.95);
    // mean 2, sd 1, se = 1/√3, t = 2√3, df = 2. For df = 2 the t CDF is closed-form:
    // F(t) = 1/2 + t / (2√(2 + t²)) → p = 2(1 − F(2√3)) = 1 − 2√3/√14 = 0.0741799…;
    // qt(0.975, 2) = 4.302652729… → CI = 2 ± 4.302652729/√3.
    expect(inf.effect[1][0]).toBeCloseTo(2, 12);
    expect(inf.se[1][0]).toBeCloseTo(1 / Math.sqrt(3), 12);
    expect(inf.pValue[1][0]).toBeCloseTo(1 - (2 * Math.sqrt(3)) / Math.sqrt(14), 9);
    expect(inf.lower[1][0]).toBeCloseTo(2 - 4.302652729 / Math.sqrt(3), 7);
    expect(inf.upper[1][0]).toBeCloseTo(2 + 4.302652729 / Math.sqrt(3), 7);
    expect(inf.n[0][1]).toBe(2);
    expect(inf.effect[0][1]).toBeCloseTo(-1.5, 12);
    // diagonal: summarised (constant 7 → se 0) but never given a p-value
    expect(inf.effect[1][1]).toBe(7);
    expect(inf.pValue[1][1]).toBeNull();
    expect(inf.pAdjustedBH[0][0]).toBeNull();
  });

  it('pValue stays raw; BH is applied across off-diagonal pairs only', () => {
    const rng = new Rng(11);
    const K = 3;
    const effects = Array.from({ length: 4 }, () =>
      Array.from({ length: K }, (_, t) => Array.from({ length: K }, (_, s) => (t === s ? 10 : 0.3 * (t - s)) + rng.normal(0, 0.5))),
    );
    const inf = pairwiseTTests(effects);
    const raw: number[] = [];
    for (let t = 0; t < K; t++) for (let s = 0; s < K; s++) if (t !== s) raw.push(inf.pValue[t][s] as number);
    const adjusted = bhAdjust(raw);
    let k = 0;
    for (let t = 0; t < K; t++)
      for (let s = 0; s < K; s++)
        if (t !== s) {
          expect(inf.pAdjustedBH[t][s]).toBeCloseTo(adjusted[k++], 14);
          expect(inf.pAdjustedBH[t][s] as number).toBeGreaterThanOrEqual(inf.pValue[t][s] as number);
        }
    expect(raw.some((p, i) => adjusted[i] > p)).toBe(true);
  });

  it('one replicate: effect only, no CI or p', () => {
    const inf = pairwiseTTests([
      [
        [null, 0.4],
        [0.2, null],
      ],
    ]);
    expect(inf.effect[1][0]).toBe(0.2);
    expect(inf.pValue[1][0]).toBeNull();
    expect(inf.lower[1][0]).toBeNull();
    expect(inf.effect[0][0]).toBeNull();
  });
});

describe('moderated t over replicates', () => {
  // 4 replicates of a 3×3 matrix: 6 off-diagonal cells with different spreads, a constant diagonal
  const rng = new Rng(21);
  const effects = Array.from({ length: 4 }, () =>
    Array.from({ length: 3 }, (_, t) =>
      Array.from({ length: 3 }, (_, s) => (t === s ? 1 : 0.01 * (t - s) + rng.normal(0, 0.002 * (1 + t + 2 * s)))),
    ),
  );
  const cells = [
    [0, 1],
    [0, 2],
    [1, 0],
    [1, 2],
    [2, 0],
    [2, 1],
  ];
  const values = (t: number, s: number) => effects.map((m) => m[t][s] as number);

  it('shrinks the off-diagonal variances towards one prior (core moderatedTTests); the diagonal keeps its plain t and no p', () => {
    const inf = pairwiseTTests(effects, 0.95, 'moderated-t');
    const samples = cells.map(([t, s]) => {
      const xs = values(t, s);
      const mean = xs.reduce((a, b) => a + b, 0) / 4;
      return { mean, s2: xs.reduce((a, b) => a + (b - mean) ** 2, 0) / 3, n: 4 };
    });
    const ref = moderatedTTests(samples).tests;
    cells.forEach(([t, s], k) => {
      expect(inf.pValue[t][s]).toBeCloseTo(ref[k].pValue, 12);
      expect(inf.lower[t][s]).toBeCloseTo(ref[k].ciLower, 12);
    });
    expect(inf.pValue[1][1]).toBeNull();
    expect(inf.se[1][1]).toBeCloseTo(tTestOneSample(values(1, 1)).se, 12);
    // the plain t differs: the moderation is really applied
    expect(pairwiseTTests(effects, 0.95, 't').pValue[0][1]).not.toBeCloseTo(inf.pValue[0][1] as number, 6);
  });

  it('the contextual vector takes the same path', () => {
    const reps = effects.map((m) => m.map((row, t) => row[(t + 1) % 3]));
    const v = vectorTTests(reps, 3, 0.95, 'moderated-t');
    const m = pairwiseTTests(effects, 0.95, 'moderated-t');
    expect(v.pValue.every((p) => typeof p === 'number')).toBe(true);
    // a different set of cells → a different prior: only the estimates agree with the matrix path
    expect(v.effect[0]).toBeCloseTo(m.effect[0][1] as number, 12);
  });
});

describe('runReplicates', () => {
  it('derives seeds from the context RNG, stable when the replicate count grows', async () => {
    const ctx = { rng: new Rng(5), signal: new AbortController().signal, progress: () => {} };
    const two = await runReplicates(ctx, 2, (rep) => ({ effect: [[rep.seed]] }));
    const three = await runReplicates({ ...ctx, rng: new Rng(5) }, 3, (rep) => ({ effect: [[rep.seed]] }));
    expect(three.slice(0, 2).map((r) => r.seed)).toEqual(two.map((r) => r.seed));
    expect(new Set(three.map((r) => r.seed)).size).toBe(3);
    expect(three[1].seed).toBe(replicateAt(new Rng(5), 1).seed);
  });
});
