/**
 * `transferbench estimate --dataset <name> [--data-opt k=v]... [--split-opt k=v]... --estimator <name>
 *  [--opt k=v]... [--model-opt k=v]... [--engine fast|tfjs|none] [--backend b] [--seed S] [--plugin f]... [--json]`
 * One trial, in this process, through the same code as a benchmark trial's child; prints the
 * TransferEstimate (`--json`: exactly one JSON object on stdout) or a readable matrix.
 */
import type { Command } from 'commander';
import { z } from 'zod';
import { makeTrialJob, trialLabel, type TransferEstimate, type TrialJob } from '@transferbench/core';
import { createBenchHost } from '../plugins/bench-host.ts';
import { executeTrial } from '../trial/execute.ts';
import { resolvePathOptions } from '../suite/paths.ts';
import { collect, parseKeyValues } from './key-values.ts';
import { SEED_MAX, SEED_MIN, modelDefaultsSchema, seedSchema } from '../suite/suite-schema.ts';

const optionsSchema = z.object({
  dataset: z.string({ error: '--dataset <name> is required' }).min(1),
  estimator: z.string({ error: '--estimator <name> is required' }).min(1),
  dataOpt: z.array(z.string()).default([]),
  splitOpt: z.array(z.string()).default([]),
  opt: z.array(z.string()).default([]),
  modelOpt: z.array(z.string()).default([]),
  engine: z.string().min(1).default('auto'),
  backend: z.string().min(1).optional(),
  seed: z
    .string()
    .regex(/^\s*-?\d+\s*$/, `--seed: expected a whole number in [${SEED_MIN}, ${SEED_MAX}]`)
    .transform(Number)
    .pipe(
      seedSchema
        .min(SEED_MIN, `--seed: expected a whole number in [${SEED_MIN}, ${SEED_MAX}]`)
        .max(SEED_MAX, `--seed: expected a whole number in [${SEED_MIN}, ${SEED_MAX}]`),
    )
    .default(0),
  plugin: z.array(z.string()).default([]),
  json: z.boolean().default(false),
});

export function registerEstimate(program: Command): void {
  program
    .command('estimate')
    .description('run one estimator on one dataset (a single trial, in-process) and print its TransferEstimate')
    .option('--dataset <name>', 'dataset plugin')
    .option('--data-opt <k=v>', 'dataset option (repeatable; values parsed as JSON when possible)', collect, [])
    .option('--split-opt <k=v>', 'split option, e.g. kind=scaffold (repeatable)', collect, [])
    .option('--estimator <name>', 'estimator plugin')
    .option('--opt <k=v>', 'estimator option (repeatable)', collect, [])
    .option('--model-opt <k=v>', 'model default, e.g. hidden=64 (repeatable)', collect, [])
    .option('--engine <name>', 'model engine: fast, tfjs, auto or none', 'auto')
    .option('--backend <name>', 'engine backend (tfjs: wasm, cpu, tensorflow)')
    .option('--seed <n>', 'trial seed', '0')
    .option('--plugin <file>', 'load a plugin module (repeatable)', collect, [])
    .option('--json', 'print the estimate as one JSON object', false)
    .action(async (raw: unknown) => {
      const parsed = optionsSchema.safeParse(raw);
      if (!parsed.success) throw new Error(parsed.error.issues.map((i) => i.message).join('; '));
      const o = parsed.data;
      const host = await createBenchHost({ reporters: false });
      for (const p of o.plugin) await host.addPluginFile(p);
      const model = modelDefaultsSchema.safeParse(parseKeyValues(o.modelOpt, '--model-opt'));
      if (!model.success) throw new Error(`--model-opt:\n${z.prettifyError(model.error)}`);
      const dataOptions = parseKeyValues(o.dataOpt, '--data-opt');
      const paths = resolvePathOptions(dataOptions, process.cwd());
      if (paths.problems.length) throw new Error(paths.problems.map((p) => `--data-opt ${p.key}: "${p.value}" does not exist`).join('\n'));
      const engine = await host.resolveEngineName(o.engine);
      const job: TrialJob = makeTrialJob({
        kind: 'estimate',
        suiteHash: 'cli',
        dataset: {
          id: o.dataset,
          plugin: o.dataset,
          options: dataOptions,
          split: parseKeyValues(o.splitOpt, '--split-opt'),
          resolvedOptions: paths.resolved,
        },
        estimator: { id: o.estimator, plugin: o.estimator, budget: 'cli', options: parseKeyValues(o.opt, '--opt') },
        seed: o.seed,
        model: model.data as Record<string, unknown>,
        engine: { name: engine, ...(o.backend ? { backend: o.backend } : {}) },
        plugins: [],
        limits: { timeoutMs: 1e12, memoryMb: 1 << 16 },
      });
      const outcome = await executeTrial(job, host, {
        log: (m) => process.stderr.write(`${m}\n`),
        // a data or plugin error is told by its message; TRANSFERBENCH_DEBUG=1 adds the stack
        stackTraces: !!process.env.TRANSFERBENCH_DEBUG,
        progress:
          o.json || !process.stderr.isTTY
            ? undefined
            : (done, total, msg) => process.stderr.write(`\r\x1b[2K${done}/${total}${msg ? ` ${msg}` : ''}`),
      });
      if (outcome.status !== 'ok' || !outcome.estimate) {
        throw new Error(`${trialLabel(job)} failed (${outcome.failure?.reason}): ${outcome.failure?.message}`);
      }
      if (o.json) process.stdout.write(`${JSON.stringify(outcome.estimate)}\n`);
      else process.stdout.write(formatEstimate(outcome.estimate, outcome.measures.cpuMs));
    });
}

/**
 * effect[target][source] as a table (rows receive), `*` where the raw p-value is below 0.05. Task names are
 * never cut: when one is longer than a cell, columns are numbered (#j) and each row shows its number and name.
 */
export function formatEstimate(est: TransferEstimate, cpuMs: number | null): string {
  const K = est.tasks.length;
  const numbered = est.tasks.some((t) => t.length > 10);
  const heads = numbered ? est.tasks.map((_, j) => `#${j + 1}`) : est.tasks;
  const rowNames = numbered ? est.tasks.map((t, i) => `#${i + 1} ${t}`) : est.tasks;
  const w = Math.max(9, ...heads.map((n) => n.length)) + 1;
  const labelWidth = numbered ? Math.max(...rowNames.map((n) => n.length)) + 1 : w;
  const label = (i: number) => (numbered ? rowNames[i].padEnd(labelWidth) : rowNames[i].padStart(w));
  const num = (v: number) => (v === 0 || (Math.abs(v) >= 0.01 && Math.abs(v) < 1e4) ? v.toFixed(3) : v.toExponential(1));
  const cell = (i: number, j: number) => {
    const v = est.pairwise.effect[i][j];
    if (v === null) return '· '.padStart(w);
    const p = est.pairwise.pValue?.[i]?.[j];
    return `${num(v)}${p != null && p < 0.05 ? '*' : ' '}`.padStart(w);
  };
  const lines = [
    `${est.estimator.name} ${est.estimator.version} — unit: ${est.unit}`,
    `effect[target ← source] (rows receive transfer; * raw p < 0.05${numbered ? '; column #j = source task #j' : ''})`,
    `${''.padStart(labelWidth)}${heads.map((n) => n.padStart(w)).join('')}`,
    ...Array.from({ length: K }, (_, i) => `${label(i)}${Array.from({ length: K }, (_, j) => cell(i, j)).join('')}`),
    `cost: ${cpuMs != null ? `${(cpuMs / 1000).toFixed(2)} CPU-s, ` : ''}${est.cost.trainings} trainings, ${est.cost.probes} probes, ${est.cost.samplePasses.toExponential(2)} sample-passes` +
      (est.engine ? ` · engine ${est.engine.name}/${est.engine.backend}` : ''),
  ];
  if (est.diagnostics.warnings.length) lines.push(`warnings: ${est.diagnostics.warnings.join('; ')}`);
  return `${lines.join('\n')}\n`;
}
