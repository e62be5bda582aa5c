/** Acceptance on the shared KIBA / Davis copies (../shared/data: skipped with a message when absent, a failure in CI). */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { taskLabelStats } from '@transferbench/core';
import { loadDti, readDtiTable, kibaDataset, davisDataset } from './plugin.ts';
import { tableTaskStats, tableTotals, type LabelTable } from '../table/label-table.ts';
import { featurizationReport } from '../table/featurization-report.ts';
import { sharedData } from '@transferbench/core/testing';

const cacheRoot = mkdtempSync(join(tmpdir(), 'tb-dti-cache-'));
afterAll(() => rmSync(cacheRoot, { recursive: true, force: true }));
const ctx = { cacheDir: cacheRoot, log: () => {} };

/** Labels of `b` re-ordered to `a`'s compounds and tasks. */
function aligned(a: LabelTable, b: LabelTable): number[] {
  const row = new Map(b.compounds.map((c, i) => [c.id, i]));
  const col = new Map(b.tasks.map((t, i) => [t.id, i]));
  const out: number[] = [];
  for (const c of a.compounds) for (const t of a.tasks) out.push(b.labels[row.get(c.id)! * b.tasks.length + col.get(t.id)!]);
  return out;
}

const kiba = sharedData('kiba');
const davis = sharedData('davis');

describe.skipIf(kiba.skip)('KIBA (shared data)', () => {
  const dataDir = kiba.dir;
  let cached: LabelTable | undefined;
  // the published counts include the 2 one-class targets: keep them
  const table = () => (cached ??= readDtiTable({ variant: 'kiba', dataDir, keepDegenerate: true }));

  it('2,111 compounds, 229 tasks, 118,254 labels, 24,828 positives (v2 ≥ 12.1)', () => {
    expect(tableTotals(table())).toEqual({ compounds: 2111, tasks: 229, labels: 118254, positives: 24828 });
    const stats = tableTaskStats(table());
    expect(Math.max(...stats.map((s) => s.labels))).toBe(1452);
    expect(Math.min(...stats.map((s) => s.labels))).toBe(11);
    expect(Math.max(...stats.map((s) => s.positives))).toBe(663);
  });

  it('the strict > 12.1 convention gives the README’s 22,729 positives', () => {
    expect(tableTotals(readDtiTable({ variant: 'kiba', dataDir, threshold: 12.1 + 1e-9, keepDegenerate: true })).positives).toBe(22729);
  });

  it('the long CSV (kiba_pairs.csv + drugs.csv) gives the same labels', () => {
    const long = readDtiTable({ variant: 'kiba', file: join(dataDir, 'kiba_pairs.csv'), keepDegenerate: true });
    expect(tableTotals(long)).toEqual(tableTotals(table()));
    expect(long.compounds.map((c) => c.id)).toEqual(table().compounds.map((c) => c.id));
    expect(aligned(table(), long)).toEqual(Array.from(table().labels));
  });

  it('task selection: filters and top-K', () => {
    expect(readDtiTable({ variant: 'kiba', dataDir, minPositives: 1, keepDegenerate: true }).tasks).toHaveLength(227); // 2 have no positive
    expect(readDtiTable({ variant: 'kiba', dataDir, minPositives: 5 }).tasks).toHaveLength(215); // 14 have fewer than 5
    // by default the 2 one-class targets are dropped, and named
    const byDefault = readDtiTable({ variant: 'kiba', dataDir });
    expect(byDefault.tasks).toHaveLength(227);
    expect(byDefault.warnings.join('\n')).toMatch(
      /2 task columns hold one class only in .*, dropped \(keepDegenerate: true keeps them\): \S+ \(\d+ labels, all negative\), \S+ \(\d+ labels, all negative\)$/m,
    );
    const top = readDtiTable({ variant: 'kiba', dataDir, tasks: 'top:10', keepDegenerate: true });
    const all = tableTaskStats(table())
      .map((s) => s.labels)
      .sort((a, b) => b - a);
    expect(
      tableTaskStats(top)
        .map((s) => s.labels)
        .sort((a, b) => b - a),
    ).toEqual(all.slice(0, 10));
    expect(top.compounds.length).toBeLessThan(2111); // compounds unlabelled in the 10 tasks are dropped
  });

  it('loads through the plugin: featurized, duplicates kept and reported, scaffolds set', async () => {
    const ds = await loadDti({ variant: 'kiba', dataDir, keepDegenerate: true }, ctx);
    expect(ds.samples).toHaveLength(2111);
    const st = taskLabelStats(ds);
    expect(st.reduce((s, t) => s + t.labels, 0)).toBe(118254);
    expect(st.reduce((s, t) => s + t.positives, 0)).toBe(24828);
    const rep = featurizationReport(ds)!;
    expect(rep.unparsable).toEqual([]);
    expect([rep.duplicateGroups, rep.duplicateCompounds]).toEqual([32, 75]); // as in the data README
    expect(ds.samples.every((s) => typeof s.scaffold === 'string')).toBe(true);
    expect(ds.features.dim).toBe(2048);
    const merged = await loadDti({ variant: 'kiba', dataDir, duplicates: 'merge', keepDegenerate: true }, ctx);
    expect(merged.samples).toHaveLength(2068); // unique canonical SMILES
    expect(featurizationReport(merged)!.mergeConflicts).toBe(42); // README: 42 (group, target) cells disagree
    expect(featurizationReport(merged)!.cache.computed).toBe(0); // same SMILES: served from the cache
  });
});

describe.skipIf(davis.skip)('Davis (shared data)', () => {
  const dataDir = davis.dir;
  let cached: LabelTable | undefined;
  const table = () => (cached ??= readDtiTable({ variant: 'davis', dataDir, keepDegenerate: true }));

  it('68 compounds, 442 tasks, 30,056 labels, 2,502 positives (Kd ≤ 100 nM)', () => {
    expect(tableTotals(table())).toEqual({ compounds: 68, tasks: 442, labels: 30056, positives: 2502 });
  });

  it('ligands in file order (= drugs.csv order), not JSON.parse order', () => {
    const drugs = readFileSync(join(dataDir, 'drugs.csv'), 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(',')[1]);
    expect(table().compounds.map((c) => c.id)).toEqual(drugs);
    const parsedOrder = Object.keys(JSON.parse(readFileSync(join(dataDir, 'original/ligands_can.txt'), 'utf8')));
    expect(parsedOrder).not.toEqual(drugs);
  });

  it('the long CSV gives the same labels; filters match the README', () => {
    const long = readDtiTable({ variant: 'davis', file: join(dataDir, 'davis_pairs.csv'), keepDegenerate: true });
    expect(aligned(table(), long)).toEqual(Array.from(table().labels));
    expect(readDtiTable({ variant: 'davis', dataDir, minPositives: 1, keepDegenerate: true }).tasks).toHaveLength(442 - 32);
    expect(readDtiTable({ variant: 'davis', dataDir, minPositives: 5 }).tasks).toHaveLength(442 - 248);
  });

  it('variant tasks are grouped by parent kinase', () => {
    const abl = table().tasks.filter((t) => t.id.startsWith('ABL1'));
    expect(abl.length).toBe(15);
    expect(abl.every((t) => t.group === 'ABL1')).toBe(true);
    expect(table().tasks.find((t) => t.id === 'AAK1')!.group).toBeUndefined();
  });

  it('loads through the `davis` plugin: the 32 targets without a positive are dropped and named', async () => {
    const logs: string[] = [];
    const ds = await davisDataset.load(davisDataset.options.parse({ dataDir }), { ...ctx, log: (m) => logs.push(m) });
    expect([ds.samples.length, ds.tasks.length]).toEqual([68, 442 - 32]);
    const warning = logs.find((l) => l.includes('one class only'))!;
    expect(warning).toMatch(/^warning: 32 task columns hold one class only in .*, dropped \(keepDegenerate: true keeps them\): /);
    expect(warning).toMatch(/\(68 labels, all negative\), … and 2 more$/); // 30 named
    const kept = await davisDataset.load(davisDataset.options.parse({ dataDir, keepDegenerate: true }), ctx);
    expect([kept.samples.length, kept.tasks.length]).toEqual([68, 442]);
    expect(ds.samples[0].id).toBe('11314340');
    expect(kibaDataset.meta.name).toBe('kiba');
  });
});
