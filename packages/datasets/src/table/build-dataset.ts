/**
 * LabelTable → MultiTaskDataset: featurize every SMILES (through the cache), drop unparsable compounds
 * with a warning that lists them, and handle duplicate structures.
 *
 * Duplicates (different ids, same RDKit canonical SMILES — e.g. KIBA stereoisomers whose `ligands_can`
 * SMILES carry no stereo) are handled by `duplicates`:
 *  - 'keep' (default): every compound stays a separate sample with its own labels, so published counts
 *    are reproduced exactly. Duplicates share a canonical SMILES and hence a scaffold, so the scaffold
 *    split and scaffold k-fold never put two of them on different sides. (Random splits can; use 'merge'
 *    when that matters.)
 *  - 'merge': one sample per structure (first id; the others are listed in a warning); per task the label
 *    is the common label when the members agree, and the first member's label on a conflict (conflicts are
 *    counted in a warning).
 */
import { z } from 'zod';
import { validateDataset, type MultiTaskDataset, type SampleInfo } from '@transferbench/core';
import { featurizeSmiles } from '../featurize/featurize.ts';
import { morganOptionsSchema } from '../featurize/morgan.ts';
import { rowsToCsr } from '../featurize/csr.ts';
import { sourceCacheKey } from '../featurize/cache.ts';
import type { LabelTable } from './label-table.ts';
import { listed } from './listed.ts';
import { featurizationReportSchema, type FeaturizationReport } from './featurization-report.ts';

export const buildOptionsSchema = morganOptionsSchema.extend({
  duplicates: z.enum(['keep', 'merge']).default('keep'),
});
export type BuildOptions = z.input<typeof buildOptionsSchema>;

export async function buildDataset(
  table: LabelTable,
  options: BuildOptions & { cacheDir: string | null; description?: string; extraOptions?: Record<string, unknown> },
  log: (message: string) => void = () => {},
): Promise<MultiTaskDataset> {
  const opts = buildOptionsSchema.parse(options);
  const { features, stats } = await featurizeSmiles(
    table.compounds.map((c) => c.smiles),
    // one cache shard per data source: loading this set never parses another set's entries
    { radius: opts.radius, nBits: opts.nBits, cacheDir: options.cacheDir, cacheKey: sourceCacheKey(table.source) },
  );
  const warnings = [...table.warnings];
  // the reader's and the task selection's warnings (degenerate columns, filters, …) reach the user too
  for (const w of table.warnings) log(`warning: ${w}`);
  const K = table.tasks.length;

  const unparsable = table.compounds.flatMap((c, r) => (features[r] ? [] : [{ id: c.id, smiles: c.smiles, origin: c.origin }]));
  if (unparsable.length) {
    const msg =
      `${unparsable.length} SMILES could not be parsed by RDKit and were dropped: ` +
      listed(unparsable, (u) => `${u.id} "${u.smiles}"${u.origin ? ` (${u.origin})` : ''}`);
    warnings.push(msg);
    log(`warning: ${msg}`);
  }

  // group parsed rows by canonical SMILES, in first-appearance order
  const groups = new Map<string, number[]>();
  table.compounds.forEach((_, r) => {
    const f = features[r];
    if (!f) return;
    const g = groups.get(f.canonical);
    if (g) g.push(r);
    else groups.set(f.canonical, [r]);
  });
  const dupGroups = [...groups.values()].filter((g) => g.length > 1);
  const dupCompounds = dupGroups.reduce((s, g) => s + g.length, 0);

  let sampleRows: number[][]; // each sample = the table rows it stands for (first = representative)
  let mergeConflicts = 0;
  if (opts.duplicates === 'merge') {
    sampleRows = [...groups.values()];
  } else {
    sampleRows = table.compounds.flatMap((_, r) => (features[r] ? [[r]] : []));
  }
  const labels = new Int8Array(sampleRows.length * K).fill(-1);
  sampleRows.forEach((rows, i) => {
    for (let t = 0; t < K; t++) {
      let v = -1;
      let conflict = false;
      for (const r of rows) {
        const x = table.labels[r * K + t];
        if (x < 0) continue;
        if (v < 0) v = x;
        else if (x !== v) conflict = true; // first member's label wins
      }
      if (conflict) mergeConflicts++;
      labels[i * K + t] = v;
    }
  });
  if (dupGroups.length) {
    const what = `${dupGroups.length} groups of compounds (${dupCompounds} compounds) share a canonical SMILES`;
    const ex = listed(dupGroups, (g) => g.map((r) => table.compounds[r].id).join('='));
    const msg =
      opts.duplicates === 'merge'
        ? `${what}; merged to one sample each (first id kept; ${mergeConflicts} task labels conflicted, first kept): ${ex}`
        : `${what}; kept as separate samples (scaffold splits keep each group on one side): ${ex}`;
    warnings.push(msg);
    log(`note: ${msg}`);
  }

  const samples: SampleInfo[] = sampleRows.map((rows) => {
    const c = table.compounds[rows[0]];
    return { id: c.id, smiles: c.smiles, scaffold: features[rows[0]]!.scaffold };
  });
  // checked against the schema the bench reads it with: a change here cannot silently break `dataset inspect`
  const report: FeaturizationReport = featurizationReportSchema.parse({
    radius: opts.radius,
    nBits: opts.nBits,
    duplicates: opts.duplicates,
    rows: table.compounds.length,
    unparsable,
    duplicateGroups: dupGroups.length,
    duplicateCompounds: dupCompounds,
    mergeConflicts,
    cache: { ...stats, dir: options.cacheDir },
  });
  return validateDataset({
    name: table.name,
    tasks: table.tasks,
    samples,
    features: rowsToCsr(
      sampleRows.map((rows) => features[rows[0]]!.bits),
      opts.nBits,
    ),
    labels,
    meta: {
      source: table.source,
      description: options.description,
      warnings,
      options: { ...(options.extraOptions ?? {}), featurization: report },
      ...(table.controls?.length ? { controls: table.controls } : {}),
    },
  });
}
