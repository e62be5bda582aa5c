/** Test helper: a 4-task worked example of a truth and an estimate (used by the scoring tests). */
import type { TransferEstimate } from '@transferbench/core';

export const tasks = ['A', 'B', 'C', 'D'];
const K = tasks.length;
export const grid = (f: (i: number, j: number) => number | null) =>
  Array.from({ length: K }, (_, i) => Array.from({ length: K }, (_, j) => (i === j ? null : f(i, j))));

const base = {
  unit: 'test',
  cost: { wallMs: 0, cpuMs: 0, peakRssMb: 0, trainings: 0, probes: 0, samplePasses: 0, flops: 0 },
  diagnostics: { warnings: [], notes: [], fitFailures: 0, fitAttempts: 0 },
};

/** A←B and B←A positive, C←D negative, D←C indeterminate, the other 8 pairs null (δ = 0.01); D is a control. */
const cls: Record<string, [number, number, number]> = {
  '0,1': [0.1, 0.05, 0.15],
  '1,0': [0.08, 0.02, 0.14],
  '2,3': [-0.06, -0.1, -0.02],
  '3,2': [0.02, -0.05, 0.09],
};
export const truth: TransferEstimate = {
  ...base,
  estimator: { name: 'oracle', version: '1' },
  tasks,
  pairwise: {
    effect: grid((i, j) => cls[`${i},${j}`]?.[0] ?? 0.001 * (i + 1) * (j + 1)),
    lower: grid((i, j) => cls[`${i},${j}`]?.[1] ?? -0.005),
    upper: grid((i, j) => cls[`${i},${j}`]?.[2] ?? 0.008),
  },
};

/** p-values in row-major pair order (0,1),(0,2),(0,3),(1,0),(1,2),(1,3),(2,0),(2,1),(2,3),(3,0),(3,1),(3,2). */
const p: Record<string, number> = {
  '0,1': 0.001,
  '0,2': 0.01,
  '0,3': 0.5,
  '1,0': 0.002,
  '1,2': 0.6,
  '1,3': 0.7,
  '2,0': 0.8,
  '2,1': 0.9,
  '2,3': 0.04,
  '3,0': 0.95,
  '3,1': 1.0,
  '3,2': 0.003,
};
const eff: Record<string, number> = { '0,1': 0.5, '1,0': -0.3, '2,3': -0.2, '3,2': 0.1, '0,2': 0.1 };
export const estimate: TransferEstimate = {
  ...base,
  estimator: { name: 'est', version: '1' },
  tasks,
  pairwise: { effect: grid((i, j) => eff[`${i},${j}`] ?? 0.01), pValue: grid((i, j) => p[`${i},${j}`]) },
};
