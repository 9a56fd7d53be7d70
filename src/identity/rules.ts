/**
 * Identity rules: how many identifiers of a type one person may hold (beyond
 * that a value is "shared" and stops merging), and which identifier decides
 * the owner of an event (priority).
 *
 * A limit counts distinct identifiers per bucket: the type, or the type and the
 * namespace when `perNamespace` (one account per upstream system, one OpenID per
 * WeChat app, five devices per device kind). IOT_DEVICE never merges people, so
 * its limit is never consulted and cannot be overridden.
 */
import { IDENTIFIER_TYPES, isIdentifierType, type IdentifierType } from './identifier';

export interface IdentifierLimit {
  /** Most distinct identifiers of the bucket one person may hold. */
  max: number;
  /** Count per (type, namespace) instead of per type. */
  perNamespace: boolean;
}

export interface IdentityRules {
  limits: Record<IdentifierType, IdentifierLimit>;
  /** Types that can merge, strongest first; the first identifier of an event by this order is its primary. */
  priority: IdentifierType[];
}

/** Largest `max` an override may set: anything above is a typo, not a policy. */
const MAX_LIMIT = 1000;
const MERGING_TYPES = IDENTIFIER_TYPES.filter((type) => type !== 'IOT_DEVICE');

/** Default rules (the values DESIGN.md and the contract describe). */
export const DEFAULT_IDENTITY_RULES: IdentityRules = deepFreeze({
  limits: {
    NATIONAL_ID: { max: 1, perNamespace: false },
    WECHAT_UNIONID: { max: 1, perNamespace: false },
    ACCOUNT: { max: 1, perNamespace: true },
    WECHAT_OPENID: { max: 1, perNamespace: true },
    PHONE: { max: 3, perNamespace: false },
    EMAIL: { max: 5, perNamespace: false },
    DEVICE_ID: { max: 5, perNamespace: true },
    IOT_DEVICE: { max: 0, perNamespace: true }, // never merges: not consulted
  },
  priority: ['NATIONAL_ID', 'ACCOUNT', 'WECHAT_UNIONID', 'PHONE', 'EMAIL', 'WECHAT_OPENID', 'DEVICE_ID'],
});

/** The limit bucket an identifier counts in: `TYPE` or `TYPE:namespace`. */
export function limitKey(type: IdentifierType, namespace: string | null, rules: IdentityRules): string {
  return rules.limits[type].perNamespace ? `${type}:${namespace ?? ''}` : type;
}

/** Position of a type in the priority order (lower is stronger); unlisted types come last. */
export function priorityRank(type: IdentifierType, rules: IdentityRules): number {
  const index = rules.priority.indexOf(type);
  return index < 0 ? rules.priority.length : index;
}

/**
 * Validates an override (a JSON string or an already parsed value) and merges
 * it over the defaults. Shape: `{ "limits": { "PHONE": { "max": 2 } }, "priority": [...] }`;
 * both keys optional, a priority must list every merging type exactly once.
 * Throws an Error naming what is wrong.
 */
export function parseIdentityRules(json: unknown): IdentityRules {
  const root = asRecord(typeof json === 'string' ? parseJson(json) : json, 'identity rules');
  rejectUnknownKeys(root, ['limits', 'priority'], 'identity rules');
  return {
    limits: parseLimits(root.limits),
    priority: root.priority === undefined ? [...DEFAULT_IDENTITY_RULES.priority] : parsePriority(root.priority),
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new Error('identity rules: not valid JSON');
  }
}

function parseLimits(value: unknown): Record<IdentifierType, IdentifierLimit> {
  const limits = copyDefaultLimits();
  if (value === undefined) return limits;
  const overrides = asRecord(value, 'identity rules.limits');
  for (const [type, override] of Object.entries(overrides)) {
    if (!isIdentifierType(type)) throw new Error(`identity rules.limits: unknown identifier type "${type}"`);
    if (type === 'IOT_DEVICE') throw new Error('identity rules.limits: IOT_DEVICE never merges and has no limit');
    limits[type] = parseLimit(override, limits[type], `identity rules.limits.${type}`);
  }
  return limits;
}

function parseLimit(value: unknown, base: IdentifierLimit, where: string): IdentifierLimit {
  const record = asRecord(value, where);
  rejectUnknownKeys(record, ['max', 'perNamespace'], where);
  const limit = { ...base };
  if (record.max !== undefined) {
    if (typeof record.max !== 'number' || !Number.isInteger(record.max) || record.max < 1 || record.max > MAX_LIMIT) {
      throw new Error(`${where}.max must be an integer from 1 to ${MAX_LIMIT}`);
    }
    limit.max = record.max;
  }
  if (record.perNamespace !== undefined) {
    if (typeof record.perNamespace !== 'boolean') throw new Error(`${where}.perNamespace must be true or false`);
    limit.perNamespace = record.perNamespace;
  }
  return limit;
}

function parsePriority(value: unknown): IdentifierType[] {
  if (!Array.isArray(value)) throw new Error('identity rules.priority must be an array of identifier types');
  const priority: IdentifierType[] = [];
  for (const item of value as unknown[]) {
    if (!isIdentifierType(item) || item === 'IOT_DEVICE') {
      throw new Error(`identity rules.priority: "${String(item)}" is not a merging identifier type`);
    }
    if (priority.includes(item)) throw new Error(`identity rules.priority: ${item} is listed twice`);
    priority.push(item);
  }
  const missing = MERGING_TYPES.filter((type) => !priority.includes(type));
  if (missing.length > 0) throw new Error(`identity rules.priority: missing ${missing.join(', ')}`);
  return priority;
}

function copyDefaultLimits(): Record<IdentifierType, IdentifierLimit> {
  const entries = IDENTIFIER_TYPES.map((type) => [type, { ...DEFAULT_IDENTITY_RULES.limits[type] }] as const);
  return Object.fromEntries(entries) as Record<IdentifierType, IdentifierLimit>;
}

function asRecord(value: unknown, where: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error(`${where} must be a JSON object`);
  }
  return value as Record<string, unknown>;
}

function rejectUnknownKeys(record: Record<string, unknown>, allowed: string[], where: string): void {
  const unknown = Object.keys(record).filter((key) => !allowed.includes(key));
  if (unknown.length > 0) throw new Error(`${where}: unknown key(s) ${unknown.join(', ')} (allowed: ${allowed.join(', ')})`);
}

function deepFreeze<T extends object>(value: T): T {
  for (const child of Object.values(value)) {
    if (typeof child === 'object' && child !== null) deepFreeze(child as object);
  }
  return Object.freeze(value);
}
