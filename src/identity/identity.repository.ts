/**
 * Runs the identity Cypher (cypher/identity/*.cypher) and maps rows to plain records.
 * Writes that change who is who (ingest, split, forget) take the identity lock first.
 */
import type { CypherRegistry } from '../db/cypher';
import type { Database, Tx } from '../db/database';
import { IdentifierRecord, PersonRecord, toIdentifierRecord, toPersonRecord } from './identity.model';
import type { BulkStep } from './identity.bulk';
import type { BatchSeals, SealedProps, StoredDataKey } from './sealing';
import { attributeProps, type IdentityPlan, type IdentitySnapshot, type IdentifierState, type PersonAttributes, type PersonState } from './planner';

const QUERIES = [
  'lock',
  'seen-events',
  'erased-keys',
  'snapshot-identifiers',
  'snapshot-persons',
  'create-persons',
  'upsert-identifiers',
  'merge-persons',
  'repoint-aliases',
  'create-evidence',
  'device-uses',
  'set-attributes',
  'record-events',
  'resolve',
  'persons-by-oneid',
  'survivors',
  'identifiers-of',
  'devices-of',
  'aliases-of',
  'identifiers-by-key',
  'explain-path',
  'split-load',
  'split-apply',
  'forget',
  'update-person',
  'bulk-persons',
  'bulk-aliases',
  'bulk-identifiers',
  'bulk-checkpoint',
  'bulk-progress',
  'bulk-overlap',
  'bulk-empty',
] as const;

/** The statement that writes each bulk step (seals go through the sealer). */
const BULK_STATEMENTS = {
  persons: 'bulk-persons',
  aliases: 'bulk-aliases',
  identifiers: 'bulk-identifiers',
  evidence: 'create-evidence',
  deviceUses: 'device-uses',
  events: 'record-events',
} as const satisfies Partial<Record<BulkStep, (typeof QUERIES)[number]>>;

export interface HouseholdConflict {
  from: string;
  into: string;
  kept: string;
  dropped: string;
}

export interface SplitLoad {
  person: PersonRecord;
  identifiers: Array<{ key: string; firstSeenAt: string }>;
  links: Array<{ a: string; b: string; blocked: boolean }>;
}

export interface EvidenceStep {
  nodes: IdentifierRecord[];
  links: Array<{ eventId: string; source: string; observedAt: string }>;
}

const ATTRIBUTE_NAMES = ['displayName', 'gender', 'birthDate', 'annualIncome', 'premiumBudget'] as const;

const NO_SEALS: BatchSeals = { newKeys: new Map(), values: () => new Map() };

export class IdentityRepository {
  private readonly q: Record<(typeof QUERIES)[number], string>;

  constructor(
    readonly db: Database,
    cypher: CypherRegistry,
  ) {
    this.q = cypher.pick('identity', QUERIES);
  }

  /**
   * Plan the heaviest ingest statements once at start-up (running them on empty lists writes
   * nothing), so the first real merge does not compile them while holding the identity lock.
   */
  async warmUp(): Promise<void> {
    await this.db.write(async (tx) => {
      for (const name of ['merge-persons', 'upsert-identifiers', 'repoint-aliases', 'create-evidence', 'create-persons'] as const) {
        await tx.run(this.q[name], { rows: [], at: '' });
      }
    });
  }

  /** Run `work` in one write transaction holding the identity lock. */
  withIdentityLock<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.db.write(async (tx) => {
      await tx.run(this.q.lock);
      return work(tx);
    });
  }

  /** Current state of a batch's identifiers, their people, seen event ids and tombstones. */
  async loadSnapshot(tx: Tx, keys: string[], eventIds: string[]): Promise<IdentitySnapshot & { dataKeys: Map<string, StoredDataKey | null> }> {
    const [seen, erased, ids] = [
      await tx.run<{ eventId: string }>(this.q['seen-events'], { eventIds }),
      await tx.run<{ key: string; erasedAt: string | null }>(this.q['erased-keys'], { keys }),
      await tx.run<Record<string, unknown>>(this.q['snapshot-identifiers'], { keys }),
    ];
    const identifiers = new Map<string, IdentifierState>();
    const oneIds = new Set<string>();
    for (const row of ids) {
      const rec = toIdentifierRecord(row);
      const personOneId = (row.personOneId as string | null) ?? null;
      if (personOneId) oneIds.add(personOneId);
      identifiers.set(rec.key, { ...rec, personId: personOneId, sealed: row.sealed === true });
    }
    const persons = new Map<string, PersonState>();
    const dataKeys = new Map<string, StoredDataKey | null>();
    if (oneIds.size > 0) {
      const rows = await tx.run<{ person: Record<string, unknown>; identifiers: Record<string, unknown>[]; aliases: string[]; dataKey: StoredDataKey | null }>(
        this.q['snapshot-persons'],
        { oneIds: [...oneIds] },
      );
      for (const row of rows) {
        const oneId = String(row.person.oneId);
        for (const raw of row.identifiers) {
          const rec = toIdentifierRecord(raw);
          if (!identifiers.has(rec.key)) identifiers.set(rec.key, { ...rec, personId: oneId, sealed: raw.sealed === true });
        }
        persons.set(oneId, {
          oneId,
          createdAt: Number(row.person.createdAt ?? 0),
          identifierKeys: row.identifiers.map((i) => String(i.key)),
          attributes: readAttributes(row.person),
          mergedOneIds: row.aliases,
        });
        dataKeys.set(oneId, row.dataKey);
      }
    }
    return {
      identifiers,
      persons,
      dataKeys,
      seenEventIds: new Set(seen.map((r) => r.eventId)),
      // Tombstones from before erasure times were recorded block every event; the others only
      // events observed at or before the erasure.
      erasedKeys: new Set(erased.filter((r) => !r.erasedAt).map((r) => r.key)),
      erasedAt: new Map(erased.filter((r) => r.erasedAt).map((r) => [r.key, r.erasedAt!])),
    };
  }

  /**
   * Apply a planner's plan: a fixed number of UNWIND statements whatever the batch size. The
   * values sealed in memory (`seals`) are stored by the same statements: new data keys with the
   * new people, ciphertexts with the identifiers.
   */
  async applyPlan(tx: Tx, plan: IdentityPlan, at: string, seals: BatchSeals = NO_SEALS): Promise<HouseholdConflict[]> {
    const created = plan.persons.length
      ? tx.run(this.q['create-persons'], { rows: plan.persons.map((p) => ({ ...p, dataKey: seals.newKeys.get(p.oneId) ?? null })), at })
      : undefined;
    // Marked handled now (an error could arrive before the await below, which still throws it).
    created?.catch(() => undefined);
    let sealed: Map<string, SealedProps>;
    try {
      // Let the driver send the statement (it does on a later turn of the event loop), then
      // seal the values while the database creates the people.
      if (created) await new Promise((resolve) => setImmediate(resolve));
      sealed = seals.values();
    } finally {
      await created;
    }
    if (plan.identifiers.length) {
      await tx.run(this.q['upsert-identifiers'], { rows: plan.identifiers.map((i) => ({ ...i, sealed: sealed.get(i.key) ?? {} })) });
    }
    let conflicts: HouseholdConflict[] = [];
    const merges = plan.merges.filter((m) => m.kind === 'merge').map((m) => ({ ...m, at }));
    const repoints = plan.merges.filter((m) => m.kind === 'repoint');
    if (merges.length) {
      const rows = await tx.run<{ from: string; into: string; conflict: { kept: string; dropped: string } | null }>(
        this.q['merge-persons'],
        { rows: merges },
      );
      conflicts = rows.filter((r) => r.conflict).map((r) => ({ from: r.from, into: r.into, ...r.conflict! }));
      tx.touch('persons', rows.map((r) => r.into)); // the survivor takes over memberships, policies, links
    }
    if (repoints.length) await tx.run(this.q['repoint-aliases'], { rows: repoints });
    if (plan.evidence.length) await tx.run(this.q['create-evidence'], { rows: plan.evidence });
    if (plan.deviceUses.length) await tx.run(this.q['device-uses'], { rows: plan.deviceUses });
    if (plan.attributes.length) {
      const props = attributeProps(plan.attributes);
      await tx.run(this.q['set-attributes'], { rows: [...props].map(([oneId, p]) => ({ oneId, props: p })) });
    }
    if (plan.events.length) await tx.run(this.q['record-events'], { rows: plan.events, appliedAt: at });
    return conflicts;
  }

  /**
   * Bulk first load: write one batch of one step's rows and the checkpoint that counts it, in
   * one transaction (`write` stores rows a statement cannot, the seals). No identity lock: a
   * bulk load only writes identities new to the database (see bulkOverlap).
   */
  async bulkWrite(
    step: BulkStep,
    rows: readonly unknown[],
    checkpoint: { id: string; done: number },
    write?: (tx: Tx) => Promise<void>,
  ): Promise<void> {
    const at = new Date().toISOString();
    await this.db.write(async (tx) => {
      if (step === 'seals') await write?.(tx);
      else await tx.run(this.q[BULK_STATEMENTS[step]], { rows, at, appliedAt: at });
      await tx.run(this.q['bulk-checkpoint'], { id: checkpoint.id, step, done: checkpoint.done, at });
    });
  }

  /** The last checkpoint of a bulk load (null: it has written nothing yet). */
  async bulkProgress(id: string): Promise<{ step: BulkStep; done: number } | null> {
    const rows = await this.db.read((tx) => tx.run<{ step: BulkStep; done: number }>(this.q['bulk-progress'], { id }));
    return rows[0] ? { step: rows[0].step, done: Number(rows[0].done) } : null;
  }

  /** True when the database holds no identifier, tombstone or identity event. */
  async identityEmpty(): Promise<boolean> {
    const rows = await this.db.read((tx) => tx.run<{ empty: boolean }>(this.q['bulk-empty']));
    return rows[0]?.empty === true;
  }

  /** How many of these keys (tombstones included) and event ids the database holds. */
  async bulkOverlap(keys: readonly string[], eventIds: readonly string[]): Promise<{ keys: number; events: number }> {
    const rows = await this.db.read((tx) => tx.run<{ keys: number; events: number }>(this.q['bulk-overlap'], { keys, eventIds }));
    return { keys: Number(rows[0]?.keys ?? 0), events: Number(rows[0]?.events ?? 0) };
  }

  async resolveKey(key: string): Promise<PersonRecord | null> {
    const rows = await this.db.read((tx) => tx.run<{ person: Record<string, unknown> }>(this.q.resolve, { key }));
    return rows[0] ? toPersonRecord(rows[0].person) : null;
  }

  /** Live people by OneID (merged-away OneIDs resolve to survivors), in input order. */
  async personsByOneId(oneIds: readonly string[]): Promise<Array<PersonRecord | null>> {
    const rows = await this.db.read((tx) =>
      tx.run<{ requested: string; person: Record<string, unknown> }>(this.q['persons-by-oneid'], { oneIds }),
    );
    const byId = new Map(rows.map((r) => [r.requested, toPersonRecord(r.person)]));
    return oneIds.map((id) => byId.get(id) ?? null);
  }

  /** The live OneID each of these stands for and whether that person was erased (null: nobody). */
  async survivors(oneIds: readonly string[]): Promise<Array<{ oneId: string; forgotten: boolean } | null>> {
    const rows = await this.db.read((tx) => tx.run<{ requested: string; oneId: string; forgotten: boolean }>(this.q.survivors, { oneIds }));
    const byId = new Map(rows.map((r) => [r.requested, { oneId: r.oneId, forgotten: r.forgotten }]));
    return oneIds.map((id) => byId.get(id) ?? null);
  }

  identifiersOf(oneIds: readonly string[]): Promise<IdentifierRecord[][]> {
    return this.groupIdentifiers('identifiers-of', oneIds);
  }

  devicesOf(oneIds: readonly string[]): Promise<IdentifierRecord[][]> {
    return this.groupIdentifiers('devices-of', oneIds);
  }

  async aliasesOf(oneIds: readonly string[]): Promise<string[][]> {
    const rows = await this.db.read((tx) => tx.run<{ oneId: string; alias: string }>(this.q['aliases-of'], { oneIds }));
    const by = new Map<string, string[]>();
    for (const r of rows) by.set(r.oneId, [...(by.get(r.oneId) ?? []), r.alias]);
    return oneIds.map((id) => by.get(id) ?? []);
  }

  async identifiersByKey(keys: string[]): Promise<Map<string, { identifier: IdentifierRecord; oneId: string | null }>> {
    const rows = await this.db.read((tx) =>
      tx.run<{ identifier: Record<string, unknown>; oneId: string | null }>(this.q['identifiers-by-key'], { keys }),
    );
    return new Map(rows.map((r) => [String(r.identifier.key), { identifier: toIdentifierRecord(r.identifier), oneId: r.oneId }]));
  }

  async evidencePath(a: string, b: string): Promise<EvidenceStep | null> {
    const rows = await this.db.read((tx) =>
      tx.run<{ nodes: Record<string, unknown>[]; links: EvidenceStep['links'] }>(this.q['explain-path'], { a, b }),
    );
    if (!rows[0]) return null;
    return { nodes: rows[0].nodes.map(toIdentifierRecord), links: rows[0].links };
  }

  async loadForSplit(tx: Tx, key: string): Promise<SplitLoad | null> {
    const rows = await tx.run<{ person: Record<string, unknown>; identifiers: SplitLoad['identifiers']; links: SplitLoad['links'] }>(
      this.q['split-load'],
      { key },
    );
    if (!rows[0]) return null;
    return { person: toPersonRecord(rows[0].person), identifiers: rows[0].identifiers, links: rows[0].links };
  }

  async applySplit(
    tx: Tx,
    args: { key: string; oneId: string; reason: string; at: string; pieces: Array<{ oneId: string; createdAt: number; keys: string[] }> },
  ): Promise<void> {
    await tx.run(this.q['split-apply'], args);
    tx.touch('persons', [args.oneId, ...args.pieces.map((p) => p.oneId)]);
  }

  /** Erase the live person behind a OneID (a merged-away one resolves to its survivor); null when unknown. */
  async forget(tx: Tx, oneId: string, at: string): Promise<{ oneId: string; erased: number; dataKeyIds: string[] } | null> {
    tx.touch('persons', [oneId]); // an erased member no longer counts in its household's work-list
    const rows = await tx.run<{ oneId: string; erased: number; dataKeyIds: string[] }>(this.q.forget, { oneId, at });
    return rows[0] ?? null;
  }

  /** Set attributes (and their observation times) of a live person; run it under the identity lock (withIdentityLock). */
  async updatePerson(tx: Tx, oneId: string, props: Record<string, unknown>): Promise<PersonRecord | null> {
    const rows = await tx.run<{ person: Record<string, unknown> }>(this.q['update-person'], { oneId, props });
    return rows[0] ? toPersonRecord(rows[0].person) : null;
  }

  private async groupIdentifiers(name: 'identifiers-of' | 'devices-of', oneIds: readonly string[]): Promise<IdentifierRecord[][]> {
    const rows = await this.db.read((tx) => tx.run<{ oneId: string; identifier: Record<string, unknown> }>(this.q[name], { oneIds }));
    const by = new Map<string, IdentifierRecord[]>();
    for (const r of rows) by.set(r.oneId, [...(by.get(r.oneId) ?? []), toIdentifierRecord(r.identifier)]);
    return oneIds.map((id) => by.get(id) ?? []);
  }
}

function readAttributes(props: Record<string, unknown>): PersonAttributes {
  const out: Record<string, { value: unknown; observedAt: string }> = {};
  for (const name of ATTRIBUTE_NAMES) {
    const at = props[`${name}At`];
    if (props[name] !== undefined && props[name] !== null && typeof at === 'string') out[name] = { value: props[name], observedAt: at };
  }
  return out as PersonAttributes;
}
