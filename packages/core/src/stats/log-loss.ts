/**
 * Mean binary cross-entropy −mean(y·ln p + (1−y)·ln(1−p)), with probabilities clipped to [eps, 1−eps] so a
 * confident wrong prediction costs a large finite amount instead of Infinity. Natural log, as
 * sklearn.metrics.log_loss. Default eps = 1e-15 (sklearn's long-standing default; newer sklearn uses the
 * dtype's machine epsilon, which only differs for predictions within ~1e-15 of 0 or 1).
 * Contract: NaN for zero rows. Probabilities outside [0, 1] or NaN are an error.
 */
import { dropMissing } from './labels.ts';

export const LOG_LOSS_EPS = 1e-15;

export function logLoss(labels: ArrayLike<number>, probs: ArrayLike<number>, eps = LOG_LOSS_EPS): number {
  if (labels.length !== probs.length) {
    throw new Error(`logLoss: labels has length ${labels.length} but probs has length ${probs.length}; expected equal lengths`);
  }
  if (!(eps > 0 && eps < 0.5)) throw new Error(`logLoss: eps = ${eps}; expected a number in (0, 0.5)`);
  const n = labels.length;
  if (n === 0) return Number.NaN;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const y = labels[i],
      p = probs[i];
    if (y !== 0 && y !== 1) throw new Error(`logLoss: labels[${i}] = ${y}; expected 0 or 1 (use logLossMasked for −1 = missing)`);
    if (!(p >= 0 && p <= 1)) throw new Error(`logLoss: probs[${i}] = ${p}; expected a probability in [0, 1]`);
    const q = Math.min(Math.max(p, eps), 1 - eps);
    sum -= y === 1 ? Math.log(q) : Math.log(1 - q);
  }
  return sum / n;
}

/** Log-loss over the rows whose label is not −1 (missing); NaN if none are labelled. */
export function logLossMasked(labels: ArrayLike<number>, probs: ArrayLike<number>, eps = LOG_LOSS_EPS): number {
  const kept = dropMissing(labels, probs, 'logLossMasked');
  return logLoss(kept.labels, kept.scores, eps);
}
