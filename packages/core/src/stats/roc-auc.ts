/**
 * ROC-AUC, equal to sklearn.metrics.roc_auc_score for binary labels including ties: computed as the
 * Mann–Whitney statistic with average ranks, which equals the trapezoidal area under the ROC curve whose
 * tied scores form one diagonal step (a tied positive/negative pair counts 1/2).
 *
 * Contract: returns NaN when only one class (or no rows) is present — the AUC is undefined there
 * (sklearn raises). Callers report such tasks as "one class" (see `classCounts`) instead of scoring them.
 * Hand-written because it is a few lines and the exact tie semantics matter.
 */
import { averageRanks } from './rank.ts';
import { checkBinary, dropMissing } from './labels.ts';

/** ROC-AUC for labels 0/1 and real-valued scores (higher = more positive). NaN if one class only. */
export function rocAuc(labels: ArrayLike<number>, scores: ArrayLike<number>): number {
  checkBinary('rocAuc', labels, scores);
  let nPos = 0;
  for (let i = 0; i < labels.length; i++) nPos += labels[i];
  const nNeg = labels.length - nPos;
  if (nPos === 0 || nNeg === 0) return Number.NaN;
  const ranks = averageRanks(scores);
  let rankSum = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i] === 1) rankSum += ranks[i];
  return (rankSum - (nPos * (nPos + 1)) / 2) / (nPos * nNeg);
}

/** ROC-AUC over the rows whose label is not −1 (missing). NaN if the labelled rows hold one class only. */
export function rocAucMasked(labels: ArrayLike<number>, scores: ArrayLike<number>): number {
  const kept = dropMissing(labels, scores, 'rocAucMasked');
  return rocAuc(kept.labels, kept.scores);
}
