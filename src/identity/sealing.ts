/**
 * The port through which identity keeps raw values encrypted (PIPL: stored only encrypted,
 * under a per-person data key that erasure destroys). Identity says what to seal, in its own
 * write transaction; the contact feature's key management (src/contact/keys.service.ts)
 * implements it and is handed to identity by the composition root, so identity knows no key.
 */
import type { Tx } from '../db/database';

export interface SealItem {
  /** The identifier's look-up key. */
  key: string;
  /** The (surviving) person that owns it now. */
  oneId: string;
  /** The normalized raw value: in memory only, sealed before it is written. */
  value: string;
}

/**
 * One person's values sealed in memory for a bulk first load: the new data key (wrapped, as the
 * key management stores it) and each value's ciphertext. Holds no clear value, so it may be
 * spilled to disk between planning and writing.
 */
export interface DetachedSeal {
  oneId: string;
  dataKey: Record<string, string>;
  values: Array<{ key: string; dataKeyId: string; sealed: string }>;
}

/** A data key as the graph stores it: wrapped by the master key `masterKeyId`. */
export interface StoredDataKey {
  id: string;
  cipher: string;
  iv: string;
  tag: string;
  masterKeyId: string;
}

/** An identifier's stored ciphertext: the properties the upsert sets on it. */
export interface SealedProps {
  /** The sealed value as the key management stores it (opaque here). */
  sealed: string;
  dataKeyId: string;
}

/** What an ingest batch stores for encryption, sealed in memory, no statement of its own. */
export interface BatchSeals {
  /** The new data key of each owner that had none (stored with the batch's new people). */
  newKeys: Map<string, StoredDataKey>;
  /**
   * Each identifier's ciphertext, by look-up key. Computed on the first call (CPU only), so the
   * writer can call it while the database creates the new people.
   */
  values(): Map<string, SealedProps>;
}

export interface IdentifierSealer {
  /** Encrypt each value under its person's current data key (created for a person without one), in `tx`. */
  seal(tx: Tx, items: readonly SealItem[]): Promise<void>;
  /**
   * Encrypt each value in memory, no statement: under its owner's data key as `keys` gives it
   * (read under the identity lock), or under a new one when `keys` maps the owner to null
   * (a person the batch creates). The caller stores `newKeys` and `values()` with its own writes.
   */
  sealInMemory(items: readonly SealItem[], keys: ReadonlyMap<string, StoredDataKey | null>): BatchSeals;
  /**
   * After a split: the identifiers of each piece now belong to a new person; re-encrypt them
   * under a fresh data key of that person (so erasing one piece leaves nothing of the other
   * decryptable). Identifiers stored without ciphertext stay so.
   */
  reseal(tx: Tx, pieces: ReadonlyArray<{ oneId: string; keys: readonly string[] }>): Promise<void>;
  /** These data keys were deleted (erasure): drop any copy this process holds. */
  destroyed(dataKeyIds: readonly string[]): void;
  /** Bulk first load: seal each new person's values under a new data key of its own, in memory (no transaction). */
  sealDetached(persons: ReadonlyArray<{ oneId: string; values: ReadonlyArray<{ key: string; value: string }> }>): DetachedSeal[];
  /** Store what sealDetached made (the people and identifiers exist), in `tx`. */
  writeDetached(tx: Tx, seals: readonly DetachedSeal[]): Promise<void>;
}

/** No encryption (benches measuring ingestion without it): values are never stored. */
export const NO_SEALING: IdentifierSealer = {
  seal: () => Promise.resolve(),
  sealInMemory: () => ({ newKeys: new Map(), values: () => new Map() }),
  reseal: () => Promise.resolve(),
  destroyed: () => undefined,
  sealDetached: () => [],
  writeDetached: () => Promise.resolve(),
};
