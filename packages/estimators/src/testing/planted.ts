/**
 * Scoring an estimate against planted structure (synthetic data): how well the effect ranks
 * same-family ordered pairs above the others, as a ROC-AUC over off-diagonal pairs (core's rocAuc,
 * ties count ½). Two negatives sets: `vsAll` = every other pair (independent and control tasks
 * included, the DESIGN prototype's figure), `vsCross` = pairs of two family tasks from different families.
 */
import { rocAuc, type Matrix } from '@transferbench/core';

export interface PlantedRanking {
  vsAll: number;
  vsCross: number;
  sameFamilyPairs: number;
}

export function plantedRankingAuc(effect: Matrix, family: readonly (string | null)[]): PlantedRanking {
  const K = effect.length;
  const all: { y: number; s: number }[] = [];
  const cross: { y: number; s: number }[] = [];
  for (let t = 0; t < K; t++)
    for (let s = 0; s < K; s++) {
      const v = effect[t][s];
      if (t === s || v === null || !Number.isFinite(v)) continue;
      const same = family[t] !== null && family[t] === family[s];
      all.push({ y: same ? 1 : 0, s: v });
      if (same || (family[t] !== null && family[s] !== null)) cross.push({ y: same ? 1 : 0, s: v });
    }
  const auc = (xs: { y: number; s: number }[]) =>
    rocAuc(
      xs.map((x) => x.y),
      xs.map((x) => x.s),
    );
  return { vsAll: auc(all), vsCross: auc(cross), sameFamilyPairs: all.filter((x) => x.y === 1).length };
}
