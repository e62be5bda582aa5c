/**
 * `transferbench engine-bench`: trains the default multi-task net on random sparse data of a given
 * shape and reports training throughput (sample-epochs per second through core's training loop,
 * after a few warm-up steps) and per-step latency statistics from tinybench.
 */
import type { Command } from 'commander';
import { Bench } from 'tinybench';
import { z } from 'zod';
import { Rng, takeRows, trainModel, type Environment, type LabelledRows } from '@transferbench/core';
import { engines, loadEngine, randomProblem } from '@transferbench/models';
import { captureEnvironment } from '../environment.ts';
import { createBenchHost } from '../plugins/bench-host.ts';

const int = (min: number, what: string) =>
  z.coerce
    .number({ error: `expected ${what}` })
    .int(`expected ${what}`)
    .min(min, `expected ${what}`);

export const engineBenchOptionsSchema = z.object({
  samples: int(1, 'a positive integer').default(4000),
  features: int(1, 'a positive integer').default(2048),
  tasks: int(1, 'a positive integer').default(10),
  hidden: int(1, 'a positive integer').default(256),
  epochs: int(1, 'a positive integer').default(3),
  batch: int(1, 'a positive integer').default(64),
  density: z.coerce
    .number({ error: 'expected a number in (0, 1]' })
    .gt(0, 'expected a number in (0, 1]')
    .max(1, 'expected a number in (0, 1]')
    .default(0.03),
  missing: z.coerce
    .number({ error: 'expected a number in [0, 1)' })
    .min(0, 'expected a number in [0, 1)')
    .lt(1, 'expected a number in [0, 1)')
    .default(0.2),
  // `auto` as everywhere else (suites, `estimate`): the fast engine when present (plugins/host.ts)
  engine: z
    .string()
    .default('auto')
    .refine((n) => n === 'auto' || engines.some((e) => e.name === n), {
      error: `expected auto or one of ${engines.map((e) => e.name).join(', ')}`,
    }),
  backend: z.string().min(1, 'expected a backend name').optional(),
  seed: z.coerce.number({ error: 'expected an integer' }).int('expected an integer').default(1),
  warmup: int(0, 'a non-negative integer').default(3),
  latencySteps: int(2, 'an integer ≥ 2').default(30),
  json: z.boolean().default(false),
});
export type EngineBenchOptions = z.input<typeof engineBenchOptionsSchema>;

export interface EngineBenchReport {
  engine: string;
  backend: string;
  shape: { samples: number; features: number; tasks: number; hidden: number; batch: number; density: number; missing: number };
  epochs: number;
  seed: number;
  warmupSteps: number;
  steps: number;
  /** samples × epochs actually trained (rows without any label are dropped by the loop) */
  samplePasses: number;
  trainSeconds: number;
  /** process CPU time during training (user + system): steadier than wall time on a shared machine */
  cpuSeconds: number;
  /** sample-epochs of training per wall-clock second, warm-up excluded */
  samplesPerSecond: number;
  samplesPerCpuSecond: number;
  /** one trainStep on a full batch, from tinybench; rme = relative margin of error of the mean, % (95 %) */
  stepLatencyMs: { mean: number; p50: number; p99: number; rme: number; sd: number; min: number; max: number; samples: number };
  environment: Environment;
}

const kebab = (s: string) => s.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

export function parseEngineBenchOptions(raw: EngineBenchOptions): z.infer<typeof engineBenchOptionsSchema> {
  const r = engineBenchOptionsSchema.safeParse(raw);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const key = String(issue.path[0] ?? '?');
  const given = (raw as Record<string, unknown>)[key];
  throw new Error(`engine-bench: option --${kebab(key)}: ${issue.message}${given === undefined ? '' : `, got ${JSON.stringify(given)}`}`);
}

export async function runEngineBench(raw: EngineBenchOptions): Promise<EngineBenchReport> {
  const o = parseEngineBenchOptions(raw);
  const { features, data } = randomProblem({
    samples: o.samples,
    features: o.features,
    tasks: o.tasks,
    density: o.density,
    missing: o.missing,
    seed: o.seed,
  });
  const engine = await (await createBenchHost({ reporters: false })).resolveEngineName(o.engine);
  const factory = await loadEngine(engine, { backend: o.backend }).catch((err: unknown) => {
    const msg = err instanceof Error ? err.message : String(err);
    throw new Error(o.backend === undefined ? `engine-bench: engine ${engine}: ${msg}` : `engine-bench: option --backend: ${msg}`);
  });
  const model = factory.create(features, { inputDim: o.features, numTasks: o.tasks, hidden: o.hidden, batchSize: o.batch, seed: o.seed });
  try {
    const rng = new Rng(o.seed);
    const K = o.tasks;
    const batchAt = (order: Int32Array, s: number): LabelledRows =>
      takeRows(data, order.subarray(s, Math.min(order.length, s + o.batch)), K);

    // warm-up: first-call costs (kernel setup, optimiser state, buffer growth) stay out of the figures
    const warmOrder = rng.stream('warmup').permutation(o.samples);
    for (let i = 0; i < o.warmup; i++) model.trainStep(batchAt(warmOrder, (i * o.batch) % o.samples));

    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const report = trainModel(model, data, undefined, { rng: rng.stream('train'), maxEpochs: o.epochs, batchSize: o.batch });
    const trainSeconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;

    // latency of one step on full batches (a few distinct ones, cycled), prepared outside the timed call
    const latOrder = rng.stream('latency').permutation(o.samples);
    const batches = Array.from({ length: Math.min(8, Math.ceil(o.samples / o.batch)) }, (_, i) => batchAt(latOrder, i * o.batch));
    let next = 0;
    const bench = new Bench({ name: 'engine-bench', iterations: o.latencySteps, time: 0, warmup: false, throws: true });
    bench.add('trainStep', () => {
      model.trainStep(batches[next++ % batches.length]);
    });
    await bench.run();
    const result = bench.tasks[0]?.result;
    if (!result || result.state !== 'completed')
      throw new Error(`engine-bench: latency run did not complete (${result?.state ?? 'no result'})`);
    const l = result.latency;

    return {
      engine: factory.engine,
      backend: model.backend,
      shape: {
        samples: o.samples,
        features: o.features,
        tasks: o.tasks,
        hidden: o.hidden,
        batch: o.batch,
        density: o.density,
        missing: o.missing,
      },
      epochs: report.epochs,
      seed: o.seed,
      warmupSteps: o.warmup,
      steps: report.steps,
      samplePasses: report.samplePasses,
      trainSeconds,
      cpuSeconds,
      samplesPerSecond: report.samplePasses / trainSeconds,
      samplesPerCpuSecond: report.samplePasses / cpuSeconds,
      stepLatencyMs: { mean: l.mean, p50: l.p50, p99: l.p99, rme: l.rme, sd: l.sd, min: l.min, max: l.max, samples: l.samplesCount },
      environment: await captureEnvironment({ name: factory.engine, backend: model.backend }),
    };
  } finally {
    model.dispose();
  }
}

export function formatEngineBench(r: EngineBenchReport): string {
  const s = r.shape;
  const f = (v: number, d = 2) => v.toFixed(d);
  return [
    `engine ${r.engine} (backend ${r.backend}) on ${r.environment.cpu.model} × ${r.environment.cpu.count}, node ${r.environment.node}`,
    `shape  ${s.samples} samples × ${s.features} features (density ${s.density}), ${s.tasks} tasks (${s.missing * 100} % labels missing), hidden ${s.hidden}, batch ${s.batch}`,
    `train  ${r.epochs} epochs, ${r.steps} steps in ${f(r.trainSeconds)} s wall / ${f(r.cpuSeconds)} s CPU (after ${r.warmupSteps} warm-up steps)`,
    `throughput  ${f(r.samplesPerSecond, 0)} samples/s (${f(r.samplesPerCpuSecond, 0)} per CPU-second)`,
    `trainStep   mean ${f(r.stepLatencyMs.mean)} ms, p50 ${f(r.stepLatencyMs.p50)} ms, p99 ${f(r.stepLatencyMs.p99)} ms, ±${f(r.stepLatencyMs.rme)} % (${r.stepLatencyMs.samples} steps)`,
    '',
  ].join('\n');
}

export function registerEngineBench(program: Command): void {
  program
    .command('engine-bench')
    .description('Train the default multi-task net on random sparse data of a given shape; print throughput and per-step latency')
    .option('--samples <n>', 'compounds (rows)', '4000')
    .option('--features <d>', 'fingerprint bits (columns)', '2048')
    .option('--tasks <k>', 'tasks (heads)', '10')
    .option('--hidden <h>', 'hidden units of the shared layer', '256')
    .option('--epochs <e>', 'training epochs to time', '3')
    .option('--batch <b>', 'batch size', '64')
    .option('--density <p>', 'share of ones per fingerprint', '0.03')
    .option('--missing <p>', 'share of missing labels', '0.2')
    .option('--engine <name>', `engine: auto (fast when present) | ${engines.map((e) => e.name).join(' | ')}`, 'auto')
    .option('--backend <name>', 'engine backend (fast: wasm | js; tfjs: tensorflow | wasm | cpu; default: best available)')
    .option('--seed <s>', 'seed of data, weights and batches', '1')
    .option('--warmup <steps>', 'untimed training steps before measuring', '3')
    .option('--latency-steps <n>', 'trainStep calls timed by tinybench', '30')
    .option('--json', 'print one JSON object', false)
    .action(async (opts: EngineBenchOptions) => {
      const report = await runEngineBench(opts);
      process.stdout.write(opts.json ? `${JSON.stringify(report, null, 2)}\n` : formatEngineBench(report));
    });
}
