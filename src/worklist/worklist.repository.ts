/** Runs the work-list Cypher (cypher/worklist/*.cypher) and maps rows to plain records. */
import type { CypherRegistry } from '../db/cypher';
import type { Database, Tx } from '../db/database';
import { addDays } from '../calendar/calendar';
import { COUNT_LOOKBACK_DAYS, countKeyOf, type CountClass } from './counts';
import type { StateWrite, StoredHashes } from './diff';
import { ALWAYS_FROM, ALWAYS_TO, type HouseholdState, type StateInput, type WorkItemKind } from './worklist.model';

const QUERIES = [
  'state-inputs',
  'state-write',
  'page',
  'cross-sell-page',
  'all-households',
  'state-meta',
  'state-meta-set',
  'stored-state',
  'stored-counts',
] as const;

/** A page row: the stored item and its date today. */
export interface PageRow {
  item: {
    key: string;
    kind: WorkItemKind;
    householdId: string;
    oneId: string | null;
    score: number;
    policyNo: string | null;
    invitationId: string | null;
    /** Stored suggestions (state.ts decodeSuggestions), or null. */
    suggestions: string | null;
  };
  date: string;
}

/** What a page's fields read, as the page statement returns it. */
export interface PageRecords {
  /** Each household of the page once (still the advisor's), with its members' person properties. */
  households: Array<{ household: Record<string, unknown>; members: Array<Record<string, unknown>> }>;
  policies: Array<{ policy: Record<string, unknown>; holder: string | null; insured: string | null }>;
}

export interface PageQuery {
  advisorId: string;
  kinds: readonly WorkItemKind[];
  today: string;
  /** Month-day -> the date of that birthday in today's window. */
  birthdays: ReadonlyMap<string, string>;
  after: { score: number; date: string; key: string } | null;
  limit: number;
}

/** A cross-sell page row: a household with its stored score and node (state.ts encodeCrossSell), and its members. */
export interface CrossSellRow {
  household: {
    id: string;
    name: string | null;
    advisorId: string | null;
    createdAt: string | null;
    crossSellScore: number;
    totalGap: number;
    crossSell: string;
  };
  members: Array<Record<string, unknown>>;
}

/** Either the households that must be brought up to date first, or the page. */
export type Stale = { stale: string[] };

export class WorklistRepository {
  private readonly q: Record<(typeof QUERIES)[number], string>;

  constructor(
    private readonly db: Database,
    cypher: CypherRegistry,
  ) {
    this.q = cypher.pick('worklist', QUERIES);
  }

  /**
   * The state inputs of households (`householdIds`, and those of the people `oneIds`), in id
   * order; in `tx` (the write path) each household is write-locked before it is read, and its
   * stored state in short comes with it for the diff. Without `tx` (consistency checks) in a
   * transaction of its own, a write one that writes nothing: the statement has a write clause.
   */
  async stateInputs(
    of: { householdIds: readonly string[]; oneIds?: readonly string[] },
    tx?: Tx,
  ): Promise<Array<StateInput & { stored: Omit<StoredHashes, 'householdId'> }>> {
    const params = { householdIds: [...new Set(of.householdIds)], oneIds: [...new Set(of.oneIds ?? [])], lock: tx !== undefined };
    const run = (t: Tx) => t.run<StateInput & { stored: Omit<StoredHashes, 'householdId'> }>(this.q['state-inputs'], params);
    return tx ? run(tx) : this.db.write(run);
  }

  /** Writes a diff's household writes and count deltas (sorted by key) in `tx` (nothing when there are none). */
  async writeStates(tx: Tx, writes: readonly StateWrite[], deltas: ReadonlyArray<CountClass & { key: string; delta: number }>): Promise<void> {
    if (writes.length > 0 || deltas.length > 0) await tx.run(this.q['state-write'], { states: [...writes], deltas: [...deltas] });
  }

  /** What is stored for these households (items sorted by key). */
  async storedStates(ids: readonly string[]): Promise<Array<HouseholdState & { householdId: string; asOf: string }>> {
    return this.db.read((tx) => tx.run<HouseholdState & { householdId: string; asOf: string }>(this.q['stored-state'], { ids: [...ids] }));
  }



  /**
   * The page and its total in one statement; first the advisor's households whose state is
   * out of date today (then only those, for the caller to refresh and ask again).
   */
  async page(query: PageQuery): Promise<Stale | ({ rows: PageRow[]; total: number } & PageRecords)> {
    type Row = { stale: string[] | null; total: number | null; items: PageRow[] | null; policies: PageRecords['policies'] | null; household: PageRecords['households'][number] | null };
    const rows = await this.db.read((tx) =>
      tx.run<Row>(this.q.page, {
        advisorId: query.advisorId,
        kinds: [...query.kinds],
        today: query.today,
        monthDays: [...query.birthdays.keys()],
        birthdays: Object.fromEntries(query.birthdays),
        countFrom: addDays(query.today, -COUNT_LOOKBACK_DAYS),
        afterScore: query.after?.score ?? Number.MAX_VALUE,
        afterDate: query.after?.date ?? '',
        afterKey: query.after?.key ?? '',
        limit: query.limit,
      }),
    );
    const [first] = rows;
    if (first!.stale!.length > 0) return { stale: first!.stale! };
    const households = rows.flatMap((r) => (r.household === null ? [] : [r.household]));
    return { rows: first!.items!, total: Number(first!.total ?? 0), households, policies: first!.policies! };
  }

  /** A cross-sell page (households in rank order with their stored node and members) and its total: one statement. */
  async crossSellPage(query: {
    advisorId: string;
    today: string;
    after: { score: number; householdId: string } | null;
    limit: number;
  }): Promise<Stale | { rows: CrossSellRow[]; total: number }> {
    const rows = await this.db.read((tx) =>
      tx.run<{ stale: string[]; total: number } & { [K in keyof CrossSellRow]: CrossSellRow[K] | null }>(this.q['cross-sell-page'], {
        advisorId: query.advisorId,
        today: query.today,
        gapClass: countKeyOf({ advisorId: query.advisorId, kind: 'COVERAGE_GAP', validFrom: ALWAYS_FROM, validTo: ALWAYS_TO, monthDay: null }, query.today),
        afterScore: query.after?.score ?? Number.MAX_VALUE,
        afterId: query.after?.householdId ?? '',
        limit: query.limit,
      }),
    );
    const [first] = rows;
    if (first!.stale.length > 0) return { stale: first!.stale };
    const page = rows.flatMap(({ household, members }) => (household === null ? [] : [{ household, members: members ?? [] }]));
    page.sort((a, b) => b.household.crossSellScore - a.household.crossSellScore || (a.household.id < b.household.id ? -1 : 1));
    return { rows: page, total: Number(first!.total ?? 0) };
  }

  /** An advisor's stored count classes next to a count of its items by class (consistency checks). */
  async storedCounts(advisorId: string): Promise<Array<{ key: string; stored: number; items: number }>> {
    return this.db.read((tx) => tx.run(this.q['stored-counts'], { advisorId }));
  }

  /** A page of every household id (for a rebuild). */
  async householdIds(after: string, limit: number): Promise<string[]> {
    const rows = await this.db.read((tx) => tx.run<{ id: string }>(this.q['all-households'], { after, limit }));
    return rows.map((r) => r.id);
  }

  async rulesVersion(): Promise<string | null> {
    const rows = await this.db.read((tx) => tx.run<{ rulesVersion: string | null }>(this.q['state-meta']));
    return rows[0]?.rulesVersion ?? null;
  }

  async setRulesVersion(rulesVersion: string, at: string): Promise<void> {
    await this.db.write((tx) => tx.run(this.q['state-meta-set'], { rulesVersion, at }));
  }

  /** Run `work` in a write transaction that touches these households (the hook refreshes them). */
  touchHouseholds(ids: readonly string[]): Promise<void> {
    return this.db.write(async (tx) => tx.touch('households', ids));
  }
}
