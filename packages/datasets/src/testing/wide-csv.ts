/**
 * Test fixture: a MoleculeNet-style assay file of the width that breaks naive code (hundreds of task
 * columns, many sparse, some empty or one-class), generated at test time from SMILES written here, so no
 * third-party data is committed. Labels come from core's seeded Rng: same seed, same file.
 */
import { writeFileSync } from 'node:fs';
import { Rng } from '@transferbench/core';

/** Distinct valid SMILES: ring × alkyl chain × substituent (4 × 10 × 10 = 400). */
export function fixtureSmiles(n: number): string[] {
  const rings = ['', 'c1ccccc1', 'C1CCCCC1', 'c1ccncc1'];
  const subs = ['O', 'N', 'Cl', 'F', 'C(=O)O', 'c1ccccc1', 'C#N', 'S', 'Br', 'OC'];
  const out: string[] = [];
  for (const r of rings) for (let c = 1; c <= 10; c++) for (const s of subs) out.push(`${r}${'C'.repeat(c)}${s}`);
  if (n > out.length) throw new Error(`fixtureSmiles: at most ${out.length} SMILES, asked for ${n}`);
  return out.slice(0, n);
}

export interface WideCsvOptions {
  compounds?: number;
  tasks?: number;
  delimiter?: string;
  seed?: number;
}

/**
 * Column k (0-based) of the file, by k mod 50: 0 = empty, 1 = labelled but all negative, 2 = all positive,
 * 3 = 3 positives only (below the csv default class filter); the rest: each compound labelled with
 * probability 0.6, positive with probability 0.3. So K = 600 has 12 of each kind and 552 ordinary tasks.
 */
export const WIDE_KIND = { empty: 0, allNegative: 1, allPositive: 2, fewPositives: 3 } as const;

export function wideTaskName(k: number): string {
  return `ASSAY_${String(k).padStart(3, '0')}_cell_viability_ratio`;
}

export function writeWideCsv(file: string, opts: WideCsvOptions = {}): { smiles: string[]; tasks: string[] } {
  const N = opts.compounds ?? 300;
  const K = opts.tasks ?? 600;
  const d = opts.delimiter ?? ';';
  const rng = new Rng(opts.seed ?? 0).stream('wide-csv');
  const smiles = fixtureSmiles(N);
  const tasks = Array.from({ length: K }, (_, k) => wideTaskName(k));
  const lines = [['mol_id', 'smiles', ...tasks].join(d)];
  smiles.forEach((s, i) => {
    const cells = tasks.map((_, k) => {
      switch (k % 50) {
        case WIDE_KIND.empty:
          return '';
        case WIDE_KIND.allNegative:
          return i % 3 === 0 ? '0' : '';
        case WIDE_KIND.allPositive:
          return i % 5 === 0 ? '1.0' : '';
        case WIDE_KIND.fewPositives:
          return i < 3 ? '1' : i % 2 === 0 ? '0' : '';
        default:
          return rng.bernoulli(0.6) ? (rng.bernoulli(0.3) ? '1' : '0') : '';
      }
    });
    lines.push([`m${i}`, s, ...cells].join(d));
  });
  writeFileSync(file, `${lines.join('\n')}\n`);
  return { smiles, tasks };
}
