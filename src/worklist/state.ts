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
import { addDays, ageOrNull, type DateInput, firstBirthday, formatDay, monthDayOf, nextBirthday, parseIsoDate, toDayNumber } from '../calendar/calendar';
import { householdGaps, totalGap } from '../coverage/gaps';
import type { CoverageMember, CoveragePolicy, Gap, Lang } from '../coverage/model';
import type { NeedsRules } from '../coverage/rules.model';
import { scoreHousehold, sizeScore, urgencyScore } from '../coverage/score';
import { computeTriggers, type LifeEventTrigger, TRIGGER_WINDOWS, type TriggerInput } from '../coverage/triggers';
import { countKeyOf } from './counts';
import { suggestFor } from './suggest';
import { ALWAYS_FROM, ALWAYS_TO, HouseholdState, StateInput, StoredItem, SuggestionRecord, WINDOWS, WorkItemKind } from './worklist.model';

/** Kinds whose items carry budget-aware suggestions (contract WorkItem.suggestions). */
const SUGGESTING: ReadonlySet<WorkItemKind> = new Set(['BIRTHDAY', 'NEWBORN', 'MARRIAGE', 'COVERAGE_GAP']);

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

/** 16 hex digits of a SHA-1 of a value's JSON: what the write path compares to write only what changed. */
export function contentHash(value: unknown): string {
  return createHash('sha1').update(JSON.stringify(value)).digest('hex').slice(0, 16);
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

export function computeHouseholdState(input: StateInput, rules: NeedsRules, today: string, dayOf: (instant: string) => string, lang: Lang = 'en'): HouseholdState {
  const { members, cover } = coverageInputs(input);
  const gaps = householdGaps(members, cover, rules, today, lang);
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
    const suggestions = SUGGESTING.has(kind) ? encodeSuggestions(suggestionsFor(input, gaps, rules, kind === 'COVERAGE_GAP' ? null : oneId, today)) : null;
    const item = { householdId: input.householdId, advisorId: input.advisorId, kind, oneId, score, date, monthDay, validFrom: fields.validFrom, validTo: fields.validTo, policyNo, invitationId };
    const stored = { key: itemKey([input.householdId, kind, oneId, date ?? monthDay, policyNo, invitationId]), ...item, suggestions, countKey: countKeyOf(item, today) };
    items.push({ ...stored, hash: contentHash(stored) });
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

  const triggerInput = triggerInputs(input);
  const triggers = gaps.length === 0 ? [] : computeTriggers(triggerInput, today);
  const crossSellScore = gaps.length === 0 ? null : scoreHousehold(gaps, triggers);
  const crossSell = gaps.length === 0 ? null : encodeCrossSell(gaps, triggers);
  const active = input.policies.filter((p) => p.status === 'ACTIVE').reduce((sum, p) => sum + p.annualPremium, 0);
  return { items, totalGap: total, gapScore, crossSellScore, crossSell, activePremium: active, validTo: stateValidTo(members, gaps.length > 0 ? triggerInput : null, today) };
}

/**
 * Stored form of a household's crossSellOpportunities node (its gaps with their reasons, its
 * triggers without daysAway, which a page computes from today): compact JSON, a page reads 20.
 */
export function encodeCrossSell(gaps: readonly Gap[], triggers: readonly LifeEventTrigger[]): string {
  return JSON.stringify({
    g: gaps.map((g) => [g.oneId, g.productType, g.recommended, g.current, g.gap, g.priority, g.reason]),
    t: triggers.map((t) => [t.kind, t.oneId, t.date]),
  });
}

export function decodeCrossSell(stored: string, today: string): { gaps: Gap[]; triggers: LifeEventTrigger[] } {
  const { g, t } = JSON.parse(stored) as {
    g: Array<[string, Gap['productType'], number, number, number, number, string]>;
    t: Array<[LifeEventTrigger['kind'], string, string]>;
  };
  const day = parseIsoDate(today);
  return {
    gaps: g.map(([oneId, productType, recommended, current, gap, priority, reason]) => ({ oneId, productType, recommended, current, gap, priority, reason })),
    triggers: t.map(([kind, oneId, date]) => ({ kind, oneId, date, daysAway: parseIsoDate(date) - day })),
  };
}

/** Stored form of an item's suggestions: JSON of [oneId, productType, sumAssured, estimatedAnnualPremium] rows (compact: a page reads many). */
export function encodeSuggestions(list: readonly SuggestionRecord[]): string {
  return JSON.stringify(list.map((x) => [x.oneId, x.productType, x.sumAssured, x.estimatedAnnualPremium]));
}

export function decodeSuggestions(stored: string | null): SuggestionRecord[] {
  if (stored === null) return [];
  return (JSON.parse(stored) as Array<[string, SuggestionRecord['productType'], number, number]>).map(([oneId, productType, sumAssured, estimatedAnnualPremium]) => ({
    oneId,
    productType,
    sumAssured,
    estimatedAnnualPremium,
  }));
}

/** Budget-aware suggestions of one member (`oneId`) or of every member (null), in member order. */
function suggestionsFor(input: StateInput, gaps: readonly Gap[], rules: NeedsRules, oneId: string | null, today: string): SuggestionRecord[] {
  const people = oneId === null ? input.members : input.members.filter((m) => m.oneId === oneId);
  return people.flatMap((m) => {
    const own = gaps.filter((g) => g.oneId === m.oneId);
    const paid = input.policies.filter((p) => p.insured === m.oneId && p.status === 'ACTIVE').reduce((s, p) => s + p.annualPremium, 0);
    const birthDate = usable(m.birthDate);
    return suggestFor(own, m.premiumBudget, paid, rules.premiumRates, birthDate === null ? null : ageOrNull(birthDate, today));
  });
}

/**
 * What the cross-sell triggers read of a household (coverage/triggers.ts): its members, the
 * policies insuring a member, and its marriages (dated SPOUSE links and MARRIAGE events; an
 * event without a partner pairs the member with "null", as the cross-sell always did).
 */
export function triggerInputs(input: StateInput): TriggerInput {
  const memberIds = new Set(input.members.map((m) => m.oneId));
  return {
    members: input.members.map((m) => ({ oneId: m.oneId, birthDate: usable(m.birthDate) })),
    policies: input.policies
      .filter((p) => memberIds.has(p.insured))
      .map((p) => ({ insuredOneId: p.insured, productType: p.productType, status: p.status, endDate: usable(p.endDate) })),
    spouseLinks: [
      ...input.spouseLinks.map((l) => ({ a: l.a, b: l.b, date: l.since })),
      ...input.marriages.map((e) => ({ a: e.oneId, b: String(e.partner), date: e.date })),
    ].filter((l) => dayOrNull(l.date) !== null),
  };
}

/** A link or event date as a day number, or null when it is not a date. */
function dayOrNull(date: DateInput): number | null {
  try {
    return toDayNumber(date);
  } catch {
    return null;
  }
}

/**
 * The first day after `today` on which what the state holds may differ: a member's birthday
 * (ages drive the gaps and suggestions) or, for a household with gaps (`triggers` not null),
 * a day a cross-sell trigger window opens or closes (its stored cross-sell score counts
 * today's triggers); at most a year ahead.
 */
function stateValidTo(members: readonly CoverageMember[], triggers: TriggerInput | null, today: string): string {
  const day = parseIsoDate(today);
  const candidates: number[] = [day + 366];
  for (const m of members) {
    if (m.birthDate === null) continue;
    const next = nextBirthday(m.birthDate, formatDay(day + 1));
    candidates.push(next);
    if (triggers === null) continue;
    // birthday and newborn windows: the day after the birthday in today's window, the next window's opening, birth, first birthday
    candidates.push(nextBirthday(m.birthDate, today) + 1, next - TRIGGER_WINDOWS.birthdayDaysAhead, parseIsoDate(m.birthDate), firstBirthday(m.birthDate));
  }
  if (triggers === null) return formatDay(Math.min(...candidates.filter((d) => d > day)));
  for (const p of triggers.policies) {
    if (p.endDate === null) continue;
    const end = parseIsoDate(p.endDate);
    candidates.push(end - TRIGGER_WINDOWS.policyExpiryDaysAhead, end + 1);
  }
  for (const l of triggers.spouseLinks) {
    const married = toDayNumber(l.date);
    candidates.push(married, married + TRIGGER_WINDOWS.marriageDaysBack + 1);
  }
  return formatDay(Math.min(...candidates.filter((d) => d > day)));
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
