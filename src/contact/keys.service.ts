/**
 * Key management: identity's IdentifierSealer (seal at ingest, re-seal after a split, forget
 * erased keys), opening stored values for reveal, accounts and export, and the online
 * re-wrapping of data keys to the newest master key (`kingraph rotate-keys`).
 */
import type { Tx } from '../db/database';
import type { BatchSeals, DetachedSeal, IdentifierSealer, SealedProps, SealItem, StoredDataKey } from '../identity/sealing';
import type { ContactRepository, SealedIdentifier } from './contact.repository';
import { DataKeyCache, Keyring, openValue, packSealed, sealValues, type WrappedKey } from './crypto';

export interface RotationProgress {
  start(total: number): void;
  update(done: number): void;
  stop(): void;
}

export class KeysService implements IdentifierSealer {
  private readonly cache: DataKeyCache;

  constructor(
    private readonly repo: ContactRepository,
    readonly keyring: Keyring,
    cacheSize = 10_000,
  ) {
    this.cache = new DataKeyCache(keyring, cacheSize);
  }

  async seal(tx: Tx, items: readonly SealItem[]): Promise<void> {
    if (items.length === 0) return;
    // Each owner's current data key, created from a candidate for an owner without one.
    const oneIds = [...new Set(items.map((i) => i.oneId))];
    const stored = await this.repo.ensureKeys(
      tx,
      oneIds.map((oneId) => ({ oneId, candidate: this.keyring.newDataKey().wrapped })),
      new Date().toISOString(),
    );
    const sealed = this.sealInMemory(items, stored).values();
    await this.repo.writeSealed(tx, items.map((i) => ({ key: i.key, ...sealed.get(i.key)! })));
  }

  sealInMemory(items: readonly SealItem[], keys: ReadonlyMap<string, StoredDataKey | null>): BatchSeals {
    const newKeys = new Map<string, StoredDataKey>();
    const open = new Map<string, { id: string; key: Buffer }>();
    for (const [oneId, stored] of keys) {
      if (stored) {
        open.set(oneId, { id: stored.id, key: this.cache.get(stored) });
      } else {
        const fresh = this.keyring.newDataKey();
        newKeys.set(oneId, { ...fresh.wrapped });
        open.set(oneId, { id: fresh.wrapped.id, key: fresh.key });
      }
    }
    let values: Map<string, SealedProps> | undefined;
    return {
      newKeys,
      values: () => {
        if (values) return values;
        values = new Map();
        const sealed = sealValues(items.map((i) => {
          const k = open.get(i.oneId);
          if (!k) throw new Error('sealInMemory: no data key given for an owner');
          return { dataKey: k.key, identifierKey: i.key, value: i.value };
        }));
        items.forEach((item, n) => {
          const s = sealed[n]!;
          values!.set(item.key, { sealed: packSealed(s), dataKeyId: open.get(item.oneId)!.id });
        });
        return values;
      },
    };
  }

  async reseal(tx: Tx, pieces: ReadonlyArray<{ oneId: string; keys: readonly string[] }>): Promise<void> {
    const stored = await this.repo.sealedByKey(tx, pieces.flatMap((p) => p.keys));
    const items: SealItem[] = [];
    for (const piece of pieces) {
      for (const key of piece.keys) {
        const s = stored.get(key);
        if (s) items.push({ key, oneId: piece.oneId, value: openValue(this.cache.get(s.dataKey), key, s.sealed) });
      }
    }
    await this.seal(tx, items);
  }

  destroyed(dataKeyIds: readonly string[]): void {
    this.cache.evict(dataKeyIds);
  }

  sealDetached(persons: ReadonlyArray<{ oneId: string; values: ReadonlyArray<{ key: string; value: string }> }>): DetachedSeal[] {
    // New people only: each gets a new data key (null), as a batch's new people do.
    const batch = this.sealInMemory(
      persons.flatMap((p) => p.values.map((v) => ({ key: v.key, oneId: p.oneId, value: v.value }))),
      new Map(persons.map((p) => [p.oneId, null])),
    );
    const sealed = batch.values();
    return persons.map((p) => ({
      oneId: p.oneId,
      dataKey: { ...batch.newKeys.get(p.oneId)! },
      values: p.values.map((v) => ({ key: v.key, ...sealed.get(v.key)! })),
    }));
  }

  async writeDetached(tx: Tx, seals: readonly DetachedSeal[]): Promise<void> {
    if (seals.length === 0) return;
    const candidates = seals.map((s) => ({ oneId: s.oneId, candidate: s.dataKey as unknown as WrappedKey }));
    const stored = await this.repo.ensureKeys(tx, candidates, new Date().toISOString());
    // A person that already held a key would not open these ciphertexts: a bulk load only writes new people.
    const missing = candidates.filter((c) => !stored.has(c.oneId)).length;
    const other = candidates.filter((c) => stored.has(c.oneId) && stored.get(c.oneId)!.id !== c.candidate.id).length;
    if (missing || other) throw new Error(`bulk sealing: ${missing} person(s) not found, ${other} with a data key already`);
    await this.repo.writeSealed(tx, seals.flatMap((s) => s.values));
  }

  /** The clear value of a stored identifier; null when it was stored before encryption (hash-only). */
  open(row: SealedIdentifier): string | null {
    if (!row.sealed || !row.dataKey) return null;
    return openValue(this.cache.get(row.dataKey), row.identifier.key, row.sealed);
  }

  /**
   * Re-wrap every data key not yet wrapped by the newest master key, `batch` per transaction,
   * online (a key is re-wrapped only if it still has the master key id it was read with) and
   * resumable (a rerun finds only the keys left). Keys wrapped by a master key id the keyring
   * does not hold are left as they are and counted (`unknown`). Returns how many were
   * re-wrapped and how many are left.
   */
  async rotate(batch: number, progress?: RotationProgress): Promise<{ rewrapped: number; remaining: number; unknown: number }> {
    const newest = this.keyring.newest.id;
    const known = this.keyring.ids;
    const total = await this.repo.countKeysToRotate(newest, known);
    progress?.start(total.remaining - total.unknown);
    let rewrapped = 0;
    try {
      for (;;) {
        const done = await this.repo.write(async (tx) => {
          const keys = await this.repo.keysToRotate(tx, newest, known, batch);
          if (keys.length === 0) return -1;
          const rows = keys.map((k) => ({ ...this.keyring.wrap(k.id, this.keyring.unwrap(k)), from: k.masterKeyId }));
          return this.repo.rewrap(tx, rows, new Date().toISOString());
        });
        if (done < 0) break;
        rewrapped += done;
        progress?.update(rewrapped);
      }
    } finally {
      progress?.stop();
    }
    return { rewrapped, ...(await this.repo.countKeysToRotate(newest, known)) };
  }
}
