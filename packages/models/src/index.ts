// @transferbench/models — multi-task network engines behind core's Model contract.
// tfjs (≈ 0.5 CPU-s to import) loads only when the tfjs engine does: nothing here imports it statically.
import type { EngineDescriptor, ModelFactory } from '@transferbench/core';
import { tfjsEngine } from './tfjs/descriptor.ts';
import { fastEngine } from './fast/engine.ts';

// The public surface (pinned by public-surface.test.ts in apps/bench): the engines by name, and a random problem
// for engine micro-benchmarks and probe tests. Each engine's internals stay in its folder.
export { randomProblem } from './random-problem.ts';

/** Every engine, by name. */
export const engines: EngineDescriptor[] = [tfjsEngine, fastEngine];

function findEngine(name: string): EngineDescriptor {
  const e = engines.find((d) => d.name === name);
  if (!e) throw new Error(`unknown engine "${name}": expected one of ${engines.map((d) => d.name).join(', ')}`);
  return e;
}

/** Loads an engine by name (resolving its backend); unknown names fail listing the choices. */
export async function loadEngine(name: string, options: { backend?: string } = {}): Promise<ModelFactory> {
  return findEngine(name).load(options);
}
