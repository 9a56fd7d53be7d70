/**
 * Coverage-needs rules: their shape, validation and loading.
 *
 * The defaults live in ./rules.default.ts. A deployment may replace them with a
 * JSON file of the same shape (env COVERAGE_RULES_FILE, passed in by config);
 * the file is validated once at start-up and any mistake stops the service
 * with a message naming the bad path, e.g.
 *   Invalid coverage rules at rules[2].amount.multiple: must be a number > 0 (got -1)
 */
import { readFileSync } from 'node:fs';
import { PRODUCT_TYPES } from './model';
import { DEFAULT_RULES } from './rules.default';
import { SEGMENTS, WEIGHTED_WORK_KINDS, type AmountRule, type NeedRule, type NeedsRules, type PremiumRates, type Segment, type WorklistWeights } from './rules.model';
export class RulesValidationError extends Error {
  constructor(
    readonly path: string,
    readonly problem: string,
  ) {
    super(`Invalid coverage rules at ${path}: ${problem}`);
    this.name = 'RulesValidationError';
  }
}

const PRIORITY_MIN = 1;
const PRIORITY_MAX = 5;
const AGE_MAX = 150;

type Json = Record<string, unknown>;

/** " (got …)" suffix quoting the offending value. */
function got(value: unknown): string {
  return ` (got ${value === undefined ? 'nothing' : (JSON.stringify(value) ?? String(value))})`;
}

function fail(path: string, problem: string): never {
  throw new RulesValidationError(path === '' ? '(root)' : path, problem);
}

function child(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

function objectAt(value: unknown, path: string, required: readonly string[], optional: readonly string[] = []): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    fail(path, `must be an object${got(value)}`);
  }
  const record = value as Json;
  for (const key of required) {
    if (record[key] === undefined) fail(child(path, key), 'is required');
  }
  for (const key of Object.keys(record)) {
    if (!required.includes(key) && !optional.includes(key)) fail(child(path, key), 'is not a known field');
  }
  return record;
}

function stringAt(value: unknown, path: string): string {
  if (typeof value !== 'string' || value.trim() === '') fail(path, `must be a non-empty string${got(value)}`);
  return value;
}

function numberAt(value: unknown, path: string, opts: { min: number; max?: number; integer?: boolean; exclusiveMin?: boolean }): number {
  const bounds = `${opts.exclusiveMin ? '>' : '>='} ${opts.min}${opts.max === undefined ? '' : ` and <= ${opts.max}`}`;
  const kind = opts.integer ? 'an integer' : 'a number';
  if (typeof value !== 'number' || !Number.isFinite(value)) fail(path, `must be ${kind} ${bounds}${got(value)}`);
  const tooLow = opts.exclusiveMin ? value <= opts.min : value < opts.min;
  const tooHigh = opts.max !== undefined && value > opts.max;
  if (tooLow || tooHigh || (opts.integer && !Number.isInteger(value))) fail(path, `must be ${kind} ${bounds}${got(value)}`);
  return value;
}

function oneOfAt<T extends string>(value: unknown, path: string, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    fail(path, `must be one of ${allowed.join(', ')}${got(value)}`);
  }
  return value as T;
}

function optionalAt<T>(value: unknown, read: (v: unknown) => T): T | undefined {
  return value === undefined ? undefined : read(value);
}

const AMOUNT_BASES = ['INCOME_MULTIPLE', 'FIXED'] as const;

function fixedAmountAt(value: unknown, path: string): AmountRule {
  const o = objectAt(value, path, ['basis', 'amount']);
  return { basis: 'FIXED', amount: numberAt(o.amount, `${path}.amount`, { min: 0, exclusiveMin: true, integer: true }) };
}

function incomeMultipleAt(value: unknown, path: string): AmountRule {
  const o = objectAt(value, path, ['basis', 'multiple'], ['minimum']);
  const multiple = numberAt(o.multiple, `${path}.multiple`, { min: 0, exclusiveMin: true });
  const minimum = optionalAt(o.minimum, (v) => numberAt(v, `${path}.minimum`, { min: 0, integer: true }));
  return minimum === undefined ? { basis: 'INCOME_MULTIPLE', multiple } : { basis: 'INCOME_MULTIPLE', multiple, minimum };
}

function amountAt(value: unknown, path: string): AmountRule {
  const { basis } = objectAt(value, path, ['basis'], ['multiple', 'minimum', 'amount']);
  return oneOfAt(basis, `${path}.basis`, AMOUNT_BASES) === 'FIXED' ? fixedAmountAt(value, path) : incomeMultipleAt(value, path);
}

function segmentsAt(value: unknown, path: string): Segment[] {
  if (!Array.isArray(value) || value.length === 0) fail(path, `must be a non-empty array${got(value)}`);
  const segments = value.map((s, i) => oneOfAt(s, `${path}[${i}]`, SEGMENTS));
  segments.forEach((s, i) => {
    if (segments.indexOf(s) !== i) fail(`${path}[${i}]`, `repeats segment ${s}`);
  });
  return segments;
}

const RULE_FIELDS = ['id', 'productType', 'segments', 'amount', 'priority', 'source'] as const;
const RULE_OPTIONAL = ['minAge', 'maxAge', 'whenAgeUnknown'] as const;

function ruleAt(value: unknown, path: string): NeedRule {
  const o = objectAt(value, path, RULE_FIELDS, RULE_OPTIONAL);
  const age = (v: unknown, key: string): number => numberAt(v, `${path}.${key}`, { min: 0, max: AGE_MAX, integer: true });
  const minAge = optionalAt(o.minAge, (v) => age(v, 'minAge'));
  const maxAge = optionalAt(o.maxAge, (v) => age(v, 'maxAge'));
  if (minAge !== undefined && maxAge !== undefined && minAge > maxAge) fail(`${path}.maxAge`, `must be >= minAge ${minAge}${got(maxAge)}`);
  const whenAgeUnknown = optionalAt(o.whenAgeUnknown, (v) => oneOfAt(v, `${path}.whenAgeUnknown`, ['APPLY', 'SKIP'] as const));
  return {
    id: stringAt(o.id, `${path}.id`),
    productType: oneOfAt(o.productType, `${path}.productType`, PRODUCT_TYPES),
    segments: segmentsAt(o.segments, `${path}.segments`),
    amount: amountAt(o.amount, `${path}.amount`),
    priority: numberAt(o.priority, `${path}.priority`, { min: PRIORITY_MIN, max: PRIORITY_MAX, integer: true }),
    ...(minAge === undefined ? {} : { minAge }),
    ...(maxAge === undefined ? {} : { maxAge }),
    ...(whenAgeUnknown === undefined ? {} : { whenAgeUnknown }),
    source: stringAt(o.source, `${path}.source`),
  };
}

/** Rule ids are unique, and two rules may not recommend one product to one segment (cover would count twice). */
function checkNoOverlap(rules: readonly NeedRule[]): void {
  const ids = new Map<string, number>();
  const owners = new Map<string, number>();
  rules.forEach((rule, i) => {
    const sameId = ids.get(rule.id);
    if (sameId !== undefined) fail(`rules[${i}].id`, `repeats the id of rules[${sameId}]${got(rule.id)}`);
    ids.set(rule.id, i);
    rule.segments.forEach((segment, j) => {
      const key = `${rule.productType}/${segment}`;
      const owner = owners.get(key);
      if (owner !== undefined) fail(`rules[${i}].segments[${j}]`, `${rule.productType} for ${segment} is already recommended by rules[${owner}]`);
      owners.set(key, i);
    });
  });
}

/**
 * Checks that `data` is a complete rule set and returns a typed copy.
 * Throws RulesValidationError (an Error) naming the first bad path; unknown
 * fields are errors too, so a typo cannot silently fall back to a default.
 */
export function validateRules(data: unknown): NeedsRules {
  const root = objectAt(data, '', ['version', 'currency', 'referenceIncome', 'rules'], ['premiumRates', 'worklistWeights']);
  const ref = objectAt(root.referenceIncome, 'referenceIncome', ['amount', 'source']);
  if (!Array.isArray(root.rules) || root.rules.length === 0) fail('rules', `must be a non-empty array${got(root.rules)}`);
  const rules = root.rules.map((r: unknown, i: number) => ruleAt(r, `rules[${i}]`));
  checkNoOverlap(rules);
  return {
    version: stringAt(root.version, 'version'),
    currency: stringAt(root.currency, 'currency'),
    referenceIncome: {
      amount: numberAt(ref.amount, 'referenceIncome.amount', { min: 0, exclusiveMin: true, integer: true }),
      source: stringAt(ref.source, 'referenceIncome.source'),
    },
    rules,
    // Optional in a rules file: the built-in rate table and weights apply when absent.
    premiumRates: root.premiumRates === undefined ? DEFAULT_RULES.premiumRates : ratesAt(root.premiumRates, 'premiumRates'),
    worklistWeights: root.worklistWeights === undefined ? DEFAULT_RULES.worklistWeights : weightsAt(root.worklistWeights, 'worklistWeights'),
  };
}

function ratesAt(value: unknown, path: string): PremiumRates {
  const o = objectAt(value, path, ['bands', 'unknownAgeBand', 'rates', 'source']);
  if (!Array.isArray(o.bands)) fail(`${path}.bands`, `must be an array of ages${got(o.bands)}`);
  const bands = o.bands.map((b: unknown, i: number) => numberAt(b, `${path}.bands[${i}]`, { min: 1, max: 150, integer: true }));
  bands.forEach((b, i) => {
    if (i > 0 && b <= bands[i - 1]!) fail(`${path}.bands[${i}]`, 'must be greater than the band before it');
  });
  const table = objectAt(o.rates, `${path}.rates`, PRODUCT_TYPES);
  const rates = {} as Record<(typeof PRODUCT_TYPES)[number], number[]>;
  for (const product of PRODUCT_TYPES) {
    const list = table[product];
    if (!Array.isArray(list) || list.length !== bands.length + 1) fail(`${path}.rates.${product}`, `must list ${bands.length + 1} rates (one per band)${got(list)}`);
    rates[product] = list.map((r: unknown, i: number) => numberAt(r, `${path}.rates.${product}[${i}]`, { min: 0 }));
  }
  return {
    bands,
    unknownAgeBand: numberAt(o.unknownAgeBand, `${path}.unknownAgeBand`, { min: 0, max: bands.length, integer: true }),
    rates,
    source: stringAt(o.source, `${path}.source`),
  };
}

function weightsAt(value: unknown, path: string): WorklistWeights {
  const o = objectAt(value, path, WEIGHTED_WORK_KINDS);
  return Object.fromEntries(WEIGHTED_WORK_KINDS.map((k) => [k, numberAt(o[k], `${path}.${k}`, { min: 0, max: 1000 })])) as WorklistWeights;
}

/**
 * The rules in force: the JSON file at `path` when one is given (config passes
 * env COVERAGE_RULES_FILE), else the built-in defaults. Throws an Error naming
 * the file (and the bad path inside it) when it cannot be read or is invalid.
 */
export function loadRules(path?: string): NeedsRules {
  if (path === undefined || path.trim() === '') {
    return validateRules(DEFAULT_RULES);
  }
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`Cannot read coverage rules file ${path}: ${(error as Error).message}`);
  }
  try {
    return validateRules(data);
  } catch (error) {
    if (error instanceof RulesValidationError) {
      error.message = `${error.message} (in ${path})`;
    }
    throw error;
  }
}
