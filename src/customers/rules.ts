/**
 * Customer value rules: the influence weight, the tier thresholds and the rule tags in force.
 * The defaults below follow the contract (value.graphql); a deployment replaces them with one
 * JSON file of the same shape (env CUSTOMER_RULES_FILE), validated once at start-up: any
 * mistake stops the service with a message naming the file and the bad field, e.g.
 *   Invalid customer rules at tiers.GOLD: must be a number > 0 and < tiers.PLATINUM (got 40000)
 * The rules version is part of the stored state's version: other rules rebuild it at start-up.
 */
import { readFileSync } from 'node:fs';
import { RULE_TAGS, type RuleTag, type Tier } from './customers.model';

export interface CustomerRules {
  version: string;
  /** score = revenue + influenceWeight x influence. */
  influenceWeight: number;
  /** Lowest score of each tier above STANDARD (DIAMOND > PLATINUM > GOLD > 0). */
  tiers: { DIAMOND: number; PLATINUM: number; GOLD: number };
  /** The rule tags computed and stored (a subset of RULE_TAGS, each once). */
  ruleTags: RuleTag[];
  source: string;
}

export const DEFAULT_CUSTOMER_RULES: CustomerRules = {
  version: '2026-12.1',
  influenceWeight: 0.5,
  tiers: { DIAMOND: 100_000, PLATINUM: 30_000, GOLD: 10_000 },
  ruleTags: ['PARENT_OF_YOUNG_CHILD', 'REFERRER', 'UNPROTECTED_EARNER'],
  source: 'Contract value.graphql defaults (issue 15): value = revenue + influence, tiers by score.',
};

export class CustomerRulesError extends Error {
  constructor(field: string, problem: string, value: unknown) {
    super(`Invalid customer rules at ${field}: ${problem} (got ${JSON.stringify(value) ?? String(value)})`);
    this.name = 'CustomerRulesError';
  }
}

const FIELDS = ['version', 'influenceWeight', 'tiers', 'ruleTags', 'source'];
const TIER_FIELDS = ['DIAMOND', 'PLATINUM', 'GOLD'] as const;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function knownFields(o: Record<string, unknown>, fields: readonly string[], at: string): void {
  for (const key of Object.keys(o)) if (!fields.includes(key)) throw new CustomerRulesError(at ? `${at}.${key}` : key, 'is not a known field', o[key]);
  for (const key of fields) if (o[key] === undefined) throw new CustomerRulesError(at ? `${at}.${key}` : key, 'is required', undefined);
}

function text(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw new CustomerRulesError(field, 'must be a non-empty string', value);
  return value;
}

/** Checks a complete rule set and returns a typed copy; throws CustomerRulesError naming the first bad field. */
export function validateCustomerRules(data: unknown): CustomerRules {
  if (!isRecord(data)) throw new CustomerRulesError('(root)', 'must be an object', data);
  knownFields(data, FIELDS, '');
  const weight = data.influenceWeight;
  if (typeof weight !== 'number' || !Number.isFinite(weight) || weight < 0 || weight > 100) {
    throw new CustomerRulesError('influenceWeight', 'must be a number from 0 to 100', weight);
  }
  if (!isRecord(data.tiers)) throw new CustomerRulesError('tiers', 'must be an object', data.tiers);
  knownFields(data.tiers, TIER_FIELDS, 'tiers');
  const tiers = data.tiers as Record<(typeof TIER_FIELDS)[number], unknown>;
  let above = Number.POSITIVE_INFINITY;
  for (const tier of TIER_FIELDS) {
    const v = tiers[tier];
    if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0 || v >= above) {
      const bound = Number.isFinite(above) ? ` and < the tier above (${above})` : '';
      throw new CustomerRulesError(`tiers.${tier}`, `must be a number > 0${bound}`, v);
    }
    above = v;
  }
  const list = data.ruleTags;
  if (!Array.isArray(list)) throw new CustomerRulesError('ruleTags', 'must be an array', list);
  const ruleTags = list.map((tag: unknown, i: number): RuleTag => {
    if (typeof tag !== 'string' || !(RULE_TAGS as readonly string[]).includes(tag)) {
      throw new CustomerRulesError(`ruleTags[${i}]`, `must be one of ${RULE_TAGS.join(', ')}`, tag);
    }
    if (list.indexOf(tag) !== i) throw new CustomerRulesError(`ruleTags[${i}]`, 'repeats a tag', tag);
    return tag as RuleTag;
  });
  return {
    version: text(data.version, 'version'),
    influenceWeight: weight,
    tiers: { DIAMOND: tiers.DIAMOND as number, PLATINUM: tiers.PLATINUM as number, GOLD: tiers.GOLD as number },
    ruleTags,
    source: text(data.source, 'source'),
  };
}

/** The rules in force: the JSON file at `path` (CUSTOMER_RULES_FILE) when given, else the defaults. */
export function loadCustomerRules(path?: string): CustomerRules {
  if (path === undefined || path.trim() === '') return validateCustomerRules(DEFAULT_CUSTOMER_RULES);
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`Cannot read customer rules file ${path}: ${(error as Error).message}`);
  }
  try {
    return validateCustomerRules(data);
  } catch (error) {
    if (error instanceof CustomerRulesError) error.message = `${error.message} (in ${path})`;
    throw error;
  }
}

/** The tier of a score under these rules (thresholds inclusive). */
export function tierOf(score: number, rules: Pick<CustomerRules, 'tiers'>): Tier {
  if (score >= rules.tiers.DIAMOND) return 'DIAMOND';
  if (score >= rules.tiers.PLATINUM) return 'PLATINUM';
  if (score >= rules.tiers.GOLD) return 'GOLD';
  return 'STANDARD';
}
