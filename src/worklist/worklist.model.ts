/** Plain records of the work-list feature (no GraphQL, no driver types). */
import type { HouseholdRole } from '../family/family.model';
import type { PolicyStatus, ProductType } from '../coverage/model';

/** Contract enum WorkItemKind, in the contract's order. */
export const WORK_ITEM_KINDS = ['BIRTHDAY', 'NEWBORN', 'MARRIAGE', 'RENEWAL', 'LAPSED', 'COVERAGE_GAP', 'REFERRAL_FOLLOW_UP'] as const;
export type WorkItemKind = (typeof WORK_ITEM_KINDS)[number];

/** Windows in days, fixed by the contract. */
export const WINDOWS = { birthdayAhead: 15, marriageBack: 90, renewalAhead: 60, lapsedBack: 90, followUpAfter: 15 } as const;

/** Open ends of a validity range (ISO dates compare as strings). */
export const ALWAYS_FROM = '0000-01-01';
export const ALWAYS_TO = '9999-12-31';

/** What one household's work-list state is computed from (cypher/worklist/state-inputs.cypher). */
export interface StateInput {
  householdId: string;
  advisorId: string | null;
  members: StateMember[];
  /** Policies held by or insuring a member, each once. */
  policies: StatePolicy[];
  /** SPOUSE links touching a member whose `since` is set. */
  spouseLinks: Array<{ a: string; b: string; since: string }>;
  /** MARRIAGE life events of members. */
  marriages: Array<{ oneId: string; partner: string | null; date: string }>;
  /** ACCEPTED (not converted) invitations sent by members. */
  followUps: Array<{ invitationId: string; inviter: string; acceptedAt: string }>;
}

export interface StateMember {
  oneId: string;
  role: HouseholdRole;
  birthDate: string | null;
  annualIncome: number | null;
  premiumBudget: number | null;
  displayName: string | null;
  /** The rest of the person record (identity's PersonRecord), read with it so a page can prime it. */
  gender?: string | null;
  createdAt?: number | null;
  forgotten?: boolean | null;
}

export interface StatePolicy {
  policyNo: string;
  productType: ProductType;
  sumAssured: number;
  annualPremium: number;
  status: PolicyStatus;
  endDate: string | null;
  /** The business day an upsert changed the policy from ACTIVE to LAPSED; null otherwise. */
  lapsedOn: string | null;
  holder: string;
  insured: string;
}

/**
 * One stored work item (a :WorkItem node): a reason to call that holds while today is within
 * [validFrom, validTo]; BIRTHDAY items also need today's window to contain `monthDay`, and
 * their date is the birthday in that window; COVERAGE_GAP's date is today.
 */
export interface StoredItem {
  /** Stable key: household, kind, person, date (or month-day), policy, invitation. 16 hex digits. */
  key: string;
  householdId: string;
  advisorId: string | null;
  kind: WorkItemKind;
  oneId: string | null;
  score: number;
  date: string | null;
  monthDay: string | null;
  validFrom: string;
  validTo: string;
  policyNo: string | null;
  invitationId: string | null;
  /** The item's suggestions (kinds that suggest) as state.ts encodeSuggestions stores them, else null. */
  suggestions: string | null;
  /** The count class the item belongs to (src/worklist/counts.ts); null without an advisor. */
  countKey: string | null;
  /** Hash of every field above: a write stores the item again only when it changed. */
  hash: string;
}

/** What the household keeps next to its items. */
export interface HouseholdState {
  items: StoredItem[];
  totalGap: number;
  /** 10·log10(1 + totalGap) + urgency, unrounded: the cross-sell score without triggers. */
  gapScore: number;
  /** crossSellOpportunities' score on the state's day (gaps and that day's triggers); null without gaps. */
  crossSellScore: number | null;
  /** The household's crossSellOpportunities node on the state's day (state.ts encodeCrossSell); null without gaps. */
  crossSell: string | null;
  /** Sum of annualPremium over ACTIVE policies held by or insuring a member, each once. */
  activePremium: number;
  /** The state holds until this day (exclusive): the next day an age or a trigger window changes. */
  validTo: string;
}

/** A work item as read for a page. */
export interface WorkItemRecord {
  id: string;
  kind: WorkItemKind;
  householdId: string;
  oneId: string | null;
  date: string;
  daysAway: number;
  score: number;
  reason: string;
  policyNo: string | null;
  invitationId: string | null;
  suggestions: SuggestionRecord[];
}

export interface SuggestionRecord {
  oneId: string;
  productType: ProductType;
  sumAssured: number;
  estimatedAnnualPremium: number;
}
