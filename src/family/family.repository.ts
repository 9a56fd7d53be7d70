/**
 * Runs the family Cypher (cypher/family/*.cypher) and maps rows to plain records. Reads
 * take lists of ids (one statement per batch); writes take the transaction of the
 * service's unit of work so checks and writes share one transaction.
 */
import type { CypherRegistry } from '../db/cypher';
import type { Database, Tx } from '../db/database';
import { toIdentifierRecord, toPersonRecord } from '../identity/identity.model';
import {
  EdgeRecord,
  HouseholdRecord,
  HouseholdRole,
  LifeEventKind,
  LifeEventRecord,
  MemberRecord,
  Neighbourhood,
  RelativesKey,
  StoredLink,
  toHouseholdRecord,
  toLifeEventRecord,
} from './family.model';
import type { FamilyRelation } from './kinship';
import type { LinkGraph } from './linkPlan';
import type { EvidenceRow } from './suggestions';

const QUERIES = [
  'household-by-id',
  'household-of-person',
  'household-members',
  'household-relationships',
  'household-suggestions',
  'relatives-neighbourhood',
  'lock-persons',
  'person-state',
  'link-graph',
  'create-links',
  'unlink',
  'create-households',
  'upsert-member',
  'remove-member',
  'assign-advisor',
  'record-life-event',
  'life-events-by-id',
  'life-events-of',
] as const;

/** Stored relationship type → contract relation (PARENT_OF is from parent to child). */
export const RELATION_OF_TYPE: Readonly<Record<string, FamilyRelation>> = {
  PARENT_OF: 'PARENT',
  SPOUSE_OF: 'SPOUSE',
  SIBLING_OF: 'SIBLING',
};

export interface PersonState {
  oneId: string;
  forgotten: boolean;
  birthDate: string | null;
  householdId: string | null;
}

export class FamilyRepository {
  private readonly q: Record<(typeof QUERIES)[number], string>;

  constructor(
    readonly db: Database,
    cypher: CypherRegistry,
  ) {
    this.q = cypher.pick('family', QUERIES);
  }

  // ---- batched reads (one statement per call, in input order) ----

  async householdsById(ids: readonly string[]): Promise<Array<HouseholdRecord | null>> {
    const rows = await this.db.read((tx) => tx.run<{ id: string; household: Record<string, unknown> }>(this.q['household-by-id'], { ids }));
    const by = new Map(rows.map((r) => [r.id, toHouseholdRecord(r.household)]));
    return ids.map((id) => by.get(id) ?? null);
  }

  async householdsOfPersons(oneIds: readonly string[]): Promise<Array<HouseholdRecord | null>> {
    const rows = await this.db.read((tx) =>
      tx.run<{ oneId: string; household: Record<string, unknown> }>(this.q['household-of-person'], { oneIds }),
    );
    const by = new Map(rows.map((r) => [r.oneId, toHouseholdRecord(r.household)]));
    return oneIds.map((id) => by.get(id) ?? null);
  }

  async membersOf(ids: readonly string[]): Promise<MemberRecord[][]> {
    const rows = await this.db.read((tx) =>
      tx.run<{ id: string; role: HouseholdRole; since: string | null; person: Record<string, unknown> }>(this.q['household-members'], { ids }),
    );
    return group(ids, rows, (r) => ({ person: toPersonRecord(r.person), role: r.role, since: r.since }));
  }

  async relationshipsOf(ids: readonly string[]): Promise<EdgeRecord[][]> {
    const rows = await this.db.read((tx) =>
      tx.run<{ id: string; type: string; from: Record<string, unknown>; to: Record<string, unknown>; since: string | null }>(this.q['household-relationships'], { ids }),
    );
    return group(ids, rows, (r) => ({ from: toPersonRecord(r.from), to: toPersonRecord(r.to), relation: RELATION_OF_TYPE[r.type]!, since: r.since ?? null }));
  }

  async suggestionEvidence(ids: readonly string[]): Promise<EvidenceRow[][]> {
    const rows = await this.db.read((tx) =>
      tx.run<{ id: string; member: Record<string, unknown>; person: Record<string, unknown>; relation: FamilyRelation | null; device: Record<string, unknown> | null }>(
        this.q['household-suggestions'],
        { ids },
      ),
    );
    return group(ids, rows, (r) => ({
      person: toPersonRecord(r.person),
      member: toPersonRecord(r.member),
      relation: r.relation,
      device: r.device ? toIdentifierRecord(r.device) : null,
    }));
  }

  /** Each key's neighbourhood within maxDegree links, in one statement for all keys. */
  async neighbourhoods(keys: readonly RelativesKey[]): Promise<Neighbourhood[]> {
    const rows = await this.db.read((tx) =>
      tx.run<{ oneId: string; maxDegree: number; persons: Record<string, unknown>[]; links: Array<{ from: string; to: string; type: string }> }>(
        this.q['relatives-neighbourhood'],
        { starts: keys.map((k) => ({ oneId: k.oneId, maxDegree: k.maxDegree })) },
      ),
    );
    const by = new Map<string, Neighbourhood>();
    for (const r of rows) {
      by.set(`${r.oneId}|${r.maxDegree}`, {
        persons: r.persons.map(toPersonRecord),
        links: r.links.map((l) => ({ from: l.from, to: l.to, relation: RELATION_OF_TYPE[l.type]! })),
      });
    }
    return keys.map((k) => by.get(`${k.oneId}|${k.maxDegree}`) ?? { persons: [], links: [] });
  }

  /** Checks' view of people; `tx` to read inside a write transaction, else a read. */
  async personStates(oneIds: readonly string[], tx?: Tx): Promise<Map<string, PersonState>> {
    const run = (t: Tx) => t.run<PersonState>(this.q['person-state'], { oneIds });
    const rows = tx ? await run(tx) : await this.db.read(run);
    return new Map(rows.map((r) => [r.oneId, r]));
  }

  /** The stored links around these people that link checks need (see cypher/family/link-graph). */
  async linkGraph(oneIds: readonly string[], tx?: Tx): Promise<Pick<LinkGraph, 'parents' | 'symmetric'>> {
    const run = (t: Tx) => t.run<{ relation: string; a: string; b: string; since: string | null }>(this.q['link-graph'], { oneIds: [...new Set(oneIds)] });
    const rows = tx ? await run(tx) : await this.db.read(run);
    return {
      parents: rows.filter((r) => r.relation === 'PARENT').map((r) => ({ parent: r.a, child: r.b, since: r.since ?? null })),
      symmetric: rows.filter((r) => r.relation !== 'PARENT').map((r) => ({ relation: r.relation as 'SPOUSE' | 'SIBLING', a: r.a, b: r.b, since: r.since ?? null })),
    };
  }

  // ---- writes (inside the caller's write transaction) ----

  /** One write transaction (retried on transient errors; an error thrown inside rolls it back). */
  write<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.db.write(work);
  }

  /** Write-lock these people until commit; returns how many exist. */
  async lockPersons(tx: Tx, oneIds: readonly string[]): Promise<number> {
    const rows = await tx.run<{ locked: number }>(this.q['lock-persons'], { oneIds: [...new Set(oneIds)].sort() });
    return rows[0]?.locked ?? 0;
  }

  /**
   * Store links, each pair once: a missing one is created (with its `since` when given); an
   * existing one takes the `since` when given and keeps its own otherwise. Returns how many were created.
   */
  async createLinks(tx: Tx, links: readonly StoredLink[], at: string): Promise<number> {
    if (links.length === 0) return 0;
    const rows = await tx.run<{ created: number }>(this.q['create-links'], {
      rows: links.map((l) => ({ a: l.a, b: l.b, relation: l.relation, since: l.since ?? null })),
      at,
    });
    return Number(rows[0]?.created ?? 0);
  }

  /** Remove the link between a and b (either direction for SPOUSE / SIBLING); returns how many were removed. */
  async unlink(tx: Tx, link: StoredLink): Promise<number> {
    const rows = await tx.run<{ removed: number }>(this.q.unlink, { a: link.a, b: link.b, relation: link.relation });
    return Number(rows[0]?.removed ?? 0);
  }

  // ---- life events ----

  /** Life events by id (null for an unknown id), in input order; `tx` to read inside a write transaction. */
  async lifeEventsById(ids: readonly string[], tx?: Tx): Promise<Array<LifeEventRecord | null>> {
    const run = (t: Tx) => t.run<LifeEventRow>(this.q['life-events-by-id'], { ids: [...new Set(ids)] });
    const rows = tx ? await run(tx) : await this.db.read(run);
    const by = new Map(rows.map((r) => [String(r.event.id), toLifeEvent(r)]));
    return ids.map((id) => by.get(id) ?? null);
  }

  /** Each person's life events (a merged-away OneID: its survivor's), as the statement orders them. */
  async lifeEventsOf(oneIds: readonly string[]): Promise<LifeEventRecord[][]> {
    const rows = await this.db.read((tx) => tx.run<LifeEventRow & { oneId: string }>(this.q['life-events-of'], { oneIds: [...new Set(oneIds)] }));
    const by = new Map<string, LifeEventRecord[]>();
    for (const r of rows) by.set(r.oneId, [...(by.get(r.oneId) ?? []), toLifeEvent(r)]);
    return oneIds.map((id) => by.get(id) ?? []);
  }

  /**
   * Create the life event unless its id exists; either way answers the stored event and
   * whether this call created it. Null when the person or the partner does not exist.
   */
  async recordLifeEvent(
    tx: Tx,
    args: { id: string; kind: LifeEventKind; date: string; source: string; contentKey: string; person: string; partner: string | null; at: string },
  ): Promise<{ created: boolean; event: LifeEventRecord } | null> {
    const rows = await tx.run<LifeEventRow & { created: boolean }>(this.q['record-life-event'], args);
    return rows[0] ? { created: rows[0].created === true, event: toLifeEvent(rows[0]) } : null;
  }

  async createHouseholds(
    tx: Tx,
    rows: ReadonlyArray<{ id: string; name: string | null; advisorId: string | null; members: Array<{ oneId: string; role: HouseholdRole }> }>,
    at: string,
  ): Promise<HouseholdRecord[]> {
    if (rows.length === 0) return [];
    const out = await tx.run<{ household: Record<string, unknown> }>(this.q['create-households'], { rows, at });
    const households = out.map((r) => toHouseholdRecord(r.household));
    tx.touch('households', households.map((h) => h.id));
    return households;
  }

  async upsertMember(tx: Tx, args: { householdId: string; oneId: string; role: HouseholdRole; at: string }): Promise<HouseholdRecord | null> {
    const rows = await tx.run<{ household: Record<string, unknown> }>(this.q['upsert-member'], args);
    tx.touch('households', [args.householdId]);
    return rows[0] ? toHouseholdRecord(rows[0].household) : null;
  }

  async removeMember(householdId: string, oneId: string): Promise<HouseholdRecord | null> {
    const rows = await this.db.write((tx) => {
      tx.touch('households', [householdId]);
      return tx.run<{ household: Record<string, unknown> }>(this.q['remove-member'], { householdId, oneId });
    });
    return rows[0] ? toHouseholdRecord(rows[0].household) : null;
  }

  async assignAdvisor(householdId: string, advisorId: string): Promise<HouseholdRecord | null> {
    const rows = await this.db.write((tx) => {
      tx.touch('households', [householdId]);
      return tx.run<{ household: Record<string, unknown> }>(this.q['assign-advisor'], { householdId, advisorId });
    });
    return rows[0] ? toHouseholdRecord(rows[0].household) : null;
  }
}

interface LifeEventRow {
  event: Record<string, unknown>;
  person: Record<string, unknown>;
  partner: Record<string, unknown> | null;
}

function toLifeEvent(r: LifeEventRow): LifeEventRecord {
  return toLifeEventRecord(r.event, toPersonRecord(r.person), r.partner ? toPersonRecord(r.partner) : null);
}

/** Rows carrying an `id` grouped per requested id, in input order. */
function group<R extends { id: string }, T>(ids: readonly string[], rows: R[], map: (r: R) => T): T[][] {
  const by = new Map<string, T[]>();
  for (const r of rows) {
    const list = by.get(r.id) ?? [];
    list.push(map(r));
    by.set(r.id, list);
  }
  return ids.map((id) => by.get(id) ?? []);
}
