/**
 * Which budgets may count towards "cost to reach the target power": those whose false positives stay near α.
 * An estimator that rejects every cell reaches any power; ranking it by cost would reward exactly that. A budget
 * is left out when the 95 % Wilson interval of its FPR — on the truth's null cells or on the cells null by
 * construction — lies wholly above α (BH controls the false discovery rate at α, so a calibrated estimator's FPR
 * on null cells stays at or below it).
 */
import type { ScopeScore } from '@transferbench/core';

export function fprAboveAlpha(score: Pick<ScopeScore, 'fpr' | 'fprConstructed'>, alpha: number): boolean {
  return [score.fpr, score.fprConstructed].some((p) => p.n > 0 && p.lower !== null && p.lower > alpha);
}
