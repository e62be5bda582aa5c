/** The `csv` dataset plugin: any MoleculeNet-style multi-task CSV (see multitask-csv.ts for the format). */
import { z } from 'zod';
import { defineDataset, type DatasetLoadContext, type MultiTaskDataset } from '@transferbench/core';
import { fileDatasetOptionsSchema } from '../table/dataset-options.ts';
import { selectTasks } from '../table/select-tasks.ts';
import { buildDataset } from '../table/build-dataset.ts';
import type { LabelTable } from '../table/label-table.ts';
import { fingerprintCacheDir } from '../featurize/featurize.ts';
import { readMultiTaskCsv } from './multitask-csv.ts';

export const csvOptionsSchema = fileDatasetOptionsSchema.extend({
  file: z.string().min(1, 'path of the CSV file (.csv or .csv.gz)'),
  smilesColumn: z.string().min(1).optional(),
  /** id column name, or false to ignore id columns and name rows row0, row1, … */
  idColumn: z.union([z.string().min(1), z.literal(false)]).optional(),
  taskColumns: z.array(z.string().min(1)).min(1).optional(),
  ignoreColumns: z.array(z.string().min(1)).default([]),
  name: z.string().min(1).optional(),
});
export type CsvOptions = z.input<typeof csvOptionsSchema>;

export function readCsvTable(options: CsvOptions): LabelTable {
  const o = csvOptionsSchema.parse(options);
  return selectTasks(readMultiTaskCsv(o.file, o), o);
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
    version: '1.0.0',
    description: 'MoleculeNet-style multi-task CSV: a SMILES column and one 0/1/empty column per task (optionally .gz)',
  },
  options: csvOptionsSchema,
  load: loadCsv,
});
