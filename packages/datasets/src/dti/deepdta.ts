/**
 * The DeepDTA layout (github.com/hkmztrk/DeepDTA data/kiba, data/davis): `ligands_can.txt` (JSON
 * {compound id: SMILES}, file order = matrix rows), `proteins.txt` (JSON {target id: sequence}, file order
 * = matrix columns) and the affinity matrix. `dir` may be the folder holding these files or a folder with
 * them under `original/` (the layout of the shared data folder).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readTextFile } from '../read-text.ts';
import { DataFileError } from '../errors.ts';
import { parseOrderedStringObject } from './ordered-json.ts';
import { parseAffinityMatrix } from './affinity-matrix.ts';
import { VARIANTS, type DtiVariant } from './variants.ts';
import type { AffinityTable } from './affinity-table.ts';

export function resolveDeepDtaDir(dir: string): string {
  for (const d of [join(dir, 'original'), dir]) if (existsSync(join(d, 'ligands_can.txt'))) return d;
  throw new DataFileError(
    join(dir, 'ligands_can.txt'),
    null,
    'file not found (expected the DeepDTA layout: ligands_can.txt, proteins.txt and the affinity matrix, in the folder or its original/ subfolder)',
  );
}

export interface DeepDtaOptions {
  /** 'can' = ligands_can.txt (default, what DeepDTA uses), 'iso' = ligands_iso.txt (isomeric SMILES) */
  ligands?: 'can' | 'iso';
  /** override the matrix file name */
  matrixFile?: string;
}

export function readDeepDta(dir: string, variant: DtiVariant, opts: DeepDtaOptions = {}): AffinityTable {
  const root = resolveDeepDtaDir(dir);
  const ligFile = join(root, opts.ligands === 'iso' ? 'ligands_iso.txt' : 'ligands_can.txt');
  const protFile = join(root, 'proteins.txt');
  const matFile = join(root, opts.matrixFile ?? VARIANTS[variant].matrixFile);
  const ligands = parseOrderedStringObject(readTextFile(ligFile, 'ligand file'), ligFile);
  const proteins = parseOrderedStringObject(readTextFile(protFile, 'protein file'), protFile);
  if (!ligands.length) throw new DataFileError(ligFile, null, 'no ligands');
  if (!proteins.length) throw new DataFileError(protFile, null, 'no proteins');
  const values = parseAffinityMatrix(readTextFile(matFile, 'affinity matrix'), matFile, ligands.length, proteins.length);
  return {
    variant,
    source: matFile,
    compounds: ligands.map(([id, smiles], i) => ({ id, smiles, origin: `${ligFile.split('/').pop()} entry ${i + 1}` })),
    targets: proteins.map(([id]) => id),
    values,
    warnings: [],
  };
}
