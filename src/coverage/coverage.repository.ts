/**
 * Runs the coverage Cypher (cypher/coverage/*.cypher) and maps rows to plain records.
 * Every read takes a batch of keys (DataLoader) or one advisor, so a GraphQL request costs
 * a fixed number of statements whatever the number of households, members or policies.
 */
import type { CypherRegistry } from '../db/cypher';
import type { Database } from '../db/database';
import type { HouseholdRole } from '../family/family.model';
import type { PolicyStatus, ProductType } from './model';

const QUERIES = ['upsert-policies', 'policies-insuring', 'policies-by-no', 'member-roles'] as const;

/** The terms of a policy, without its people. */
export interface PolicyTerms {
  policyNo: string;
  productType: ProductType;
  sumAssured: number;
  annualPremium: number;
  status: PolicyStatus;
  startDate: string;
  endDate: string | null;
}

/** A policy as the GraphQL layer serves it (holder and insured as OneIDs). */
export interface PolicyRecord extends PolicyTerms {
  holderOneId: string | null;
  insuredOneId: string;
}

/** What to write for upsertPolicy, persons already resolved to surviving OneIDs. */
export interface PolicyWrite extends PolicyTerms {
  holderOneId: string;
  insuredOneId: string;
}

/** A household member with the attributes the needs rules and triggers use. */
export interface MemberFacts {
  oneId: string;
  role: HouseholdRole;
  birthDate: string | null;
  annualIncome: number | null;
  displayName: string | null;
}

type Row = Record<string, unknown>;

const ROLES: readonly HouseholdRole[] = ['BREADWINNER', 'SPOUSE', 'CHILD', 'ELDER', 'OTHER'];

function text(v: unknown): string | null {
  return v === null || v === undefined ? null : String(v);
}

function role(v: unknown): HouseholdRole {
  return ROLES.includes(v as HouseholdRole) ? (v as HouseholdRole) : 'OTHER';
}

/** A stored policy as the coverage feature serves it (also used by the family view's household bundle). */
export function toPolicy(p: Row, holderOneId: unknown, insuredOneId: unknown): PolicyRecord {
  return {
    policyNo: String(p.policyNo),
    productType: p.productType as ProductType,
    sumAssured: Number(p.sumAssured ?? 0),
    annualPremium: Number(p.annualPremium ?? 0),
    status: p.status as PolicyStatus,
    startDate: String(p.startDate),
    endDate: text(p.endDate),
    holderOneId: text(holderOneId),
    insuredOneId: String(insuredOneId),
  };
}

export class CoverageRepository {
  private readonly q: Record<(typeof QUERIES)[number], string>;

  constructor(
    private readonly db: Database,
    cypher: CypherRegistry,
  ) {
    this.q = cypher.pick('coverage', QUERIES);
  }

  /**
   * Create or replace policies in order, in one write transaction; per write the saved
   * policy, or null when its holder or insured does not exist (that one is not written).
   * A policyNo given twice is written in waves, so the later write replaces the earlier.
   */
  async upsertPolicies(writes: readonly PolicyWrite[], at: string, today: string): Promise<Array<PolicyRecord | null>> {
    const waves: Array<Array<PolicyWrite & { i: number }>> = [];
    const seen = new Map<string, number>();
    writes.forEach((w, i) => {
      const wave = seen.get(w.policyNo) ?? 0;
      seen.set(w.policyNo, wave + 1);
      (waves[wave] ??= []).push({ ...w, i });
    });
    const out: Array<PolicyRecord | null> = writes.map(() => null);
    await this.db.write(async (tx) => {
      for (const wave of waves) {
        const rows = await tx.run<{ i: number; policy: Row; holderOneId: string; insuredOneId: string; previous: string[] }>(this.q['upsert-policies'], {
          rows: wave.map((w) => ({
            i: w.i,
            policyNo: w.policyNo,
            productType: w.productType,
            sumAssured: w.sumAssured,
            annualPremium: w.annualPremium,
            status: w.status,
            startDate: w.startDate,
            endDate: w.endDate,
            holder: w.holderOneId,
            insured: w.insuredOneId,
          })),
          at,
          today,
        });
        for (const r of rows) {
          out[Number(r.i)] = toPolicy(r.policy, r.holderOneId, r.insuredOneId);
          tx.touch('persons', [r.holderOneId, r.insuredOneId, ...r.previous]);
        }
      }
    });
    return out;
  }

  /** Policies insuring each person, in the order of `oneIds`. */
  async policiesInsuring(oneIds: readonly string[]): Promise<PolicyRecord[][]> {
    const rows = await this.db.read((tx) =>
      tx.run<{ oneId: string; policy: Row; holderOneId: string | null }>(this.q['policies-insuring'], { oneIds: [...new Set(oneIds)] }),
    );
    const by = new Map<string, PolicyRecord[]>();
    for (const r of rows) {
      const list = by.get(r.oneId) ?? [];
      list.push(toPolicy(r.policy, r.holderOneId, r.oneId));
      by.set(r.oneId, list);
    }
    return oneIds.map((id) => by.get(id) ?? []);
  }

  /** Policies by policyNo, in the order asked (null: no such policy). */
  async policiesByNo(policyNos: readonly string[]): Promise<Array<PolicyRecord | null>> {
    const rows = await this.db.read((tx) =>
      tx.run<{ policyNo: string; policy: Row; holderOneId: string | null; insuredOneId: string | null }>(this.q['policies-by-no'], {
        policyNos: [...new Set(policyNos)],
      }),
    );
    const by = new Map(rows.map((r) => [r.policyNo, toPolicy(r.policy, r.holderOneId, r.insuredOneId)]));
    return policyNos.map((no) => by.get(no) ?? null);
  }

  /** Each person's household role, null for a person in no household. */
  async memberRoles(oneIds: readonly string[]): Promise<Array<HouseholdRole | null>> {
    const rows = await this.db.read((tx) =>
      tx.run<{ oneId: string; role: unknown }>(this.q['member-roles'], { oneIds: [...new Set(oneIds)] }),
    );
    const by = new Map(rows.map((r) => [r.oneId, role(r.role)]));
    return oneIds.map((id) => by.get(id) ?? null);
  }

}
