/**
 * TAG's estimates through the fast engine's Gram-matrix lookahead against the probe path TAG used before
 * (snapshot, SGD step along each source's gradient, every task's loss, restore: core's
 * `lookaheadLossesByStepping`), on the same data, seeds and training: (a) that path on the fast engine
 * itself, in its float32 arithmetic — the previous implementation, bit for bit — and (b) the same path on a
 * float64 twin of the model's weights at every probe (the exact arithmetic the Gram path approximates in
 * float64). Prints, per seed, the largest difference of the per-replicate pairwise and contextual
 * estimates, absolute and relative to max(1, |value|).
 *
 *   cd packages/estimators && npx tsx bench/tag-equivalence.ts [dataOptionsJSON] [seeds] [tagOptionsJSON]
 *   e.g. npx tsx bench/tag-equivalence.ts '{}' 1,2,3 '{}'
 */
import { lookaheadLossesByStepping, Rng, type Matrix, type ModelFactory, type MultiTaskModel } from '@transferbench/core';
import { makeSplit, syntheticDataset } from '@transferbench/datasets';
import { loadEngine } from '@transferbench/models';
import { tagEstimator, tagReplicate } from '../src/tag/tag.ts';
import { testContext } from '../src/testing/context.ts';
import { LogisticTestModel } from '../src/testing/logistic-model.ts';

const dataOptions = JSON.parse(process.argv[2] ?? '{}');
const seeds = (process.argv[3] ?? '1,2,3').split(',').map(Number);
const options = tagEstimator.options.parse(JSON.parse(process.argv[4] ?? '{}'));

/** The factory's models with `lookaheadLosses` replaced (or removed, so core's stepping fallback runs). */
function withLookahead(inner: ModelFactory, how: 'stepping-float32' | 'stepping-float64'): ModelFactory {
  return {
    engine: inner.engine,
    backend: inner.backend,
    create(features, spec) {
      const m = inner.create(features, spec);
      const wrapped: MultiTaskModel = {
        engine: m.engine,
        backend: m.backend,
        spec: m.spec,
        sharedSize: m.sharedSize,
        trainStep: (b) => m.trainStep(b),
        taskLosses: (b) => m.taskLosses(b),
        predict: (r) => m.predict(r),
        sharedGradients: (b, t, o) => m.sharedGradients(b, t, o),
        snapshotShared: (o) => m.snapshotShared(o),
        restoreShared: (s) => m.restoreShared(s),
        sgdStepShared: (d, lr) => m.sgdStepShared(d, lr),
        getWeights: () => m.getWeights(),
        setWeights: (w) => m.setWeights(w),
        dispose: () => m.dispose(),
      };
      if (how === 'stepping-float64')
        wrapped.lookaheadLosses = (b, lr, req) =>
          lookaheadLossesByStepping(new LogisticTestModel(features, m.spec, m.getWeights()), b, lr, req);
      return wrapped;
    },
  };
}

function diff(a: Matrix | (number | null)[], b: Matrix | (number | null)[]): { abs: number; rel: number } {
  const xs = (a as unknown[]).flat() as (number | null)[],
    ys = (b as unknown[]).flat() as (number | null)[];
  let abs = 0,
    rel = 0;
  xs.forEach((x, i) => {
    const y = ys[i];
    if (x === null || y === null) return;
    abs = Math.max(abs, Math.abs(x - y));
    rel = Math.max(rel, Math.abs(x - y) / Math.max(1, Math.abs(y)));
  });
  return { abs, rel };
}

const fast = await loadEngine('fast');
const dataset = await syntheticDataset.load(syntheticDataset.options.parse(dataOptions), { log: () => {} });
console.log(`data ${JSON.stringify(dataOptions)}; tag ${JSON.stringify(process.argv[4] ?? '{}')}; K = ${dataset.tasks.length}`);
for (const seed of seeds) {
  const split = makeSplit(dataset, { kind: 'random', seed });
  const run = (models: ModelFactory) =>
    tagReplicate(testContext({ dataset, split, models, seed }), options, { seed: 1000 + seed, rng: new Rng(seed), progress: () => {} });
  const gram = run(fast);
  const old32 = run(withLookahead(fast, 'stepping-float32'));
  const old64 = run(withLookahead(fast, 'stepping-float64'));
  const show = (name: string, o: typeof gram) => {
    const p = diff(gram.effect, o.effect),
      c = diff(gram.contextual!, o.contextual!);
    return `${name}: pairwise max |Δ| ${p.abs.toExponential(2)} (relative ${p.rel.toExponential(2)}), contextual ${c.abs.toExponential(2)} (${c.rel.toExponential(2)})`;
  };
  const largest = Math.max(...(gram.effect.flat() as number[]).map(Math.abs));
  console.log(`seed ${seed} (${gram.details.probeSteps} probes, largest |Z| ${largest.toFixed(2)}):`);
  console.log(`  vs the former path on the fast engine (float32) — ${show('', old32).slice(2)}`);
  console.log(`  vs the former path on a float64 twin            — ${show('', old64).slice(2)}`);
}
