import { describe, expect, it } from 'vitest';
import { loadRDKit } from './rdkit.ts';
import { murckoScaffold, ringAtoms } from './scaffold.ts';

async function scaffoldOf(smiles: string): Promise<string> {
  const rdkit = await loadRDKit();
  const mol = rdkit.get_mol(smiles)!;
  try {
    const full = murckoScaffold(rdkit, mol);
    // the shortcut taken when the canonical SMILES is passed must agree with the full computation
    expect(murckoScaffold(rdkit, mol, mol.get_smiles())).toBe(full);
    return full;
  } finally {
    mol.delete();
  }
}

async function canon(smiles: string): Promise<string> {
  if (smiles === '') return '';
  const rdkit = await loadRDKit();
  const mol = rdkit.get_mol(smiles)!;
  try {
    return mol.get_smiles();
  } finally {
    mol.delete();
  }
}

// Expected scaffolds are those of RDKit's MurckoScaffold.MurckoScaffoldSmiles(includeChirality=False).
const cases: [string, string, string][] = [
  ['side chain removed', 'Cc1ccccc1', 'c1ccccc1'],
  ['paracetamol', 'CC(=O)Nc1ccc(O)cc1', 'c1ccccc1'],
  ['exocyclic C=O kept', 'CC1CCCC(=O)C1', 'O=C1CCCCC1'],
  ['linker kept', 'Cc1ccc(Cc2ccccc2)cc1', 'c1ccc(Cc2ccccc2)cc1'],
  ['amide linker keeps its C=O', 'OC(=O)c1ccccc1C(=O)Nc1ccccc1', 'O=C(Nc1ccccc1)c1ccccc1'],
  ['aromatic N gains its H', 'Cn1ccnc1', 'c1c[nH]cn1'],
  ['salt fragment dropped', 'CCO.Cc1ccccc1', 'c1ccccc1'],
  ['stereo dropped', 'C[C@H]1CC[C@@H](c2ccccc2)CC1', 'c1ccc(C2CCCCC2)cc1'],
  ['imatinib', 'Cc1ccc(NC(=O)c2ccc(CN3CCN(C)CC3)cc2)cc1Nc1nccc(-c2cccnc2)n1', 'O=C(Nc1cccc(Nc2nccc(-c3cccnc3)n2)c1)c1ccc(CN2CCNCC2)cc1'],
  ['already a scaffold', 'O=C1CCc2ccccc2N1', 'O=C1CCc2ccccc2N1'],
  ['chiral scaffold loses stereo', 'C1C[C@H]2CC[C@@H]1C2', 'C1CC2CCC1C2'],
  ['acyclic', 'CCCCO', ''],
  ['acyclic with charge', 'C[N+](C)(C)C.[Cl-]', ''],
];

describe('murckoScaffold', () => {
  it.each(cases)('%s', async (_name, smiles, expected) => {
    expect(await scaffoldOf(smiles)).toBe(await canon(expected));
  });

  it('ringAtoms marks exactly the atoms on cycles', () => {
    // 0-1-2-0 triangle, 2-3 bridge, 3-4 bridge
    const ring = ringAtoms(5, [
      { a: 0, b: 1 },
      { a: 1, b: 2 },
      { a: 2, b: 0 },
      { a: 2, b: 3 },
      { a: 3, b: 4 },
    ]);
    expect(Array.from(ring)).toEqual([1, 1, 1, 0, 0]);
  });
});
