/**
 * The pure rules of the customers feature (no database): a person's value, tier, segment,
 * rule tags and calendar validity from its inputs (`computePersonState`, the one function the
 * write path, the start-up rebuild and the consistency test use), the best contact window,
 * manual tag names, and code point order. Definitions: the header of value.graphql.
 */
import { addDays, ageOrNull, dateIn, isLeapYear } from '../calendar/calendar';
import { RULE_TAGS, type ContactWindowRecord, type PersonState, type RuleTag, type Segment, type StateInput, type TagRecord } from './customers.model';
import { tierOf, type CustomerRules } from './rules';

/** NEW lasts while the earliest policy start is within this many days. */
export const NEW_DAYS = 90;
/** ACTIVE lasts while the last activity is within this many days (also the contact window's look-back). */
export const ACTIVE_DAYS = 180;
/** PARENT_OF_YOUNG_CHILD: a child under this age. */
export const YOUNG_CHILD_AGE = 6;
export const MAX_MANUAL_TAGS = 50;
const TAG_NAME = /^[\p{L}\p{Nd}_-]{1,32}$/u;

/** Orders strings by Unicode code point (not UTF-16 code unit, which differs above U+FFFF). */
export function compareCodePoints(a: string, b: string): number {
  const x = Array.from(a);
  const y = Array.from(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = x[i]!.codePointAt(0)! - y[i]!.codePointAt(0)!;
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

/** Rule tags first, then manual tags, each by name in code point order. */
export function sortTags(tags: readonly TagRecord[]): TagRecord[] {
  return [...tags].sort((a, b) => (a.source === b.source ? compareCodePoints(a.name, b.name) : a.source === 'RULE' ? -1 : 1));
}

/** Why a manual tag name is refused, or null when it is a valid one. */
export function tagNameProblem(name: string): string | null {
  if (!TAG_NAME.test(name)) return 'must be 1 to 32 letters, digits, _ or -';
  if ((RULE_TAGS as readonly string[]).includes(name)) return 'is the name of a rule tag';
  return null;
}

/** The day a child born on `birthDate` turns `years` (a 29 February birth: 28 February in common years). */
export function birthdayAt(birthDate: string, years: number): string {
  const year = Number(birthDate.slice(0, 4)) + years;
  const monthDay = birthDate.slice(5);
  const day = monthDay === '02-29' && !isLeapYear(year) ? '02-28' : monthDay;
  return `${String(year).padStart(4, '0')}-${day}`;
}

const wallFormats = new Map<string, Intl.DateTimeFormat>();

function wallClock(timeZone: string, at: number): { ms: number; hour: number } {
  let f = wallFormats.get(timeZone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    wallFormats.set(timeZone, f);
  }
  const parts = Object.fromEntries(f.formatToParts(new Date(at)).map((p) => [p.type, p.value]));
  const hour = Number(parts.hour) % 24;
  return { ms: Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), hour, Number(parts.minute), Number(parts.second)), hour };
}

/** The hour (0-23) of an instant in `timeZone`. */
export function hourIn(timeZone: string, at: string): number {
  return wallClock(timeZone, Date.parse(at)).hour;
}

/** midnightIn's answers (time zone + date), bounded: a write path asks for the same few days over and over. */
const midnights = new Map<string, string>();

/** 00:00 of a calendar day in `timeZone`, as an ISO instant (a policy start as activity). */
export function midnightIn(timeZone: string, date: string): string {
  const key = `${timeZone} ${date}`;
  const known = midnights.get(key);
  if (known !== undefined) return known;
  const wall = Date.parse(`${date}T00:00:00Z`);
  let t = wall;
  for (let i = 0; i < 3; i++) t = wall - (wallClock(timeZone, t).ms - t);
  const instant = new Date(t).toISOString();
  if (midnights.size >= 10_000) midnights.clear();
  midnights.set(key, instant);
  return instant;
}

/** The later of two ISO instants (null: none). */
function later(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return a > b ? a : b;
}

/** The person's state on `today` (see the file header); `timeZone` is the business time zone. */
export function computePersonState(input: StateInput, rules: CustomerRules, today: string, timeZone: string): PersonState {
  const held = !input.forgotten && input.policies > 0;
  const revenue = input.forgotten ? 0 : input.revenue;
  const influence = input.influence;
  const score = revenue + rules.influenceWeight * influence;
  const lastActivityAt = later(input.lastInteractionAt, held && input.lastStart !== null ? midnightIn(timeZone, input.lastStart) : null);
  const lastDay = lastActivityAt === null ? null : dateIn(timeZone, new Date(lastActivityAt));
  const validTo: string[] = [];
  let segment: Segment;
  if (!held) segment = 'PROSPECT';
  else if (input.activePolicies === 0) segment = 'CHURNED';
  else if (input.firstStart !== null && input.firstStart >= addDays(today, -NEW_DAYS)) {
    segment = 'NEW';
    validTo.push(addDays(input.firstStart, NEW_DAYS + 1));
  } else if (lastDay !== null && lastDay >= addDays(today, -ACTIVE_DAYS)) {
    segment = 'ACTIVE';
    validTo.push(addDays(lastDay, ACTIVE_DAYS + 1));
  } else segment = 'DORMANT';
  const ruleTags: RuleTag[] = [];
  if (!input.forgotten) {
    for (const tag of rules.ruleTags) {
      if (tag === 'REFERRER' && input.referrer) ruleTags.push(tag);
      if (tag === 'UNPROTECTED_EARNER' && (input.annualIncome ?? 0) > 0 && !input.protectedEarner) ruleTags.push(tag);
      if (tag === 'PARENT_OF_YOUNG_CHILD') {
        const young = input.childBirthDates.filter((b) => {
          const age = ageOrNull(b, today);
          return age !== null && age < YOUNG_CHILD_AGE;
        });
        if (young.length > 0) {
          ruleTags.push(tag);
          validTo.push(...young.map((b) => birthdayAt(b, YOUNG_CHILD_AGE)));
        }
      }
    }
  }
  ruleTags.sort(compareCodePoints);
  validTo.sort();
  return { revenue, influence, score, tier: tierOf(score, rules), segment, ruleTags, lastActivityAt, validTo: validTo[0] ?? null };
}

/**
 * The two-hour window [h, h+2) (wrapping past midnight) with the most of these interactions
 * (hours 0-23 in the business time zone); ties: more in its first hour, then the earliest h.
 * Null without interactions.
 */
export function bestContactWindow(hours: readonly number[]): ContactWindowRecord | null {
  if (hours.length === 0) return null;
  const perHour = new Array<number>(24).fill(0);
  for (const h of hours) perHour[h] = perHour[h]! + 1;
  let best = { startHour: 0, interactions: -1, first: -1 };
  for (let h = 0; h < 24; h++) {
    const inWindow = perHour[h]! + perHour[(h + 1) % 24]!;
    if (inWindow > best.interactions || (inWindow === best.interactions && perHour[h]! > best.first)) {
      best = { startHour: h, interactions: inWindow, first: perHour[h]! };
    }
  }
  return { startHour: best.startHour, interactions: best.interactions, total: hours.length };
}
