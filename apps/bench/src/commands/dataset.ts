/**
 * `transferbench dataset inspect --dataset <kiba|davis|dti|csv|synthetic|…> [--data-dir D | --file F]
 *  [--tasks ids|top:K] [--top K] [--min-labels N --min-positives N --min-negatives N] [--radius R --bits B]
 *  [--cache-dir D] [--data-opt k=v]... [--plugin f]... [--json]`
 * Loads a dataset through its plugin (so the fingerprint cache under `<cache-dir>/fingerprints` is used
 * and filled) and prints compounds, tasks, labels, positives, per-task spreads, unparsable SMILES and
 * duplicate structures.
 */
import type { Command } from 'commander';
import { resolve } from 'node:path';
import { z } from 'zod';
import { parseOptions, validateDataset } from '@transferbench/core';
import { createBenchHost } from '../plugins/bench-host.ts';
import { collect, parseKeyValues } from './key-values.ts';
import { formatSummary, summarizeDataset, type DatasetSummary } from './dataset-summary.ts';

const count = (flag: string) =>
  z.coerce
    .number({ error: `${flag}: expected a non-negative integer` })
    .int(`${flag}: expected a non-negative integer`)
    .nonnegative(`${flag}: expected a non-negative integer`)
    .optional();

const inspectSchema = z
  .object({
    dataset: z.string({ error: '--dataset <name> is required (e.g. kiba, davis, csv, synthetic)' }).min(1),
    dataDir: z.string().min(1).optional(),
    file: z.string().min(1).optional(),
    tasks: z.string().min(1).optional(),
    top: z.coerce
      .number({ error: '--top: expected a positive integer' })
      .int('--top: expected a positive integer')
      .positive('--top: expected a positive integer')
      .optional(),
    minLabels: count('--min-labels'),
    minPositives: count('--min-positives'),
    minNegatives: count('--min-negatives'),
    radius: z.coerce
      .number({ error: '--radius: expected an integer in [0, 6]' })
      .int('--radius: expected an integer in [0, 6]')
      .min(0, '--radius: expected an integer in [0, 6]')
      .max(6, '--radius: expected an integer in [0, 6]')
      .optional(),
    bits: z.coerce
      .number({ error: '--bits: expected an integer ≥ 8' })
      .int('--bits: expected an integer ≥ 8')
      .min(8, '--bits: expected an integer ≥ 8')
      .optional(),
    cacheDir: z.string().min(1).default('.cache/transferbench'),
    dataOpt: z.array(z.string()).default([]),
    plugin: z.array(z.string()).default([]),
    json: z.boolean().default(false),
  })
  .refine((o) => !(o.dataDir && o.file), { message: 'give either --data-dir or --file, not both' });
export type InspectOptions = z.input<typeof inspectSchema>;

/** The option keys of a plugin schema: a zod object, possibly refined or piped into a transform. */
function objectShape(schema: z.ZodType): Record<string, unknown> | null {
  if (schema instanceof z.ZodObject) return schema.shape as Record<string, unknown>;
  if (schema instanceof z.ZodPipe) return objectShape(schema.in as z.ZodType);
  return null;
}

/** Loads the dataset and summarizes it (the command without the printing). */
export async function inspectDataset(raw: InspectOptions, log: (m: string) => void = () => {}): Promise<DatasetSummary> {
  const parsed = inspectSchema.safeParse(raw);
  if (!parsed.success) throw new Error(parsed.error.issues.map((i) => i.message).join('; '));
  const o = parsed.data;
  const host = await createBenchHost();
  for (const p of o.plugin) await host.addPluginFile(p);
  const plugin = host.registries.datasets.get(o.dataset);
  const fromFlags: Record<string, unknown> = {
    ...(o.dataDir ? { dataDir: resolve(o.dataDir) } : {}),
    ...(o.file ? { file: resolve(o.file) } : {}),
    ...(o.tasks ? { tasks: o.tasks } : {}),
    ...(o.top !== undefined ? { top: o.top } : {}),
    ...(o.minLabels !== undefined ? { minLabels: o.minLabels } : {}),
    ...(o.minPositives !== undefined ? { minPositives: o.minPositives } : {}),
    ...(o.minNegatives !== undefined ? { minNegatives: o.minNegatives } : {}),
    ...(o.radius !== undefined ? { radius: o.radius } : {}),
    ...(o.bits !== undefined ? { nBits: o.bits } : {}),
  };
  // flags the plugin has no option for would be silently stripped by its schema: say so instead
  const shape = objectShape(plugin.options);
  if (shape) {
    const unknown = Object.keys(fromFlags).filter((k) => !(k in shape));
    if (unknown.length)
      throw new Error(
        `dataset "${plugin.meta.name}" has no option ${unknown.map((k) => `"${k}"`).join(', ')} (its options: ${Object.keys(shape).join(', ')})`,
      );
  }
  const options = parseOptions(`dataset "${plugin.meta.name}"`, plugin.options, {
    ...fromFlags,
    ...parseKeyValues(o.dataOpt, '--data-opt'),
  });
  const t0 = performance.now();
  const ds = validateDataset(await plugin.load(options, { cacheDir: resolve(o.cacheDir), log }));
  return summarizeDataset(plugin.meta.name, ds, performance.now() - t0);
}

export function registerDataset(program: Command): void {
  const dataset = program.command('dataset').description('dataset utilities');
  dataset
    .command('inspect')
    .description('load a dataset and print compounds, tasks, labels, positives, per-task spreads, unparsable SMILES and duplicates')
    .option('--dataset <name>', 'dataset plugin: kiba, davis, dti, csv, synthetic, …')
    .option('--data-dir <dir>', 'DTI data folder in the DeepDTA layout (default ../shared/data/<kiba|davis>)')
    .option('--file <path>', 'data file: a long DTI pairs CSV, or the multi-task CSV (.csv or .csv.gz) for --dataset csv')
    .option('--tasks <ids>', 'comma-separated task ids, or top:K')
    .option('--top <K>', 'keep the K tasks with most labels')
    .option('--min-labels <n>', 'drop tasks with fewer labels')
    .option('--min-positives <n>', 'drop tasks with fewer positives')
    .option('--min-negatives <n>', 'drop tasks with fewer negatives')
    .option('--radius <r>', 'Morgan radius (default 2)')
    .option('--bits <b>', 'Morgan fingerprint bits (default 2048)')
    .option('--cache-dir <dir>', 'cache root; fingerprints are cached in <dir>/fingerprints', '.cache/transferbench')
    .option('--data-opt <k=v>', 'any other dataset option (repeatable; values parsed as JSON when possible)', collect, [])
    .option('--plugin <file>', 'load a plugin module (repeatable)', collect, [])
    .option('--json', 'print the summary as one JSON object', false)
    .action(async (raw: InspectOptions) => {
      const summary = await inspectDataset(raw, (m) => process.stderr.write(`${m.length > 500 ? `${m.slice(0, 500)}…` : m}\n`));
      process.stdout.write(raw.json ? `${JSON.stringify(summary)}\n` : formatSummary(summary));
    });
}
