/**
 * Coverage: policies, gaps and life-event triggers. Domain logic only (no GraphQL, no
 * Cypher): the arithmetic lives in the pure modules next to this file (gaps, triggers,
 * score, cursor); this service feeds them from the repository and validates writes before
 * anything is written. The advisor's cross-sell ranking is served from the stored work-list
 * state (src/worklist/), which sits above this feature.
 */
import type { Clock } from '../clock';
import { AppError, badInput, notFound, settle, unwrap } from '../errors';
import type { IdentityService, PersonRef } from '../identity/identity.service';
import type { Logger } from '../logger';
import { ageOrNull, parseIsoDate } from '../calendar/calendar';
import { computeGaps, householdGaps, totalGap } from './gaps';
import type { HouseholdRole } from '../family/family.model';
import type { CoverageMember, CoveragePolicy, Gap, Lang, PolicyStatus } from './model';
import { PRODUCT_TYPES } from './model';
import type { NeedsRules } from './rules.model';
import type { LifeEventTrigger } from './triggers';
import type { CoverageRepository, MemberFacts, PolicyRecord, PolicyTerms, PolicyWrite } from './coverage.repository';

/** Input of upsertPolicy, as the GraphQL layer passes it. */
export interface PolicyInputDTO extends Omit<PolicyTerms, 'endDate'> {
  endDate?: string | null;
  holder: PersonRef;
  insured: PersonRef;
}

/** Household.coverageGaps and totalGap. */
export interface HouseholdGapsView {
  gaps: Gap[];
  totalGap: number;
}

/** The household as CrossSellOpportunity.household hands it to the Household type (the family feature's record shape). */
export interface OpportunityHousehold {
  id: string;
  name: string | null;
  advisorId: string | null;
  createdAt: string | null;
}

export interface CrossSellOpportunityRecord {
  household: OpportunityHousehold;
  score: number;
  totalGap: number;
  gaps: Gap[];
  triggers: LifeEventTrigger[];
}

export interface CrossSellPage {
  edges: Array<{ cursor: string; node: CrossSellOpportunityRecord }>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
}

/** Page size limits of crossSellOpportunities. */
export const CROSS_SELL_PAGE = { default: 20, min: 1, max: 100 } as const;

const POLICY_STATUSES: readonly PolicyStatus[] = ['ACTIVE', 'LAPSED', 'EXPIRED', 'CANCELLED'];
const MAX_AMOUNT = 2_000_000_000;
/** Age from which a person in no household counts as an elder (statutory retirement age). */
export const STANDALONE_ELDER_AGE = 60;
const ADULT_AGE = 18;

/**
 * The role used for the gaps of a person who belongs to no household:
 * an income > 0 makes them a BREADWINNER (their income is what the cover protects);
 * otherwise a known age under 18 makes them a CHILD, 60 or over an ELDER; else OTHER.
 */
export function standaloneRole(person: Pick<MemberFacts, 'annualIncome' | 'birthDate'>, today: string): HouseholdRole {
  if (person.annualIncome !== null && person.annualIncome > 0) return 'BREADWINNER';
  const age = safeAge(person.birthDate, today);
  if (age !== null && age < ADULT_AGE) return 'CHILD';
  if (age !== null && age >= STANDALONE_ELDER_AGE) return 'ELDER';
  return 'OTHER';
}

function safeAge(birthDate: string | null, today: string): number | null {
  try {
    return ageOrNull(birthDate, today);
  } catch {
    return null; // a malformed stored birth date counts as unknown
  }
}

/** A stored birth date the date code can read, else null (unknown). */
function usableDate(value: string | null): string | null {
  if (value === null) return null;
  try {
    parseIsoDate(value);
    return value;
  } catch {
    return null;
  }
}

function toCoverageMember(m: MemberFacts): CoverageMember {
  return { oneId: m.oneId, role: m.role, birthDate: usableDate(m.birthDate), annualIncome: m.annualIncome, displayName: m.displayName };
}


export class CoverageService {
  constructor(
    private readonly repo: CoverageRepository,
    private readonly opts: { rules: NeedsRules; lang: Lang; clock: Clock; identity: IdentityService; log: Logger },
  ) {
    opts.log.info({ rulesVersion: opts.rules.version, rules: opts.rules.rules.length, reasonLang: opts.lang }, 'coverage rules in force');
  }

  get rules(): NeedsRules {
    return this.opts.rules;
  }

  // ---- policies ----

  /** Create or replace by policyNo. Everything is validated before anything is written. */
  async upsertPolicy(input: PolicyInputDTO): Promise<PolicyRecord> {
    return unwrap((await this.upsertPolicies([input]))[0]);
  }

  /**
   * upsertPolicy for many policies, answering per input, in input order, what upsertPolicy
   * would have answered: the saved policy or the AppError (BAD_USER_INPUT, NOT_FOUND). An
   * input that fails writes nothing (no person created for it). Reads and writes are batched:
   * two reference look-ups, one person read and one write transaction for the whole list.
   */
  async upsertPolicies(inputs: readonly PolicyInputDTO[]): Promise<Array<PolicyRecord | AppError>> {
    const { identity } = this.opts;
    const out: Array<PolicyRecord | AppError | null> = inputs.map((input) => {
      const checked = settle(() => this.validatePolicy(input));
      return checked instanceof AppError ? checked : null;
    });
    // Look up without creating first, so an input with a bad reference creates nobody; then
    // create only the people of the new identifiers of the inputs still standing.
    const pending = () => inputs.flatMap((input, i) => (out[i] === null ? [i] : []));
    const refs = await identity.lookupRefs(inputs.map((input, i) => (out[i] === null ? [input.holder, input.insured] : [])));
    for (const i of pending()) {
      const found = refs.lookups(i);
      if (found instanceof AppError) out[i] = found;
    }
    const idx = pending();
    const resolved = await refs.materialize(idx);
    const erased = await identity.erasedAmong([...new Set(resolved.flatMap((r) => (r instanceof AppError ? [] : r)))]);
    const writes: Array<{ i: number; write: PolicyWrite }> = [];
    idx.forEach((i, k) => {
      const r = resolved[k]!;
      if (r instanceof AppError) {
        out[i] = r;
        return;
      }
      const [holder, insured] = r as [string, string];
      if (erased.has(holder) || erased.has(insured)) {
        out[i] = badInput('A policy cannot name an erased person as holder or insured');
        return;
      }
      const input = inputs[i]!;
      writes.push({
        i,
        write: {
          policyNo: input.policyNo,
          productType: input.productType,
          sumAssured: input.sumAssured,
          annualPremium: input.annualPremium,
          status: input.status,
          startDate: input.startDate,
          endDate: input.endDate ?? null,
          holderOneId: holder,
          insuredOneId: insured,
        },
      });
    });
    if (writes.length) {
      const saved = await this.repo.upsertPolicies(writes.map((w) => w.write), this.opts.clock.now().toISOString(), this.opts.clock.today());
      writes.forEach((w, k) => {
        const policy = saved[k];
        out[w.i] = policy ?? notFound('Person');
        if (policy) this.opts.log.info({ policyNo: policy.policyNo, productType: policy.productType, status: policy.status }, 'policy upserted');
      });
    }
    return out.map((o) => o!);
  }

  private validatePolicy(input: PolicyInputDTO): void {
    const problems: string[] = [];
    if (typeof input.policyNo !== 'string' || input.policyNo.trim() === '' || input.policyNo.length > 128) {
      problems.push('policyNo must be 1 to 128 characters');
    }
    if (!(PRODUCT_TYPES as readonly string[]).includes(input.productType)) problems.push('productType is unknown');
    if (!POLICY_STATUSES.includes(input.status)) problems.push('status is unknown');
    for (const field of ['sumAssured', 'annualPremium'] as const) {
      const v = input[field];
      if (!Number.isInteger(v) || v < 0 || v > MAX_AMOUNT) problems.push(`${field} must be a whole number from 0 to ${MAX_AMOUNT}`);
    }
    const start = this.day(input.startDate);
    const end = input.endDate == null ? null : this.day(input.endDate);
    if (start === null) problems.push('startDate must be a calendar date YYYY-MM-DD');
    if (input.endDate != null && end === null) problems.push('endDate must be a calendar date YYYY-MM-DD');
    if (start !== null && end !== null && end < start) problems.push('endDate must not be before startDate');
    const refProblem = (ref: PersonRef | null | undefined, name: string): void => {
      const n = Number(ref?.oneId != null) + Number(ref?.identifier != null);
      if (n !== 1) problems.push(`${name} needs exactly one of oneId or identifier`);
    };
    refProblem(input.holder, 'holder');
    refProblem(input.insured, 'insured');
    if (problems.length > 0) throw badInput(`Invalid policy: ${problems.join('; ')}`, { problems });
  }

  private day(value: string): number | null {
    try {
      return parseIsoDate(value);
    } catch {
      return null;
    }
  }

  policiesInsuring(oneIds: readonly string[]): Promise<PolicyRecord[][]> {
    return this.repo.policiesInsuring(oneIds);
  }

  policiesByNo(policyNos: readonly string[]): Promise<Array<PolicyRecord | null>> {
    return this.repo.policiesByNo(policyNos);
  }

  memberRoles(oneIds: readonly string[]): Promise<Array<HouseholdRole | null>> {
    return this.repo.memberRoles(oneIds);
  }


  // ---- gaps and triggers ----

  /**
   * One person's gaps: `role` is their household role, or null for a person in no
   * household (then `standaloneRole` decides). `policies` are those insuring the person.
   */
  personGaps(person: Omit<MemberFacts, 'role'>, role: HouseholdRole | null, policies: readonly CoveragePolicy[]): Gap[] {
    const today = this.opts.clock.today();
    const member = toCoverageMember({ ...person, role: role ?? standaloneRole(person, today) });
    return computeGaps(member, policies, this.opts.rules, today, this.opts.lang);
  }

  /**
   * Household.policies: the members' policies (as insured), each once, by startDate then
   * policyNo. `policiesPerMember` are the policies insuring each member.
   */
  householdPolicies(policiesPerMember: readonly PolicyRecord[][]): PolicyRecord[] {
    const byNo = new Map<string, PolicyRecord>();
    for (const list of policiesPerMember) for (const p of list) byNo.set(p.policyNo, p);
    return [...byNo.values()].sort(comparePolicies);
  }

  /** Household.coverageGaps (most urgent first) and totalGap, today; `policies` insure members. */
  householdGaps(members: readonly MemberFacts[], policies: readonly PolicyRecord[]): HouseholdGapsView {
    const today = this.opts.clock.today();
    const byInsured = new Map<string, PolicyRecord[]>();
    for (const p of policies) byInsured.set(p.insuredOneId, [...(byInsured.get(p.insuredOneId) ?? []), p]);
    const gaps = householdGaps(members.map(toCoverageMember), byInsured, this.opts.rules, today, this.opts.lang);
    return { gaps, totalGap: totalGap(gaps) };
  }

  // ---- cross-sell ----

  /**
   * Households of the advisor with at least one gap, best first (score descending, then
   * household id), `first` after the cursor `after`. Validates before reading.
   */
}

function comparePolicies(a: PolicyRecord, b: PolicyRecord): number {
  if (a.startDate !== b.startDate) return a.startDate < b.startDate ? -1 : 1;
  return a.policyNo < b.policyNo ? -1 : a.policyNo > b.policyNo ? 1 : 0;
}

