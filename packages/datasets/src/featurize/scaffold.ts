/**
 * Bemis–Murcko scaffolds. RDKit MinimalLib has no scaffold call, so this reproduces RDKit's
 * `MurckoDecompose` (what chemprop/DeepChem's `MurckoScaffoldSmiles(includeChirality=False)` use) on the
 * molecule's RDKit JSON and re-canonicalises the result through RDKit:
 *  - keep ring atoms and linker atoms (atoms on paths between rings) = what survives repeatedly pruning
 *    non-ring atoms of degree ≤ 1;
 *  - also keep a non-kept atom joined to a kept atom by a double bond (exocyclic C=O, C=N …), as RDKit does;
 *  - each kept atom gains one hydrogen per bond order to a removed neighbour (the JSON fixes H counts, so
 *    e.g. N-methylimidazole → imidazole with [nH], as in RDKit);
 *  - stereo is dropped. Acyclic molecules get the empty scaffold ''.
 * Ring membership is computed here from the bond graph (an atom is in a ring iff it touches a non-bridge
 * bond) rather than read from RDKit's JSON extension, whose layout is versioned.
 */
import type { Mol, RDKitModule } from './rdkit.ts';

interface JsonAtom {
  z?: number;
  impHs?: number;
  chg?: number;
  nRad?: number;
  isotope?: number;
  stereo?: string;
}
interface JsonBond {
  bo?: number;
  atoms: [number, number];
  stereo?: string;
}
interface RdkitJson {
  rdkitjson?: unknown;
  defaults: { atom: JsonAtom & Record<string, unknown>; bond: { bo: number } & Record<string, unknown> };
  molecules: { atoms: JsonAtom[]; bonds?: JsonBond[] }[];
}

/**
 * `canonical` (the molecule's canonical SMILES, if the caller has it) enables a shortcut: when nothing is
 * pruned and the SMILES has no stereo marks, the scaffold is the molecule itself.
 */
export function murckoScaffold(rdkit: RDKitModule, mol: Mol, canonical?: string): string {
  const json = JSON.parse(mol.get_json()) as RdkitJson;
  const molecule = json.molecules[0];
  if (!molecule || molecule.atoms.length === 0) return '';
  const n = molecule.atoms.length;
  const defBo = json.defaults.bond.bo ?? 1;
  const defH = json.defaults.atom.impHs ?? 0;
  const bonds = (molecule.bonds ?? []).map((b) => ({ a: b.atoms[0], b: b.atoms[1], bo: b.bo ?? defBo }));
  const inRing = ringAtoms(n, bonds);

  // prune non-ring leaves until none are left: survivors are ring + linker atoms
  const keep = new Uint8Array(n).fill(1);
  const degree = new Int32Array(n);
  const nbrs: number[][] = Array.from({ length: n }, () => []);
  for (const { a, b } of bonds) {
    degree[a]++;
    degree[b]++;
    nbrs[a].push(b);
    nbrs[b].push(a);
  }
  const stack: number[] = [];
  for (let i = 0; i < n; i++) if (!inRing[i] && degree[i] <= 1) stack.push(i);
  while (stack.length) {
    const i = stack.pop()!;
    if (!keep[i]) continue;
    keep[i] = 0;
    for (const j of nbrs[i]) if (keep[j] && --degree[j] <= 1 && !inRing[j]) stack.push(j);
  }
  if (!keep.some((k) => k)) return '';
  if (canonical !== undefined && keep.every((k) => k) && !/[@/\\]/.test(canonical)) return canonical;
  // exocyclic / exo-linker double-bonded atoms stay
  const kept = Uint8Array.from(keep);
  for (const { a, b, bo } of bonds) {
    if (bo !== 2) continue;
    if (keep[a] && !keep[b]) kept[b] = 1;
    if (keep[b] && !keep[a]) kept[a] = 1;
  }

  const newIndex = new Int32Array(n).fill(-1);
  const atoms: JsonAtom[] = [];
  for (let i = 0; i < n; i++) {
    if (!kept[i]) continue;
    newIndex[i] = atoms.length;
    const { stereo: _s, ...rest } = molecule.atoms[i];
    atoms.push({ ...rest, impHs: rest.impHs ?? defH });
  }
  const outBonds: JsonBond[] = [];
  for (const { a, b, bo } of bonds) {
    if (kept[a] && kept[b]) outBonds.push({ bo, atoms: [newIndex[a], newIndex[b]] });
    else if (kept[a]) atoms[newIndex[a]].impHs! += Math.max(bo, 0);
    else if (kept[b]) atoms[newIndex[b]].impHs! += Math.max(bo, 0);
  }
  const reduced = {
    rdkitjson: json.rdkitjson,
    defaults: {
      atom: { ...json.defaults.atom, stereo: 'unspecified' },
      bond: { ...json.defaults.bond, stereo: 'unspecified' },
    },
    molecules: [{ atoms, bonds: outBonds }],
  };
  return canonicalFromJson(rdkit, JSON.stringify(reduced));
}

function canonicalFromJson(rdkit: RDKitModule, json: string): string {
  for (const details of ['{}', '{"sanitize":false}']) {
    const m = rdkit.get_mol(json, details);
    if (!m) continue;
    try {
      if (m.is_valid()) return m.get_smiles();
    } finally {
      m.delete();
    }
  }
  throw new Error('RDKit could not rebuild the scaffold');
}

/** Atoms on at least one cycle: endpoints of non-bridge bonds (Tarjan's bridge finding, iterative). */
export function ringAtoms(n: number, bonds: { a: number; b: number }[]): Uint8Array {
  const adj: { to: number; id: number }[][] = Array.from({ length: n }, () => []);
  bonds.forEach(({ a, b }, id) => {
    adj[a].push({ to: b, id });
    adj[b].push({ to: a, id });
  });
  const disc = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const isBridge = new Uint8Array(bonds.length);
  let time = 0;
  for (let root = 0; root < n; root++) {
    if (disc[root] >= 0) continue;
    const frames: { v: number; parentEdge: number; k: number }[] = [{ v: root, parentEdge: -1, k: 0 }];
    disc[root] = low[root] = time++;
    while (frames.length) {
      const f = frames[frames.length - 1];
      if (f.k < adj[f.v].length) {
        const { to, id } = adj[f.v][f.k++];
        if (id === f.parentEdge) continue;
        if (disc[to] < 0) {
          disc[to] = low[to] = time++;
          frames.push({ v: to, parentEdge: id, k: 0 });
        } else low[f.v] = Math.min(low[f.v], disc[to]);
      } else {
        frames.pop();
        if (frames.length) {
          const p = frames[frames.length - 1];
          low[p.v] = Math.min(low[p.v], low[f.v]);
          if (low[f.v] > disc[p.v]) isBridge[f.parentEdge] = 1;
        }
      }
    }
  }
  const ring = new Uint8Array(n);
  bonds.forEach(({ a, b }, id) => {
    if (!isBridge[id]) {
      ring[a] = 1;
      ring[b] = 1;
    }
  });
  return ring;
}
