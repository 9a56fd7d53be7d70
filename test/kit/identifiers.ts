/**
 * Identifiers for tests: raw values (valid, never a junk pattern, unique enough per call) and
 * the IdentifierInput shapes the API takes (`phone()`, `email()`, ... a fresh one each call).
 */
import { randomInt, randomUUID } from 'node:crypto';
import { luhnValid, nationalIdCheckChar } from '../../src/identity/normalize';
import { journalIdentifier } from './privacy-sweep';

export type IdType = 'PHONE' | 'EMAIL' | 'NATIONAL_ID' | 'ACCOUNT' | 'WECHAT_OPENID' | 'WECHAT_UNIONID' | 'DEVICE_ID' | 'IOT_DEVICE';

/** An IdentifierInput (a type, not an interface, so it passes where a plain record is expected). */
export type Ident = {
  type: IdType;
  value: string;
  namespace?: string | null;
};

const MOBILE_PREFIXES = ['130', '131', '132', '133', '135', '136', '137', '139', '150', '151', '152', '155', '156', '157', '158', '159', '180', '181', '182', '183', '185', '186', '187', '188', '189'];

export function digits(n: number): string {
  let s = '';
  for (let i = 0; i < n; i += 1) s += String(randomInt(10));
  return s;
}

/** A valid CN mobile (11 digits, no country code), never a junk pattern (repeated subscriber digits). */
export function phoneNumber(): string {
  for (;;) {
    const sub = digits(8);
    if (!/^(\d)\1{7}$/.test(sub)) return MOBILE_PREFIXES[randomInt(MOBILE_PREFIXES.length)] + sub;
  }
}

/** A valid 18-character PRC resident ID (random region, birth date 1950-2004, right check char). */
export function nationalIdNumber(): string {
  const region = String(1 + randomInt(6)) + digits(5);
  const year = 1950 + randomInt(55);
  const month = String(1 + randomInt(12)).padStart(2, '0');
  const day = String(1 + randomInt(28)).padStart(2, '0');
  const first17 = `${region}${year}${month}${day}${digits(3)}`;
  return first17 + nationalIdCheckChar(first17);
}

/** A unique e-mail address on a non-reserved domain (example.org and friends are junk). */
export function emailAddress(local = `u${randomUUID().replace(/-/g, '').slice(0, 12)}`): string {
  return `${local}@mail-kg.cn`;
}

/** A 15-digit IMEI with a valid Luhn check digit (never all one digit). */
export function imeiNumber(): string {
  for (;;) {
    const body = `35${digits(12)}`;
    for (let d = 0; d <= 9; d += 1) {
      const candidate = body + String(d);
      if (luhnValid(candidate)) return candidate;
    }
  }
}

/** A unique token: `prefix` and 16 hex characters. */
export const token = (prefix: string): string => `${prefix}${randomUUID().replace(/-/g, '').slice(0, 16)}`;

/** Every identifier handed out is journaled for the whole-suite privacy sweep (privacy-sweep.ts). */
function journaled(id: Ident): Ident {
  journalIdentifier(id);
  return id;
}

export const phone = (national = phoneNumber()): Ident => journaled({ type: 'PHONE', value: national });
export const email = (address = emailAddress()): Ident => journaled({ type: 'EMAIL', value: address });
export const nationalId = (value = nationalIdNumber()): Ident => journaled({ type: 'NATIONAL_ID', value });
export const imei = (value = imeiNumber()): Ident => journaled({ type: 'DEVICE_ID', namespace: 'imei', value });
export const account = (namespace = 'crm', value = token('acc')): Ident => journaled({ type: 'ACCOUNT', namespace, value });
export const openId = (appId = 'wxapp1', value = token('o')): Ident => journaled({ type: 'WECHAT_OPENID', namespace: appId, value });
export const unionId = (value = token('un')): Ident => journaled({ type: 'WECHAT_UNIONID', value });
/** A shared home device (never merges people; links its users). */
export const iot = (namespace = 'tv', value = token('TV')): Ident => journaled({ type: 'IOT_DEVICE', namespace, value });
