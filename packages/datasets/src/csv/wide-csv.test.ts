/**
 * A MoleculeNet-style assay file 600 tasks wide, ";"-separated, with empty, one-class and nearly empty
 * columns (generated at test time: testing/wide-csv.ts): it loads with the delimiter detected, names the
 * degenerate columns, drops them and the sparse ones by default, and keeps all 600 when asked.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { taskLabelStats } from '@transferbench/core';
import { loadCsv, readCsvTable } from './plugin.ts';
import { featurizationReport } from '../table/featurization-report.ts';
import { wideTaskName, writeWideCsv } from '../testing/wide-csv.ts';

const tmp = mkdtempSync(join(tmpdir(), 'tb-wide-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const file = join(tmp, 'assays.csv');
const { smiles, tasks } = writeWideCsv(file, { compounds: 300, tasks: 600, delimiter: ';' });
/** task names of the columns k with k mod 50 = r */
const kind = (r: number) => tasks.filter((_, k) => k % 50 === r);

describe('a 600-task ";"-separated assay file', () => {
  it('delimiter detected; 12 empty and 24 one-class columns named and dropped; 12 sparse ones filtered', () => {
    const t = readCsvTable({ file });
    expect(t.compounds).toHaveLength(300);
    expect(t.tasks).toHaveLength(552);
    expect(t.tasks.map((x) => x.id)).not.toContain(wideTaskName(0));
    const [empty, oneClass, filtered] = t.warnings;
    expect(empty).toBe(`12 task columns have no label in ${file}, dropped (keepDegenerate: true keeps them): ${kind(0).join(', ')}`);
    expect(oneClass).toMatch(
      new RegExp(
        `^24 task columns hold one class only in .*: ${wideTaskName(1)} \\(100 labels, all negative\\), ${wideTaskName(2)} \\(60 labels, all positive\\), `,
      ),
    );
    expect(filtered).toMatch(
      new RegExp(`^12 tasks dropped by the label filters \\(minLabels 0, minPositives 10, minNegatives 10\\): ${wideTaskName(3)} \\(3\\+/`),
    );
    // every kept task has both classes and at least 10 of each
    const K = t.tasks.length;
    for (let k = 0; k < K; k++) {
      let pos = 0,
        neg = 0;
      for (let r = 0; r < t.compounds.length; r++) {
        const v = t.labels[r * K + k];
        if (v === 1) pos++;
        else if (v === 0) neg++;
      }
      expect(Math.min(pos, neg)).toBeGreaterThanOrEqual(10);
    }
  });

  it('keepDegenerate and no class filter: all 600 columns load through the plugin (K = 600), featurized once', async () => {
    const logs: string[] = [];
    const ctx = { cacheDir: join(tmp, 'cache'), log: (m: string) => logs.push(m) };
    const ds = await loadCsv({ file, keepDegenerate: true, minPositives: 0, minNegatives: 0 }, ctx);
    expect(ds.tasks.map((t) => t.id)).toEqual(tasks);
    expect(ds.samples).toHaveLength(smiles.length);
    const stats = taskLabelStats(ds);
    expect(stats[0]).toEqual({ id: wideTaskName(0), labels: 0, positives: 0 });
    expect(stats[1]).toEqual({ id: wideTaskName(1), labels: 100, positives: 0 });
    expect(logs.filter((l) => /^warning: .* kept \(keepDegenerate\)/.test(l))).toHaveLength(2);
    expect(featurizationReport(ds)!.unparsable).toEqual([]);
    const byDefault = await loadCsv({ file }, ctx);
    expect(byDefault.tasks).toHaveLength(552);
    expect(featurizationReport(byDefault)!.cache).toMatchObject({ computed: 0, cached: 300 });
  });

  it('read with the wrong delimiter: a short error that lists a few columns and names ";"', () => {
    expect(() => readCsvTable({ file, delimiter: ',' })).toThrow(
      /\(given\): mol_id;smiles;ASSAY_000_.*…; the header line holds 601 × ";": if that is the delimiter, set delimiter: ;$/,
    );
    let message = '';
    try {
      readCsvTable({ file, delimiter: 'tab' });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/no SMILES column .*delimiter tab \(given\)/);
    expect(message.length).toBeLessThan(400); // the header line is 22 KB
  });
});
