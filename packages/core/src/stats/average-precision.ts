/**
 * Average precision exactly as sklearn.metrics.average_precision_score (binary): the step-wise sum
 * AP = Σ_k (R_k − R_{k−1}) · P_k over the distinct score thresholds in decreasing order (tied scores form one
 * threshold), with no interpolation.
 *
 * Worked example: labels [0,0,1,1], scores [0.1,0.4,0.35,0.8].
 *   threshold 0.8  → TP 1, FP 0: P = 1,   R = 0.5  → adds 0.5 · 1
 *   threshold 0.4  → TP 1, FP 1: P = 0.5, R = 0.5  → adds 0
 *   threshold 0.35 → TP 2, FP 1: P = 2/3, R = 1    → adds 0.5 · 2/3
 *   AP = 0.5 + 1/3 = 0.8333…  (sklearn prints 0.8333333333333333)
 *
 * Contract: NaN when there are no positives (recall undefined; sklearn warns and returns 0 there).
 */
import { checkBinary, dropMissing } from './labels.ts';

export function averagePrecision(labels: ArrayLike<number>, scores: ArrayLike<number>): number {
  checkBinary('averagePrecision', labels, scores);
  const n = labels.length;
  let nPos = 0;
  for (let i = 0; i < n; i++) nPos += labels[i];
  if (nPos === 0) return Number.NaN;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[b] - scores[a]);
  let tp = 0,
    fp = 0,
    prevRecall = 0,
    ap = 0;
  let i = 0;
  while (i < n) {
    const s = scores[order[i]];
    // consume the whole tie group: one threshold
    while (i < n && scores[order[i]] === s) {
      if (labels[order[i]] === 1) tp++;
      else fp++;
      i++;
    }
    const recall = tp / nPos;
    ap += (recall - prevRecall) * (tp / (tp + fp));
    prevRecall = recall;
  }
  return ap;
}

/** Average precision over the rows whose label is not −1 (missing). */
export function averagePrecisionMasked(labels: ArrayLike<number>, scores: ArrayLike<number>): number {
  const kept = dropMissing(labels, scores, 'averagePrecisionMasked');
  return averagePrecision(kept.labels, kept.scores);
}
