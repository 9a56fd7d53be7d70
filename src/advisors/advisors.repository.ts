/**
 * Runs the advisors Cypher (cypher/advisors/*.cypher) and maps rows to plain records. Reads
 * take lists of ids (one statement per batch); writes take the transaction of the service's
 * unit of work, so checks and writes share one transaction.
 */
import type { CypherRegistry } from '../db/cypher';
import type { Database, Tx } from '../db/database';
import { HouseholdRecord, toHouseholdRecord } from '../family/family.model';
import { AdvisorRecord, AdvisorStatus, OrphanPosition, toAdvisorRecord } from './advisors.model';

const QUERIES = [
  'advisors-by-id',
  'household-counts',
  'upsert-advisor',
  'advisor-status-for-update',
  'missing-households',
  'move-households',
  'move-advisor-households',
  'orphan-households',
] as const;

export interface UpsertAdvisorArgs {
  advisorId: string;
  /** undefined: keep the stored value; null: clear it. */
  name: string | null | undefined;
  team: string | null | undefined;
  /** null: keep the current status (ACTIVE for a new advisor). */
  status: AdvisorStatus | null;
  at: string;
}

export interface OrphanRow {
  premium: number;
  household: HouseholdRecord;
}

export interface OrphanSlice {
  totalCount: number;
  hasNextPage: boolean;
  page: OrphanRow[];
}

export class AdvisorsRepository {
  private readonly q: Record<(typeof QUERIES)[number], string>;

  constructor(
    private readonly db: Database,
    cypher: CypherRegistry,
  ) {
    this.q = cypher.pick('advisors', QUERIES);
  }

  // ---- batched reads (one statement per call, in input order) ----

  /** Each advisor, or null when unknown (never upserted and no household references it). */
  async advisorsById(ids: readonly string[]): Promise<Array<AdvisorRecord | null>> {
    const rows = await this.db.read((tx) => tx.run<{ id: string; advisor: Record<string, unknown> | null }>(this.q['advisors-by-id'], { ids }));
    const by = new Map(rows.map((r) => [r.id, toAdvisorRecord(r.id, r.advisor)]));
    return ids.map((id) => by.get(id) ?? null);
  }

  /** How many households each advisor has (0 for an unknown one). */
  async householdCounts(ids: readonly string[]): Promise<number[]> {
    const rows = await this.db.read((tx) => tx.run<{ id: string; households: number }>(this.q['household-counts'], { ids }));
    const by = new Map(rows.map((r) => [r.id, r.households]));
    return ids.map((id) => by.get(id) ?? 0);
  }

  /** One page of orphan households after `after` (null: from the start), with the total. */
  async orphans(first: number, after: OrphanPosition | null): Promise<OrphanSlice> {
    const rows = await this.db.read((tx) =>
      tx.run<{ totalCount: number; hasNextPage: boolean; page: Array<{ premium: number; household: Record<string, unknown> }> }>(this.q['orphan-households'], {
        first,
        after,
      }),
    );
    const row = rows[0];
    if (!row) return { totalCount: 0, hasNextPage: false, page: [] };
    return {
      totalCount: row.totalCount,
      hasNextPage: row.hasNextPage,
      page: row.page.map((p) => ({ premium: p.premium, household: toHouseholdRecord(p.household) })),
    };
  }

  // ---- writes (inside the caller's write transaction) ----

  /** One write transaction (retried on transient errors; an error thrown inside rolls it back). */
  write<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.db.write(work);
  }

  /** Create or update the advisor; `households`: its households when its status changed (else empty). */
  async upsertAdvisor(tx: Tx, args: UpsertAdvisorArgs): Promise<{ advisor: AdvisorRecord; households: string[] }> {
    const rows = await tx.run<{ advisor: Record<string, unknown>; households: string[] }>(this.q['upsert-advisor'], {
      advisorId: args.advisorId,
      setName: args.name !== undefined,
      name: args.name ?? null,
      setTeam: args.team !== undefined,
      team: args.team ?? null,
      status: args.status,
      at: args.at,
    });
    const row = rows[0];
    if (!row) throw new Error('upsert-advisor returned no row');
    return { advisor: toAdvisorRecord(args.advisorId, row.advisor), households: row.households };
  }

  /** The advisor's status now (its record write-locked until commit); null when unknown. */
  async statusForUpdate(tx: Tx, advisorId: string): Promise<AdvisorStatus | null> {
    const rows = await tx.run<{ status: AdvisorStatus | null }>(this.q['advisor-status-for-update'], { advisorId });
    return rows[0]?.status ?? null;
  }

  /** The ids among `ids` that name no household. */
  async missingHouseholds(tx: Tx, ids: readonly string[]): Promise<string[]> {
    const rows = await tx.run<{ missing: string[] }>(this.q['missing-households'], { ids });
    return rows[0]?.missing ?? [];
  }

  /** Assign these households to `toAdvisorId`; returns the ids whose advisor changed. */
  async moveHouseholds(tx: Tx, ids: readonly string[], toAdvisorId: string): Promise<string[]> {
    const rows = await tx.run<{ id: string }>(this.q['move-households'], { ids, toAdvisorId });
    return rows.map((r) => r.id);
  }

  /** Assign every household of `fromAdvisorId` to `toAdvisorId`; returns the ids moved. */
  async moveAdvisorHouseholds(tx: Tx, fromAdvisorId: string, toAdvisorId: string): Promise<string[]> {
    const rows = await tx.run<{ id: string }>(this.q['move-advisor-households'], { fromAdvisorId, toAdvisorId });
    return rows.map((r) => r.id);
  }
}
