/** Plain records the family feature hands to resolvers and other features (no GraphQL, no driver types). */
import type { PolicyRecord } from '../coverage/coverage.repository';
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

/** `Person.relatives` maxDegree when none is given. */
export const DEFAULT_MAX_DEGREE = 2;

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

/**
 * What a household view reads besides the household and its members (decided from the
 * GraphQL selection; see src/graphql/loaders.ts): each member's identifiers, each member's
 * policies as the insured (with the holder), the family links among members, and the
 * members' relatives within each of `relativesDegrees` links (1 to 4).
 */
export interface HouseholdNeeds {
  identifiers: boolean;
  policies: boolean;
  relationships: boolean;
  relativesDegrees: number[];
}

/**
 * One household read in one statement (household-bundle.cypher), each part in the order and
 * shape of the per-field look-up it stands for: members as `membersOf`, identifiers as
 * `identifiersOf`, policies as `policiesInsuring`, links as `relationshipsOf`, relatives as
 * `relativesOf`. A part that was not asked for (HouseholdNeeds) is null.
 */
export interface HouseholdBundle {
  household: HouseholdRecord;
  members: MemberRecord[];
  /** Per member OneID. */
  identifiers: Map<string, IdentifierRecord[]> | null;
  /** Per member OneID: policies insuring the member (any status, oldest first). */
  policies: Map<string, PolicyRecord[]> | null;
  /** The holders of those policies (members or not). */
  holders: PersonRecord[];
  relationships: EdgeRecord[] | null;
  /** Per asked degree, per member OneID. */
  relatives: Map<number, Map<string, RelativeRecord[]>>;
}
