/**
 * Plain domain types shared by the coverage modules (gaps, triggers, score).
 *
 * String literal unions rather than TypeScript enums, so the GraphQL layer's
 * enums (whose values are the same strings) can be passed in directly.
 */
import type { HouseholdRole } from '../family/family.model';

/** Product lines, in the contract's order. */
export const PRODUCT_TYPES = [
  'LIFE',
  'CRITICAL_ILLNESS',
  'MEDICAL',
  'ACCIDENT',
  'ANNUITY',
  'EDUCATION',
  'SAVINGS',
] as const;

/** A product line (contract enum ProductType). */
export type ProductType = (typeof PRODUCT_TYPES)[number];

/** Policy statuses (contract enum PolicyStatus); only ACTIVE policies count as cover. */
export type PolicyStatus = 'ACTIVE' | 'LAPSED' | 'EXPIRED' | 'CANCELLED';

/** Language of the advisor-facing `reason` sentences. */
export type Lang = 'en' | 'zh';

/** What the gap computation needs to know about a household member. */
export interface CoverageMember {
  oneId: string;
  role: HouseholdRole;
  /** ISO calendar date, or null when unknown. */
  birthDate: string | null;
  /** Yearly income in whole CNY, or null when unknown. */
  annualIncome: number | null;
  displayName: string | null;
}

/** A policy insuring the member, as far as cover is concerned. */
export interface CoveragePolicy {
  productType: ProductType;
  sumAssured: number;
  status: PolicyStatus;
}

/** Recommended cover minus ACTIVE cover for one person and product (contract type CoverageGap). */
export interface Gap {
  oneId: string;
  productType: ProductType;
  recommended: number;
  current: number;
  /** recommended - current; always > 0 for a listed gap. */
  gap: number;
  /** 1 (most urgent) to 5. */
  priority: number;
  /** One sentence an advisor can read aloud to the family. */
  reason: string;
}
