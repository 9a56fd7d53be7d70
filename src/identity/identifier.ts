/**
 * Identifier types shared by the pure identity modules (normalize, junk, mask,
 * hash, rules, planner). No GraphQL, no database: plain data only.
 *
 * A raw value is personal information (PIPL): it lives only in memory while an
 * identifier is normalized, hashed and masked; it is never logged and never put
 * into an error message.
 */

/** Every identifier type of the contract's `IdentifierType` enum. */
export type IdentifierType =
  | 'PHONE'
  | 'EMAIL'
  | 'NATIONAL_ID'
  | 'ACCOUNT'
  | 'WECHAT_OPENID'
  | 'WECHAT_UNIONID'
  | 'DEVICE_ID'
  | 'IOT_DEVICE';

/** The identifier types in contract order. */
export const IDENTIFIER_TYPES: readonly IdentifierType[] = [
  'PHONE',
  'EMAIL',
  'NATIONAL_ID',
  'ACCOUNT',
  'WECHAT_OPENID',
  'WECHAT_UNIONID',
  'DEVICE_ID',
  'IOT_DEVICE',
];

/** True when `value` is one of the identifier types. */
export function isIdentifierType(value: unknown): value is IdentifierType {
  return typeof value === 'string' && (IDENTIFIER_TYPES as readonly string[]).includes(value);
}

/** An identifier as a client sent it. */
export interface RawIdentifier {
  type: IdentifierType;
  value: string;
  namespace?: string | null;
}

/** The canonical form of a valid identifier (output of `normalizeIdentifier`). */
export interface CanonicalIdentifier {
  type: IdentifierType;
  /** Canonical namespace, or null for types without one. */
  namespace: string | null;
  /** Canonical raw value. Personal information: never stored in clear or logged. */
  value: string;
}

/** A canonical identifier with its lookup key and display form. */
export interface NormalizedIdentifier extends CanonicalIdentifier {
  /** Keyed hash (HMAC) of type, namespace and value: the lookup key stored in the database. */
  key: string;
  /** Display form with the middle hidden. */
  masked: string;
}
