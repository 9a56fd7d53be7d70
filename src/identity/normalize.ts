/**
 * Normalization of raw identifiers into their canonical form (see the
 * `IdentifierType` descriptions of the contract).
 *
 * Two modes share the same cleaning steps:
 * - `normalizeIdentifier` (strict): canonical form of a VALID identifier, or a
 *   reason why it is not valid;
 * - `normalizeLeniently`: the same cleaning without the validity checks on the
 *   value, so that junk values which are not even valid (an all-same-digit
 *   national ID, a placeholder phone) can still be recognised by `junk.ts` and
 *   ignored instead of refused. The namespace is checked strictly in both modes:
 *   a missing or unknown namespace is a client error, not junk.
 *
 * Reasons are human sentences that never contain the raw value (PIPL).
 * Control characters are refused everywhere: besides being nonsense in an
 * identifier, U+001F is the field separator of the keyed hash (hash.ts).
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { CanonicalIdentifier, IdentifierType, RawIdentifier } from './identifier';

/** Longest accepted value, in characters (after trimming). */
export const MAX_VALUE_LENGTH = 256;
/** Longest accepted namespace, in characters (after trimming); matches the GraphQL input limit. */
export const MAX_NAMESPACE_LENGTH = 128;
/** Namespaces of DEVICE_ID. */
export const DEVICE_NAMESPACES = ['imei', 'idfa', 'android_id', 'watch'] as const;
export type DeviceNamespace = (typeof DEVICE_NAMESPACES)[number];

export type NormalizeResult = { ok: true; value: CanonicalIdentifier } | { ok: false; reason: string };
export interface NormalizeOptions {
  /** "Today" for the national ID birth-date check; defaults to the current time. */
  now?: Date;
}

type Step<T> = { ok: true; value: T } | { ok: false; reason: string };
type Mode = 'strict' | 'lenient';

const NATIONAL_ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const NATIONAL_ID_CHECK_CHARS = '10X98765432';
const EMAIL_PATTERN = /^[^\s@]+@(?:[^\s@.]+\.)+[^\s@.]+$/;
const UUID_PATTERN = /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/;
const IOT_NAMESPACE_PATTERN = /^[a-z0-9][a-z0-9_-]*$/;
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;

const ok = <T>(value: T): Step<T> => ({ ok: true, value });
const fail = <T>(reason: string): Step<T> => ({ ok: false, reason });

/**
 * Canonical form of a raw identifier, or a reason (without the raw value) why
 * it is not a valid identifier of its type.
 */
export function normalizeIdentifier(raw: RawIdentifier, options: NormalizeOptions = {}): NormalizeResult {
  return normalizeWith(raw, 'strict', options.now ?? new Date());
}

/**
 * Canonical-looking form of a raw identifier WITHOUT the validity checks on the
 * value (checksums, lengths, dates), for junk detection. Still refuses empty,
 * over-long or control-character values and bad namespaces.
 */
export function normalizeLeniently(raw: RawIdentifier): NormalizeResult {
  return normalizeWith(raw, 'lenient', new Date());
}

function normalizeWith(raw: RawIdentifier, mode: Mode, now: Date): NormalizeResult {
  const value = checkValue(raw.value);
  if (!value.ok) return value;
  const namespace = normalizeNamespace(raw.type, raw.namespace);
  if (!namespace.ok) return namespace;
  const normalized = normalizeValue(raw.type, namespace.value, value.value, mode, now);
  if (!normalized.ok) return normalized;
  return ok({ type: raw.type, namespace: namespace.value, value: normalized.value });
}

/** Common checks on every value: present, not blank, not too long, no control characters. */
function checkValue(value: unknown): Step<string> {
  if (typeof value !== 'string') return fail('value must be a string');
  const trimmed = value.trim();
  if (trimmed === '') return fail('value is empty');
  if (trimmed.length > MAX_VALUE_LENGTH) return fail(`value is longer than ${MAX_VALUE_LENGTH} characters`);
  if (hasControlChars(trimmed)) return fail('value contains control characters');
  return ok(trimmed);
}

/** True when the text holds a C0 control character or DEL. */
function hasControlChars(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

// ---------------------------------------------------------------- namespaces

function normalizeNamespace(type: IdentifierType, namespace: string | null | undefined): Step<string | null> {
  switch (type) {
    case 'PHONE':
    case 'EMAIL':
    case 'NATIONAL_ID':
    case 'WECHAT_UNIONID':
      return ok(null); // these types have no namespace; one sent is ignored
    case 'ACCOUNT':
      return requireNamespace(type, namespace, 'the upstream system', (ns) => ok(ns.toLowerCase()));
    case 'WECHAT_OPENID':
      return requireNamespace(type, namespace, 'the WeChat appId', (ns) => ok(ns));
    case 'DEVICE_ID':
      return requireNamespace(type, namespace, `one of ${DEVICE_NAMESPACES.join(', ')}`, deviceNamespace);
    case 'IOT_DEVICE':
      return requireNamespace(type, namespace, 'the kind of device, e.g. tv', iotNamespace);
  }
}

function requireNamespace(
  type: IdentifierType,
  namespace: string | null | undefined,
  expected: string,
  canonical: (trimmed: string) => Step<string>,
): Step<string | null> {
  const trimmed = typeof namespace === 'string' ? namespace.trim() : '';
  if (trimmed === '') return fail(`${type} requires a namespace (${expected})`);
  if (trimmed.length > MAX_NAMESPACE_LENGTH) {
    return fail(`${type} namespace is longer than ${MAX_NAMESPACE_LENGTH} characters`);
  }
  if (hasControlChars(trimmed)) return fail(`${type} namespace contains control characters`);
  return canonical(trimmed);
}

function deviceNamespace(trimmed: string): Step<string> {
  const lower = trimmed.toLowerCase();
  return isDeviceNamespace(lower)
    ? ok(lower)
    : fail(`DEVICE_ID namespace must be one of ${DEVICE_NAMESPACES.join(', ')}`);
}

function iotNamespace(trimmed: string): Step<string> {
  const lower = trimmed.toLowerCase();
  return IOT_NAMESPACE_PATTERN.test(lower)
    ? ok(lower)
    : fail('IOT_DEVICE namespace must be a single token of letters, digits, "-" or "_" (e.g. tv, fridge)');
}

function isDeviceNamespace(value: string): value is DeviceNamespace {
  return (DEVICE_NAMESPACES as readonly string[]).includes(value);
}

// -------------------------------------------------------------------- values

function normalizeValue(
  type: IdentifierType,
  namespace: string | null,
  value: string,
  mode: Mode,
  now: Date,
): Step<string> {
  switch (type) {
    case 'PHONE':
      return normalizePhone(value, mode);
    case 'EMAIL':
      return normalizeEmail(value, mode);
    case 'NATIONAL_ID':
      return normalizeNationalId(value, mode, now);
    case 'ACCOUNT':
    case 'WECHAT_OPENID':
    case 'WECHAT_UNIONID':
      return ok(value); // opaque ids: trimmed, case preserved
    case 'DEVICE_ID':
      return normalizeDeviceId(namespace as DeviceNamespace, value, mode);
    case 'IOT_DEVICE':
      return ok(value.toUpperCase());
  }
}

/** Full-width digits and symbols (common with Chinese input methods) to ASCII. */
function toHalfWidth(value: string): string {
  return value.normalize('NFKC').trim();
}

/** PHONE: E.164 with default region CN; must be a valid number, without extension. */
function normalizePhone(value: string, mode: Mode): Step<string> {
  const parsed = parsePhoneNumberFromString(toHalfWidth(value), 'CN');
  if (parsed === undefined) {
    return mode === 'lenient' ? ok(digitsOnly(value)) : fail('PHONE is not a phone number');
  }
  if (mode === 'lenient') return ok(parsed.number);
  if (parsed.ext !== undefined) {
    return fail('PHONE must not have an extension (a switchboard number is shared by many people)');
  }
  if (!parsed.isValid()) return fail('PHONE is not a valid phone number for its country');
  return ok(parsed.number);
}

function digitsOnly(value: string): string {
  return toHalfWidth(value).replace(/[^0-9+]/g, '');
}

/** EMAIL: trimmed and lower-cased; one "@", a non-empty local part, a dotted domain, no spaces. */
function normalizeEmail(value: string, mode: Mode): Step<string> {
  const email = toHalfWidth(value).toLowerCase();
  if (mode === 'strict' && !EMAIL_PATTERN.test(email)) return fail('EMAIL is not a valid e-mail address');
  return ok(email);
}

/** NATIONAL_ID: 18 characters, ISO 7064 MOD 11-2 check character, a real birth date. */
function normalizeNationalId(value: string, mode: Mode, now: Date): Step<string> {
  const id = toHalfWidth(value).replace(/\s+/g, '').toUpperCase();
  if (mode === 'lenient') return ok(id);
  if (!/^\d{17}[\dX]$/.test(id)) {
    return fail('NATIONAL_ID must be 18 characters: 17 digits and a check digit or X');
  }
  if (nationalIdCheckChar(id.slice(0, 17)) !== id[17]) return fail('NATIONAL_ID check character does not match');
  if (!isPlausibleBirthDate(id.slice(6, 14), now)) {
    return fail('NATIONAL_ID does not contain a valid birth date (1900 or later, not in the future)');
  }
  return ok(id);
}

/** The ISO 7064 MOD 11-2 check character of the first 17 digits of a PRC resident ID. */
export function nationalIdCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < NATIONAL_ID_WEIGHTS.length; i += 1) {
    sum += Number(first17[i]) * NATIONAL_ID_WEIGHTS[i];
  }
  return NATIONAL_ID_CHECK_CHARS[sum % 11];
}

/** YYYYMMDD is a calendar date from 1900-01-01 up to today in China (UTC+8). */
function isPlausibleBirthDate(yyyymmdd: string, now: Date): boolean {
  const year = Number(yyyymmdd.slice(0, 4));
  const month = Number(yyyymmdd.slice(4, 6));
  const day = Number(yyyymmdd.slice(6, 8));
  if (year < 1900 || month < 1 || month > 12 || day < 1) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return false; // e.g. 0230
  const todayInChina = new Date(now.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10).replace(/-/g, '');
  return yyyymmdd <= todayInChina;
}

/** Birth date (YYYY-MM-DD) encoded in a normalized 18-character national ID. */
export function birthDateFromNationalId(id: string): string {
  if (!/^\d{17}[\dX]$/.test(id)) throw new Error('birthDateFromNationalId expects a normalized 18-character national ID');
  return `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
}

/** DEVICE_ID value rules per namespace. */
function normalizeDeviceId(namespace: DeviceNamespace, value: string, mode: Mode): Step<string> {
  switch (namespace) {
    case 'imei':
      return normalizeImei(value, mode);
    case 'idfa':
      return normalizeIdfa(value, mode);
    case 'android_id':
      return normalizeAndroidId(value, mode);
    case 'watch':
      return ok(value.toUpperCase());
  }
}

/** IMEI: 15 digits (spaces, hyphens and slashes removed) whose last digit is the Luhn check digit. */
function normalizeImei(value: string, mode: Mode): Step<string> {
  const imei = toHalfWidth(value).replace(/[\s/-]+/g, '');
  if (mode === 'lenient') return ok(imei);
  if (!/^\d{15}$/.test(imei)) return fail('DEVICE_ID imei must be 15 digits');
  if (!luhnValid(imei)) return fail('DEVICE_ID imei check digit (Luhn) does not match');
  return ok(imei);
}

/** True when the digit string passes the Luhn (mod 10) check. */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    const fromRight = digits.length - 1 - i;
    let digit = Number(digits[i]);
    if (fromRight % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/** IDFA: an upper-case UUID (8-4-4-4-12); 32 hex digits without hyphens are accepted and hyphenated. */
function normalizeIdfa(value: string, mode: Mode): Step<string> {
  let idfa = toHalfWidth(value).toUpperCase();
  if (/^[0-9A-F]{32}$/.test(idfa)) {
    idfa = `${idfa.slice(0, 8)}-${idfa.slice(8, 12)}-${idfa.slice(12, 16)}-${idfa.slice(16, 20)}-${idfa.slice(20)}`;
  }
  if (mode === 'strict' && !UUID_PATTERN.test(idfa)) return fail('DEVICE_ID idfa must be a UUID');
  return ok(idfa);
}

/**
 * android_id: exactly 16 lower-case hex digits (the 64-bit Settings.Secure.ANDROID_ID).
 * Shorter forms (leading zeros dropped by some SDKs) are refused rather than guessed.
 */
function normalizeAndroidId(value: string, mode: Mode): Step<string> {
  const id = toHalfWidth(value).toLowerCase();
  if (mode === 'strict' && !/^[0-9a-f]{16}$/.test(id)) return fail('DEVICE_ID android_id must be 16 hex digits');
  return ok(id);
}
