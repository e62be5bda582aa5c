/**
 * The `csv` dataset plugin: any MoleculeNet-style multi-task CSV (see multitask-csv.ts for the format).
 * Class filter by default: a task needs ≥ 10 positives and ≥ 10 negatives (DATA.md says why); empty and
 * one-class columns are dropped with a warning naming them (select-tasks.ts).
 */
import { z } from 'zod';
import { defineDataset, type DatasetLoadContext, type MultiTaskDataset } from '@transferbench/core';
import { fileDatasetOptionsSchema } from '../table/dataset-options.ts';
import { selectTasks } from '../table/select-tasks.ts';
import { withPermutedControls } from '../table/permuted-controls.ts';
import { buildDataset } from '../table/build-dataset.ts';
import type { LabelTable } from '../table/label-table.ts';
import { fingerprintCacheDir } from '../featurize/featurize.ts';
import { readMultiTaskCsv } from './multitask-csv.ts';
import { strictOptions } from '../strict-options.ts';
import { delimiterSchema } from '../read-csv.ts';

/** The csv plugin's default class filter: per task, at least this many positives and negatives. */
export const CSV_MIN_PER_CLASS = 10;

const csvShape = fileDatasetOptionsSchema.extend({
  file: z.string().min(1, 'path of the CSV file (.csv or .csv.gz)'),
  /** field delimiter (one character, or comma / semicolon / tab / pipe); sniffed from the header line when absent */
  delimiter: delimiterSchema.optional(),
  minPositives: z.number().int().nonnegative().default(CSV_MIN_PER_CLASS),
  minNegatives: z.number().int().nonnegative().default(CSV_MIN_PER_CLASS),
  smilesColumn: z.string().min(1).optional(),
  /** id column name, or false to ignore id columns and name rows row0, row1, … */
  idColumn: z.union([z.string().min(1), z.literal(false)]).optional(),
  taskColumns: z.array(z.string().min(1)).min(1).optional(),
  ignoreColumns: z.array(z.string().min(1)).default([]),
  name: z.string().min(1).optional(),
}).shape;

export const csvOptionsSchema = strictOptions(csvShape);
export type CsvOptions = z.input<typeof csvOptionsSchema>;

export function readCsvTable(options: CsvOptions): LabelTable {
  const o = csvOptionsSchema.parse(options);
  return withPermutedControls(selectTasks(readMultiTaskCsv(o.file, o), o), o.controls, o.controlsSeed);
}

export async function loadCsv(options: CsvOptions, ctx: DatasetLoadContext): Promise<MultiTaskDataset> {
  const o = csvOptionsSchema.parse(options);
  return buildDataset(
    readCsvTable(o),
    { ...o, cacheDir: o.cache ? fingerprintCacheDir(ctx.cacheDir) : null, description: `multi-task CSV ${o.file}`, extraOptions: o },
    ctx.log,
  );
}

export const csvDataset = defineDataset({
  meta: {
    name: 'csv',
    version: '1.1.0',
    description: 'MoleculeNet-style multi-task CSV: a SMILES column and one 0/1/empty column per task (optionally .gz)',
  },
  options: csvOptionsSchema,
  load: loadCsv,
});
