/**
 * Test-only fixture (imported by *.test.ts files only; it uses the devDependencies
 * @transferbench/datasets and @transferbench/models): planted synthetic data, a random split and the
 * quickest available engine (fast if registered, else tfjs).
 */
import { type EstimatorContext } from '@transferbench/core';
import { makeSplit, syntheticDataset } from '@transferbench/datasets';
import { engines, loadEngine } from '@transferbench/models';
import { testContext } from './context.ts';

export async function plantedContext(args: {
  data?: Record<string, unknown>;
  seed?: number;
  modelDefaults?: EstimatorContext['modelDefaults'];
  /** split options (default: random with the seed) */
  split?: Record<string, unknown>;
}): Promise<EstimatorContext> {
  const seed = args.seed ?? 1;
  const dataset = await syntheticDataset.load(syntheticDataset.options.parse({ seed, ...(args.data ?? {}) }), { log: () => {} });
  const split = makeSplit(dataset, args.split ?? { kind: 'random', seed });
  const engine = engines.some((e) => e.name === 'fast') ? 'fast' : 'tfjs';
  const models = await loadEngine(engine);
  return testContext({ dataset, split, models, modelDefaults: args.modelDefaults ?? {}, seed });
}
