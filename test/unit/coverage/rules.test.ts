import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadRules, RulesValidationError, validateRules } from '../../../src/coverage/rules';
import { DEFAULT_RULES } from '../../../src/coverage/rules.default';

type Doc = Record<string, unknown> & { rules: Array<Record<string, unknown> & { amount: Record<string, unknown> }> };

/** A mutable deep copy of the defaults, as a JSON file would give them. */
function doc(): Doc {
  return JSON.parse(JSON.stringify(DEFAULT_RULES)) as Doc;
}

function rule(d: Doc, index: number): Doc['rules'][number] {
  const r = d.rules[index];
  if (r === undefined) throw new Error(`no rule ${index}`);
  return r;
}

describe('default rules', () => {
  it('are valid, versioned and every rule names its source', () => {
    const rules = validateRules(DEFAULT_RULES);
    expect(rules).toEqual(DEFAULT_RULES);
    expect(rules.version).toMatch(/\S/);
    expect(rules.referenceIncome.source).toMatch(/\S/);
    for (const r of rules.rules) expect(r.source.length).toBeGreaterThan(20);
  });

  it('are what loadRules returns without a file', () => {
    expect(loadRules()).toEqual(DEFAULT_RULES);
    expect(loadRules('')).toEqual(DEFAULT_RULES);
  });

  it('survive a JSON round trip (the shape a rules file has)', () => {
    expect(validateRules(doc())).toEqual(DEFAULT_RULES);
  });
});

describe('validateRules names the bad path', () => {
  const cases: Array<[string, (d: Doc) => unknown, string]> = [
    ['not an object', () => [], '(root)'],
    ['missing version', (d) => ({ ...d, version: undefined }), 'version'],
    ['blank version', (d) => ({ ...d, version: ' ' }), 'version'],
    ['unknown top-level field', (d) => ({ ...d, extra: 1 }), 'extra'],
    ['negative reference income', (d) => ({ ...d, referenceIncome: { amount: -1, source: 'x' } }), 'referenceIncome.amount'],
    ['reference income without source', (d) => ({ ...d, referenceIncome: { amount: 1 } }), 'referenceIncome.source'],
    ['no rules', (d) => ({ ...d, rules: [] }), 'rules'],
    ['rules not a list', (d) => ({ ...d, rules: {} }), 'rules'],
    ['rule not an object', (d) => ({ ...d, rules: [...d.rules, 'LIFE'] }), 'rules[13]'],
    ['unknown product', (d) => { rule(d, 0).productType = 'PET'; return d; }, 'rules[0].productType'],
    ['zero multiple', (d) => { rule(d, 1).amount.multiple = 0; return d; }, 'rules[1].amount.multiple'],
    ['multiple as a string', (d) => { rule(d, 1).amount.multiple = '3'; return d; }, 'rules[1].amount.multiple'],
    ['misspelt field', (d) => { rule(d, 0).amount.multipel = 10; return d; }, 'rules[0].amount.multipel'],
    ['negative minimum', (d) => { rule(d, 1).amount.minimum = -5; return d; }, 'rules[1].amount.minimum'],
    ['unknown basis', (d) => { rule(d, 2).amount.basis = 'PERCENT'; return d; }, 'rules[2].amount.basis'],
    ['fractional fixed amount', (d) => { rule(d, 2).amount.amount = 1.5; return d; }, 'rules[2].amount.amount'],
    ['fixed amount with a multiple', (d) => { rule(d, 2).amount.multiple = 2; return d; }, 'rules[2].amount.multiple'],
    ['priority 6', (d) => { rule(d, 0).priority = 6; return d; }, 'rules[0].priority'],
    ['priority 0', (d) => { rule(d, 0).priority = 0; return d; }, 'rules[0].priority'],
    ['unknown segment', (d) => { rule(d, 0).segments = ['EARNER', 'KIDS']; return d; }, 'rules[0].segments[1]'],
    ['no segment', (d) => { rule(d, 0).segments = []; return d; }, 'rules[0].segments'],
    ['repeated segment', (d) => { rule(d, 0).segments = ['EARNER', 'EARNER']; return d; }, 'rules[0].segments[1]'],
    ['minAge above maxAge', (d) => { Object.assign(rule(d, 6), { minAge: 20, maxAge: 17 }); return d; }, 'rules[6].maxAge'],
    ['negative age', (d) => { rule(d, 11).minAge = -1; return d; }, 'rules[11].minAge'],
    ['unknown whenAgeUnknown', (d) => { rule(d, 11).whenAgeUnknown = 'MAYBE'; return d; }, 'rules[11].whenAgeUnknown'],
    ['blank source', (d) => { rule(d, 3).source = ''; return d; }, 'rules[3].source'],
    ['missing source', (d) => { delete rule(d, 3).source; return d; }, 'rules[3].source'],
    ['repeated id', (d) => { rule(d, 1).id = 'life-earner'; return d; }, 'rules[1].id'],
    ['product recommended twice to one segment', (d) => { rule(d, 4).segments = ['EARNER']; return d; }, 'rules[4].segments[0]'],
  ];

  it.each(cases)('%s -> %s', (_name, mutate, path) => {
    const run = (): unknown => validateRules(mutate(doc()));
    expect(run).toThrow(RulesValidationError);
    expect(run).toThrow(`Invalid coverage rules at ${path}:`);
  });

  it('quotes the offending value', () => {
    const d = doc();
    rule(d, 1).amount.multiple = -2;
    expect(() => validateRules(d)).toThrow('Invalid coverage rules at rules[1].amount.multiple: must be a number > 0 (got -2)');
  });
});

describe('loadRules from a file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kingraph-rules-'));
  const file = (name: string, content: string): string => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };

  it('reads a valid file', () => {
    const d = doc();
    d.version = 'custom-1';
    rule(d, 0).amount.multiple = 8;
    const rules = loadRules(file('ok.json', JSON.stringify(d)));
    expect(rules.version).toBe('custom-1');
    expect(rules.rules[0]?.amount).toEqual({ basis: 'INCOME_MULTIPLE', multiple: 8 });
  });

  it('names the file and the path of an invalid value', () => {
    const d = doc();
    rule(d, 0).priority = 9;
    const path = file('bad.json', JSON.stringify(d));
    expect(() => loadRules(path)).toThrow(`Invalid coverage rules at rules[0].priority: must be an integer >= 1 and <= 5 (got 9) (in ${path})`);
  });

  it('names the file when it is missing or not JSON', () => {
    const broken = file('broken.json', '{ "version": ');
    expect(() => loadRules(broken)).toThrow(`Cannot read coverage rules file ${broken}`);
    expect(() => loadRules(join(dir, 'missing.json'))).toThrow(/Cannot read coverage rules file .*missing\.json/);
  });
});
