/** Runs the customers Cypher (cypher/customers/*.cypher) and maps rows to plain records. */
import type { CypherRegistry } from '../db/cypher';
import type { Database, Tx } from '../db/database';
import type { InteractionRecord, PersonState, StateInput, TagRecord } from './customers.model';

const QUERIES = [
  'targets',
  'lock-persons',
  'state-inputs',
  'state-write',
  'stale-persons',
  'all-persons',
  'state-meta',
  'state-meta-set',
  'stored-state',
  'ancestors',
  'existing-interactions',
  'record-interactions',
  'interactions-of',
  'interaction-times',
  'lock-person',
  'add-tags',
  'remove-tags',
  'household-values',
  'people',
  'people-summary',
] as const;

/** What is stored for one person (null fields: never computed). */
export interface StoredState {
  oneId: string;
  revenue: number | null;
  influence: number | null;
  score: number | null;
  tier: PersonState['tier'] | null;
  segment: PersonState['segment'] | null;
  lastActivityAt: string | null;
  validTo: string | null;
  asOf: string | null;
  tags: TagRecord[];
}

export interface InteractionWrite {
  id: string;
  oneId: string;
  channel: string;
  kind: string;
  productType: string | null;
  at: string;
  source: string;
}

/** The filter as the statements read it (see people.cypher). */
export interface FilterParams {
  start: 'advisor' | 'tag' | 'tier' | 'segment' | 'all';
  advisorId: string | null;
  tiers: string[] | null;
  segments: string[] | null;
  tags: string[];
  minScore: number | null;
  bornOnOrBefore: string | null;
  bornAfter: string | null;
}

export interface HouseholdMemberState {
  oneId: string;
  revenue: number | null;
  influence: number | null;
  score: number | null;
  validTo: string | null;
  asOf: string | null;
}

export class CustomersRepository {
  private readonly q: Record<(typeof QUERIES)[number], string>;

  constructor(
    private readonly db: Database,
    cypher: CypherRegistry,
  ) {
    this.q = cypher.pick('customers', QUERIES);
  }

  /** The people whose state these touched people may change (themselves and their parents), sorted. */
  async targets(tx: Tx, oneIds: readonly string[]): Promise<string[]> {
    const rows = await tx.run<{ oneId: string }>(this.q.targets, { oneIds: [...oneIds] });
    return rows.map((r) => r.oneId);
  }

  /** The referral ancestors of these people (not themselves), sorted. */
  async ancestors(tx: Tx, oneIds: readonly string[]): Promise<string[]> {
    const rows = await tx.run<{ oneId: string }>(this.q.ancestors, { oneIds: [...oneIds] });
    return rows.map((r) => r.oneId);
  }

  async lockPersons(tx: Tx, oneIds: readonly string[]): Promise<void> {
    await tx.run(this.q['lock-persons'], { oneIds: [...oneIds].sort() });
  }

  /** State inputs of people (in `tx`, else in a read). */
  stateInputs(oneIds: readonly string[], tx?: Tx): Promise<StateInput[]> {
    const run = (t: Tx) => t.run<StateInput>(this.q['state-inputs'], { oneIds: [...new Set(oneIds)] });
    return tx ? run(tx) : this.db.read(run);
  }

  async writeStates(tx: Tx, rows: ReadonlyArray<PersonState & { oneId: string }>, asOf: string, now: string): Promise<void> {
    if (rows.length > 0) await tx.run(this.q['state-write'], { rows: [...rows], asOf, now });
  }

  /** People whose stored state may differ on `today` (at most `limit`). */
  async stale(today: string, limit: number): Promise<string[]> {
    const rows = await this.db.read((tx) => tx.run<{ oneId: string }>(this.q['stale-persons'], { today, limit }));
    return rows.map((r) => r.oneId);
  }

  async personIds(after: string, limit: number): Promise<string[]> {
    const rows = await this.db.read((tx) => tx.run<{ oneId: string }>(this.q['all-persons'], { after, limit }));
    return rows.map((r) => r.oneId);
  }

  /** The version the stored state was built with (null: never), or, given `set`, record that version. */
  async stateVersion(set?: { version: string; at: string }): Promise<string | null> {
    if (set) {
      await this.db.write((tx) => tx.run(this.q['state-meta-set'], { rulesVersion: set.version, at: set.at }));
      return set.version;
    }
    const [meta] = await this.db.read((tx) => tx.run<{ rulesVersion: string | null }>(this.q['state-meta']));
    return meta?.rulesVersion ?? null;
  }

  /** Run a write transaction touching these people's customer state (the customers hook recomputes it). */
  touchPersons(oneIds: readonly string[]): Promise<void> {
    return this.db.write(async (tx) => tx.touch('customers', oneIds));
  }

  async storedStates(oneIds: readonly string[]): Promise<Map<string, StoredState>> {
    const rows = await this.db.read((tx) => tx.run<StoredState>(this.q['stored-state'], { oneIds: [...new Set(oneIds)] }));
    return new Map(rows.map((r) => [r.oneId, r]));
  }

  async existingInteractions(ids: readonly string[]): Promise<Set<string>> {
    const rows = await this.db.read((tx) => tx.run<{ id: string }>(this.q['existing-interactions'], { ids: [...ids] }));
    return new Set(rows.map((r) => r.id));
  }

  /** Record interactions (ids distinct) in one write; the people of those created are touched. Answers how many were created. */
  async recordInteractions(rows: readonly InteractionWrite[], now: string, batch: string): Promise<number> {
    if (rows.length === 0) return 0;
    return this.db.write(async (tx) => {
      const created = await tx.run<{ oneId: string }>(this.q['record-interactions'], { rows: [...rows], now, batch });
      tx.touch('customers', [...new Set(created.map((r) => r.oneId))]); // interactions feed the customer state only
      return created.length;
    });
  }

  async interactionsOf(oneIds: readonly string[], first: number): Promise<Map<string, InteractionRecord[]>> {
    const rows = await this.db.read((tx) =>
      tx.run<{ oneId: string; interactions: InteractionRecord[] }>(this.q['interactions-of'], { oneIds: [...new Set(oneIds)], first }),
    );
    return new Map(rows.map((r) => [r.oneId, r.interactions.map((i) => ({ ...i, productType: i.productType ?? null }))]));
  }

  async interactionTimes(oneIds: readonly string[], since: string): Promise<Map<string, string[]>> {
    const rows = await this.db.read((tx) => tx.run<{ oneId: string; times: string[] }>(this.q['interaction-times'], { oneIds: [...new Set(oneIds)], since }));
    return new Map(rows.map((r) => [r.oneId, r.times]));
  }

  /**
   * Change one person's manual tags in one write transaction: `change` sees the person (null:
   * no such person) under a write lock and answers the names to add and to remove, or throws
   * (nothing written).
   */
  async changeTags(
    oneId: string,
    now: string,
    change: (person: { forgotten: boolean; manual: string[] } | null) => { add: string[]; remove: string[] },
  ): Promise<void> {
    await this.db.write(async (tx) => {
      const [person] = await tx.run<{ forgotten: boolean; manual: string[] }>(this.q['lock-person'], { oneId });
      const { add, remove } = change(person ?? null);
      if (add.length > 0) await tx.run(this.q['add-tags'], { oneId, names: add, now });
      if (remove.length > 0) await tx.run(this.q['remove-tags'], { oneId, names: remove });
    });
  }

  async householdMembers(ids: readonly string[]): Promise<Map<string, HouseholdMemberState[]>> {
    const rows = await this.db.read((tx) => tx.run<{ id: string; members: HouseholdMemberState[] }>(this.q['household-values'], { ids: [...new Set(ids)] }));
    return new Map(rows.map((r) => [r.id, r.members]));
  }

  async people(
    f: FilterParams,
    order: string,
    after: { key: number | string; oneId: string } | null,
    limit: number,
  ): Promise<{ total: number; page: Array<{ person: Record<string, unknown>; key: number | string }> }> {
    const rows = await this.db.read((tx) =>
      tx.run<{ total: number; page: Array<{ person: Record<string, unknown>; key: number | string }> }>(this.q.people, {
        f,
        order,
        afterKey: after?.key ?? null,
        afterId: after?.oneId ?? null,
        limit,
      }),
    );
    return rows[0] ?? { total: 0, page: [] };
  }

  async summary(f: FilterParams): Promise<{
    groups: Array<{ segment: string | null; tier: string | null; count: number; revenue: number | null }>;
    tags: Array<{ name: string; count: number }>;
  }> {
    const rows = await this.db.read((tx) =>
      tx.run<{ groups: Array<{ segment: string | null; tier: string | null; count: number; revenue: number | null }>; tags: Array<{ name: string; count: number }> }>(
        this.q['people-summary'],
        { f },
      ),
    );
    return rows[0] ?? { groups: [], tags: [] };
  }
}
