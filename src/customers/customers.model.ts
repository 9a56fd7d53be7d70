/** Plain types and fixed vocabularies of the customers feature (value, tiers, segments, tags, interactions). */

export const TIERS = ['DIAMOND', 'PLATINUM', 'GOLD', 'STANDARD'] as const;
export type Tier = (typeof TIERS)[number];

/** In the contract's enum order (bySegment lists them in this order). */
export const SEGMENTS = ['PROSPECT', 'NEW', 'ACTIVE', 'DORMANT', 'CHURNED'] as const;
export type Segment = (typeof SEGMENTS)[number];

/** Every rule tag this service knows how to compute (a rules file lists the ones in force). */
export const RULE_TAGS = ['PARENT_OF_YOUNG_CHILD', 'REFERRER', 'UNPROTECTED_EARNER'] as const;
export type RuleTag = (typeof RULE_TAGS)[number];

export const INTERACTION_CHANNELS = ['PHONE', 'WECHAT', 'APP', 'WEB', 'SMS', 'EMAIL', 'BRANCH'] as const;
export type InteractionChannel = (typeof INTERACTION_CHANNELS)[number];

export const INTERACTION_KINDS = ['VIEW_PRODUCT', 'CONSULT', 'QUOTE', 'PURCHASE', 'CLAIM', 'SERVICE', 'VISIT', 'CAMPAIGN_OPEN'] as const;
export type InteractionKind = (typeof INTERACTION_KINDS)[number];

export type TagSource = 'RULE' | 'MANUAL';

export interface TagRecord {
  name: string;
  source: TagSource;
  since: string;
}

export interface InteractionRecord {
  id: string;
  channel: InteractionChannel;
  kind: InteractionKind;
  productType: string | null;
  at: string;
  source: string;
}

export interface CustomerValueRecord {
  revenue: number;
  influence: number;
  score: number;
  tier: Tier;
}

export interface ContactWindowRecord {
  startHour: number;
  interactions: number;
  total: number;
}

/** What the state of one person is computed from (cypher/customers/state-inputs.cypher). */
export interface StateInput {
  oneId: string;
  forgotten: boolean;
  annualIncome: number | null;
  /** Sum of annualPremium of the ACTIVE policies it holds. */
  revenue: number;
  /** Premium converted anywhere in its referral tree (ReferralTree.premium over the whole tree). */
  influence: number;
  /** The influence stored now (0: never computed), to tell whose influence a write moved. */
  storedInfluence: number;
  /** Policies it holds or is insured by, any status. */
  policies: number;
  activePolicies: number;
  /** Earliest and latest startDate of those policies (null: none). */
  firstStart: string | null;
  lastStart: string | null;
  /** Insured by an ACTIVE LIFE or CRITICAL_ILLNESS policy. */
  protectedEarner: boolean;
  /** The newest interaction's `at` (null: none). */
  lastInteractionAt: string | null;
  /** Birth dates of its children by family link (PARENT_OF), known ones only. */
  childBirthDates: string[];
  /** At least one invitation of theirs ACCEPTED or CONVERTED. */
  referrer: boolean;
}

/** The stored state of one person (properties cv* on the Person node, rule tags as TAGGED links). */
export interface PersonState {
  revenue: number;
  influence: number;
  score: number;
  tier: Tier;
  segment: Segment;
  ruleTags: RuleTag[];
  /** Last activity: the newest interaction or policy start (00:00 of that day in the business time zone). */
  lastActivityAt: string | null;
  /** The first day this state may differ by the calendar alone (null: never). */
  validTo: string | null;
}

/** Filter of people() and peopleSummary(), as the GraphQL layer passes it. */
export interface PeopleFilterDTO {
  advisorId?: string | null;
  tiers?: Tier[] | null;
  segments?: Segment[] | null;
  tags?: string[] | null;
  minScore?: number | null;
  minAge?: number | null;
  maxAge?: number | null;
}

export type PeopleOrder = 'SCORE_DESC' | 'LAST_ACTIVITY_DESC';
