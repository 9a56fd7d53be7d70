/**
 * People, made like upstream systems make them: identity events through ingestIdentityEvents.
 * Every person gets a fresh phone (and any more identifiers asked for), so tests never see
 * each other's people. Many people go in one request.
 */
import type { Caller, TestApp } from './app';
import { uid } from './app';
import { Ident, phone } from './identifiers';

export interface EventInput {
  eventId: string;
  source: string;
  observedAt: string;
  identifiers: Ident[];
  attributes?: Attributes | Record<string, unknown> | null;
}

export interface EventResultOut {
  eventId: string;
  oneId: string | null;
  mergedOneIds: string[];
  duplicate: boolean;
}
export interface IngestOut {
  accepted: number;
  duplicates: number;
  results: EventResultOut[];
}

export const INGEST_EVENTS = `mutation Ingest($events: [IdentityEventInput!]!) {
  ingestIdentityEvents(events: $events) { accepted duplicates results { eventId oneId mergedOneIds duplicate } }
}`;

/** ingestIdentityEvents as `caller` (ADMIN by default); fails the test on any error. */
export async function ingest(t: TestApp, events: EventInput[], caller?: Caller): Promise<IngestOut> {
  return (await t.ok<{ ingestIdentityEvents: IngestOut }>(INGEST_EVENTS, { events }, caller)).ingestIdentityEvents;
}

/** Person attributes an event may carry. */
export interface Attributes {
  displayName?: string | null;
  gender?: 'FEMALE' | 'MALE' | 'UNKNOWN';
  birthDate?: string | null;
  annualIncome?: number | null;
  premiumBudget?: number | null;
}

export interface PersonSpec extends Attributes {
  /** The person's phone: a fresh one unless given. */
  phone?: Ident;
  /** Identifiers seen with the phone. */
  identifiers?: Ident[];
}

export interface EventOptions {
  source?: string;
  /** When the event was observed (ISO); 2026-01-01 unless given. */
  observedAt?: string;
}

export interface TestPerson {
  oneId: string;
  /** The person's own phone. */
  phone: Ident;
  /** Every identifier it was ingested with, the phone first. */
  identifiers: Ident[];
}

const OBSERVED_AT = '2026-01-01T00:00:00Z';

function event(identifiers: Ident[], attributes: Attributes | null, o: EventOptions): EventInput {
  return { eventId: uid('ev'), source: o.source ?? 'test-kit', observedAt: o.observedAt ?? OBSERVED_AT, identifiers, attributes };
}

/** New people, one event each, all in one request; in the order of `specs`. */
export async function newPeople(t: TestApp, specs: PersonSpec[], o: EventOptions = {}): Promise<TestPerson[]> {
  const made = specs.map(({ phone: own = phone(), identifiers = [], ...attributes }) => {
    return { phone: own, identifiers: [own, ...identifiers], attributes: Object.keys(attributes).length > 0 ? attributes : null };
  });
  const out = await ingest(t, made.map((m) => event(m.identifiers, m.attributes, o)));
  return out.results.map((r, i) => {
    if (!r.oneId) throw new Error(`person ${i} resolved to nobody`);
    return { oneId: r.oneId, phone: made[i]!.phone, identifiers: made[i]!.identifiers };
  });
}

/** One new person (see newPeople). */
export async function newPerson(t: TestApp, spec: PersonSpec = {}, o: EventOptions = {}): Promise<TestPerson> {
  return (await newPeople(t, [spec], o))[0]!;
}

/** One event seeing these identifiers together (merging the people they belong to; the older OneID survives). */
export async function seenTogether(t: TestApp, identifiers: Ident[], o: EventOptions & { attributes?: Attributes } = {}): Promise<{ oneId: string; mergedOneIds: string[] }> {
  const [r] = (await ingest(t, [event(identifiers, o.attributes ?? null, o)])).results;
  if (!r?.oneId) throw new Error('the event resolved to nobody');
  return { oneId: r.oneId, mergedOneIds: r.mergedOneIds };
}

/**
 * A newer person known by a fresh phone only, then merged into `person` by an event seeing
 * both phones. Returns the merged-away OneID (`alias`) and what the merging event answered.
 */
export async function mergeNewPersonInto(t: TestApp, person: { phone: Ident }, o: EventOptions = {}): Promise<{ alias: string; extra: Ident; merged: { oneId: string; mergedOneIds: string[] } }> {
  const extra = phone();
  const alias = (await seenTogether(t, [extra], o)).oneId;
  return { alias, extra, merged: await seenTogether(t, [person.phone, extra], o) };
}
