/** What `transferbench dataset inspect` reports about a loaded dataset, and its plain-text rendering. */
import { z } from 'zod';
import { median, taskLabelStats, type MultiTaskDataset } from '@transferbench/core';
import { featurizationReportSchema, type FeaturizationReport } from '@transferbench/datasets';

export interface Spread {
  min: number;
  median: number;
  max: number;
}

export interface DatasetSummary {
  dataset: string;
  name: string;
  source: string;
  compounds: number;
  tasks: number;
  labels: number;
  positives: number;
  /** labels / (compounds × tasks) */
  density: number;
  perTask: { labels: Spread; positives: Spread };
  featureDim: number;
  /** rows in the input, SMILES RDKit could not parse, duplicate structures (null when not from SMILES) */
  rows: number | null;
  unparsable: { id: string; smiles: string; origin?: string }[] | null;
  duplicates: { groups: number; compounds: number; mode: string; mergeConflicts: number } | null;
  fingerprints: { radius: number; nBits: number } | null;
  cache: FeaturizationReport['cache'] | null;
  loadMs: number;
  warnings: string[];
  taskStats: { id: string; group?: string | null; labels: number; positives: number }[];
}

const spread = (xs: number[]): Spread => ({ min: Math.min(...xs), median: median(xs), max: Math.max(...xs) });

/**
 * `meta.options.featurization` as the datasets package writes it, validated against its exported schema (any
 * plugin may be inspected: a report that does not match is not shown, and the summary says why).
 */
function readFeaturization(ds: MultiTaskDataset): { report: FeaturizationReport | undefined; warning?: string } {
  const raw = ds.meta.options?.featurization;
  if (raw === undefined) return { report: undefined };
  const r = featurizationReportSchema.safeParse(raw);
  if (r.success) return { report: r.data };
  return {
    report: undefined,
    warning: `meta.options.featurization does not match the featurization report schema of @transferbench/datasets; not shown:\n${z.prettifyError(r.error)}`,
  };
}

export function summarizeDataset(plugin: string, ds: MultiTaskDataset, loadMs: number): DatasetSummary {
  const stats = taskLabelStats(ds);
  const labels = stats.reduce((s, t) => s + t.labels, 0);
  const positives = stats.reduce((s, t) => s + t.positives, 0);
  const { report: f, warning } = readFeaturization(ds);
  return {
    dataset: plugin,
    name: ds.name,
    source: ds.meta.source,
    compounds: ds.samples.length,
    tasks: ds.tasks.length,
    labels,
    positives,
    density: labels / (ds.samples.length * ds.tasks.length),
    perTask: { labels: spread(stats.map((s) => s.labels)), positives: spread(stats.map((s) => s.positives)) },
    featureDim: ds.features.dim,
    rows: f?.rows ?? null,
    unparsable: f?.unparsable ?? null,
    duplicates: f
      ? { groups: f.duplicateGroups, compounds: f.duplicateCompounds, mode: f.duplicates, mergeConflicts: f.mergeConflicts }
      : null,
    fingerprints: f ? { radius: f.radius, nBits: f.nBits } : null,
    cache: f?.cache ?? null,
    loadMs,
    warnings: [...(ds.meta.warnings ?? []), ...(warning ? [warning] : [])],
    taskStats: stats.map((s, t) => ({ ...s, ...(ds.tasks[t].group != null ? { group: ds.tasks[t].group } : {}) })),
  };
}

const int = (n: number) => n.toLocaleString('en-US');
const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
const fmtSpread = (s: Spread) => `min ${int(s.min)} / median ${int(s.median)} / max ${int(s.max)}`;

export function formatSummary(s: DatasetSummary): string {
  const lines = [`dataset      ${s.dataset} (${s.name})`, `source       ${s.source}`];
  if (s.rows !== null) lines.push(`rows         ${int(s.rows)}`);
  if (s.unparsable !== null) {
    lines.push(
      `unparsable   ${int(s.unparsable.length)}${
        s.unparsable.length
          ? ` (dropped: ${s.unparsable
              .slice(0, 10)
              .map((u) => u.id)
              .join(', ')}${s.unparsable.length > 10 ? ', …' : ''})`
          : ''
      }`,
    );
  }
  if (s.duplicates) {
    lines.push(
      `duplicates   ${int(s.duplicates.groups)} groups (${int(s.duplicates.compounds)} compounds) share a canonical SMILES; ${s.duplicates.mode === 'merge' ? `merged (${int(s.duplicates.mergeConflicts)} conflicting cells)` : 'kept separate'}`,
    );
  }
  lines.push(
    `compounds    ${int(s.compounds)}`,
    `tasks        ${int(s.tasks)}`,
    `labels       ${int(s.labels)} (${pct(s.density)} of the matrix)`,
    `positives    ${int(s.positives)} (${pct(s.positives / Math.max(1, s.labels))} of labels)`,
    `per task     labels    ${fmtSpread(s.perTask.labels)}`,
    `             positives ${fmtSpread(s.perTask.positives)}`,
    `features     ${s.fingerprints ? `Morgan r=${s.fingerprints.radius}, ${int(s.fingerprints.nBits)} bits` : `${int(s.featureDim)} columns`}`,
  );
  if (s.cache) {
    lines.push(
      `cache        ${s.cache.dir ?? 'disabled'}: ${int(s.cache.cached)} of ${int(s.cache.unique)} SMILES cached, ${int(s.cache.computed)} computed (${(s.cache.ms / 1000).toFixed(2)} s)`,
    );
  }
  lines.push(`load time    ${(s.loadMs / 1000).toFixed(2)} s`);
  for (const w of s.warnings) lines.push(`note: ${w.length > 300 ? `${w.slice(0, 300)}…` : w}`);
  return `${lines.join('\n')}\n`;
}
