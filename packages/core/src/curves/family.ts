/**
 * Learning-curve families as data. All four families of DESIGN §4 are one model,
 *   m(x) = c − exp(b − Σ_k a_k · x_k),
 * with named parameters [c, b, a_1 … a_K] and one rate a_k per covariate x_k (a sample count). A family only
 * says which covariates exist and which rates are the task's own rate and which are transfer rates; the
 * evaluation, Jacobian, fitting and inference code is shared (see model.ts, fit.ts).
 */

export type RateKind = 'own' | 'transfer';

export interface CurveRate {
  /** parameter name, e.g. `a_i`, `a_isigma`, `a_ij` */
  name: string;
  /** the covariate (column) this rate multiplies, e.g. `n_i` */
  covariate: string;
  /** own rate (bounded ≥ 0: more own data never hurts the fitted curve) or transfer rate (either sign) */
  kind: RateKind;
}

export interface CurveFamily {
  /** family id: `exp3`, `exp3.2`, `pairwise`, `joint` (or `<id>-without-<rate>` for a reduced model) */
  name: string;
  /** human-readable formula */
  formula: string;
  /** one rate per covariate, in covariate order */
  rates: CurveRate[];
}

/** Parameter names in fit order: `c`, `b`, then one rate per covariate. */
export function parameterNames(family: CurveFamily): string[] {
  return ['c', 'b', ...family.rates.map((r) => r.name)];
}

/** Covariate (column) names in order. */
export function covariateNames(family: CurveFamily): string[] {
  return family.rates.map((r) => r.covariate);
}

/** Names of the transfer parameters (a_iΣ, a_ij, …). */
export function transferParameters(family: CurveFamily): string[] {
  return family.rates.filter((r) => r.kind === 'transfer').map((r) => r.name);
}

function formulaOf(rates: CurveRate[]): string {
  return `c − exp(b${rates.map((r) => ` − ${r.name}·${r.covariate}`).join('')})`;
}

function family(name: string, rates: CurveRate[]): CurveFamily {
  const seen = new Set<string>();
  for (const r of [...rates.map((x) => x.name), ...rates.map((x) => `covariate:${x.covariate}`)]) {
    if (seen.has(r)) throw new Error(`curve family ${name}: duplicate name ${r}`);
    seen.add(r);
  }
  if (rates.some((r) => r.name === 'c' || r.name === 'b')) throw new Error(`curve family ${name}: rate names c and b are reserved`);
  return { name, formula: formulaOf(rates), rates };
}

/** EXP3, single task: m(n) = c − exp(b − a·n). */
export const EXP3: CurveFamily = family('exp3', [{ name: 'a', covariate: 'n', kind: 'own' }]);

/** EXP3.2, contextual: m(n_i, n_Σ) = c − exp(b − a_i·n_i − a_iΣ·n_Σ), n_Σ = Σ_{j≠i} n_j. */
export const EXP3_2: CurveFamily = family('exp3.2', [
  { name: 'a_i', covariate: 'n_i', kind: 'own' },
  { name: 'a_isigma', covariate: 'n_sigma', kind: 'transfer' },
]);

/** Pairwise: m(n_i, n_j) = c − exp(b − a_i·n_i − a_ij·n_j), only tasks i and j in the model. */
export const PAIRWISE: CurveFamily = family('pairwise', [
  { name: 'a_i', covariate: 'n_i', kind: 'own' },
  { name: 'a_ij', covariate: 'n_j', kind: 'transfer' },
]);

/**
 * Joint, for one target: m_i(n) = c_i − exp(b_i − a_i·n_i − Σ_{j≠i} a_ij·n_j). Covariates are `n_<task>`,
 * the own rate is `a_<target>`, transfer rates are `a_<target><-<source>`.
 */
export function jointFamily(target: string, sources: readonly string[]): CurveFamily {
  if (sources.includes(target)) throw new Error(`jointFamily: target ${target} must not be among its sources`);
  return family('joint', [
    { name: `a_${target}`, covariate: `n_${target}`, kind: 'own' },
    ...sources.map((s) => ({ name: `a_${target}<-${s}`, covariate: `n_${s}`, kind: 'transfer' as const })),
  ]);
}

/** The families the CLI and estimators can name. */
export const CURVE_FAMILIES: Record<'exp3' | 'exp3.2' | 'pairwise', CurveFamily> = {
  exp3: EXP3,
  'exp3.2': EXP3_2,
  pairwise: PAIRWISE,
};

/**
 * The nested model with one rate fixed at 0 (its covariate dropped): the reduced model of the F test.
 * Its parameters are the full model's minus `rate`, in the same order.
 */
export function withoutRate(fam: CurveFamily, rate: string): CurveFamily {
  if (!fam.rates.some((r) => r.name === rate)) {
    throw new Error(`withoutRate: ${fam.name} has no rate ${rate}; rates are ${fam.rates.map((r) => r.name).join(', ')}`);
  }
  const rates = fam.rates.filter((r) => r.name !== rate);
  return { name: `${fam.name}-without-${rate}`, formula: formulaOf(rates), rates };
}
