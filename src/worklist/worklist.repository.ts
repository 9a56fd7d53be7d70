/** Runs the work-list Cypher (cypher/worklist/*.cypher) and maps rows to plain records. */
import type { CypherRegistry } from '../db/cypher';
import type { Database, Tx } from '../db/database';
import { addDays } from '../calendar/calendar';
import { ALWAYS_FROM, HouseholdState, StateInput, WINDOWS, WorkItemKind } from './worklist.model';

/**
 * Per kind, the earliest validFrom of an item current today (validTo - validFrom is the kind's
 * window); NEVER for the kinds page.cypher reads another way (BIRTHDAY, COVERAGE_GAP).
 */
export function windowStarts(today: string): Record<WorkItemKind, string> {
  return {
    BIRTHDAY: NEVER,
    NEWBORN: addDays(today, -366),
    MARRIAGE: addDays(today, -WINDOWS.marriageBack),
    RENEWAL: addDays(today, -WINDOWS.renewalAhead),
    LAPSED: addDays(today, -WINDOWS.lapsedBack),
    COVERAGE_GAP: NEVER,
    REFERRAL_FOLLOW_UP: ALWAYS_FROM,
  };
}

const NEVER = '9999-12-31';

const QUERIES = ['households-of', 'lock-households', 'state-inputs', 'state-write', 'stale-households', 'page', 'count', 'all-households', 'state-meta', 'state-meta-set', 'stored-state'] as const;

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
  };
  date: string;
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

export class WorklistRepository {
  private readonly q: Record<(typeof QUERIES)[number], string>;

  constructor(
    private readonly db: Database,
    cypher: CypherRegistry,
  ) {
    this.q = cypher.pick('worklist', QUERIES);
  }

  /** The households touched people and households belong to (sorted ids). */
  async householdsOf(tx: Tx, oneIds: readonly string[], householdIds: readonly string[]): Promise<string[]> {
    const rows = await tx.run<{ id: string }>(this.q['households-of'], { oneIds: [...oneIds], householdIds: [...householdIds] });
    return rows.map((r) => r.id);
  }

  /** Write-locks households until commit (sorted, so two writers cannot deadlock on them). */
  async lockHouseholds(tx: Tx, ids: readonly string[]): Promise<void> {
    await tx.run(this.q['lock-households'], { ids: [...ids].sort() });
  }

  /** The households' state inputs (in `tx`, else in a read transaction). */
  async stateInputs(ids: readonly string[], tx?: Tx): Promise<StateInput[]> {
    const run = (t: Tx) => t.run<StateInput>(this.q['state-inputs'], { ids: [...new Set(ids)] });
    return tx ? run(tx) : this.db.read(run);
  }

  async writeStates(tx: Tx, states: ReadonlyArray<HouseholdState & { householdId: string; asOf: string }>): Promise<void> {
    if (states.length === 0) return;
    await tx.run(this.q['state-write'], {
      states: states.map((s) => ({
        householdId: s.householdId,
        totalGap: s.totalGap,
        gapScore: s.gapScore,
        activePremium: s.activePremium,
        asOf: s.asOf,
        validTo: s.validTo,
        items: s.items,
      })),
    });
  }

  /** What is stored for these households (items sorted by key). */
  async storedStates(ids: readonly string[]): Promise<Array<HouseholdState & { householdId: string; asOf: string }>> {
    return this.db.read((tx) => tx.run<HouseholdState & { householdId: string; asOf: string }>(this.q['stored-state'], { ids: [...ids] }));
  }

  async staleHouseholds(advisorId: string, today: string): Promise<string[]> {
    const rows = await this.db.read((tx) => tx.run<{ id: string }>(this.q['stale-households'], { advisorId, today }));
    return rows.map((r) => r.id);
  }

  /** One page and the total count, in one read transaction. */
  async page(query: PageQuery): Promise<{ rows: PageRow[]; total: number }> {
    const common = {
      advisorId: query.advisorId,
      kinds: [...query.kinds],
      today: query.today,
      monthDays: { BIRTHDAY: [...query.birthdays.keys()] },
      from: windowStarts(query.today),
    };
    return this.db.read(async (tx) => {
      const rows = await tx.run<PageRow>(this.q.page, {
        ...common,
        birthdays: Object.fromEntries(query.birthdays),
        afterScore: query.after?.score ?? Number.MAX_VALUE,
        afterDate: query.after?.date ?? '',
        afterKey: query.after?.key ?? '',
        limit: query.limit,
      });
      const [count] = await tx.run<{ total: number }>(this.q.count, common);
      return { rows, total: Number(count?.total ?? 0) };
    });
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
