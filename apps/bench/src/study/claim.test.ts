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

  it('says why a method’s power is not measured, and still compares cost, at the top of each ladder', () => {
    const parts = studyClaim(
      summary([
        { ...row('learning-curve', 'p20', [30, 2], [20, 48]), budgetIndex: 0 },
        { ...row('learning-curve', 'p40', [60, 3], [40, 48]), budgetIndex: 1 },
        { ...row('tag', 'r4', [4, 0.5], [44, 48], [12, 40]), budgetIndex: 0 },
        { ...row('tag', 'r12', [12, 1], [48, 48], [30, 40]), budgetIndex: 1 },
      ]),
    );
    expect(parts.map((p) => [p.part, p.verdict])).toEqual([
      ['contextual power', 'not measured'],
      ['cost', 'confirmed'],
    ]);
    // 12/40 = 0.30, Wilson [0.18, 0.45]; 30/40 = 0.75 [0.60, 0.86]
    expect(parts[0].sentence).toBe(
      'On d, contextual power: not measured for tag — no rung with p-values and FPR within α ' +
        '(r4: FPR 0.30 [0.18, 0.45] on the truth’s null cells, power 0.92 not counted; r12: FPR 0.75 [0.60, 0.86] on the truth’s null cells, power 1.00 not counted).',
    );
    expect(parts[1].sentence).toBe(
      'On d, learning-curve costs more compute than tag: confirmed — 60.00 CPU-s [57.00, 63.00] per estimate (p40) against 12.00 [11.00, 13.00] (r12), ' +
        '5.0× as much (the top of each ladder: no scope where both have a rung whose power counts).',
    );
  });

  it('power is not measured where the truth has no positive or negative cell', () => {
    const parts = studyClaim(summary([row('learning-curve', 'p40', [60, 3], [0, 0]), row('tag', 'r8', [4, 0.5], [0, 0])]));
    expect(parts[0]).toMatchObject({ part: 'contextual power', verdict: 'not measured' });
    expect(parts[0].sentence).toBe(
      'On d, contextual power: not measured — the truth has no positive or negative cell to detect (false positives are still scored).',
    );
  });

  it('refutes or leaves undecided by the intervals', () => {
    const refuted = studyClaim(summary([row('learning-curve', 'a', [3, 0.5], [5, 48]), row('tag', 'b', [10, 1], [30, 48])]));
    expect(refuted.map((p) => p.verdict)).toEqual(['refuted', 'refuted']);
    const undecided = studyClaim(summary([row('learning-curve', 'a', [10, 3], [20, 48]), row('tag', 'b', [9, 3], [17, 48])]));
    expect(undecided.map((p) => p.verdict)).toEqual(['undecided', 'undecided']);
  });
});
