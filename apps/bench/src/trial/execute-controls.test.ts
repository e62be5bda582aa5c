/** A truth trial names the label-permuted controls of real data (a dataset's meta.controls) as the constructed nulls. */
import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTrialJob } from '@transferbench/core';
import { createBenchHost } from '../plugins/bench-host.ts';
import { tempDir } from '../testing/suite-files.ts';
import { executeTrial } from './execute.ts';

const SMILES = ['CCO', 'CCN', 'CCC', 'c1ccccc1', 'c1ccccc1O', 'c1ccccc1N', 'CC(=O)O', 'CCOC', 'CCCl', 'CCBr', 'OCCO', 'NCCN'];

describe('constructed nulls of real data', () => {
  it("a truth trial's datasetInfo lists the csv plugin's label-permuted controls", async () => {
    const dir = tempDir('tb-controls-');
    const rows = Array.from({ length: 48 }, (_, i) => `${SMILES[i % 12]}${'C'.repeat(Math.floor(i / 12))},${i % 2},${(i >> 1) % 2}`);
    const file = join(dir, 'two.csv');
    writeFileSync(file, ['smiles,A,B', ...rows].join('\n'));
    const job = makeTrialJob({
      kind: 'truth',
      truthSource: 'oracle',
      suiteHash: 'x',
      seed: 0,
      model: { hidden: 4, maxEpochs: 1 },
      engine: { name: 'fast' },
      plugins: [],
      limits: { timeoutMs: 1e6, memoryMb: 1024 },
      dataset: { id: 'd', plugin: 'csv', options: { file, controls: 1, cache: false }, split: { kind: 'random', seed: 1 } },
      estimator: { id: 'truth', plugin: 'contextual-oracle', budget: 'truth', options: { replicates: 2, resampleSplit: false } },
    });
    const trial = await executeTrial(job, await createBenchHost(), { log: () => {} });
    expect(trial.status, JSON.stringify(trial.failure)).toBe('ok');
    if (trial.status !== 'ok') return;
    expect(trial.datasetInfo!.tasks).toHaveLength(3);
    expect(trial.datasetInfo!.controls).toEqual([trial.datasetInfo!.tasks[2]]);
    expect(trial.datasetInfo!.controls[0]).toMatch(/^(A|B) \(permuted\)$/);
  });
});
