/**
 * From design fits to the TransferEstimate. Orientation: effect[target][source] (row receives). The reported
 * reading (`effect` option) fills effect/se/lower/upper. pValue is the raw two-sided t-test of the marginal
 * slope = 0 with its total standard error (residual Wald + test-set bootstrap), whatever reading is reported:
 * rate = 0 ⟺ slope = 0 ⟺ γ = 0 is one hypothesis, and the slope is the reading whose Wald test is well
 * conditioned (see transfer-fit.ts). All three readings, the conditional F-test p-values and the BH-adjusted
 * p-values are in details, as matrices, for reports.
 */
import { bhAdjust, squareMatrix, type Matrix } from '@transferbench/core';
import type { DesignFits } from './design-fits.ts';
import type { LearningCurveOptions } from './options.ts';
import type { Interval, RateReading } from './transfer-fit.ts';

type ReadingKey = 'rate' | 'slope' | 'exchangeRate';
export const readingKey: Record<LearningCurveOptions['effect'], ReadingKey> = {
  slope: 'slope',
  rate: 'rate',
  'exchange-rate': 'exchangeRate',
};

export interface ReadingMatrices {
  effect: Matrix;
  se: Matrix;
  lower: Matrix;
  upper: Matrix;
  waldP: Matrix;
}

function matrices(cells: (RateReading | null)[][], key: ReadingKey): ReadingMatrices {
  const K = cells.length;
  const out = { effect: squareMatrix(K), se: squareMatrix(K), lower: squareMatrix(K), upper: squareMatrix(K), waldP: squareMatrix(K) };
  cells.forEach((row, i) =>
    row.forEach((c, j) => {
      if (!c) return;
      const v: Interval = c[key];
      out.effect[i][j] = v.estimate;
      out.se[i][j] = v.se;
      out.lower[i][j] = v.lower;
      out.upper[i][j] = v.upper;
      out.waldP[i][j] = v.waldP;
    }),
  );
  return out;
}

/** BH over the non-null entries, nulls kept (core bhAdjust treats NaN as untested). */
function bh(values: (number | null)[]): (number | null)[] {
  const adj = bhAdjust(values.map((v) => (v === null ? NaN : v)));
  return adj.map((v) => (Number.isFinite(v) ? v : null));
}

export interface EstimateParts {
  pairwise: { effect: Matrix; se: Matrix; lower: Matrix; upper: Matrix; pValue: Matrix };
  contextual:
    | { effect: (number | null)[]; se: (number | null)[]; lower: (number | null)[]; upper: (number | null)[]; pValue: (number | null)[] }
    | undefined;
  readings: Record<ReadingKey, ReadingMatrices> & { fTestP: Matrix; pAdjustedBH: Matrix };
  contextualReadings: (Record<ReadingKey, Interval[]> & { fTestP: (number | null)[]; pAdjustedBH: (number | null)[] }) | undefined;
}

const blankInterval: Interval = { estimate: null, se: null, lower: null, upper: null, waldP: null };

export function estimateParts(fits: DesignFits, options: Pick<LearningCurveOptions, 'effect'>, hasContextual: boolean): EstimateParts {
  const K = fits.pairwise.length;
  const key = readingKey[options.effect];
  const byKey = {
    rate: matrices(fits.pairwise, 'rate'),
    slope: matrices(fits.pairwise, 'slope'),
    exchangeRate: matrices(fits.pairwise, 'exchangeRate'),
  };
  const fTestP = squareMatrix(K);
  fits.pairwise.forEach((row, i) =>
    row.forEach((c, j) => {
      if (c) fTestP[i][j] = c.fTest.pValue;
    }),
  );
  const chosen = byKey[key];
  const pValue = byKey.slope.waldP;
  const flat: { i: number; j: number; p: number | null }[] = [];
  for (let i = 0; i < K; i++) for (let j = 0; j < K; j++) if (i !== j) flat.push({ i, j, p: pValue[i][j] });
  const pAdjustedBH = squareMatrix(K);
  bh(flat.map((f) => f.p)).forEach((q, k) => {
    pAdjustedBH[flat[k].i][flat[k].j] = q;
  });

  let contextual: EstimateParts['contextual'];
  let contextualReadings: EstimateParts['contextualReadings'];
  if (hasContextual) {
    const reading = (i: number): RateReading | null => fits.contextual[i]?.readings[0] ?? null;
    const pick = (k: ReadingKey) => fits.contextual.map((_, i) => reading(i)?.[k] ?? blankInterval);
    const readings = { rate: pick('rate'), slope: pick('slope'), exchangeRate: pick('exchangeRate') };
    const fP = fits.contextual.map((_, i) => reading(i)?.fTest.pValue ?? null);
    const chosenC = readings[key];
    const p = readings.slope.map((v) => v.waldP);
    contextual = {
      effect: chosenC.map((v) => v.estimate),
      se: chosenC.map((v) => v.se),
      lower: chosenC.map((v) => v.lower),
      upper: chosenC.map((v) => v.upper),
      pValue: p,
    };
    contextualReadings = { ...readings, fTestP: fP, pAdjustedBH: bh(p) };
  }
  return {
    pairwise: { effect: chosen.effect, se: chosen.se, lower: chosen.lower, upper: chosen.upper, pValue },
    contextual,
    readings: { ...byKey, fTestP, pAdjustedBH },
    contextualReadings,
  };
}
