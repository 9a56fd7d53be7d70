/** Raw identifier values for tests: valid, never a junk pattern, unique enough per call. */
import { randomInt } from 'node:crypto';
import { nationalIdCheckChar } from '../../src/identity/normalize';

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
