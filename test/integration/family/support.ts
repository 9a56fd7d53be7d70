/**
 * Helpers of the family integration tests: unique people (through identity ingestion,
 * like upstream systems create them), households and links through the API. Not a test file.
 */
import { randomUUID } from 'node:crypto';
import type { Caller, GqlResponse, TestApp } from '../../support/harness';
import { phoneNumber } from '../../support/identifiers';

export { phoneNumber };

export const phone = (value = phoneNumber()) => ({ type: 'PHONE', value });
export const email = () => ({ type: 'EMAIL', value: `f${randomUUID().replace(/-/g, '').slice(0, 12)}@family-kg.cn` });
export const homeDevice = (namespace = 'tv') => ({ type: 'IOT_DEVICE', namespace, value: `dev-${randomUUID()}` });

export interface Attrs {
  displayName?: string;
  gender?: 'FEMALE' | 'MALE' | 'UNKNOWN';
  birthDate?: string;
  annualIncome?: number;
}

const INGEST = `mutation Ingest($events: [IdentityEventInput!]!) {
  ingestIdentityEvents(events: $events) { results { oneId mergedOneIds } }
}`;

/** Ingest one identity event; returns the OneID it resolved to. */
export async function ingest(t: TestApp, identifiers: Array<Record<string, unknown>>, attributes?: Attrs): Promise<{ oneId: string; mergedOneIds: string[] }> {
  const data = await t.ok<{ ingestIdentityEvents: { results: Array<{ oneId: string; mergedOneIds: string[] }> } }>(INGEST, {
    events: [{ eventId: `ev-${randomUUID()}`, source: 'family-test', observedAt: new Date().toISOString(), identifiers, attributes: attributes ?? null }],
  });
  return data.ingestIdentityEvents.results[0]!;
}

export interface TestPerson {
  oneId: string;
  phone: { type: string; value: string };
}

/** A new person with one phone (and optionally more identifiers). */
export async function newPerson(t: TestApp, attrs: Attrs = {}, more: Array<Record<string, unknown>> = []): Promise<TestPerson> {
  const p = phone();
  const { oneId } = await ingest(t, [p, ...more], { displayName: attrs.displayName ?? `P ${p.value.slice(-4)}`, ...attrs });
  return { oneId, phone: p };
}

export type Relation = 'SPOUSE' | 'PARENT' | 'CHILD' | 'SIBLING';

export const LINK = `mutation Link($input: FamilyLinkInput!) {
  linkFamily(input: $input) { from { oneId } to { oneId } relation }
}`;
export const UNLINK = `mutation Unlink($input: FamilyLinkInput!) { unlinkFamily(input: $input) }`;

export const ref = (oneId: string) => ({ oneId });

/** linkFamily from → to by OneIDs; fails the test on error. */
export async function link(t: TestApp, from: string, relation: Relation, to: string): Promise<void> {
  await t.ok(LINK, { input: { from: ref(from), to: ref(to), relation } });
}

export const CREATE_HOUSEHOLD = `mutation Create($input: CreateHouseholdInput!) {
  createHousehold(input: $input) { id name advisor { advisorId } members { role person { oneId } } }
}`;

export type Role = 'BREADWINNER' | 'SPOUSE' | 'CHILD' | 'ELDER' | 'OTHER';

/** A household of these members (OneID, role); returns its id. */
export async function newHousehold(t: TestApp, members: Array<[string, Role]>, opts: { name?: string; advisorId?: string } = {}): Promise<string> {
  const data = await t.ok<{ createHousehold: { id: string } }>(CREATE_HOUSEHOLD, {
    input: { name: opts.name ?? 'Test family', advisorId: opts.advisorId ?? null, members: members.map(([oneId, role]) => ({ person: ref(oneId), role })) },
  });
  return data.createHousehold.id;
}

/** The error code of a failed operation (fails when there is no error). */
export function codeOf(res: GqlResponse): string {
  if (!res.errors?.length) throw new Error(`expected an error, got ${JSON.stringify(res.data)}`);
  return String(res.errors[0]!.extensions?.code);
}

export const customer = (oneId: string): Caller => ({ role: 'CUSTOMER', sub: oneId });
export const advisor = (advisorId: string): Caller => ({ role: 'ADVISOR', sub: advisorId });

/** How many stored family links of this type go from a to b (either direction when `any`). */
export async function countLinks(t: TestApp, a: string, type: 'PARENT_OF' | 'SPOUSE_OF' | 'SIBLING_OF', b: string, any = false): Promise<number> {
  const pattern = any ? '(a)-[r]-(b)' : '(a)-[r]->(b)';
  const rows = await t.db.read((tx) =>
    tx.run<{ n: number }>(`MATCH (a:Person {oneId: $a}) MATCH (b:Person {oneId: $b}) MATCH ${pattern} WHERE type(r) = $type RETURN count(r) AS n`, { a, b, type }),
  );
  return rows[0]?.n ?? 0;
}
