/**
 * DTI dataset plugins: `dti` (option `variant`), and `kiba` / `davis` with the variant fixed.
 * Source: `dataDir` (DeepDTA layout) or `file` (long CSV of pairs). With neither, the data folder
 * `$TRANSFERBENCH_DATA/<variant>` is used, TRANSFERBENCH_DATA defaulting to `../shared/data` (relative
 * to the working directory).
 */
import { resolve } from 'node:path';
import { z } from 'zod';
import { defineDataset, type DatasetLoadContext, type MultiTaskDataset } from '@transferbench/core';
import { fileDatasetOptionsSchema } from '../table/dataset-options.ts';
import { selectTasks } from '../table/select-tasks.ts';
import { withPermutedControls } from '../table/permuted-controls.ts';
import { buildDataset } from '../table/build-dataset.ts';
import type { LabelTable } from '../table/label-table.ts';
import { fingerprintCacheDir } from '../featurize/featurize.ts';
import { readDeepDta } from './deepdta.ts';
import { readLongCsv } from './long-csv.ts';
import { toLabelTable } from './affinity-table.ts';
import { ruleText, VARIANTS, type DtiVariant } from './variants.ts';
import { strictOptions } from '../strict-options.ts';
import { delimiterSchema } from '../read-csv.ts';

const sourceShape = {
  /** folder in the DeepDTA layout (files directly or under original/) */
  dataDir: z.string().min(1).optional(),
  /** long CSV of pairs (compound id, SMILES or compoundsFile, target id, value) */
  file: z.string().min(1).optional(),
  compoundsFile: z.string().min(1).optional(),
  compoundColumn: z.string().min(1).optional(),
  smilesColumn: z.string().min(1).optional(),
  targetColumn: z.string().min(1).optional(),
  valueColumn: z.string().min(1).optional(),
  /** DeepDTA ligand file: canonical (default) or isomeric SMILES */
  ligands: z.enum(['can', 'iso']).default('can'),
  /** binarization threshold (KIBA v2 ≥ t, default 12.1; Davis Kd ≤ t nM, default 100) */
  threshold: z.number().finite().optional(),
  /** long CSV field delimiter (one character, or comma / semicolon / tab / pipe); sniffed from each header line when absent */
  delimiter: delimiterSchema.optional(),
};

const noBoth = (o: { dataDir?: string; file?: string }) => !(o.dataDir && o.file);
const noBothMsg = { message: 'give either dataDir (DeepDTA layout) or file (long CSV), not both' };
const delimiterNeedsFile = (o: { file?: string; delimiter?: string }) => !(o.delimiter && !o.file);
const delimiterMsg = { message: 'delimiter applies to a long CSV (file), not to the DeepDTA layout', path: ['delimiter'] };

export const fixedVariantOptionsSchema = strictOptions(fileDatasetOptionsSchema.extend(sourceShape).shape)
  .refine(noBoth, noBothMsg)
  .refine(delimiterNeedsFile, delimiterMsg);
export const dtiOptionsSchema = strictOptions(
  fileDatasetOptionsSchema.extend(sourceShape).extend({ variant: z.enum(['kiba', 'davis']) }).shape,
)
  .refine(noBoth, noBothMsg)
  .refine(delimiterNeedsFile, delimiterMsg);
export type DtiOptions = z.input<typeof dtiOptionsSchema>;

export function defaultDataDir(variant: DtiVariant): string {
  return resolve(process.env.TRANSFERBENCH_DATA ?? '../shared/data', variant);
}

/** Parse + binarize + select tasks: the label table, without fingerprints. */
export function readDtiTable(options: DtiOptions): LabelTable {
  const o = dtiOptionsSchema.parse(options);
  const aff = o.file
    ? readLongCsv(o.file, o.variant, o)
    : readDeepDta(o.dataDir ?? defaultDataDir(o.variant), o.variant, { ligands: o.ligands });
  return withPermutedControls(selectTasks(toLabelTable(aff, o.threshold), o), o.controls, o.controlsSeed);
}

export async function loadDti(options: DtiOptions, ctx: DatasetLoadContext): Promise<MultiTaskDataset> {
  const o = dtiOptionsSchema.parse(options);
  const table = readDtiTable(o);
  return buildDataset(
    table,
    {
      ...o,
      cacheDir: o.cache ? fingerprintCacheDir(ctx.cacheDir) : null,
      description: `${o.variant.toUpperCase()} drug–target interactions; ${ruleText(o.variant, o.threshold)}`,
      extraOptions: { ...o, threshold: o.threshold ?? VARIANTS[o.variant].defaultThreshold },
    },
    ctx.log,
  );
}

export const dtiDataset = defineDataset({
  meta: {
    name: 'dti',
    version: '1.1.0',
    description: 'Drug–target interaction data (KIBA or Davis) in the DeepDTA layout or as a long CSV; tasks = targets',
  },
  options: dtiOptionsSchema,
  load: loadDti,
});

function fixed(variant: DtiVariant, description: string) {
  return defineDataset({
    meta: { name: variant, version: '1.1.0', description },
    options: fixedVariantOptionsSchema,
    load: (options, ctx) => loadDti({ ...options, variant }, ctx),
  });
}

export const kibaDataset = fixed(
  'kiba',
  'KIBA kinase inhibitor bioactivity (2,111 compounds × 229 kinases, 227 with both classes), positive ⇔ KIBA v2 ≥ 12.1',
);
export const davisDataset = fixed('davis', 'Davis kinase Kd (68 compounds × 442 kinases, 410 with both classes), positive ⇔ Kd ≤ 100 nM');
