/**
 * Coverage gaps: recommended cover (from the needs rules) minus ACTIVE cover,
 * per person and product type. Only gaps > 0 are listed.
 *
 * Who counts as what (`segmentOf`):
 * - EARNER: role BREADWINNER, always (a breadwinner with an unknown or zero
 *   income is costed on the rules' reference income, and the reason says so);
 *   role SPOUSE with annualIncome > 0;
 * - CHILD / ELDER: by role (age only matters to rules with an age limit);
 * - DEPENDENT_ADULT: role OTHER, and a SPOUSE without a known income.
 *
 * Age limits (e.g. ANNUITY from 40, EDUCATION under 18) use the age on
 * `today`; when the birth date is unknown the rule's `whenAgeUnknown` decides
 * (defaults: apply by role, and the reason says the birth date is unknown).
 *
 * Priorities come from the rules (defaults, see ./rules.default.ts):
 * 1 earners' LIFE, CRITICAL_ILLNESS, ACCIDENT and MEDICAL (an earner's medical
 *   cover is part of protecting the income);
 * 2 children's MEDICAL, CRITICAL_ILLNESS, EDUCATION;
 * 3 elders' ACCIDENT, MEDICAL, CRITICAL_ILLNESS, and dependent adults' MEDICAL;
 * 4 ANNUITY; 5 SAVINGS.
 */
import { ageOrNull, type DateInput } from '../calendar/calendar';
import type { CoverageMember, CoveragePolicy, Gap, Lang, ProductType } from './model';
import { gapReason, type AmountBasis } from './reasons';
import type { NeedRule, NeedsRules, Segment } from './rules.model';

/** The rule segment a member belongs to (see the module comment). */
export function segmentOf(member: Pick<CoverageMember, 'role' | 'annualIncome'>): Segment {
  switch (member.role) {
    case 'BREADWINNER':
      return 'EARNER';
    case 'SPOUSE':
      return member.annualIncome !== null && member.annualIncome > 0 ? 'EARNER' : 'DEPENDENT_ADULT';
    case 'CHILD':
      return 'CHILD';
    case 'ELDER':
      return 'ELDER';
    case 'OTHER':
      return 'DEPENDENT_ADULT';
  }
}

/** Sum of sumAssured over the ACTIVE policies of one product type. */
export function activeCover(policies: readonly CoveragePolicy[], productType: ProductType): number {
  return policies
    .filter((p) => p.status === 'ACTIVE' && p.productType === productType)
    .reduce((sum, p) => sum + p.sumAssured, 0);
}

type AgeFit = 'FITS' | 'OUTSIDE' | 'UNKNOWN';

function ageFit(rule: NeedRule, age: number | null): AgeFit {
  if (rule.minAge === undefined && rule.maxAge === undefined) return 'FITS';
  if (age === null) return 'UNKNOWN';
  const tooYoung = rule.minAge !== undefined && age < rule.minAge;
  const tooOld = rule.maxAge !== undefined && age > rule.maxAge;
  return tooYoung || tooOld ? 'OUTSIDE' : 'FITS';
}

/** What is fixed for one member while their rules are evaluated. */
interface MemberContext {
  member: CoverageMember;
  policies: readonly CoveragePolicy[];
  segment: Segment;
  rules: NeedsRules;
  lang: Lang;
  reasons: boolean;
}

/**
 * Options of `computeGaps` / `householdGaps`. `reasons: false` computes amounts and
 * priorities only (every `reason` is ''): for ranking many households, where only a page
 * of them is shown; the amounts are identical either way.
 */
export interface GapOptions {
  reasons?: boolean;
}

function recommendation(rule: NeedRule, ctx: MemberContext): { amount: number; basis: AmountBasis } {
  if (rule.amount.basis === 'FIXED') {
    return { amount: rule.amount.amount, basis: { kind: 'FIXED', segment: ctx.segment } };
  }
  const known = ctx.member.annualIncome;
  const incomeKnown = known !== null && known > 0;
  const income = incomeKnown ? known : ctx.rules.referenceIncome.amount;
  const byIncome = Math.round(rule.amount.multiple * income);
  const minimum = rule.amount.minimum ?? 0;
  return {
    amount: Math.max(byIncome, minimum),
    basis: { kind: 'INCOME', multiple: rule.amount.multiple, income, incomeKnown, minimumApplied: byIncome < minimum ? minimum : null },
  };
}

function gapFor(rule: NeedRule, ctx: MemberContext, ageUnknown: boolean): Gap | null {
  const { amount, basis } = recommendation(rule, ctx);
  const current = activeCover(ctx.policies, rule.productType);
  const gap = amount - current;
  if (gap <= 0) return null;
  const { member } = ctx;
  if (!ctx.reasons) {
    return { oneId: member.oneId, productType: rule.productType, recommended: amount, current, gap, priority: rule.priority, reason: '' };
  }
  const reason = gapReason(
    {
      displayName: member.displayName,
      role: member.role,
      productType: rule.productType,
      recommended: amount,
      current,
      gap,
      basis,
      ageUnknown,
      currency: ctx.rules.currency,
    },
    ctx.lang,
  );
  return { oneId: member.oneId, productType: rule.productType, recommended: amount, current, gap, priority: rule.priority, reason };
}

/**
 * The gaps of one member, most urgent first (see `sortGaps`).
 * `policies` are the policies insuring this member (any status: only ACTIVE
 * ones count); `today` fixes the member's age.
 */
export function computeGaps(
  member: CoverageMember,
  policies: readonly CoveragePolicy[],
  rules: NeedsRules,
  today: DateInput,
  lang: Lang = 'en',
  options: GapOptions = {},
): Gap[] {
  const ctx: MemberContext = { member, policies, segment: segmentOf(member), rules, lang, reasons: options.reasons ?? true };
  const age = ageOrNull(member.birthDate, today);
  const gaps: Gap[] = [];
  for (const rule of rules.rules) {
    if (!rule.segments.includes(ctx.segment)) continue;
    const fit = ageFit(rule, age);
    if (fit === 'OUTSIDE' || (fit === 'UNKNOWN' && rule.whenAgeUnknown === 'SKIP')) continue;
    const gap = gapFor(rule, ctx, fit === 'UNKNOWN');
    if (gap !== null) gaps.push(gap);
  }
  return sortGaps(gaps);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Deterministic order: priority ascending, then gap descending, then oneId, then productType. Returns a new array. */
export function sortGaps<T extends Pick<Gap, 'priority' | 'gap' | 'oneId' | 'productType'>>(gaps: readonly T[]): T[] {
  return [...gaps].sort(
    (a, b) => a.priority - b.priority || b.gap - a.gap || compareText(a.oneId, b.oneId) || compareText(a.productType, b.productType),
  );
}

/** Policies per insured OneID: a Map or a plain record. */
export type PoliciesByOneId = ReadonlyMap<string, readonly CoveragePolicy[]> | Readonly<Record<string, readonly CoveragePolicy[]>>;

function policiesOf(byOneId: PoliciesByOneId, oneId: string): readonly CoveragePolicy[] {
  if (byOneId instanceof Map) return byOneId.get(oneId) ?? [];
  const record = byOneId as Readonly<Record<string, readonly CoveragePolicy[]>>;
  return Object.prototype.hasOwnProperty.call(record, oneId) ? (record[oneId] ?? []) : [];
}

/** All members' gaps, most urgent first (Household.coverageGaps). */
export function householdGaps(
  members: readonly CoverageMember[],
  policiesByOneId: PoliciesByOneId,
  rules: NeedsRules,
  today: DateInput,
  lang: Lang = 'en',
  options: GapOptions = {},
): Gap[] {
  return sortGaps(members.flatMap((m) => computeGaps(m, policiesOf(policiesByOneId, m.oneId), rules, today, lang, options)));
}

/** Sum of gap over the gaps (Household.totalGap). */
export function totalGap(gaps: readonly Pick<Gap, 'gap'>[]): number {
  return gaps.reduce((sum, g) => sum + g.gap, 0);
}
