/** The shape of the coverage needs rules (defaults in rules.default.ts, loading and validation in rules.ts). */
import type { ProductType } from './model';

/** Who a rule is for; see `segmentOf` in ./gaps.ts for how members are assigned. */
export const SEGMENTS = ['EARNER', 'CHILD', 'ELDER', 'DEPENDENT_ADULT'] as const;
/** A group of household members a rule applies to. */
export type Segment = (typeof SEGMENTS)[number];

/** How the recommended amount is computed. */
export type AmountRule =
  /** `multiple` x annual income (reference income when unknown), never below `minimum`. */
  | { readonly basis: 'INCOME_MULTIPLE'; readonly multiple: number; readonly minimum?: number }
  /** A fixed amount in whole currency units. */
  | { readonly basis: 'FIXED'; readonly amount: number };

/** What an age-limited rule does when the member's birth date is unknown. */
export type WhenAgeUnknown = 'APPLY' | 'SKIP';

/** One recommendation: a product for some segments, an amount, a priority and its source. */
export interface NeedRule {
  readonly id: string;
  readonly productType: ProductType;
  readonly segments: readonly Segment[];
  readonly amount: AmountRule;
  /** 1 (most urgent) to 5. */
  readonly priority: number;
  /** Inclusive age limits in whole years; absent means no limit. */
  readonly minAge?: number;
  readonly maxAge?: number;
  /** Defaults to APPLY (fall back to the role) when an age limit is set. */
  readonly whenAgeUnknown?: WhenAgeUnknown;
  /** Where the number comes from. */
  readonly source: string;
}

/** A versioned, documented rule set. */
export interface NeedsRules {
  readonly version: string;
  /** Currency of every amount, e.g. CNY. */
  readonly currency: string;
  /** Income assumed for an earner whose income is unknown. */
  readonly referenceIncome: { readonly amount: number; readonly source: string };
  readonly rules: readonly NeedRule[];
  /** Estimated premiums for suggestions (work-list): per 10,000 of sum assured, by product and age band. */
  readonly premiumRates: PremiumRates;
  /** Work-list score weights per kind (see src/worklist/score.ts). */
  readonly worklistWeights: WorklistWeights;
}

/**
 * Annual premium per 10,000 of sum assured: `bands` are the upper ages (exclusive) of each
 * band, ascending, the last band open-ended (e.g. [30, 40, 50, 60] gives <30, 30-39, 40-49,
 * 50-59, 60+); each product lists one rate per band (bands.length + 1 rates).
 */
export interface PremiumRates {
  readonly bands: readonly number[];
  /** Band used when the age is unknown (index into the rates). */
  readonly unknownAgeBand: number;
  readonly rates: Readonly<Record<ProductType, readonly number[]>>;
  readonly source: string;
}

/** Kinds of work items that carry a weight (COVERAGE_GAP is scored by its gaps). */
export const WEIGHTED_WORK_KINDS = ['BIRTHDAY', 'NEWBORN', 'MARRIAGE', 'RENEWAL', 'LAPSED', 'REFERRAL_FOLLOW_UP'] as const;
export type WeightedWorkKind = (typeof WEIGHTED_WORK_KINDS)[number];
export type WorklistWeights = Readonly<Record<WeightedWorkKind, number>>;

/** A rules document that does not have the expected shape; `path` names the bad value. */
