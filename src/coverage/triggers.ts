/**
 * Life-event triggers (contract enum TriggerKind): moments when a family is
 * likely to act, so an advisor should call.
 *
 * Conventions (all date math in whole UTC calendar days, "today" injected):
 * - `date` is the day of the event, `daysAway` = date - today: positive in the
 *   future, 0 today, negative in the past ("-12" = twelve days ago).
 * - BIRTHDAY: the next birthday is 0..15 days ahead, today included. 29
 *   February birthdays fall on 28 February in non-leap years. The day of birth
 *   itself is not a birthday. One per member with a birth date.
 * - NEWBORN: a member (any role) born on or before today and before their
 *   first birthday, with no ACTIVE MEDICAL policy insuring them.
 *   date = birth date, so daysAway = -(age in days), from -365 to 0.
 * - MARRIAGE: a marriage dated 0..90 days before today (inclusive): a MARRIAGE life event or
 *   a SPOUSE link whose `since` is set (one without `since` never counts).
 *   date = the UTC day the link was created, daysAway from -90 to 0. One
 *   trigger per couple, on the partner who is a household member (the smaller
 *   OneID when both are); links with no member are ignored, duplicates of one
 *   couple keep the latest creation.
 * - POLICY_EXPIRY: an ACTIVE policy whose endDate is 0..30 days ahead (30
 *   included, 31 not). date = endDate; one per policy, on the insured.
 * Triggers are returned in chronological order (daysAway ascending), then by
 * kind in contract order, then OneID.
 */
import { firstBirthday, formatDay, nextBirthday, parseIsoDate, toDayNumber, type DateInput, type DayNumber } from '../calendar/calendar';
import type { PolicyStatus, ProductType } from './model';

/** Kinds of triggers, in contract order. */
export const TRIGGER_KINDS = ['BIRTHDAY', 'NEWBORN', 'MARRIAGE', 'POLICY_EXPIRY'] as const;
/** Contract enum TriggerKind. */
export type TriggerKind = (typeof TRIGGER_KINDS)[number];

/** Windows in days, fixed by the contract. */
export const TRIGGER_WINDOWS = { birthdayDaysAhead: 15, marriageDaysBack: 90, policyExpiryDaysAhead: 30 } as const;

/** A household member as triggers see it. */
export interface TriggerMember {
  oneId: string;
  birthDate: string | null;
}

/** A policy of the household as triggers see it. */
export interface TriggerPolicy {
  insuredOneId: string;
  productType: ProductType;
  status: PolicyStatus;
  endDate: string | null;
}

/** A marriage between OneIDs a and b on `date` (a MARRIAGE life event, or a SPOUSE link's `since`). */
export interface SpouseLink {
  a: string;
  b: string;
  date: DateInput;
}

/** Inputs of `computeTriggers`: one household's members, policies and the SPOUSE links touching them. */
export interface TriggerInput {
  members: readonly TriggerMember[];
  policies: readonly TriggerPolicy[];
  spouseLinks: readonly SpouseLink[];
}

/** Contract type LifeEventTrigger, with the person as a OneID. */
export interface LifeEventTrigger {
  kind: TriggerKind;
  oneId: string;
  /** YYYY-MM-DD */
  date: string;
  /** date - today in days (negative = in the past). */
  daysAway: number;
}

function trigger(kind: TriggerKind, oneId: string, day: DayNumber, today: DayNumber): LifeEventTrigger {
  return { kind, oneId, date: formatDay(day), daysAway: day - today };
}

function birthdayTriggers(members: readonly TriggerMember[], today: DayNumber): LifeEventTrigger[] {
  const found: LifeEventTrigger[] = [];
  for (const { oneId, birthDate } of members) {
    if (birthDate === null || parseIsoDate(birthDate) > today) continue;
    const day = nextBirthday(birthDate, today);
    if (day - today <= TRIGGER_WINDOWS.birthdayDaysAhead) found.push(trigger('BIRTHDAY', oneId, day, today));
  }
  return found;
}

function hasActiveMedical(policies: readonly TriggerPolicy[], oneId: string): boolean {
  return policies.some((p) => p.insuredOneId === oneId && p.status === 'ACTIVE' && p.productType === 'MEDICAL');
}

function newbornTriggers(input: TriggerInput, today: DayNumber): LifeEventTrigger[] {
  const found: LifeEventTrigger[] = [];
  for (const { oneId, birthDate } of input.members) {
    if (birthDate === null) continue;
    const born = parseIsoDate(birthDate);
    const underOne = born <= today && today < firstBirthday(birthDate);
    if (underOne && !hasActiveMedical(input.policies, oneId)) found.push(trigger('NEWBORN', oneId, born, today));
  }
  return found;
}

/** The latest creation day per couple (unordered pair). */
function latestPerCouple(links: readonly SpouseLink[]): Map<string, { pair: [string, string]; day: DayNumber }> {
  const couples = new Map<string, { pair: [string, string]; day: DayNumber }>();
  for (const link of links) {
    if (link.a === link.b) continue;
    const pair: [string, string] = link.a < link.b ? [link.a, link.b] : [link.b, link.a];
    const key = JSON.stringify(pair);
    const day = toDayNumber(link.date);
    const known = couples.get(key);
    if (known === undefined || day > known.day) couples.set(key, { pair, day });
  }
  return couples;
}

function marriageTriggers(input: TriggerInput, today: DayNumber): LifeEventTrigger[] {
  const memberIds = new Set(input.members.map((m) => m.oneId));
  const found: LifeEventTrigger[] = [];
  for (const { pair, day } of latestPerCouple(input.spouseLinks).values()) {
    const daysAgo = today - day;
    const partner = pair.find((id) => memberIds.has(id)); // pair is sorted: the smaller OneID wins
    if (partner !== undefined && daysAgo >= 0 && daysAgo <= TRIGGER_WINDOWS.marriageDaysBack) {
      found.push(trigger('MARRIAGE', partner, day, today));
    }
  }
  return found;
}

function expiryTriggers(policies: readonly TriggerPolicy[], today: DayNumber): LifeEventTrigger[] {
  const found: LifeEventTrigger[] = [];
  for (const policy of policies) {
    if (policy.status !== 'ACTIVE' || policy.endDate === null) continue;
    const end = parseIsoDate(policy.endDate);
    const ahead = end - today;
    if (ahead >= 0 && ahead <= TRIGGER_WINDOWS.policyExpiryDaysAhead) found.push(trigger('POLICY_EXPIRY', policy.insuredOneId, end, today));
  }
  return found;
}

function compareTriggers(a: LifeEventTrigger, b: LifeEventTrigger): number {
  const byKind = TRIGGER_KINDS.indexOf(a.kind) - TRIGGER_KINDS.indexOf(b.kind);
  const byId = a.oneId < b.oneId ? -1 : a.oneId > b.oneId ? 1 : 0;
  return a.daysAway - b.daysAway || byKind || byId;
}

/** All triggers of one household on `today`, in chronological order (see the module comment). */
export function computeTriggers(input: TriggerInput, today: DateInput): LifeEventTrigger[] {
  const day = toDayNumber(today);
  return [
    ...birthdayTriggers(input.members, day),
    ...newbornTriggers(input, day),
    ...marriageTriggers(input, day),
    ...expiryTriggers(input.policies, day),
  ].sort(compareTriggers);
}
