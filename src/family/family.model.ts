/** Plain records the family feature hands to resolvers and other features (no GraphQL, no driver types). */
import type { IdentifierRecord, PersonRecord } from '../identity/identity.model';
import { badInput } from '../errors';
import { deriveRelatives, MAX_DEGREE, type FamilyLink, type FamilyRelation, type Kinship } from './kinship';

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
  /** When the relationship began (YYYY-MM-DD; for SPOUSE the wedding day); null when unknown. */
  since: string | null;
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

/** `Person.relatives` maxDegree must be 1 to 4 (BAD_USER_INPUT otherwise). */
export function assertMaxDegree(maxDegree: number): void {
  if (!Number.isInteger(maxDegree) || maxDegree < 1 || maxDegree > MAX_DEGREE) {
    throw badInput(`maxDegree must be an integer from 1 to ${MAX_DEGREE}, got ${maxDegree}`);
  }
}

export function toHouseholdRecord(props: Record<string, unknown>): HouseholdRecord {
  return {
    id: String(props.id),
    name: (props.name as string | undefined) ?? null,
    advisorId: (props.advisorId as string | undefined) ?? null,
    createdAt: (props.createdAt as string | undefined) ?? null,
  };
}

/** A person's family neighbourhood: the people around it and the links among them. */
export interface Neighbourhood {
  persons: PersonRecord[];
  links: FamilyLink[];
}

/** A stored link; PARENT is from the parent (a) to the child (b), the others are symmetric. */
export interface StoredLink {
  a: string;
  b: string;
  relation: Exclude<FamilyRelation, 'CHILD'>;
  /** When the relationship began (YYYY-MM-DD); null or absent: keep the stored one (none for a new link). */
  since?: string | null;
}

const RELATION_ORDER: readonly FamilyRelation[] = ['SPOUSE', 'PARENT', 'SIBLING', 'CHILD'];
const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Members sorted by role (BREADWINNER, SPOUSE, CHILD, ELDER, OTHER), then OneID (in place). */
export function sortMembers(members: MemberRecord[]): MemberRecord[] {
  const rank = (r: HouseholdRole): number => ROLE_ORDER.indexOf(r);
  return members.sort((a, b) => rank(a.role) - rank(b.role) || cmp(a.person.oneId, b.person.oneId));
}

/** Each link once (PARENT from parent to child, SPOUSE and SIBLING from the smaller OneID), sorted by relation, from, to. */
export function uniqueEdges(edges: readonly EdgeRecord[]): EdgeRecord[] {
  const unique = new Map<string, EdgeRecord>();
  for (const e of edges) {
    const swap = e.relation !== 'PARENT' && e.from.oneId > e.to.oneId;
    const edge = swap ? { ...e, from: e.to, to: e.from } : e;
    unique.set(`${edge.relation}|${edge.from.oneId}|${edge.to.oneId}`, edge);
  }
  return [...unique.values()].sort(
    (a, b) =>
      RELATION_ORDER.indexOf(a.relation) - RELATION_ORDER.indexOf(b.relation) ||
      cmp(a.from.oneId, b.from.oneId) ||
      cmp(a.to.oneId, b.to.oneId),
  );
}

/** The relatives of `start` within `maxDegree` links, from a neighbourhood that holds everyone within that many links of it. */
export function relativesIn(hood: Neighbourhood, start: string, maxDegree: number, persons = new Map(hood.persons.map((p) => [p.oneId, p]))): RelativeRecord[] {
  return deriveRelatives(start, hood.links, maxDegree).flatMap((r) => {
    const person = persons.get(r.oneId);
    return person ? [{ person, kinship: r.kinship, degree: r.degree, path: r.path }] : [];
  });
}

// ---------------------------------------------------------------- life events

export type LifeEventKind = 'BIRTH' | 'MARRIAGE' | 'DIVORCE' | 'RETIREMENT' | 'JOB_CHANGE' | 'HOME_PURCHASE' | 'DEATH';

export const LIFE_EVENT_KINDS: readonly LifeEventKind[] = ['BIRTH', 'MARRIAGE', 'DIVORCE', 'RETIREMENT', 'JOB_CHANGE', 'HOME_PURCHASE', 'DEATH'];

/** The kinds that name a partner (required for them, refused for the others). */
export const PARTNER_KINDS: readonly LifeEventKind[] = ['MARRIAGE', 'DIVORCE'];

/** Something that happened in a person's life (contract type LifeEvent). */
export interface LifeEventRecord {
  /** Client-chosen. */
  id: string;
  kind: LifeEventKind;
  /** When it happened (YYYY-MM-DD). */
  date: string;
  /** Upstream system that reported it. */
  source: string;
  /** When it was recorded (ISO instant). */
  recordedAt: string;
  /** Hash of kind, date and source: what a repeat of the id must match besides the people (see record-life-event.cypher). */
  contentKey: string;
  /** The (surviving) person it happened to, and the partner of a MARRIAGE or DIVORCE. */
  person: PersonRecord;
  partner: PersonRecord | null;
}

export function toLifeEventRecord(props: Record<string, unknown>, person: PersonRecord, partner: PersonRecord | null): LifeEventRecord {
  return {
    id: String(props.id),
    kind: props.kind as LifeEventKind,
    date: String(props.date),
    source: String(props.source),
    recordedAt: String(props.recordedAt),
    contentKey: String(props.contentKey ?? ''),
    person,
    partner,
  };
}

/** Newest first: by date, then recordedAt (both descending), then id (ascending). */
export function compareLifeEvents(a: LifeEventRecord, b: LifeEventRecord): number {
  return cmp(b.date, a.date) || cmp(b.recordedAt, a.recordedAt) || cmp(a.id, b.id);
}
