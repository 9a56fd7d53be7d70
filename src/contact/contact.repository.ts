/**
 * Runs the contact Cypher (cypher/contact/*.cypher) and maps rows to plain records. Key
 * material and ciphertexts pass through here as stored (wrapped, encrypted); the services
 * decrypt. Statements that take a `tx` run in the caller's transaction (identity's write, a
 * reveal's or an export's write that also appends its log entry).
 */
import type { CypherRegistry } from '../db/cypher';
import type { Database, Tx } from '../db/database';
import type { IdentifierRecord } from '../identity/identity.model';
import { toIdentifierRecord } from '../identity/identity.model';
import { AccessLogRecord, ConsentRecord, toAccessLogRecord, toConsentRecord, type LogPosition } from './contact.model';
import { unpackSealed, type Sealed, type WrappedKey } from './crypto';

const QUERIES = [
  'ensure-keys',
  'seal-identifiers',
  'sealed-by-key',
  'sealed-of-persons',
  'subject',
  'append-log',
  'access-log-page',
  'one-ids-of',
  'consents-by-id',
  'record-consents',
  'consents-of',
  'keys-to-rotate',
  'count-keys-to-rotate',
  'rewrap-keys',
  'log-of-persons',
] as const;

/** An identifier with its ciphertext and the wrapped key that opens it (both null: stored before encryption). */
export interface SealedIdentifier {
  identifier: IdentifierRecord;
  sealed: Sealed | null;
  dataKey: WrappedKey | null;
}

export interface SubjectRow {
  oneId: string;
  forgotten: boolean;
  isSelf: boolean;
  advisorId: string | null;
  advisorLeft: boolean;
  types: string[];
  consents: ConsentRecord[];
}

export interface LogFilter {
  oneIds: string[] | null;
  actor: string | null;
  outcome: string | null;
  from: string | null;
  to: string | null;
}

export class ContactRepository {
  private readonly q: Record<(typeof QUERIES)[number], string>;

  constructor(
    readonly db: Database,
    cypher: CypherRegistry,
  ) {
    this.q = cypher.pick('contact', QUERIES);
  }

  // ---- keys (in identity's or the CLI's transaction)

  async ensureKeys(tx: Tx, rows: Array<{ oneId: string; candidate: WrappedKey }>, at: string): Promise<Map<string, WrappedKey>> {
    const out = await tx.run<{ oneId: string; key: WrappedKey }>(this.q['ensure-keys'], { rows, at });
    return new Map(out.map((r) => [r.oneId, r.key]));
  }

  /** Store sealed values (`sealed`: packSealed's form) and the id of the data key that sealed each. */
  async writeSealed(tx: Tx, rows: Array<{ key: string; dataKeyId: string; sealed: string }>): Promise<void> {
    if (rows.length) await tx.run(this.q['seal-identifiers'], { rows });
  }

  async sealedByKey(tx: Tx, keys: readonly string[]): Promise<Map<string, { sealed: Sealed; dataKey: WrappedKey }>> {
    const rows = await tx.run<{ key: string; sealed: string; dataKey: WrappedKey }>(this.q['sealed-by-key'], { keys });
    return new Map(rows.map((r) => [r.key, { sealed: unpackSealed(r.sealed), dataKey: r.dataKey }]));
  }

  /** Each person's identifiers of `types` (null: all) with their ciphertexts, in input order. */
  async sealedOf(tx: Tx, oneIds: readonly string[], types: readonly string[] | null, namespace: string | null = null): Promise<SealedIdentifier[][]> {
    const rows = await tx.run<{ oneId: string; identifier: Record<string, unknown>; sealed: string | null; dataKey: WrappedKey | null }>(
      this.q['sealed-of-persons'],
      { oneIds, types, namespace },
    );
    const by = new Map<string, SealedIdentifier[]>();
    for (const r of rows) {
      const list = by.get(r.oneId) ?? [];
      list.push({ identifier: toIdentifierRecord(r.identifier), sealed: r.sealed === null ? null : unpackSealed(r.sealed), dataKey: r.dataKey });
      by.set(r.oneId, list);
    }
    return oneIds.map((id) => by.get(id) ?? []);
  }

  async keysToRotate(tx: Tx, newest: string, known: readonly string[], limit: number): Promise<WrappedKey[]> {
    return (await tx.run<{ dataKey: WrappedKey }>(this.q['keys-to-rotate'], { newest, knownIds: known, limit })).map((r) => r.dataKey);
  }

  /** Data keys not wrapped by `newest`; `unknown`: of them, wrapped by an id not in `known`. */
  async countKeysToRotate(newest: string, known: readonly string[]): Promise<{ remaining: number; unknown: number }> {
    const rows = await this.db.read((tx) => tx.run<{ remaining: number; unknown: number }>(this.q['count-keys-to-rotate'], { newest, knownIds: known }));
    return rows[0] ?? { remaining: 0, unknown: 0 };
  }

  async rewrap(tx: Tx, rows: Array<WrappedKey & { from: string }>, at: string): Promise<number> {
    const out = await tx.run<{ rewrapped: number }>(this.q['rewrap-keys'], { rows, at });
    return out[0]?.rewrapped ?? 0;
  }

  // ---- subjects, log, consents

  async subject(tx: Tx, oneId: string, self: string | null): Promise<SubjectRow | null> {
    const rows = await tx.run<Omit<SubjectRow, 'consents'> & { consents: Record<string, unknown>[] }>(this.q.subject, { oneId, self });
    const row = rows[0];
    return row ? { ...row, consents: row.consents.map(toConsentRecord) } : null;
  }

  async appendLog(tx: Tx, entry: AccessLogRecord): Promise<void> {
    await tx.run(this.q['append-log'], { entry });
  }

  async logPage(filter: LogFilter, after: LogPosition | null, limit: number): Promise<{ totalCount: number; page: AccessLogRecord[] }> {
    const rows = await this.db.read((tx) =>
      tx.run<{ totalCount: number; page: Record<string, unknown>[] }>(this.q['access-log-page'], {
        ...filter,
        afterAt: after?.at ?? null,
        afterId: after?.id ?? null,
        limit,
      }),
    );
    return { totalCount: rows[0]?.totalCount ?? 0, page: (rows[0]?.page ?? []).map(toAccessLogRecord) };
  }

  /** The OneIDs of the person behind `oneId` (live first, then merged ones); null when unknown. */
  async oneIdsOf(tx: Tx, oneId: string): Promise<string[] | null> {
    const rows = await tx.run<{ oneIds: string[] }>(this.q['one-ids-of'], { oneId });
    return rows[0]?.oneIds ?? null;
  }

  /** Every entry naming one of these OneIDs, newest first. */
  async logOf(tx: Tx, oneIds: readonly string[]): Promise<AccessLogRecord[]> {
    return (await tx.run<{ entry: Record<string, unknown> }>(this.q['log-of-persons'], { oneIds })).map((r) => toAccessLogRecord(r.entry));
  }

  /** Stored statements by id, each with the live person it belongs to now (absent ids are left out). */
  async consentsById(tx: Tx, ids: readonly string[]): Promise<Map<string, { consent: ConsentRecord; oneId: string | null }>> {
    const rows = await tx.run<{ consent: Record<string, unknown>; oneId: string | null }>(this.q['consents-by-id'], { ids: [...new Set(ids)] });
    return new Map(rows.map((r) => [String(r.consent.id), { consent: toConsentRecord(r.consent), oneId: r.oneId }]));
  }

  /** Store statements of live people; answers the stored ones by id (a row whose person is gone is left out). */
  async recordConsents(
    tx: Tx,
    rows: ReadonlyArray<{ oneId: string; consent: ConsentRecord }>,
    recordedAt: string,
    recordedBy: string,
  ): Promise<Map<string, ConsentRecord>> {
    if (rows.length === 0) return new Map();
    const out = await tx.run<{ consent: Record<string, unknown> }>(this.q['record-consents'], { rows, recordedAt, recordedBy });
    return new Map(out.map((r) => [String(r.consent.id), toConsentRecord(r.consent)]));
  }

  async consentsOf(tx: Tx, oneIds: readonly string[]): Promise<ConsentRecord[][]> {
    const rows = await tx.run<{ oneId: string; consent: Record<string, unknown> }>(this.q['consents-of'], { oneIds });
    const by = new Map<string, ConsentRecord[]>();
    for (const r of rows) by.set(r.oneId, [...(by.get(r.oneId) ?? []), toConsentRecord(r.consent)]);
    return oneIds.map((id) => by.get(id) ?? []);
  }

  read<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.db.read(work);
  }

  write<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.db.write(work);
  }
}
