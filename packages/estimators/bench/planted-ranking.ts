/**
 * tag and gradient-cosine on planted synthetic data over several data/trial seeds — the statistical
 * experiment behind the planted tests, which run one seed each (src/tag/tag.planted.test.ts,
 * src/gradient-cosine/gradient-cosine.planted.test.ts): ranking AUC of same-family pairs against all other
 * pairs and against cross-family pairs, and the contextual effect per kind of target (family members,
 * the independent task, the label-permuted control) with how many targets' CIs lie above 0.
 *
 *   cd packages/estimators && npx tsx bench/planted-ranking.ts [seeds] [dataOptionsJSON] [hidden] [tagReplicates] [cosineReplicates]
 *   e.g. npx tsx bench/planted-ranking.ts 1,2,3,4 '{"labelsPerTask":1200,"rho":0.95}' 64 8 5   (the tests' setting)
 */
import type { TransferEstimate } from '@transferbench/core';
import { gradientCosineEstimator } from '../src/gradient-cosine/gradient-cosine.ts';
import { tagEstimator } from '../src/tag/tag.ts';
import { plantedContext } from '../src/testing/planted-fixture.ts';
import { plantedRankingAuc } from '../src/testing/planted.ts';

const seeds = (process.argv[2] ?? '1,2,3,4').split(',').map(Number);
const data = JSON.parse(process.argv[3] ?? '{"labelsPerTask":1200,"rho":0.95}');
const hidden = Number(process.argv[4] ?? 64);
const replicates = { tag: Number(process.argv[5] ?? 8), 'gradient-cosine': Number(process.argv[6] ?? 5) };

function contextualByKind(est: TransferEstimate, family: readonly (string | null)[], ids: string[]): string {
  const c = est.contextual!;
  const kinds = { family: [] as number[], independent: [] as number[], control: [] as number[] };
  ids.forEach((id, t) => (family[t] !== null ? kinds.family : id.startsWith('control') ? kinds.control : kinds.independent).push(t));
  return Object.entries(kinds)
    .map(([kind, ts]) => {
      if (ts.length === 0) return '';
      const mean = ts.reduce((a, t) => a + (c.effect[t] as number), 0) / ts.length;
      const above = ts.filter((t) => (c.lower?.[t] ?? -Infinity) > 0).length;
      return `${kind} ${mean.toFixed(4)} (CI > 0: ${above}/${ts.length})`;
    })
    .filter(Boolean)
    .join(', ');
}

console.log(`data ${JSON.stringify(data)}, hidden ${hidden}, replicates ${JSON.stringify(replicates)}`);
for (const [name, estimator] of [
  ['tag', tagEstimator],
  ['gradient-cosine', gradientCosineEstimator],
] as const) {
  for (const seed of seeds) {
    const ctx = await plantedContext({ data, seed, modelDefaults: { hidden } });
    const est = await estimator.estimate(ctx, estimator.options.parse({ replicates: replicates[name] }));
    const family = ctx.dataset.meta.planted!.family;
    const auc = plantedRankingAuc(est.pairwise.effect, family);
    console.log(
      `${name} seed ${seed}: AUC vs all ${auc.vsAll.toFixed(3)}, vs cross-family ${auc.vsCross.toFixed(3)}; ` +
        `contextual mean: ${contextualByKind(est, family, est.tasks)}; CPU ${(est.cost.cpuMs / 1000).toFixed(1)} s`,
    );
  }
}
