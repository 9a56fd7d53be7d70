/**
 * Helpers of the identity integration tests (identifiers, people and ingestion come from
 * the kit): events with increasing observation times, masks, the read documents and small
 * wrappers around them. Not a test file.
 */
import { randomUUID } from 'node:crypto';
import type { Caller, EventInput, Ident, IdType, TestApp } from '../../kit';

/** Masks the tests expect (see src/identity/mask.ts). */
export const maskPhone = (national: string): string => `${national.slice(0, 3)}****${national.slice(-4)}`;
export const maskNationalId = (id: string): string => `${id.slice(0, 4)}${'*'.repeat(10)}${id.slice(-4)}`;

let clock = Date.parse('2025-01-01T00:00:00Z');
/** Strictly increasing observation times (ISO), so "newest" is unambiguous inside one file. */
export function at(offsetDays?: number): string {
  if (offsetDays !== undefined) return new Date(Date.parse('2025-06-01T00:00:00Z') + offsetDays * 86_400_000).toISOString();
  clock += 60_000;
  return new Date(clock).toISOString();
}

export function ev(identifiers: Ident[], opts: Partial<EventInput> = {}): EventInput {
  return {
    eventId: opts.eventId ?? `ev-${randomUUID()}`,
    source: opts.source ?? 'app',
    observedAt: opts.observedAt ?? at(),
    identifiers,
    attributes: opts.attributes,
  };
}

// --------------------------------------------------------------- documents

export const IDENTIFIER_FIELDS = 'type namespace masked shared firstSeenAt lastSeenAt';
export const PERSON_FIELDS = `oneId displayName gender birthDate annualIncome mergedOneIds identifiers { ${IDENTIFIER_FIELDS} } devices { ${IDENTIFIER_FIELDS} }`;

export const RESOLVE = `query Resolve($identifier: IdentifierInput!) { resolveIdentity(identifier: $identifier) { ${PERSON_FIELDS} } }`;
export const PERSON = `query Person($oneId: ID!) { person(oneId: $oneId) { ${PERSON_FIELDS} } }`;
export const EXPLAIN = `query Explain($a: IdentifierInput!, $b: IdentifierInput!) {
  explainIdentity(a: $a, b: $b) { sameOneId path { eventId source observedAt from { ${IDENTIFIER_FIELDS} } to { ${IDENTIFIER_FIELDS} } } }
}`;
export const SPLIT = `mutation Split($identifier: IdentifierInput!, $reason: String!) {
  splitIdentifier(identifier: $identifier, reason: $reason) { remaining { ${PERSON_FIELDS} } split { ${PERSON_FIELDS} } }
}`;
export const FORGET = `mutation Forget($oneId: ID!) { forgetPerson(oneId: $oneId) { oneId erasedIdentifiers } }`;

export interface IdentifierOut {
  type: IdType;
  namespace: string | null;
  masked: string;
  shared: boolean;
  firstSeenAt: string;
  lastSeenAt: string;
}
export interface PersonOut {
  oneId: string;
  displayName: string | null;
  gender: string;
  birthDate: string | null;
  annualIncome: number | null;
  mergedOneIds: string[];
  identifiers: IdentifierOut[];
  devices: IdentifierOut[];
}
export async function resolve(t: TestApp, identifier: Ident, caller?: Caller): Promise<PersonOut | null> {
  const data = await t.ok<{ resolveIdentity: PersonOut | null }>(RESOLVE, { identifier }, caller);
  return data.resolveIdentity;
}

export async function oneIdOf(t: TestApp, identifier: Ident): Promise<string | null> {
  return (await resolve(t, identifier))?.oneId ?? null;
}

/** Resolves many identifiers with aliased fields, at most `chunk` per request; returns OneIDs (null: none). */
export async function resolveMany(t: TestApp, identifiers: Ident[], chunk = 25): Promise<Array<string | null>> {
  const out: Array<string | null> = [];
  for (let start = 0; start < identifiers.length; start += chunk) {
    const part = identifiers.slice(start, start + chunk);
    const vars = part.map((_, i) => `$i${i}: IdentifierInput!`).join(', ');
    const fields = part.map((_, i) => `r${i}: resolveIdentity(identifier: $i${i}) { oneId }`).join(' ');
    const variables = Object.fromEntries(part.map((id, i) => [`i${i}`, id]));
    const data = await t.ok<Record<string, { oneId: string } | null>>(`query Many(${vars}) { ${fields} }`, variables);
    part.forEach((_, i) => out.push(data[`r${i}`]?.oneId ?? null));
  }
  return out;
}

/** People by OneID (aliased), with their identifiers and devices. */
export async function personsMany(t: TestApp, oneIds: string[], chunk = 20): Promise<Array<PersonOut | null>> {
  const out: Array<PersonOut | null> = [];
  for (let start = 0; start < oneIds.length; start += chunk) {
    const part = oneIds.slice(start, start + chunk);
    const fields = part.map((_, i) => `p${i}: person(oneId: $o${i}) { ${PERSON_FIELDS} }`).join(' ');
    const vars = part.map((_, i) => `$o${i}: ID!`).join(', ');
    const variables = Object.fromEntries(part.map((id, i) => [`o${i}`, id]));
    const data = await t.ok<Record<string, PersonOut | null>>(`query Persons(${vars}) { ${fields} }`, variables);
    part.forEach((_, i) => out.push(data[`p${i}`] ?? null));
  }
  return out;
}

export async function person(t: TestApp, oneId: string, caller?: Caller): Promise<PersonOut | null> {
  const data = await t.ok<{ person: PersonOut | null }>(PERSON, { oneId }, caller);
  return data.person;
}

/** The lookup key (keyed hash) the service stores for an identifier, for DB-level assertions. */
export { keyOf } from '../../kit';
