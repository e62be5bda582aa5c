/**
 * Binary label checks shared by the classification metrics.
 * Contract: labels are 0 (negative) or 1 (positive); the `*Masked` metric variants also accept −1 = missing
 * (the Int8 convention of MultiTaskDataset) and drop those rows before scoring.
 */

/** Throws unless labels and scores have the same length, labels are 0/1 and scores are not NaN. */
export function checkBinary(fn: string, labels: ArrayLike<number>, scores: ArrayLike<number>): void {
  if (labels.length !== scores.length) {
    throw new Error(`${fn}: labels has length ${labels.length} but scores has length ${scores.length}; expected equal lengths`);
  }
  for (let i = 0; i < labels.length; i++) {
    const y = labels[i];
    if (y !== 0 && y !== 1) {
      throw new Error(`${fn}: labels[${i}] = ${y}; expected 0 or 1 (use the *Masked variant for −1 = missing)`);
    }
    if (Number.isNaN(scores[i])) throw new Error(`${fn}: scores[${i}] is NaN; expected a number`);
  }
}

/** Rows whose label is not −1, as parallel arrays. Throws on labels other than −1/0/1. */
export function dropMissing(
  labels: ArrayLike<number>,
  scores: ArrayLike<number>,
  fn = 'dropMissing',
): { labels: Int8Array; scores: Float64Array } {
  if (labels.length !== scores.length) {
    throw new Error(`${fn}: labels has length ${labels.length} but scores has length ${scores.length}; expected equal lengths`);
  }
  let kept = 0;
  for (let i = 0; i < labels.length; i++) {
    const y = labels[i];
    if (y !== -1 && y !== 0 && y !== 1) throw new Error(`${fn}: labels[${i}] = ${y}; expected −1 (missing), 0 or 1`);
    if (y !== -1) kept++;
  }
  const y = new Int8Array(kept),
    s = new Float64Array(kept);
  for (let i = 0, k = 0; i < labels.length; i++) {
    if (labels[i] === -1) continue;
    y[k] = labels[i];
    s[k++] = scores[i];
  }
  return { labels: y, scores: s };
}

/** Counts of positives, negatives and missing (−1) labels. */
export function classCounts(labels: ArrayLike<number>): { pos: number; neg: number; missing: number } {
  let pos = 0,
    neg = 0,
    missing = 0;
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] === 1) pos++;
    else if (labels[i] === 0) neg++;
    else if (labels[i] === -1) missing++;
    else throw new Error(`classCounts: labels[${i}] = ${labels[i]}; expected −1 (missing), 0 or 1`);
  }
  return { pos, neg, missing };
}
