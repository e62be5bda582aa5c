/**
 * The cross-validated truth: mean over folds with the corrected resampled t interval (Nadeau & Bengio), checked
 * against scipy (`m ± t.ppf(0.975, k−1)·sqrt((1/k + 1/(k−1))·s²)`); a cell some fold lacks stays unestimated.
 */
import { describe, expect, it } from 'vitest';
import type { TransferEstimate } from '@transferbench/core';
import { crossValidatedTruth } from './cross-validated-truth.ts';

const fold = (contextual: (number | null)[], ab: number | null): TransferEstimate => ({
  estimator: { name: 'contextual-oracle', version: '1' },
  tasks: ['a', 'b'],
  unit: 'ΔAUC',
  pairwise: {
    effect: [
      [null, ab],
      [null, null],
    ],
  },
  contextual: { effect: contextual },
  cost: { wallMs: 10, cpuMs: 8, peakRssMb: 100, trainings: 3, probes: 0, samplePasses: 0, flops: 0 },
  diagnostics: { warnings: [], fitFailures: 0, fitAttempts: 0, notes: [] },
});

describe('cross-validated truth', () => {
  it('gives the fold mean with the corrected resampled t interval (scipy reference values)', () => {
    const a = [0.02, 0.035, 0.01, 0.04, 0.025];
    const b = [0.001, -0.002, 0.003, 0.0, null];
    const t = crossValidatedTruth(a.map((v, f) => fold([v, b[f]], f === 4 ? null : 0.01 * f)));
    const c = t.contextual!;
    expect(c.effect[0]).toBeCloseTo(0.026, 12);
    expect(c.lower![0]).toBeCloseTo(0.003766758762000392, 10);
    expect(c.upper![0]).toBeCloseTo(0.048233241237999616, 10);
    expect(c.se![0]).toBeCloseTo(0.008007808689023484, 10);
    // one fold lacks b: not estimated (its mean over 4 folds would be 0.0005 ± 0.00506)
    expect(c.effect[1]).toBeNull();
    expect(t.pairwise.effect[0][1]).toBeNull();
    expect(t.cost).toMatchObject({ cpuMs: 40, trainings: 15, peakRssMb: 100 });

    const four = crossValidatedTruth(b.slice(0, 4).map((v) => fold([v, v], v)));
    expect(four.contextual!.lower![0]).toBeCloseTo(-0.004559767145024415, 10);
    expect(four.contextual!.upper![0]).toBeCloseTo(0.005559767145024416, 10);
    expect(four.pairwise.upper![0][1]).toBeCloseTo(0.005559767145024416, 10);
  });

  it('refuses folds of different tasks and fewer than two folds', () => {
    const other = { ...fold([0, 0], 0), tasks: ['a', 'c'] };
    expect(() => crossValidatedTruth([fold([0, 0], 0), other])).toThrow(/other tasks than fold 0/);
    expect(() => crossValidatedTruth([fold([0, 0], 0)])).toThrow(/at least 2 folds/);
  });
});
