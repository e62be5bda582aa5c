import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { sharedData } from '@transferbench/core/testing';
import { buildProgram } from '../program.ts';
import { inspectDataset } from './dataset.ts';
import { formatSummary, type DatasetSummary } from './dataset-summary.ts';

const tmp = mkdtempSync(join(tmpdir(), 'tb-inspect-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
// ../shared/data/davis: skipped with a message when absent, a failure in CI
const davis = sharedData('davis');

async function runCli(args: string[]): Promise<string> {
  let out = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    await buildProgram().parseAsync(['node', 'transferbench', ...args]);
  } finally {
    spy.mockRestore();
    err.mockRestore();
  }
  return out;
}

describe('transferbench dataset inspect', () => {
  const csv = join(tmp, 'small.csv');
  const tiny = { minPositives: 0, minNegatives: 0 }; // 2 positives and 2 negatives per task: below the csv default filter
  writeFileSync(csv, 'smiles,A,B\nCCO,1,0\nc1ccccc1O,0,\nC[AlH3]C,1,1\nCCN,,1\nOCC,0,0\n');

  it('--json on a multi-task CSV: counts, per-task spreads, unparsable and duplicates', async () => {
    const s = JSON.parse(
      await runCli([
        'dataset',
        'inspect',
        '--dataset',
        'csv',
        '--file',
        csv,
        '--cache-dir',
        tmp,
        '--min-positives',
        '0',
        '--min-negatives',
        '0',
        '--json',
      ]),
    ) as DatasetSummary;
    expect(s).toMatchObject({ dataset: 'csv', rows: 5, compounds: 4, tasks: 2, labels: 6, positives: 2 });
    expect(s.perTask.labels).toEqual({ min: 3, median: 3, max: 3 });
    expect(s.perTask.positives).toEqual({ min: 1, median: 1, max: 1 });
    expect(s.unparsable!.map((u) => u.id)).toEqual(['row2']);
    expect(s.duplicates).toMatchObject({ groups: 1, compounds: 2, mode: 'keep' }); // CCO = OCC
    expect(s.fingerprints).toEqual({ radius: 2, nBits: 2048 });
    const text = formatSummary(s);
    expect(text).toMatch(/unparsable {3}1 \(dropped: row2\)/);
    expect(text).toMatch(/per task {5}labels {4}min 3 \/ median 3 \/ max 3/);
  });

  it('a second inspect is served from the cache; new radius/bits get their own cache file', async () => {
    const first = await inspectDataset({ dataset: 'csv', file: csv, cacheDir: join(tmp, 'c2'), ...tiny });
    expect(first.cache).toMatchObject({ computed: 5, cached: 0 });
    const second = await inspectDataset({ dataset: 'csv', file: csv, cacheDir: join(tmp, 'c2'), ...tiny });
    expect(second.cache).toMatchObject({ computed: 0, cached: 5 });
    const r1 = await inspectDataset({ dataset: 'csv', file: csv, cacheDir: join(tmp, 'c2'), radius: 1, bits: 512, ...tiny });
    expect(r1.cache).toMatchObject({ computed: 4 }); // the 4 parsable SMILES get new fingerprints
    expect(r1.fingerprints).toEqual({ radius: 1, nBits: 512 });
    expect(
      readdirSync(join(tmp, 'c2', 'fingerprints'))
        .filter((f) => f.startsWith('morgan-'))
        .sort(),
    ).toEqual([expect.stringMatching(/^morgan-r1-b512-rdkit/), expect.stringMatching(/^morgan-r2-b2048-rdkit/)]);
  });

  it('bad options and bad input fail with clear messages', async () => {
    await expect(inspectDataset({ dataset: 'csv', file: csv, top: 0 as unknown as number })).rejects.toThrow(
      /--top: expected a positive integer/,
    );
    await expect(inspectDataset({ dataset: 'csv', file: csv, minLabels: 'many' })).rejects.toThrow(
      /--min-labels: expected a non-negative integer/,
    );
    await expect(inspectDataset({ dataset: 'csv', file: csv, dataDir: tmp })).rejects.toThrow(/either --data-dir or --file/);
    await expect(inspectDataset({ dataset: 'nope' })).rejects.toThrow(/unknown dataset "nope"; available: .*csv/);
    await expect(inspectDataset({ dataset: 'csv', file: csv, tasks: 'A,Z', cacheDir: tmp })).rejects.toThrow(
      /unknown task id "Z" in .*small\.csv/,
    );
    await expect(inspectDataset({ dataset: 'csv', file: join(tmp, 'absent.csv') })).rejects.toThrow(/absent\.csv: CSV file not found/);
    await expect(inspectDataset({ dataset: 'synthetic', dataDir: tmp })).rejects.toThrow(/dataset "synthetic" has no option "dataDir"/);
  });

  it.skipIf(davis.skip)('Davis: 68 compounds, 442 tasks, 30,056 labels, 2,502 positives', async () => {
    // keepDegenerate: the published counts include the 32 targets without a positive (dropped by default)
    const s = await inspectDataset({ dataset: 'davis', dataDir: davis.dir, cacheDir: tmp, dataOpt: ['keepDegenerate=true'] });
    expect(s).toMatchObject({ compounds: 68, tasks: 442, labels: 30056, positives: 2502, density: 1 });
    expect(s.perTask.labels).toEqual({ min: 68, median: 68, max: 68 });
    expect(s.perTask.positives).toEqual({ min: 0, median: 4, max: 30 }); // data README: min 0 / median 4 / max 30
    const top = await inspectDataset({ dataset: 'davis', dataDir: davis.dir, cacheDir: tmp, minPositives: 5, top: 20 });
    expect(top.tasks).toBe(20);
    expect(top.perTask.positives.min).toBeGreaterThanOrEqual(5);
  });
});
