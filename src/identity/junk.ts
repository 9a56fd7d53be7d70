/**
 * THE list of junk identifier values: placeholders, test data and values that
 * many unrelated devices or people report. A junk identifier is IGNORED (it
 * neither creates nor merges a person), it is not refused: an event carrying
 * 13800138000 is still a good event for its other identifiers.
 *
 * Values are compared in canonical form (after normalization). Several junk
 * values are not even valid (an all-same-digit national ID has no real birth
 * date), so `classifyIdentifier` checks junk on a LENIENT normalization first:
 * a junk value is reported as junk, never as BAD_USER_INPUT.
 *
 * Each entry says why it is here. Add values only with such a reason: a false
 * entry silently stops a real person's identifier from resolving.
 *
 * Deliberately NOT listed: 11010519491231002X, the example number of the
 * GB 11643-1999 standard. It is a valid ID used as a fixture in our own tests;
 * add it if it ever shows up in production data.
 */
import type { CanonicalIdentifier, IdentifierType, RawIdentifier } from './identifier';
import { normalizeIdentifier, normalizeLeniently, type NormalizeOptions } from './normalize';

/** Placeholders typed into free-text id fields, or serialized "no value"s of upstream code. Compared lower-cased. */
const PLACEHOLDER_VALUES = new Set(['null', 'undefined', 'nil', 'none', 'nan', 'n/a', '-', '-1', '0', 'test', 'unknown']);

const JUNK_PHONES = new Set([
  // The example number of countless Chinese SDK docs, tutorials and form placeholders.
  '+8613800138000',
  // Keyboard sequence typed to get past a mandatory field (not a valid number: junk rather than refused).
  '+8612345678901',
]);

const JUNK_EMAILS = new Set([
  // Hand-typed fillers seen in every sign-up form.
  'test@test.com',
  'test@example.com',
  'a@a.com',
  'abc@abc.com',
  'email@email.com',
]);

/** Local parts of system senders, never a person's mailbox. */
const JUNK_EMAIL_LOCAL_PARTS = new Set([
  'noreply',
  'no-reply',
  'no_reply',
  'donotreply',
  'do-not-reply',
  'do_not_reply',
  'mailer-daemon',
]);

/** Domains reserved by RFC 2606 / RFC 6761 for examples and tests: they cannot receive mail. */
const RESERVED_EMAIL_DOMAIN = /(?:^|\.)(?:example\.(?:com|net|org)|example|test|invalid|localhost)$/;

const JUNK_IDFAS = new Set([
  // What iOS returns when ad tracking is limited or not authorised (iOS 10+, ATT): shared by millions.
  '00000000-0000-0000-0000-000000000000',
]);

const JUNK_ANDROID_IDS = new Set([
  // Emulators and wiped devices.
  '0000000000000000',
  // The Android 2.2 bug: one ANDROID_ID shipped on many devices of several makers, and the emulator's value.
  '9774d56d682e549c',
]);

/** True when a canonical (normalized or leniently normalized) value is junk for its type. */
export function isJunk(type: IdentifierType, namespace: string | null, normalizedValue: string): boolean {
  switch (type) {
    case 'PHONE':
      return isJunkPhone(normalizedValue);
    case 'EMAIL':
      return isJunkEmail(normalizedValue);
    case 'NATIONAL_ID':
      return isJunkNationalId(normalizedValue);
    case 'DEVICE_ID':
      return isJunkDevice(namespace, normalizedValue);
    case 'ACCOUNT':
    case 'WECHAT_OPENID':
    case 'WECHAT_UNIONID':
    case 'IOT_DEVICE':
      return isPlaceholder(normalizedValue);
  }
}

/** A serialized "no value" or filler, or only zeros. */
function isPlaceholder(value: string): boolean {
  return PLACEHOLDER_VALUES.has(value.toLowerCase()) || /^0+$/.test(value);
}

function isJunkPhone(e164: string): boolean {
  if (JUNK_PHONES.has(e164)) return true;
  // A CN national number that is one repeated digit (11111111111): filler, and never a real number.
  if (/^\+86(\d)\1{10}$/.test(e164)) return true;
  // A CN mobile whose 8-digit subscriber part is one repeated digit (13800000000, 13888888888,
  // 18888888888): the usual fillers of mandatory phone fields. The rare real owner of such a vanity
  // number loses merging by phone; keeping them would merge every stranger who typed them.
  return /^\+861[3-9]\d(\d)\1{7}$/.test(e164);
}

function isJunkEmail(email: string): boolean {
  if (JUNK_EMAILS.has(email)) return true;
  const at = email.lastIndexOf('@');
  if (at < 0) return false;
  return JUNK_EMAIL_LOCAL_PARTS.has(email.slice(0, at)) || RESERVED_EMAIL_DOMAIN.test(email.slice(at + 1));
}

function isJunkNationalId(id: string): boolean {
  // 17 identical digits (whatever the check character): 000000000000000000, 111111111111111111, ...
  if (/^(\d)\1{16}[\dX]$/.test(id)) return true;
  // Keyboard sequences typed into mandatory ID fields.
  return id === '123456789012345678' || id === '12345678901234567X';
}

function isJunkDevice(namespace: string | null, value: string): boolean {
  switch (namespace) {
    case 'imei':
      // 000000000000000 is what emulators and some stripped devices report (and it passes Luhn);
      // other all-same-digit IMEIs are fillers.
      return /^(\d)\1{14}$/.test(value);
    case 'idfa':
      return JUNK_IDFAS.has(value);
    case 'android_id':
      return JUNK_ANDROID_IDS.has(value);
    default:
      return isPlaceholder(value);
  }
}

export type Classification =
  | { kind: 'valid'; id: CanonicalIdentifier }
  | { kind: 'junk' }
  | { kind: 'invalid'; reason: string };

/**
 * Sorts a raw identifier into valid (with its canonical form), junk (ignore it)
 * or invalid (refuse the event, with a reason that never contains the value).
 * Junk is checked on a lenient normalization first, so that a junk value that is
 * not even valid is ignored rather than refused; a bad namespace stays invalid.
 */
export function classifyIdentifier(raw: RawIdentifier, options: NormalizeOptions = {}): Classification {
  const lenient = normalizeLeniently(raw);
  if (!lenient.ok) return { kind: 'invalid', reason: lenient.reason };
  if (isJunkCanonical(lenient.value)) return { kind: 'junk' };
  const strict = normalizeIdentifier(raw, options);
  if (!strict.ok) return { kind: 'invalid', reason: strict.reason };
  if (isJunkCanonical(strict.value)) return { kind: 'junk' };
  return { kind: 'valid', id: strict.value };
}

function isJunkCanonical(id: CanonicalIdentifier): boolean {
  return isJunk(id.type, id.namespace, id.value);
}
