/**
 * One NDJSON line of an import file into a typed record, checked the way the GraphQL layer
 * checks the same input (types, enums, Date/DateTime scalars, lengths, Int range), since
 * the import calls the services directly. Date-times come out normalized to UTC ISO, as
 * the DateTime scalar hands them to resolvers. The services then apply the domain rules.
 */
import { LIFE_EVENT_KINDS } from '../family/family.model';
import { IDENTIFIER_TYPES, type RawIdentifier } from '../identity/identifier';
import { parseDate, parseDateTime } from '../graphql/scalars';
import type {
  AdvisorRecord,
  CampaignCostRecord,
  CampaignRecord,
  ConsentRecord,
  EventRecord,
  Gender,
  HouseholdRecord,
  InteractionRecord,
  InvitationRecord,
  LifeEventRecord,
  LinkRecord,
  PersonRefRecord,
  PolicyRecord,
  PopulationRecord,
  ReferralTargetRecord,
} from './population';

export type ParsedLine = { ok: true; record: PopulationRecord } | { ok: false; reason: string };

const GENDERS = ['FEMALE', 'MALE', 'UNKNOWN'];
const ROLES = ['BREADWINNER', 'SPOUSE', 'CHILD', 'ELDER', 'OTHER'];
const RELATIONS = ['SPOUSE', 'PARENT', 'CHILD', 'SIBLING'];
const PRODUCTS = ['LIFE', 'CRITICAL_ILLNESS', 'MEDICAL', 'ACCIDENT', 'ANNUITY', 'EDUCATION', 'SAVINGS'];
const STATUSES = ['ACTIVE', 'LAPSED', 'EXPIRED', 'CANCELLED'];
const ADVISOR_STATUSES = ['ACTIVE', 'LEFT'];
const KINDS = ['advisor', 'event', 'household', 'link', 'lifeEvent', 'policy', 'invitation', 'campaign', 'campaignCost', 'referralTarget', 'interaction', 'consent'];
const INTERACTION_CHANNELS = ['PHONE', 'WECHAT', 'APP', 'WEB', 'SMS', 'EMAIL', 'BRANCH'];
const INTERACTION_KINDS = ['VIEW_PRODUCT', 'CONSULT', 'QUOTE', 'PURCHASE', 'CLAIM', 'SERVICE', 'VISIT', 'CAMPAIGN_OPEN'];
const CONSENT_SCOPES = ['MARKETING_CALL', 'MARKETING_SMS', 'MARKETING_EMAIL', 'MARKETING_WECHAT', 'SENSITIVE_PROCESSING'];
const INT_MAX = 2_147_483_647;

class Invalid extends Error {}

type Obj = Record<string, unknown>;

function obj(v: unknown, where: string): Obj {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Invalid(`${where} must be an object`);
  return v as Obj;
}

function str(v: unknown, where: string, min = 1, max = 128): string {
  if (typeof v !== 'string' || v.length < min || v.length > max) throw new Invalid(`${where} must be a string of ${min} to ${max} characters`);
  return v;
}

function optStr(v: unknown, where: string, min = 1, max = 128): string | null {
  return v === undefined || v === null ? null : str(v, where, min, max);
}

function oneOf<T extends string>(v: unknown, values: readonly string[], where: string): T {
  if (typeof v !== 'string' || !values.includes(v)) throw new Invalid(`${where} must be one of ${values.join(', ')}`);
  return v as T;
}

function int(v: unknown, where: string): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || Math.abs(v) > INT_MAX) throw new Invalid(`${where} must be a 32-bit integer`);
  return v;
}

function dateTime(v: unknown, where: string): string {
  try {
    return parseDateTime(v);
  } catch (e) {
    throw new Invalid(`${where}: ${(e as Error).message}`);
  }
}

function date(v: unknown, where: string): string {
  try {
    return parseDate(v);
  } catch (e) {
    throw new Invalid(`${where}: ${(e as Error).message}`);
  }
}

function identifier(v: unknown, where: string): RawIdentifier {
  const o = obj(v, where);
  const type = oneOf<RawIdentifier['type']>(o.type, IDENTIFIER_TYPES, `${where}.type`);
  const value = str(o.value, `${where}.value`, 1, 256);
  const namespace = optStr(o.namespace, `${where}.namespace`);
  return namespace === null ? { type, value } : { type, value, namespace };
}

function personRef(v: unknown, where: string): PersonRefRecord {
  const o = obj(v, where);
  if (o.oneId !== undefined && o.oneId !== null) throw new Invalid(`${where}: the import refers to people by identifier only`);
  return { identifier: identifier(o.identifier, `${where}.identifier`) };
}

function event(o: Obj): EventRecord {
  const ids = o.identifiers;
  if (!Array.isArray(ids)) throw new Invalid('identifiers must be an array');
  const record: EventRecord = {
    kind: 'event',
    eventId: str(o.eventId, 'eventId'),
    source: str(o.source, 'source'),
    observedAt: dateTime(o.observedAt, 'observedAt'),
    identifiers: ids.map((x, i) => identifier(x, `identifiers[${i}]`)),
  };
  if (o.attributes !== undefined && o.attributes !== null) {
    const a = obj(o.attributes, 'attributes');
    const attributes: NonNullable<EventRecord['attributes']> = {};
    if (a.displayName != null) attributes.displayName = str(a.displayName, 'attributes.displayName', 0, 200);
    if (a.gender != null) attributes.gender = oneOf<Gender | 'UNKNOWN'>(a.gender, GENDERS, 'attributes.gender');
    if (a.birthDate != null) attributes.birthDate = date(a.birthDate, 'attributes.birthDate');
    if (a.annualIncome != null) attributes.annualIncome = int(a.annualIncome, 'attributes.annualIncome');
    if (a.premiumBudget != null) {
      attributes.premiumBudget = int(a.premiumBudget, 'attributes.premiumBudget');
      if (attributes.premiumBudget < 0) throw new Invalid('attributes.premiumBudget must be 0 or more');
    }
    record.attributes = attributes;
  }
  return record;
}

function household(o: Obj): HouseholdRecord {
  if (!Array.isArray(o.members)) throw new Invalid('members must be an array');
  return {
    kind: 'household',
    id: str(o.id, 'id'),
    name: optStr(o.name, 'name', 0, 200) ?? '',
    advisorId: optStr(o.advisorId, 'advisorId'),
    members: o.members.map((m, i) => {
      const mo = obj(m, `members[${i}]`);
      return { person: personRef(mo.person, `members[${i}].person`), role: oneOf(mo.role, ROLES, `members[${i}].role`) };
    }),
  };
}

/** An advisor; name and team keep the difference between absent (keep the stored value) and null (clear it). */
function advisor(o: Obj): AdvisorRecord {
  const record: AdvisorRecord = { kind: 'advisor', advisorId: str(o.advisorId, 'advisorId') };
  if (o.name !== undefined) record.name = optStr(o.name, 'name', 0, 200);
  if (o.team !== undefined) record.team = optStr(o.team, 'team', 0, 200);
  if (o.status != null) record.status = oneOf<NonNullable<AdvisorRecord['status']>>(o.status, ADVISOR_STATUSES, 'status');
  return record;
}

function link(o: Obj): LinkRecord {
  const record: LinkRecord = { kind: 'link', from: personRef(o.from, 'from'), to: personRef(o.to, 'to'), relation: oneOf(o.relation, RELATIONS, 'relation') };
  if (o.since != null) record.since = date(o.since, 'since');
  return record;
}

/** A life event; whether it needs a partner, and dates in the future, are the service's rules. */
function lifeEvent(o: Obj): LifeEventRecord {
  const record: LifeEventRecord = {
    kind: 'lifeEvent',
    id: str(o.id, 'id'),
    person: personRef(o.person, 'person'),
    lifeEventKind: oneOf(o.lifeEventKind, LIFE_EVENT_KINDS, 'lifeEventKind'),
    date: date(o.date, 'date'),
    source: str(o.source, 'source', 1, 100),
  };
  if (o.partner != null) record.partner = personRef(o.partner, 'partner');
  return record;
}

function policy(o: Obj): PolicyRecord {
  return {
    kind: 'policy',
    policyNo: str(o.policyNo, 'policyNo'),
    productType: oneOf(o.productType, PRODUCTS, 'productType'),
    sumAssured: int(o.sumAssured, 'sumAssured'),
    annualPremium: int(o.annualPremium, 'annualPremium'),
    status: oneOf(o.status, STATUSES, 'status'),
    startDate: date(o.startDate, 'startDate'),
    endDate: o.endDate == null ? null : date(o.endDate, 'endDate'),
    holder: personRef(o.holder, 'holder'),
    insured: personRef(o.insured, 'insured'),
  };
}

function invitation(o: Obj): InvitationRecord {
  const record: InvitationRecord = {
    kind: 'invitation',
    id: str(o.id, 'id'),
    inviter: personRef(o.inviter, 'inviter'),
    channel: str(o.channel, 'channel'),
    campaign: optStr(o.campaign, 'campaign'),
    advisorId: optStr(o.advisorId, 'advisorId'),
    sentAt: dateTime(o.sentAt, 'sentAt'),
  };
  if (o.accept != null) {
    const a = obj(o.accept, 'accept');
    record.accept = { invitee: identifier(a.invitee, 'accept.invitee'), at: dateTime(a.at, 'accept.at') };
  }
  if (o.convert != null) {
    const c = obj(o.convert, 'convert');
    if (!record.accept) throw new Invalid('convert needs accept');
    record.convert = { premium: int(c.premium, 'convert.premium'), at: dateTime(c.at, 'convert.at') };
  }
  return record;
}

function campaign(o: Obj): CampaignRecord {
  return {
    kind: 'campaign',
    id: str(o.id, 'id'),
    name: str(o.name, 'name', 1, 200),
    startsAt: o.startsAt == null ? null : dateTime(o.startsAt, 'startsAt'),
    endsAt: o.endsAt == null ? null : dateTime(o.endsAt, 'endsAt'),
  };
}

function campaignCost(o: Obj): CampaignCostRecord {
  return {
    kind: 'campaignCost',
    id: str(o.id, 'id'),
    campaign: str(o.campaign, 'campaign'),
    channel: optStr(o.channel, 'channel', 1, 64),
    amount: int(o.amount, 'amount'),
    spentAt: dateTime(o.spentAt, 'spentAt'),
  };
}

function referralTarget(o: Obj): ReferralTargetRecord {
  const figure = (k: 'participants' | 'newPeople' | 'converted' | 'premium'): number | null => (o[k] == null ? null : int(o[k], k));
  return {
    kind: 'referralTarget',
    campaign: str(o.campaign, 'campaign'),
    advisorId: str(o.advisorId, 'advisorId'),
    participants: figure('participants'),
    newPeople: figure('newPeople'),
    converted: figure('converted'),
    premium: figure('premium'),
  };
}

/** An interaction; the 5-minutes-ahead bound is the service's rule. */
function interaction(o: Obj): InteractionRecord {
  const record: InteractionRecord = {
    kind: 'interaction',
    id: str(o.id, 'id'),
    person: personRef(o.person, 'person'),
    channel: oneOf(o.channel, INTERACTION_CHANNELS, 'channel'),
    interactionKind: oneOf(o.interactionKind, INTERACTION_KINDS, 'interactionKind'),
    at: dateTime(o.at, 'at'),
    source: str(o.source, 'source'),
  };
  if (o.productType != null) record.productType = oneOf<NonNullable<InteractionRecord['productType']>>(o.productType, PRODUCTS, 'productType');
  return record;
}

/** A consent statement; `at` not in the future and idempotency are the service's rules. */
function consent(o: Obj): ConsentRecord {
  if (typeof o.granted !== 'boolean') throw new Invalid('granted must be true or false');
  return {
    kind: 'consent',
    id: str(o.id, 'id'),
    person: personRef(o.person, 'person'),
    scope: oneOf(o.scope, CONSENT_SCOPES, 'scope'),
    granted: o.granted,
    at: dateTime(o.at, 'at'),
    source: str(o.source, 'source', 1, 200),
  };
}

/** Parse and check one line; the reason names the field, never an identifier's value. */
export function parseLine(text: string): ParsedLine {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'not valid JSON' };
  }
  try {
    const o = obj(raw, 'line');
    switch (o.kind) {
      case 'advisor':
        return { ok: true, record: advisor(o) };
      case 'event':
        return { ok: true, record: event(o) };
      case 'household':
        return { ok: true, record: household(o) };
      case 'link':
        return { ok: true, record: link(o) };
      case 'lifeEvent':
        return { ok: true, record: lifeEvent(o) };
      case 'policy':
        return { ok: true, record: policy(o) };
      case 'invitation':
        return { ok: true, record: invitation(o) };
      case 'campaign':
        return { ok: true, record: campaign(o) };
      case 'campaignCost':
        return { ok: true, record: campaignCost(o) };
      case 'referralTarget':
        return { ok: true, record: referralTarget(o) };
      case 'interaction':
        return { ok: true, record: interaction(o) };
      case 'consent':
        return { ok: true, record: consent(o) };
      default:
        return { ok: false, reason: `kind must be one of ${KINDS.join(', ')}` };
    }
  } catch (e) {
    if (e instanceof Invalid) return { ok: false, reason: e.message };
    throw e;
  }
}
