/**
 * `transferbench estimate` on a user's multi-task CSV: bad data or data options end with the message alone
 * (file, line, column or option, and what was expected; no stack trace), and a ";"-separated file with
 * degenerate columns loads with the delimiter detected and the dropped columns named.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { execa } from 'execa';
import { transferEstimateSchema } from '@transferbench/core';
import { RANDOM_ESTIMATOR } from '../testing/suite-files.ts';

const BIN = fileURLToPath(new URL('../../bin/transferbench.js', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'tb-estimate-data-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const cli = (...dataOpts: string[]) =>
  execa(
    process.execPath,
    [
      BIN,
      'estimate',
      '--plugin',
      RANDOM_ESTIMATOR,
      '--estimator',
      'random',
      '--engine',
      'none',
      '--dataset',
      'csv',
      ...dataOpts.flatMap((o) => ['--data-opt', o]),
      '--json',
    ],
    { reject: false, env: { TRANSFERBENCH_DEBUG: '' }, cwd: tmp },
  );

/** 24 alcohols; A: 12 positives / 12 negatives, B: all negative, C: empty — ";"-separated */
function semicolonFile(): string {
  const lines = ['mol_id;smiles;A;B;C'];
  for (let i = 0; i < 24; i++) lines.push(`m${i};${'C'.repeat(i + 1)}O;${i % 2};0;`);
  const file = join(tmp, 'assays.csv');
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

const noStack = /\n\s+at /;

describe('transferbench estimate on a multi-task CSV', () => {
  const file = semicolonFile();

  it('a ";"-separated file loads (delimiter detected); the empty and one-class columns are named and dropped', async () => {
    const r = await cli(`file=${file}`, 'minPositives=5', 'minNegatives=5');
    expect(r.exitCode, r.stderr).toBe(0);
    expect(transferEstimateSchema.parse(JSON.parse(r.stdout)).tasks).toEqual(['A']);
    expect(r.stderr).toMatch(/warning: 1 task column has no label in .*assays\.csv, dropped \(keepDegenerate: true keeps them\): C/);
    expect(r.stderr).toMatch(/warning: 1 task column holds one class only in .*assays\.csv, dropped .*: B \(24 labels, all negative\)/);
  });

  // an option error (refused by the plugin's schema) and a file error (found by the loader); the other data
  // errors are the same classes, tested in the datasets package
  it('data errors print the message without a stack trace', async () => {
    const [typo, wrong] = await Promise.all([cli(`file=${file}`, 'minPositive=100'), cli(`file=${file}`, 'delimiter=,')]);
    expect(typo.exitCode).toBe(1);
    expect(typo.stderr).toMatch(
      /unknown option "minPositive" \(did you mean "minPositives"\?\); valid options: tasks, top, minLabels, minPositives/,
    );
    expect(typo.stderr).not.toMatch(noStack);

    expect(wrong.exitCode).toBe(1);
    expect(wrong.stderr).toMatch(
      /assays\.csv line 1: no SMILES column \(looked for smiles, canonical_smiles; set smilesColumn\); 1 column found with delimiter "," \(given\): mol_id;smiles;A;B;C; the header line holds 4 × ";": if that is the delimiter, set delimiter: ;/,
    );
    expect(wrong.stderr).not.toMatch(noStack);
  });
});
