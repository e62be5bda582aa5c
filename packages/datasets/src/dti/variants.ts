/**
 * The two DTI data sets and how their values become labels.
 *  - KIBA: the value is KIBA score v2 = 15.1 − original score (higher = stronger binding), as in
 *    `kiba_binding_affinity_v2.txt` / the `kiba_v2` column. Positive ⇔ v2 ≥ threshold (default 12.1,
 *    equivalently original score ≤ 3.0; the ≥ convention gives the 24,828 positives of the data README;
 *    "12.1" parses to exactly the double 12.1, so no epsilon).
 *  - Davis: the value is Kd in nM. Positive ⇔ Kd ≤ threshold (default 100 nM, i.e. pKd ≥ 7), compared on
 *    Kd directly to avoid floating-point edge effects of a computed pKd.
 */
export type DtiVariant = 'kiba' | 'davis';

export interface VariantInfo {
  /** affinity matrix file in the DeepDTA layout */
  matrixFile: string;
  defaultThreshold: number;
  /** positive when value ≥ threshold ('ge') or value ≤ threshold ('le') */
  direction: 'ge' | 'le';
  valueName: string;
  /** long-CSV column names tried for the value, in order (case-insensitive) */
  valueColumns: string[];
}

export const VARIANTS: Record<DtiVariant, VariantInfo> = {
  kiba: {
    matrixFile: 'kiba_binding_affinity_v2.txt',
    defaultThreshold: 12.1,
    direction: 'ge',
    valueName: 'KIBA score v2 (15.1 − KIBA score; higher = stronger)',
    valueColumns: ['kiba_v2', 'value', 'affinity', 'y'],
  },
  davis: {
    matrixFile: 'drug-target_interaction_affinities_Kd__Davis_et_al.2011v1.txt',
    defaultThreshold: 100,
    direction: 'le',
    valueName: 'Kd in nM (lower = stronger)',
    valueColumns: ['kd_nm', 'kd', 'value', 'affinity', 'y'],
  },
};

/** −1 for missing (NaN), else 1 when the value is on the binding side of the threshold. */
export function binarize(values: Float64Array, variant: DtiVariant, threshold = VARIANTS[variant].defaultThreshold): Int8Array {
  const ge = VARIANTS[variant].direction === 'ge';
  const out = new Int8Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    out[i] = Number.isNaN(v) ? -1 : (ge ? v >= threshold : v <= threshold) ? 1 : 0;
  }
  return out;
}

/** Human-readable binarization rule, recorded in the dataset's provenance. */
export function ruleText(variant: DtiVariant, threshold = VARIANTS[variant].defaultThreshold): string {
  const v = VARIANTS[variant];
  return `positive ⇔ ${v.valueName} ${v.direction === 'ge' ? '≥' : '≤'} ${threshold}`;
}

/**
 * Davis target names encode variants of one kinase: mutations in parentheses (`ABL1(T315I)`) and a
 * trailing `p` for phosphorylated forms (`ABL1p`). Tasks whose parent kinase has ≥ 2 entries get that
 * parent as `group`; no kinase-family table ships with the data, so other tasks get no group.
 */
export function davisParentKinase(name: string): string {
  return name.replace(/\(.*\)/, '').replace(/p$/, '');
}

export function variantGroups(ids: readonly string[]): (string | undefined)[] {
  const parents = ids.map(davisParentKinase);
  const count = new Map<string, number>();
  for (const p of parents) count.set(p, (count.get(p) ?? 0) + 1);
  return parents.map((p) => ((count.get(p) ?? 0) >= 2 ? p : undefined));
}
