/**
 * The study's conclusion: Newcombe's interval against the paper's worked example, and the verdicts of each part of
 * the claim on a summary built by hand (a rung with FPR above α never counts as the best).
 */
import { describe, expect, it } from 'vitest';
import { wilsonInterval, type BenchSummary, type SummaryRow } from '@transferbench/core';
import { newcombeDifference, studyClaim } from './claim.ts';

const w = (hits: number, n: number) => {
  const p = wilsonInterval(hits, n);
  return { value: p.value!, lower: p.lower!, upper: p.upper! };
};

const stat = (mean: number, half: number) => ({ mean, lower: mean - half, upper: mean + half, n: 5 });
const prop = (hits: number, n: number) => ({ ...wilsonInterval(hits, n), hits, n });

function row(
  estimator: string,
  budget: string,
  cpu: [number, number],
  power: [number, number],
  fpr: [number, number] = [0, 40],
): SummaryRow {
  const score = {
    truth: 'd/contextual',
    hasPValues: true,
    power: prop(...power),
    fpr: prop(...fpr),
    fprConstructed: prop(0, 0),
    powerRaw: prop(...power),
    fprRaw: prop(...fpr),
    signErrors: 0,
    calibration: { ks: null, ksPValue: null, n: 0, pValues: [] },
    spearman: stat(0.5, 0.1),
    powerByEffect: [],
  } as unknown as NonNullable<SummaryRow['contextual']>;
  return {
    dataset: 'd',
    estimator,
    plugin: estimator,
    kind: 'statistical',
    role: 'estimator',
    budget,
    budgetIndex: 0,
    seeds: { total: 5, ok: 5, failed: 0, missing: 0 },
    cpuSeconds: stat(...cpu),
    wallSeconds: stat(...cpu),
    samplePasses: stat(0, 0),
    trainings: stat(0, 0),
    peakRssMb: stat(100, 1),
    pairwise: null,
    contextual: score,
    notes: [],
  };
}

const summary = (rows: SummaryRow[]) => ({ alpha: 0.05, rows }) as unknown as BenchSummary;

describe('study claim', () => {
  it("Newcombe's hybrid score interval: 56/70 − 48/80 = 0.200 [0.0524, 0.3339] (Newcombe 1998, method 10)", () => {
    const d = newcombeDifference(w(56, 70), w(48, 80));
    expect(d.value).toBeCloseTo(0.2, 12);
    expect(d.lower).toBeCloseTo(0.0524, 4);
    expect(d.upper).toBeCloseTo(0.3339, 4);
  });

  it('confirms more power and more cost at each method’s best rung; a rung with FPR above α does not count', () => {
    const parts = studyClaim(
      summary([
        row('learning-curve', 'p20', [30, 2], [20, 48]),
        row('learning-curve', 'p40', [60, 3], [40, 48]),
        row('tag', 'r8', [4, 0.5], [6, 48]),
        // rejects everything: power 48/48 but FPR 30/40, wholly above α
        row('tag', 'r96', [20, 1], [48, 48], [30, 40]),
      ]),
    );
    expect(parts.map((p) => [p.part, p.verdict])).toEqual([
      ['contextual power', 'confirmed'],
      ['cost', 'confirmed'],
    ]);
    expect(parts[0].sentence).toMatch(
      /^On d, learning-curve reaches more contextual power than tag: confirmed — 0\.83 \[.*\] \(p40, n 48\) against 0\.13 .*\(r8, n 48\)/,
    );
    expect(parts[1].sentence).toMatch(
      /60\.00 CPU-s \[57\.00, 63\.00\] per estimate \(p40\) against 4\.00 \[3\.50, 4\.50\] \(r8\), 15\.0× as much\.$/,
    );
  });

  it('refutes or leaves undecided by the intervals', () => {
    const refuted = studyClaim(summary([row('learning-curve', 'a', [3, 0.5], [5, 48]), row('tag', 'b', [10, 1], [30, 48])]));
    expect(refuted.map((p) => p.verdict)).toEqual(['refuted', 'refuted']);
    const undecided = studyClaim(summary([row('learning-curve', 'a', [10, 3], [20, 48]), row('tag', 'b', [9, 3], [17, 48])]));
    expect(undecided.map((p) => p.verdict)).toEqual(['undecided', 'undecided']);
  });
});
