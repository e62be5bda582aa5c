/**
 * Benjamini–Hochberg false-discovery-rate control, identical to R's p.adjust(p, method = "BH"):
 * adjusted p_(i) = min_{k ≥ i} min(1, m/k · p_(k)) (step-up, monotone in p).
 * NaN entries (untested hypotheses, e.g. a t-test with too few replicates) are passed through as NaN and
 * excluded from m, as R does with NA.
 * Hand-written: a dozen lines, and the NaN contract above is ours to fix.
 */

/** BH-adjusted p-values in input order. */
export function bhAdjust(pValues: ArrayLike<number>): number[] {
  const idx: number[] = [];
  for (let i = 0; i < pValues.length; i++) {
    const p = pValues[i];
    if (Number.isNaN(p)) continue;
    if (!(p >= 0 && p <= 1)) throw new Error(`bhAdjust: pValues[${i}] = ${p}; expected a p-value in [0, 1] or NaN (untested)`);
    idx.push(i);
  }
  const out = Array.from({ length: pValues.length }, () => Number.NaN);
  const m = idx.length;
  idx.sort((a, b) => pValues[b] - pValues[a]); // decreasing p: rank k runs m … 1
  let running = 1;
  for (let r = 0; r < m; r++) {
    const k = m - r;
    running = Math.min(running, (m / k) * pValues[idx[r]]);
    out[idx[r]] = running;
  }
  return out;
}

/** Which hypotheses BH rejects at FDR level alpha (adjusted p ≤ alpha); NaN entries are never rejected. */
export function bhReject(pValues: ArrayLike<number>, alpha = 0.05): boolean[] {
  if (!(alpha > 0 && alpha < 1)) throw new Error(`bhReject: alpha = ${alpha}; expected a level in (0, 1), e.g. 0.05`);
  return bhAdjust(pValues).map((q) => q <= alpha);
}
