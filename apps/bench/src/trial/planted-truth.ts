/**
 * Truth from a dataset's planted structure (synthetic data): for target i and source j, i ≠ j,
 * effect 1 when both are in the same family and neither is a label-permuted control, else 0, with a
 * zero-width interval — so the generic CI classification yields positive / null. An approximation:
 * it ignores small real effects between unrelated tasks (capacity sharing); the oracle measures those.
 */
import { squareMatrix, type MultiTaskDataset, type TransferEstimate } from '@transferbench/core';

export function plantedTruth(ds: MultiTaskDataset): TransferEstimate {
  const planted = ds.meta.planted;
  if (!planted) throw new Error(`dataset "${ds.name}" has no planted structure (meta.planted); use truth: { source: oracle }`);
  const K = ds.tasks.length;
  const controls = new Set(planted.controls);
  const effect = squareMatrix(K);
  for (let i = 0; i < K; i++) {
    for (let j = 0; j < K; j++) {
      if (i === j) continue;
      const fam = planted.family[i];
      effect[i][j] = fam !== null && fam === planted.family[j] && !controls.has(i) && !controls.has(j) ? 1 : 0;
    }
  }
  return {
    estimator: { name: 'planted', version: '1' },
    tasks: ds.tasks.map((t) => t.id),
    unit: 'planted transfer (1 = same family, 0 = none)',
    pairwise: { effect, lower: effect.map((r) => [...r]), upper: effect.map((r) => [...r]) },
    cost: { wallMs: 0, cpuMs: 0, peakRssMb: 0, trainings: 0, probes: 0, samplePasses: 0, flops: 0 },
    diagnostics: {
      warnings: [],
      fitFailures: 0,
      fitAttempts: 0,
      notes: [`rho = ${planted.rho}; controls: ${planted.controls.join(', ') || 'none'}`],
    },
  };
}
