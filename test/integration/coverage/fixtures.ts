/**
 * Test data for the coverage tests: people through ingestIdentityEvents, households and
 * SPOUSE links through small test-only Cypher (the graph model is fixed: MEMBER_OF {role,
 * since}, SPOUSE_OF {createdAt}), policies through upsertPolicy. Every value is unique per
 * call, so tests never depend on each other or on an empty database.
 */
import { Caller, TestApp, uid } from '../../support/harness';
import { phoneNumber } from '../../support/identifiers';

export type Role = 'BREADWINNER' | 'SPOUSE' | 'CHILD' | 'ELDER' | 'OTHER';

export interface PersonSpec {
  displayName?: string;
  birthDate?: string;
  annualIncome?: number;
}

/** A valid, unique-enough CN mobile number. */
export const phone = phoneNumber;

/** Creates one person per spec (one event each, one unique phone each); returns their OneIDs in order. */
export async function createPersons(t: TestApp, specs: PersonSpec[]): Promise<string[]> {
  const events = specs.map((spec) => ({
    eventId: uid('cov-evt'),
    source: 'coverage-test',
    observedAt: '2026-01-01T00:00:00Z',
    identifiers: [{ type: 'PHONE', value: phone() }],
    attributes: {
      displayName: spec.displayName ?? null,
      birthDate: spec.birthDate ?? null,
      annualIncome: spec.annualIncome ?? null,
    },
  }));
  const data = await t.ok<{ ingestIdentityEvents: { results: Array<{ oneId: string }> } }>(
    `mutation Ingest($events: [IdentityEventInput!]!) { ingestIdentityEvents(events: $events) { results { oneId } } }`,
    { events },
  );
  return data.ingestIdentityEvents.results.map((r) => r.oneId);
}

/** A household with these members (test-only Cypher); returns its id. */
export async function createHousehold(
  t: TestApp,
  opts: { advisorId: string; name?: string; members: Array<{ oneId: string; role: Role }>; id?: string },
): Promise<string> {
  const id = opts.id ?? uid('hh');
  await t.db.write((tx) =>
    tx.run(
      `CREATE (h:Household {id: $id, name: $name, advisorId: $advisorId, createdAt: '2026-01-01T00:00:00.000Z'})
       WITH h
       UNWIND $members AS m
       MATCH (p:Person {oneId: m.oneId})
       CREATE (p)-[:MEMBER_OF {role: m.role, since: '2026-01-01T00:00:00.000Z'}]->(h)`,
      { id, name: opts.name ?? id, advisorId: opts.advisorId, members: opts.members },
    ),
  );
  return id;
}

/** A SPOUSE link married on `since` (YYYY-MM-DD; null: a link with no date, which never counts as a marriage). */
export async function linkSpouses(t: TestApp, a: string, b: string, since: string | null): Promise<void> {
  await t.ok(`mutation L($input: FamilyLinkInput!) { linkFamily(input: $input) { relation } }`, {
    input: { from: { oneId: a }, to: { oneId: b }, relation: 'SPOUSE', since },
  });
}

export interface PolicySpec {
  policyNo?: string;
  productType: string;
  sumAssured: number;
  annualPremium?: number;
  status?: string;
  startDate?: string;
  endDate?: string | null;
  holder: string;
  insured: string;
}

export const POLICY_FIELDS = `policyNo productType sumAssured annualPremium status startDate endDate holder { oneId } insured { oneId }`;

/** upsertPolicy with OneID references; returns the policyNo. */
export async function upsertPolicy(t: TestApp, spec: PolicySpec): Promise<string> {
  const policyNo = spec.policyNo ?? uid('pol');
  await t.ok(`mutation Upsert($input: PolicyInput!) { upsertPolicy(input: $input) { policyNo } }`, {
    input: {
      policyNo,
      productType: spec.productType,
      sumAssured: spec.sumAssured,
      annualPremium: spec.annualPremium ?? 1000,
      status: spec.status ?? 'ACTIVE',
      startDate: spec.startDate ?? '2025-01-01',
      endDate: spec.endDate ?? null,
      holder: { oneId: spec.holder },
      insured: { oneId: spec.insured },
    },
  });
  return policyNo;
}

/** The number of database statements the app logged for the operation named `operationName`. */
export function statementsOf(t: TestApp, operationName: string): number {
  const lines = t.logs
    .map((l) => {
      try {
        return JSON.parse(l) as { msg?: string; operationName?: string; dbStatements?: number };
      } catch {
        return {};
      }
    })
    .filter((l) => l.msg === 'graphql request' && l.operationName === operationName);
  if (lines.length !== 1) throw new Error(`expected one log line for ${operationName}, found ${lines.length}`);
  return lines[0]!.dbStatements!;
}

export interface GapView {
  person: { oneId: string };
  productType: string;
  recommended: number;
  current: number;
  gap: number;
  priority: number;
  reason: string;
}

export const GAP_FIELDS = `person { oneId } productType recommended current gap priority reason`;

/** Run `query` (whose operation is named `operationName`) and count the statements it sent, from the request log. */
export async function counted<T>(
  t: TestApp,
  query: string,
  operationName: string,
  variables: Record<string, unknown>,
  caller?: Caller,
): Promise<{ data: T; statements: number }> {
  const before = t.logs.length;
  const data = await t.ok<T>(query, variables, caller);
  const line = t.logs
    .slice(before)
    .map((l) => JSON.parse(l) as { msg?: string; operationName?: string; dbStatements?: number })
    .filter((l) => l.msg === 'graphql request' && l.operationName === operationName)
    .pop();
  if (line?.dbStatements === undefined) throw new Error(`no request log line for ${operationName}`);
  return { data, statements: line.dbStatements };
}
