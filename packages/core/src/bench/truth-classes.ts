/**
 * Truth classes (DESIGN §8): what a truth's confidence interval and a practical margin δ say about one effect
 * (an ordered pair, or a target's contextual effect). Part of the results contract — summary.json records the
 * rule and δ, and the reporters show per-pair classes — hence in core beside the result schemas.
 *
 *   positive / negative: the CI excludes 0 and |Δ| ≥ δ   (a relevant effect: counts for power)
 *   small:               the CI excludes 0 but |Δ| < δ    (established but below δ: reported, counted neither
 *                                                         for power nor as a false positive)
 *   null:                the CI lies within ±δ (and includes 0): equivalent to no effect at margin δ
 *   indeterminate:       anything else (a CI that includes 0 and reaches beyond ±δ; no effect or CI)
 * The CI is `lower/upper` when given, else `effect ± z·se` (z of a 95 % normal interval).
 */
import { z } from 'zod';
import type { Matrix } from '../contracts/estimate.ts';

export const truthClassNames = ['positive', 'negative', 'small', 'null', 'indeterminate'] as const;
export const truthClassSchema = z.enum(truthClassNames);
export type TruthClass = z.infer<typeof truthClassSchema>;
export type ClassCounts = Record<TruthClass, number>;

export const CLASS_RULE =
  'positive / negative: the truth CI excludes 0 and |Δ| ≥ δ; small: the CI excludes 0 but |Δ| < δ (reported, ' +
  'counted neither for power nor as a false positive); null: the CI lies within ±δ; indeterminate: otherwise';

const Z95 = 1.959963984540054;
const finite = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);

export function emptyClassCounts(): ClassCounts {
  return { positive: 0, negative: 0, small: 0, null: 0, indeterminate: 0 };
}

export function classifyEffect(
  effect: number | null | undefined,
  lower: number | null | undefined,
  upper: number | null | undefined,
  margin: number,
): TruthClass {
  if (!finite(effect) || !finite(lower) || !finite(upper)) return 'indeterminate';
  if (lower > 0 || upper < 0) {
    if (Math.abs(effect) < margin) return 'small';
    return effect > 0 ? 'positive' : 'negative';
  }
  if (lower >= -margin && upper <= margin) return 'null';
  return 'indeterminate';
}

/** The interval of one cell: lower/upper when both are numbers, else effect ± z·se. */
function interval(
  e: number | null | undefined,
  lo: number | null | undefined,
  hi: number | null | undefined,
  se: number | null | undefined,
) {
  if (finite(lo) && finite(hi)) return [lo, hi] as const;
  if (finite(e) && finite(se)) return [e - Z95 * se, e + Z95 * se] as const;
  return [null, null] as const;
}

export interface TruthInput {
  tasks: string[];
  pairwise: { effect: Matrix; lower?: Matrix; upper?: Matrix; se?: Matrix };
}

export interface TruthClasses {
  tasks: string[];
  /** classes[target][source]; null on the diagonal */
  classes: (TruthClass | null)[][];
  effect: Matrix;
  counts: ClassCounts;
  nullMargin: number;
}

function checkMargin(margin: number): void {
  if (!(margin >= 0)) throw new Error(`truth classes: nullMargin = ${margin}; expected a number ≥ 0`);
}

/** Classes of every ordered pair (i ≠ j) of a pairwise truth. */
export function classifyTruth(truth: TruthInput, nullMargin: number): TruthClasses {
  checkMargin(nullMargin);
  const K = truth.tasks.length;
  const { effect, lower, upper, se } = truth.pairwise;
  const counts = emptyClassCounts();
  const classes = Array.from({ length: K }, (_, i) =>
    Array.from({ length: K }, (_, j) => {
      if (i === j) return null;
      const e = effect[i]?.[j];
      const [lo, hi] = interval(e, lower?.[i]?.[j], upper?.[i]?.[j], se?.[i]?.[j]);
      const c = classifyEffect(e, lo, hi, nullMargin);
      counts[c]++;
      return c;
    }),
  );
  return { tasks: [...truth.tasks], classes, effect, counts, nullMargin };
}

export interface VectorTruthInput {
  tasks: string[];
  contextual: { effect: (number | null)[]; lower?: (number | null)[]; upper?: (number | null)[]; se?: (number | null)[] };
}

export interface VectorTruthClasses {
  tasks: string[];
  classes: TruthClass[];
  effect: (number | null)[];
  counts: ClassCounts;
  nullMargin: number;
}

/** Classes of every target's contextual effect. */
export function classifyVectorTruth(truth: VectorTruthInput, nullMargin: number): VectorTruthClasses {
  checkMargin(nullMargin);
  const { effect, lower, upper, se } = truth.contextual;
  const counts = emptyClassCounts();
  const classes = truth.tasks.map((_, i) => {
    const [lo, hi] = interval(effect[i], lower?.[i], upper?.[i], se?.[i]);
    const c = classifyEffect(effect[i], lo, hi, nullMargin);
    counts[c]++;
    return c;
  });
  return { tasks: [...truth.tasks], classes, effect, counts, nullMargin };
}
