/**
 * How much of each source's unseen data data-lookahead's probes used, over all replicates (O(K) numbers), and
 * the warnings that say so when it is little: a source never probed (no unseen slice: its train pool is too
 * small to leave samples unseen), one that used less than `minCoverage` of what its slices offered, or one
 * whose column rests on fewer than `batch` samples a replicate. Version 2 said nothing when a schedule set by
 * the smallest task left most of the others' data unused.
 */

/** Per source, summed over the stages of one replicate (or over replicates). */
export interface SourceCoverage {
  /** probe rounds in which the source took part */
  probes: number[];
  /** unseen samples used by its probes */
  used: number[];
  /** unseen samples its stages' slices offered */
  available: number[];
}

export interface CoverageSummary extends SourceCoverage {
  /** used / available per source (null: nothing available) */
  share: (number | null)[];
  /** Σ used / Σ available over all sources */
  overall: number | null;
}

const MAX_NAMES = 10;

/** At most MAX_NAMES ids, then how many more. */
export function nameList(ids: readonly string[]): string {
  return ids.length <= MAX_NAMES ? ids.join(', ') : `${ids.slice(0, MAX_NAMES).join(', ')} … and ${ids.length - MAX_NAMES} more`;
}

export function summariseCoverage(replicates: readonly SourceCoverage[], K: number): CoverageSummary {
  const sum = (key: keyof SourceCoverage) => Array.from({ length: K }, (_, t) => replicates.reduce((s, r) => s + r[key][t], 0));
  const probes = sum('probes');
  const used = sum('used');
  const available = sum('available');
  const totalAvailable = available.reduce((a, b) => a + b, 0);
  return {
    probes,
    used,
    available,
    share: used.map((u, t) => (available[t] > 0 ? u / available[t] : null)),
    overall: totalAvailable > 0 ? used.reduce((a, b) => a + b, 0) / totalAvailable : null,
  };
}

export function coverageWarnings(
  summary: CoverageSummary,
  ids: readonly string[],
  args: { replicates: number; minCoverage: number; batch: number; poolSizes: readonly number[] },
): string[] {
  const warnings: string[] = [];
  const never = ids.filter((_, t) => summary.available[t] === 0);
  if (never.length > 0)
    warnings.push(
      `${never.length} source(s) never probed: no unseen samples in any stage (train pools of ` +
        `${[...new Set(never.map((id) => args.poolSizes[ids.indexOf(id)]))].sort((a, b) => a - b).join('/')} labels): ${nameList(never)}`,
    );
  const low = ids.filter((_, t) => summary.share[t] !== null && summary.share[t]! < args.minCoverage);
  if (low.length > 0)
    warnings.push(
      `${low.length} source(s) used less than ${Math.round(args.minCoverage * 100)} % of their unseen samples ` +
        `(overall ${((summary.overall ?? 0) * 100).toFixed(1)} %): ${nameList(low)}; details.coverage has the counts`,
    );
  const few = ids.filter((_, t) => summary.available[t] > 0 && summary.used[t] / args.replicates < args.batch);
  if (few.length > 0)
    warnings.push(
      `${few.length} source(s) had fewer than ${args.batch} unseen samples a replicate (their columns rest on few samples): ${nameList(few)}`,
    );
  return warnings;
}
