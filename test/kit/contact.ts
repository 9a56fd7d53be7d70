/**
 * Contact: identifiers' look-up keys and normalized values as the service computes them,
 * revealIdentifiers, recordConsent and the access log through the API, and what is stored
 * encrypted (named statements under test/kit/cypher/contact/).
 */
import type { Caller, GqlResponse, TestApp } from './app';
import { uid } from './app';
import type { Ident } from './identifiers';
import { toNormalizedIdentifier } from '../../src/identity/hash';
import { classifyIdentifier } from '../../src/identity/junk';
import type { NormalizedIdentifier } from '../../src/identity/identifier';

/** The identifier as the service normalizes it (value, key, mask); throws for an invalid or junk one. */
export function normalized(t: TestApp, identifier: Ident): NormalizedIdentifier {
  const c = classifyIdentifier({ type: identifier.type, value: identifier.value, namespace: identifier.namespace ?? null });
  if (c.kind !== 'valid') throw new Error(`not a valid identifier: ${identifier.type}`);
  return toNormalizedIdentifier(t.config.identifierHashSecret, c.id);
}

/** The look-up key (keyed hash) the service stores for an identifier. */
export const keyOf = (t: TestApp, identifier: Ident): string => normalized(t, identifier).key;

export interface RevealedOut {
  type: string;
  namespace: string | null;
  value: string;
  masked: string;
}

export const REVEAL = `mutation Reveal($oneId: ID!, $types: [IdentifierType!]!, $namespace: String, $purpose: ContactPurpose!, $justification: String!) {
  revealIdentifiers(oneId: $oneId, types: $types, namespace: $namespace, purpose: $purpose, justification: $justification) { type namespace value masked }
}`;

export interface RevealArgs {
  oneId: string;
  types: string[];
  purpose?: string;
  namespace?: string | null;
  justification?: string;
}

/** revealIdentifiers as `caller` (SERVICE with a justification unless said otherwise): the whole response. */
export function revealAs(t: TestApp, caller: Caller, a: RevealArgs): Promise<GqlResponse<{ revealIdentifiers: RevealedOut[] }>> {
  return t.gql(REVEAL, { purpose: 'SERVICE', justification: 'customer called about a claim', namespace: null, ...a }, caller);
}

export const RECORD_CONSENT = `mutation Consent($input: ConsentInput!) { recordConsent(input: $input) { scope granted at source } }`;

export interface ConsentSpec {
  id?: string;
  scope: string;
  granted?: boolean;
  at?: string;
  source?: string;
}

/** The ConsentInput of a statement about this person (granted, 2026-01-01, source app, a fresh id unless said otherwise). */
export const consentInput = (oneId: string, s: ConsentSpec) => ({
  id: s.id ?? uid('consent'),
  person: { oneId },
  scope: s.scope,
  granted: s.granted ?? true,
  at: s.at ?? '2026-01-01T00:00:00Z',
  source: s.source ?? 'app',
});

/** recordConsent as `caller` (ADMIN by default); fails the test on error. */
export async function recordConsent(t: TestApp, oneId: string, s: ConsentSpec, caller?: Caller): Promise<void> {
  await t.ok(RECORD_CONSENT, { input: consentInput(oneId, s) }, caller);
}

export const LOG_FIELDS = 'id at actor actorRole oneId action types purpose justification outcome';

export interface LogEntryOut {
  id: string;
  at: string;
  actor: string;
  actorRole: string;
  oneId: string;
  action: string;
  types: string[];
  purpose: string | null;
  justification: string | null;
  outcome: string;
}

export const ACCESS_LOG = `query Log($filter: AccessLogFilter, $first: Int, $after: String) {
  accessLog(filter: $filter, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { ${LOG_FIELDS} } } }
}`;

/** Every access-log entry on this OneID (the person's OneIDs), newest first, read as ADMIN. */
export async function logOf(t: TestApp, oneId: string): Promise<LogEntryOut[]> {
  const data = await t.ok<{ accessLog: { edges: Array<{ node: LogEntryOut }> } }>(ACCESS_LOG, { filter: { oneId }, first: 200 });
  return data.accessLog.edges.map((e) => e.node);
}
