/**
 * Envelope encryption of identifier values (node:crypto, AES-256-GCM everywhere; nothing
 * hand-rolled beyond wiring):
 * - each person has data keys (32 random bytes); a value is sealed under one of them with a
 *   fresh 12-byte IV, the identifier's look-up key as additional data (a ciphertext copied onto
 *   another identifier does not open);
 * - a data key is stored only wrapped by a master key of the keyring (AES-256-GCM, the data
 *   key's id and the master key's id as additional data), next to that master key's id, so a
 *   rotation can re-wrap it and old ids keep unwrapping meanwhile.
 * Pure: no database. Ciphertexts travel as base64 strings (Neo4j properties).
 */
import { createCipheriv, createDecipheriv, randomBytes, randomUUID } from 'node:crypto';
import type { MasterKey } from '../config/config';

const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;

/** Ciphertext, IV and authentication tag, base64. */
export interface Sealed {
  cipher: string;
  iv: string;
  tag: string;
}

/** A data key as stored: wrapped by the master key `masterKeyId`. */
export interface WrappedKey extends Sealed {
  id: string;
  masterKeyId: string;
}

function encrypt(key: Buffer, plaintext: Buffer, aad: string, iv: Buffer = randomBytes(IV_BYTES)): Sealed {
  const cipher = createCipheriv(ALGORITHM, key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { cipher: body.toString('base64'), iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64') };
}

/** The plaintext; throws when the key, the additional data or the bytes do not match (GCM authentication). */
function decrypt(key: Buffer, sealed: Sealed, aad: string): Buffer {
  const decipher = createDecipheriv(ALGORITHM, key, Buffer.from(sealed.iv, 'base64'));
  decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
  return Buffer.concat([decipher.update(Buffer.from(sealed.cipher, 'base64')), decipher.final()]);
}

/**
 * A sealed value as one stored property, `iv.tag.cipher` ('.' is not in the base64 alphabet):
 * one property record per identifier instead of three, which ingestion writes for every new value.
 */
export function packSealed(s: Sealed): string {
  return `${s.iv}.${s.tag}.${s.cipher}`;
}

/** The parts packSealed joined; throws on anything else. */
export function unpackSealed(text: string): Sealed {
  const parts = text.split('.');
  if (parts.length !== 3) throw new Error('not a sealed value');
  return { iv: parts[0]!, tag: parts[1]!, cipher: parts[2]! };
}

/**
 * Seal values for identifiers: each under its data key, with a fresh 12-byte IV (drawn in one
 * call for all) and the identifier's look-up key as additional data.
 */
export function sealValues(items: ReadonlyArray<{ dataKey: Buffer; identifierKey: string; value: string }>): Sealed[] {
  const ivs = randomBytes(IV_BYTES * items.length);
  return items.map((i, n) => encrypt(i.dataKey, Buffer.from(i.value, 'utf8'), `identifier:${i.identifierKey}`, ivs.subarray(n * IV_BYTES, (n + 1) * IV_BYTES)));
}

/** The value sealValues sealed; throws when anything does not match. */
export function openValue(dataKey: Buffer, identifierKey: string, sealed: Sealed): string {
  return decrypt(dataKey, sealed, `identifier:${identifierKey}`).toString('utf8');
}

/** The master keys of the configuration, by id; the newest wraps new data keys. */
export class Keyring {
  private readonly byId: Map<string, Buffer>;
  readonly newest: MasterKey;

  constructor(keys: readonly MasterKey[]) {
    if (keys.length === 0) throw new Error('the keyring needs at least one master key');
    this.byId = new Map(keys.map((k) => [k.id, k.key]));
    this.newest = keys[keys.length - 1]!;
  }

  /** The ids of the master keys held. */
  get ids(): string[] {
    return [...this.byId.keys()];
  }

  /** A new random data key, wrapped by the newest master key. */
  newDataKey(): { key: Buffer; wrapped: WrappedKey } {
    const key = randomBytes(32);
    return { key, wrapped: this.wrap(randomUUID(), key) };
  }

  /** Wrap a data key (its id is bound to the wrapping) with the newest master key. */
  wrap(id: string, key: Buffer): WrappedKey {
    const masterKeyId = this.newest.id;
    return { id, masterKeyId, ...encrypt(this.newest.key, key, `data-key:${id}:${masterKeyId}`) };
  }

  /** The data key; throws for an unknown master key id or material that does not authenticate. */
  unwrap(wrapped: WrappedKey): Buffer {
    const master = this.byId.get(wrapped.masterKeyId);
    if (!master) throw new Error(`data key wrapped by an unknown master key id (${wrapped.masterKeyId}): add it to CONTACT_MASTER_KEYS`);
    return decrypt(master, wrapped, `data-key:${wrapped.id}:${wrapped.masterKeyId}`);
  }
}

/**
 * Unwrapped data keys of this process, by data key id, at most `max` (the oldest entry leaves
 * first). Ingestion seals under the same people's keys again and again; the cache saves the
 * unwrap, never a database read. Erasure evicts the person's keys.
 */
export class DataKeyCache {
  private readonly keys = new Map<string, Buffer>();

  constructor(
    private readonly keyring: Keyring,
    private readonly max = 10_000,
  ) {}

  get(wrapped: WrappedKey): Buffer {
    const hit = this.keys.get(wrapped.id);
    if (hit) return hit;
    const key = this.keyring.unwrap(wrapped);
    this.put(wrapped.id, key);
    return key;
  }

  put(id: string, key: Buffer): void {
    if (this.keys.size >= this.max) this.keys.delete(this.keys.keys().next().value as string);
    this.keys.set(id, key);
  }

  evict(ids: readonly string[]): void {
    for (const id of ids) this.keys.get(id)?.fill(0);
    for (const id of ids) this.keys.delete(id);
  }

  get size(): number {
    return this.keys.size;
  }
}
