/**
 * Budget-aware product suggestions (contract WorkItem.suggestions): a person's gaps in
 * coverage priority order, filled greedily: each gap in turn gets the largest multiple of
 * 10,000 not above the gap whose estimated premium fits in what remains of the budget
 * (premiumBudget minus the annualPremium of the ACTIVE policies insuring the person, minus
 * the suggestions before it). A suggestion of 0 is left out (so is a gap under 10,000); no
 * cap when the budget is unknown; nothing when nothing remains.
 */
import type { Gap, ProductType } from '../coverage/model';
import type { PremiumRates } from '../coverage/rules.model';
import type { SuggestionRecord } from './worklist.model';

export const SUM_STEP = 10_000;

/** The rate per 10,000 of sum assured for a product at an age (unknown age: the configured band). */
export function rateFor(rates: PremiumRates, productType: ProductType, age: number | null): number {
  const band = age === null ? rates.unknownAgeBand : rates.bands.filter((upper) => age >= upper).length;
  return rates.rates[productType][band]!;
}

/** Estimated annual premium of `sumAssured`, whole CNY. */
export function estimatePremium(rate: number, sumAssured: number): number {
  return Math.round((sumAssured / SUM_STEP) * rate);
}

/**
 * Suggestions for one person. `gaps` are that person's gaps, most urgent first; `budget` is
 * premiumBudget (null: unknown, no cap) and `activePremium` what ACTIVE policies insuring the
 * person already cost.
 */
export function suggestFor(
  gaps: readonly Pick<Gap, 'oneId' | 'productType' | 'gap'>[],
  budget: number | null,
  activePremium: number,
  rates: PremiumRates,
  age: number | null,
): SuggestionRecord[] {
  let remaining = budget === null ? Infinity : budget - activePremium;
  const out: SuggestionRecord[] = [];
  for (const gap of gaps) {
    if (remaining <= 0) break;
    const rate = rateFor(rates, gap.productType, age);
    const maxSteps = Math.floor(gap.gap / SUM_STEP);
    let steps = rate > 0 && remaining !== Infinity ? Math.min(maxSteps, Math.floor(remaining / rate)) : maxSteps;
    // Rounding of the premium can let one more step fit, or make the last one not fit.
    while (steps < maxSteps && estimatePremium(rate, (steps + 1) * SUM_STEP) <= remaining) steps += 1;
    while (steps > 0 && estimatePremium(rate, steps * SUM_STEP) > remaining) steps -= 1;
    if (steps === 0) continue;
    const sumAssured = steps * SUM_STEP;
    const premium = estimatePremium(rate, sumAssured);
    out.push({ oneId: gap.oneId, productType: gap.productType, sumAssured, estimatedAnnualPremium: premium });
    remaining -= premium;
  }
  return out;
}
