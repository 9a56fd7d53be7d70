/** Plain records the family feature hands to resolvers and other features (no GraphQL, no driver types). */
import type { IdentifierRecord, PersonRecord } from '../identity/identity.model';
import type { FamilyRelation, Kinship } from './kinship';

export type HouseholdRole = 'BREADWINNER' | 'SPOUSE' | 'CHILD' | 'ELDER' | 'OTHER';

/** Display order of members: breadwinners first, then spouse, children, elders, others. */
export const ROLE_ORDER: readonly HouseholdRole[] = ['BREADWINNER', 'SPOUSE', 'CHILD', 'ELDER', 'OTHER'];

export interface HouseholdRecord {
  id: string;
  name: string | null;
  advisorId: string | null;
  createdAt: string | null;
}

export interface MemberRecord {
  person: PersonRecord;
  role: HouseholdRole;
  /** When the person joined (ISO instant). */
  since: string | null;
}

/** A stored family link; PARENT: `from` is a parent of `to`. */
export interface EdgeRecord {
  from: PersonRecord;
  to: PersonRecord;
  relation: FamilyRelation;
}

export interface RelativeRecord {
  person: PersonRecord;
  kinship: Kinship;
  degree: number;
  path: FamilyRelation[];
}

export type SuggestionEvidenceKind = 'SHARED_DEVICE' | 'FAMILY_LINK';

export interface SuggestionEvidenceRecord {
  kind: SuggestionEvidenceKind;
  /** The household member the suggested person is connected to. */
  member: PersonRecord;
  /** FAMILY_LINK: what the suggested person is to the member. */
  relation: FamilyRelation | null;
  /** SHARED_DEVICE: the home device both use. */
  device: IdentifierRecord | null;
  weight: number;
}

export interface SuggestionRecord {
  person: PersonRecord;
  /** Sum of the evidence weights (see SUGGESTION_WEIGHTS). */
  score: number;
  evidence: SuggestionEvidenceRecord[];
}

/** Key of the relatives loader: one neighbourhood per person and degree. */
export interface RelativesKey {
  oneId: string;
  maxDegree: number;
}

export function toHouseholdRecord(props: Record<string, unknown>): HouseholdRecord {
  return {
    id: String(props.id),
    name: (props.name as string | undefined) ?? null,
    advisorId: (props.advisorId as string | undefined) ?? null,
    createdAt: (props.createdAt as string | undefined) ?? null,
  };
}
