/**
 * Cross-sell score of a household (CrossSellOpportunity.score; higher first).
 *
 * ## Cross-sell score
 *
 * ```
 * score = 10 * log10(1 + totalGap)           size: 100,000 -> 50, 1,000,000 -> 60
 *       + sum over gaps of (6 - priority)      urgency: a priority-1 gap adds 5 ... priority-5 adds 1
 *       + sum over triggers of weight(kind)    timing: NEWBORN 10, POLICY_EXPIRY 8,
 *                                                       BIRTHDAY 6, MARRIAGE 5
 * ```
 * rounded to 4 decimal places so that equal inputs give equal, stable floats
 * (and cursors built from the score compare exactly).
 *
 * - The logarithm keeps very large gaps from drowning everything else: ten
 *   times the gap is worth +10, as much as a newborn.
 * - Each gap adds its urgency, so a household with several priority-1 gaps
 *   outranks one with the same total in savings.
 * - Trigger weights: a newborn is the strongest buying moment (parents and
 *   grandparents insure newborns); an expiring policy has a hard deadline; a
 *   birthday raises premiums and fits a ~15-day sales cycle; a marriage
 *   calls for a review but has no deadline.
 * The score is monotonic: a larger total gap, one more gap or one more trigger
 * never lowers it.
 */
import type { Gap } from './model';
import type { TriggerKind } from './triggers';

/** Weight of each trigger kind in the score. */
export const TRIGGER_WEIGHTS: Readonly<Record<TriggerKind, number>> = {
  NEWBORN: 10,
  POLICY_EXPIRY: 8,
  BIRTHDAY: 6,
  MARRIAGE: 5,
};

const GAP_SIZE_FACTOR = 10;
const LOWEST_URGENCY_PRIORITY = 6; // priority 5 still adds 1
const DECIMALS = 10_000;

/** Size term: 10 * log10(1 + totalGap). */
export function sizeScore(totalGap: number): number {
  return GAP_SIZE_FACTOR * Math.log10(1 + Math.max(0, totalGap));
}

/** Urgency term: sum of (6 - priority), at least 0 each. */
export function urgencyScore(gaps: readonly Pick<Gap, 'priority'>[]): number {
  return gaps.reduce((sum, g) => sum + Math.max(0, LOWEST_URGENCY_PRIORITY - g.priority), 0);
}

/** Timing term: sum of trigger weights. */
export function triggerScore(triggers: readonly { kind: TriggerKind }[]): number {
  return triggers.reduce((sum, t) => sum + TRIGGER_WEIGHTS[t.kind], 0);
}

/** The household's cross-sell score (formula in the module comment). */
export function scoreHousehold(gaps: readonly Pick<Gap, 'gap' | 'priority'>[], triggers: readonly { kind: TriggerKind }[]): number {
  const total = gaps.reduce((sum, g) => sum + g.gap, 0);
  const raw = sizeScore(total) + urgencyScore(gaps) + triggerScore(triggers);
  return Math.round(raw * DECIMALS) / DECIMALS;
}
