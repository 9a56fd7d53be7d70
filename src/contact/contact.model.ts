/**
 * Plain records and pure rules of the contact feature (no GraphQL, no database): the reveal
 * matrix (role x type x purpose, consent for marketing), the consent in force per scope, the
 * access log's cursor and limits. Unit-tested cell by cell (test/unit/contact/).
 */
import type { Role } from '../auth/principal';
import { AppError, badInput, forbidden, notFound } from '../errors';
import { IDENTIFIER_TYPES, type IdentifierType } from '../identity/identifier';

export const CONTACT_PURPOSES = ['SERVICE', 'MARKETING', 'COMPLIANCE'] as const;
export type ContactPurpose = (typeof CONTACT_PURPOSES)[number];

/** In the contract's order (Person.consents lists the statements in force in this order). */
export const CONSENT_SCOPES = ['MARKETING_CALL', 'MARKETING_SMS', 'MARKETING_EMAIL', 'MARKETING_WECHAT', 'SENSITIVE_PROCESSING'] as const;
export type ConsentScope = (typeof CONSENT_SCOPES)[number];

export type AccessOutcome = 'GRANTED' | 'DENIED';
export type AccessAction = 'REVEAL' | 'EXPORT';

export interface ConsentRecord {
  id: string;
  scope: ConsentScope;
  granted: boolean;
  /** ISO instant the customer said so. */
  at: string;
  source: string;
}

export interface AccessLogRecord {
  id: string;
  at: string;
  actor: string;
  actorRole: string;
  oneId: string;
  action: AccessAction;
  types: IdentifierType[];
  purpose: ContactPurpose | null;
  justification: string | null;
  outcome: AccessOutcome;
}

export interface RevealedRecord {
  type: IdentifierType;
  namespace: string | null;
  value: string;
  masked: string;
}

export interface AccountRecord {
  namespace: string;
  accountId: string;
  firstSeenAt: string;
  lastSeenAt: string;
}

export interface AccessLogPage {
  edges: Array<{ cursor: string; node: AccessLogRecord }>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
}

// ------------------------------------------------------------------ the matrix

/** What an ADVISOR may reveal: contact channels only (never national ids, accounts or devices). */
export const ADVISOR_TYPES: readonly IdentifierType[] = ['PHONE', 'EMAIL', 'WECHAT_OPENID', 'WECHAT_UNIONID'];
export const ADVISOR_PURPOSES: readonly ContactPurpose[] = ['SERVICE', 'MARKETING'];

/**
 * The consent a MARKETING reveal of each type needs. A type without a marketing channel
 * (NATIONAL_ID, ACCOUNT, DEVICE_ID, IOT_DEVICE) has no consent that opens it for marketing:
 * CONSENT_REQUIRED whatever is recorded (MARKETING_SMS opens no reveal either).
 */
export const MARKETING_CONSENT: Partial<Record<IdentifierType, ConsentScope>> = {
  PHONE: 'MARKETING_CALL',
  EMAIL: 'MARKETING_EMAIL',
  WECHAT_OPENID: 'MARKETING_WECHAT',
  WECHAT_UNIONID: 'MARKETING_WECHAT',
};

/** What the caller is to the person asked about. */
export interface Relation {
  /** A CUSTOMER whose own OneID resolves to this person. */
  self: boolean;
  /** An ADVISOR (not LEFT) to whom the person's household is assigned. */
  advisor: boolean;
}

/** The role matrix of the contract: may this caller reveal these types for this purpose (consent aside)? */
export function roleAllows(role: Role, relation: Relation, types: readonly IdentifierType[], purpose: ContactPurpose): boolean {
  switch (role) {
    case 'ADMIN':
      return true;
    case 'ADVISOR':
      return relation.advisor && ADVISOR_PURPOSES.includes(purpose) && types.every((t) => ADVISOR_TYPES.includes(t));
    case 'CUSTOMER':
      return relation.self && purpose === 'SERVICE';
    default:
      return false;
  }
}

/** The types a MARKETING reveal may not open with the consents in force (empty: all consented). */
export function missingConsent(types: readonly IdentifierType[], inForce: readonly ConsentRecord[]): IdentifierType[] {
  const granted = new Set(inForce.filter((c) => c.granted).map((c) => c.scope));
  return types.filter((t) => {
    const scope = MARKETING_CONSENT[t];
    return scope === undefined || !granted.has(scope);
  });
}

export const consentRequired = (): AppError =>
  new AppError('CONSENT_REQUIRED', 'The customer has not granted (or has withdrawn) consent for marketing on this channel');

/** The person a reveal asks about, as the subject statement read it (null: unknown OneID). */
export interface RevealSubject {
  oneId: string;
  forgotten: boolean;
  relation: Relation;
  consents: ConsentRecord[];
}

/**
 * The decision on one reveal, in the contract's order (arguments were checked before): an
 * unknown person is NOT_FOUND for ADMIN and FORBIDDEN for every other role; then the role
 * matrix (FORBIDDEN), then consent for MARKETING (CONSENT_REQUIRED). null: granted. An erased
 * person has nothing to reveal: granted (an empty answer) to whoever the matrix allows.
 */
export function decideReveal(role: Role, subject: RevealSubject | null, types: readonly IdentifierType[], purpose: ContactPurpose): AppError | null {
  if (!subject) return role === 'ADMIN' ? notFound('Person') : forbidden();
  if (!roleAllows(role, subject.relation, types, purpose)) return forbidden();
  if (purpose === 'MARKETING' && !subject.forgotten && missingConsent(types, consentsInForce(subject.consents)).length > 0) return consentRequired();
  return null;
}

/** The export: ADMIN, and the CUSTOMER itself; unknown is NOT_FOUND for ADMIN, FORBIDDEN otherwise. */
export function decideExport(role: Role, subject: RevealSubject | null): AppError | null {
  if (!subject) return role === 'ADMIN' ? notFound('Person') : forbidden();
  if (role === 'ADMIN' || (role === 'CUSTOMER' && subject.relation.self)) return null;
  return forbidden();
}

// ------------------------------------------------------------------ arguments

export const MAX_REVEAL_TYPES = 8;
export const JUSTIFICATION_MAX = 500;

/** BAD_USER_INPUT (not an access, not logged) for arguments the contract refuses. */
export function checkRevealArgs(types: readonly string[], namespace: string | null | undefined, justification: string): void {
  if (types.length < 1 || types.length > MAX_REVEAL_TYPES) throw badInput(`types must hold 1 to ${MAX_REVEAL_TYPES} values`, { field: 'types' });
  if (new Set(types).size !== types.length) throw badInput('types must not repeat a type', { field: 'types' });
  if (!types.every((t) => (IDENTIFIER_TYPES as readonly string[]).includes(t))) throw badInput('types holds an unknown identifier type', { field: 'types' });
  if (justification.trim().length === 0 || justification.length > JUSTIFICATION_MAX) {
    throw badInput(`justification must be 1 to ${JUSTIFICATION_MAX} characters`, { field: 'justification' });
  }
  if (namespace !== null && namespace !== undefined && (namespace.length < 1 || namespace.length > 128)) {
    throw badInput('namespace must be 1 to 128 characters', { field: 'namespace' });
  }
}

// ------------------------------------------------------------------ consent

/**
 * The statement in force per scope, in ConsentScope order: the latest `at`, whatever order
 * statements arrived in; on a tie a withdrawal wins (the safe reading), then the greater id.
 */
export function consentsInForce(statements: readonly ConsentRecord[]): ConsentRecord[] {
  const best = new Map<ConsentScope, ConsentRecord>();
  for (const s of statements) {
    const current = best.get(s.scope);
    if (!current || outranks(s, current)) best.set(s.scope, s);
  }
  return CONSENT_SCOPES.flatMap((scope) => (best.has(scope) ? [best.get(scope)!] : []));
}

function outranks(a: ConsentRecord, b: ConsentRecord): boolean {
  const [ta, tb] = [Date.parse(a.at), Date.parse(b.at)];
  if (ta !== tb) return ta > tb;
  if (a.granted !== b.granted) return !a.granted;
  return a.id > b.id;
}

export function toConsentRecord(props: Record<string, unknown>): ConsentRecord {
  return {
    id: String(props.id),
    scope: props.scope as ConsentScope,
    granted: props.granted === true,
    at: String(props.at),
    source: String(props.source),
  };
}

export const CONSENT_ID_MAX = 128;
export const CONSENT_SOURCE_MAX = 200;

// ------------------------------------------------------------------ access log

export const LOG_PAGE = { default: 50, min: 1, max: 200 } as const;
export const PERSON_LOG_PAGE = { default: 20, min: 1, max: 200 } as const;

export function toAccessLogRecord(props: Record<string, unknown>): AccessLogRecord {
  return {
    id: String(props.id),
    at: String(props.at),
    actor: String(props.actor),
    actorRole: String(props.actorRole),
    oneId: String(props.oneId),
    action: props.action as AccessAction,
    types: (props.types as IdentifierType[] | null) ?? [],
    purpose: (props.purpose as ContactPurpose | null) ?? null,
    justification: (props.justification as string | null) ?? null,
    outcome: props.outcome as AccessOutcome,
  };
}

/** A position in the log (newest first): the entry's time and id. */
export interface LogPosition {
  at: string;
  id: string;
}

/*
 * Access-log cursors: base64url of "log|<at>|<id>". Opaque to clients, not secret; a cursor
 * is accepted only when it decodes to a real instant and re-encodes to itself.
 */
export function encodeLogCursor(p: LogPosition): string {
  return Buffer.from(`log|${p.at}|${p.id}`, 'utf8').toString('base64url');
}

export function decodeLogCursor(cursor: string): LogPosition {
  const refuse = (): AppError => badInput('after is not a cursor of this access log', { field: 'after' });
  if (cursor.length === 0 || cursor.length > 512 || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw refuse();
  const [tag, at, id, ...rest] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (tag !== 'log' || !at || !id || rest.length > 0 || Number.isNaN(Date.parse(at))) throw refuse();
  if (encodeLogCursor({ at, id }) !== cursor) throw refuse();
  return { at, id };
}

/** The types a list holds, in contract order, each once. */
export function typesInOrder(types: readonly string[]): IdentifierType[] {
  const held = new Set(types);
  return IDENTIFIER_TYPES.filter((t) => held.has(t));
}
