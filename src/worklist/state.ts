/**
 * A household's work-list state from scratch: the one function the write path stores
 * (in the transaction of the write that changed an input) and the consistency test compares
 * with. Pure: `today` is the business date the state is computed for; `dayOf` turns an
 * instant into a business date.
 *
 * Score (higher first; stored with the item, so the ranking is read through an index):
 *   COVERAGE_GAP  = 10·log10(1 + household totalGap) + Σ over its gaps (6 − priority)
 *   any other kind = weight(kind) + 10·log10(1 + household totalGap)
 * rounded to 4 decimals. Weights are in the coverage rules (`worklistWeights`; defaults
 * NEWBORN 30, LAPSED 28, RENEWAL 26, BIRTHDAY 22, MARRIAGE 20, REFERRAL_FOLLOW_UP 15): a dated
 * reason outranks the standing gap, and among reasons of one kind the larger gap comes first.
 */
import { createHash } from 'node:crypto';
import { addDays, ageOrNull, firstBirthday, formatDay, monthDayOf, nextBirthday, parseIsoDate } from '../calendar/calendar';
import { householdGaps, totalGap } from '../coverage/gaps';
import type { CoverageMember, CoveragePolicy } from '../coverage/model';
import type { NeedsRules } from '../coverage/rules.model';
import { sizeScore, urgencyScore } from '../coverage/score';
import { ALWAYS_FROM, ALWAYS_TO, HouseholdState, StateInput, StoredItem, WINDOWS, WorkItemKind } from './worklist.model';

const DECIMALS = 10_000;
const round = (x: number): number => Math.round(x * DECIMALS) / DECIMALS;

/** A stored date the calendar code can read, else null (treated as unknown). */
export function usable(date: string | null): string | null {
  if (date === null) return null;
  try {
    parseIsoDate(date);
    return date;
  } catch {
    return null;
  }
}

export function itemKey(parts: Array<string | null>): string {
  return createHash('sha1').update(parts.map((p) => p ?? '').join('|')).digest('hex').slice(0, 16);
}

/** Members and ACTIVE cover as the gap computation takes them. */
export function coverageInputs(input: StateInput): { members: CoverageMember[]; cover: Map<string, CoveragePolicy[]> } {
  const members = input.members.map((m) => ({ oneId: m.oneId, role: m.role, birthDate: usable(m.birthDate), annualIncome: m.annualIncome, displayName: m.displayName }));
  const cover = new Map<string, CoveragePolicy[]>();
  for (const p of input.policies) cover.set(p.insured, [...(cover.get(p.insured) ?? []), { productType: p.productType, sumAssured: p.sumAssured, status: p.status }]);
  return { members, cover };
}

export function computeHouseholdState(input: StateInput, rules: NeedsRules, today: string, dayOf: (instant: string) => string): HouseholdState {
  const { members, cover } = coverageInputs(input);
  const gaps = householdGaps(members, cover, rules, today, 'en', { reasons: false });
  const total = totalGap(gaps);
  const size = sizeScore(total);
  const gapScore = size + urgencyScore(gaps);
  const memberIds = new Set(input.members.map((m) => m.oneId));
  const items: StoredItem[] = [];
  const add = (kind: WorkItemKind, fields: Partial<StoredItem> & Pick<StoredItem, 'validFrom' | 'validTo'>): void => {
    if (fields.validTo < today) return; // over for good (a clock moved back recomputes: stateAsOf > today)
    const oneId = fields.oneId ?? null;
    const [policyNo, invitationId] = [fields.policyNo ?? null, fields.invitationId ?? null];
    const date = fields.date ?? null;
    const monthDay = fields.monthDay ?? null;
    const score = round(kind === 'COVERAGE_GAP' ? gapScore : rules.worklistWeights[kind] + size);
    items.push({
      key: itemKey([input.householdId, kind, oneId, date ?? monthDay, policyNo, invitationId]),
      householdId: input.householdId,
      advisorId: input.advisorId,
      kind,
      oneId,
      score,
      date,
      monthDay,
      validFrom: fields.validFrom,
      validTo: fields.validTo,
      policyNo,
      invitationId,
    });
  };

  for (const m of members) {
    if (m.birthDate === null) continue;
    const born = parseIsoDate(m.birthDate);
    // BIRTHDAY: every year from the first birthday; the window is read by month-day.
    add('BIRTHDAY', { oneId: m.oneId, monthDay: monthDayOf(m.birthDate), validFrom: formatDay(born + 1), validTo: ALWAYS_TO });
    const insuredMedical = input.policies.some((p) => p.insured === m.oneId && p.status === 'ACTIVE' && p.productType === 'MEDICAL');
    if (!insuredMedical) add('NEWBORN', { oneId: m.oneId, date: m.birthDate, validFrom: m.birthDate, validTo: formatDay(firstBirthday(m.birthDate) - 1) });
  }

  // MARRIAGE: a MARRIAGE event of a member or a dated SPOUSE link; one item per couple and day.
  const marriages = new Map<string, { oneId: string; date: string }>();
  const marry = (a: string, b: string | null, date: string | null): void => {
    if (usable(date) === null) return;
    const pair = [a, b ?? ''].sort();
    const person = pair.find((id) => memberIds.has(id));
    if (person !== undefined) marriages.set(`${pair.join('|')}|${date}`, { oneId: person, date: date! });
  };
  for (const e of input.marriages) marry(e.oneId, e.partner, e.date);
  for (const l of input.spouseLinks) marry(l.a, l.b, l.since);
  for (const { oneId, date } of marriages.values()) add('MARRIAGE', { oneId, date, validFrom: date, validTo: addDays(date, WINDOWS.marriageBack) });

  for (const p of input.policies) {
    const person = memberIds.has(p.insured) ? p.insured : p.holder;
    const end = usable(p.endDate);
    if (p.status === 'ACTIVE' && end !== null) {
      add('RENEWAL', { oneId: person, date: end, policyNo: p.policyNo, validFrom: addDays(end, -WINDOWS.renewalAhead), validTo: end });
    }
    const lapsed = usable(p.lapsedOn);
    if (p.status === 'LAPSED' && lapsed !== null) {
      add('LAPSED', { oneId: person, date: lapsed, policyNo: p.policyNo, validFrom: lapsed, validTo: addDays(lapsed, WINDOWS.lapsedBack) });
    }
  }

  if (gaps.length > 0) add('COVERAGE_GAP', { validFrom: ALWAYS_FROM, validTo: ALWAYS_TO });

  for (const f of input.followUps) {
    const due = addDays(dayOf(f.acceptedAt), WINDOWS.followUpAfter);
    add('REFERRAL_FOLLOW_UP', { oneId: f.inviter, date: due, invitationId: f.invitationId, validFrom: due, validTo: ALWAYS_TO });
  }

  const active = input.policies.filter((p) => p.status === 'ACTIVE').reduce((sum, p) => sum + p.annualPremium, 0);
  return { items, totalGap: total, gapScore, activePremium: active, validTo: stateValidTo(members, today) };
}

/**
 * The first day the gaps may differ from today's: the next birthday of any member (ages are
 * what rules depend on), at most a year ahead.
 */
function stateValidTo(members: readonly CoverageMember[], today: string): string {
  const day = parseIsoDate(today);
  let next = day + 366;
  for (const m of members) {
    if (m.birthDate === null || ageOrNull(m.birthDate, today) === null) continue;
    next = Math.min(next, nextBirthday(m.birthDate, formatDay(day + 1)));
  }
  return formatDay(next);
}

/**
 * The month-days of today's BIRTHDAY window (today and the next 15 days), each with the date
 * the birthday falls on; in a non-leap year "02-29" falls on 28 February.
 */
export function birthdayWindow(today: string): Map<string, string> {
  const start = parseIsoDate(today);
  const out = new Map<string, string>();
  for (let d = start; d <= start + WINDOWS.birthdayAhead; d++) {
    const date = formatDay(d);
    out.set(monthDayOf(date), date);
    const year = Number(date.slice(0, 4));
    const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    if (!leap && monthDayOf(date) === '02-28') out.set('02-29', date);
  }
  return out;
}
