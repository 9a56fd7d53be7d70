/**
 * Keyed hash of an identifier: the lookup key stored instead of the raw value.
 * HMAC-SHA-256 with a server secret, so a leaked database cannot be reversed by
 * hashing all phone numbers. The message is `type U+001F namespace U+001F value`;
 * normalization refuses control characters in namespaces and values, so the
 * separator cannot be forged and different (type, namespace, value) triples
 * never produce the same message.
 */
import { createHmac } from 'node:crypto';
import type { CanonicalIdentifier, IdentifierType, NormalizedIdentifier } from './identifier';
import { maskIdentifier } from './mask';

const SEPARATOR = '\u001f';

/** Hex HMAC-SHA-256 of the canonical identifier under `secret`; throws on an empty secret. */
export function identifierKey(
  secret: string,
  type: IdentifierType,
  namespace: string | null,
  normalizedValue: string,
): string {
  if (secret.length === 0) throw new Error('identifierKey needs a non-empty secret');
  const message = [type, namespace ?? '', normalizedValue].join(SEPARATOR);
  return createHmac('sha256', secret).update(message, 'utf8').digest('hex');
}

/** A canonical identifier completed with its lookup key and masked display form. */
export function toNormalizedIdentifier(secret: string, id: CanonicalIdentifier): NormalizedIdentifier {
  return {
    ...id,
    key: identifierKey(secret, id.type, id.namespace, id.value),
    masked: maskIdentifier(id.type, id.namespace, id.value),
  };
}
