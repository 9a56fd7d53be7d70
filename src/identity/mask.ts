/**
 * Display forms of identifiers with the middle hidden (e.g. 138****8001). A
 * masked form never contains the full value: a final guard falls back to a
 * form without any character of the value if a rule ever would (values made of
 * "*", tiny values).
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { IdentifierType } from './identifier';

const STARS = '****';

/** Masked display form of a normalized identifier value; never the full value. */
export function maskIdentifier(type: IdentifierType, namespace: string | null, normalizedValue: string): string {
  void namespace; // the namespace is shown next to the value, it is not part of it
  return guard(maskByType(type, normalizedValue), normalizedValue);
}

function maskByType(type: IdentifierType, value: string): string {
  switch (type) {
    case 'PHONE':
      return maskPhone(value);
    case 'EMAIL':
      return maskEmail(value);
    case 'NATIONAL_ID':
      return maskNationalId(value);
    default:
      return maskGeneric(value);
  }
}

/** +86 numbers: national number, first 3 and last 4 (138****8001); others: +CC ****1234. */
function maskPhone(e164: string): string {
  const parsed = parsePhoneNumberFromString(e164);
  if (parsed === undefined) return maskGeneric(e164);
  const national = parsed.nationalNumber;
  if (parsed.countryCallingCode === '86' && national.length >= 9) {
    return `${national.slice(0, 3)}${STARS}${national.slice(-4)}`;
  }
  const tail = national.length > 6 ? national.slice(-4) : national.slice(-2);
  return `+${parsed.countryCallingCode} ${STARS}${tail}`;
}

/** First character of the local part, then ***, then the domain: z***@example.com. */
function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 0) return maskGeneric(email);
  const local = email.slice(0, at);
  const head = local.length > 1 ? local[0] : '';
  return `${head}***${email.slice(at)}`;
}

/** First 4 and last 4 characters, stars in between, same length: 1101**********1234. */
function maskNationalId(id: string): string {
  if (id.length < 12) return maskGeneric(id);
  return `${id.slice(0, 4)}${'*'.repeat(id.length - 8)}${id.slice(-4)}`;
}

/** First 2 and last 2 characters around ****; values of at most 4 characters are all stars. */
function maskGeneric(value: string): string {
  if (value.length <= 4) return STARS;
  return `${value.slice(0, 2)}${STARS}${value.slice(-2)}`;
}

/** Falls back to a value-free form if a rule would ever return something containing the full value. */
function guard(masked: string, value: string): string {
  if (!masked.includes(value)) return masked;
  return /^\*+$/.test(value) ? '(hidden)' : STARS;
}
