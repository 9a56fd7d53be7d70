/** Pure helpers of the coverage service: gaps without reasons, standalone roles. */
import { standaloneRole } from '../../../src/coverage/coverage.service';
import { householdGaps } from '../../../src/coverage/gaps';
import type { CoverageMember } from '../../../src/coverage/model';
import { DEFAULT_RULES } from '../../../src/coverage/rules.default';

const members: CoverageMember[] = [
  { oneId: 'a', role: 'BREADWINNER', birthDate: '1980-01-01', annualIncome: 250_000, displayName: 'A' },
  { oneId: 'b', role: 'SPOUSE', birthDate: null, annualIncome: null, displayName: null },
  { oneId: 'c', role: 'CHILD', birthDate: '2019-02-28', annualIncome: null, displayName: 'C' },
  { oneId: 'd', role: 'ELDER', birthDate: '1948-12-31', annualIncome: null, displayName: null },
];

describe('householdGaps({ reasons: false })', () => {
  it('gives the same amounts, priorities and order as with reasons, with empty reasons', () => {
    const policies = { a: [{ productType: 'LIFE' as const, sumAssured: 700_000, status: 'ACTIVE' as const }] };
    const full = householdGaps(members, policies, DEFAULT_RULES, '2026-06-01', 'zh');
    const bare = householdGaps(members, policies, DEFAULT_RULES, '2026-06-01', 'zh', { reasons: false });
    expect(bare).toEqual(full.map((g) => ({ ...g, reason: '' })));
    expect(full.every((g) => g.reason.length > 0)).toBe(true);
  });
});

describe('standaloneRole (a person in no household)', () => {
  it.each([
    [{ annualIncome: 1, birthDate: '2015-01-01' }, 'BREADWINNER'],
    [{ annualIncome: 0, birthDate: '2015-01-01' }, 'CHILD'],
    [{ annualIncome: null, birthDate: '2008-06-02' }, 'CHILD'], // 17 on 2026-06-01
    [{ annualIncome: null, birthDate: '2008-06-01' }, 'OTHER'], // 18 today
    [{ annualIncome: null, birthDate: '1966-06-01' }, 'ELDER'], // 60 today
    [{ annualIncome: null, birthDate: '1966-06-02' }, 'OTHER'],
    [{ annualIncome: null, birthDate: null }, 'OTHER'],
    [{ annualIncome: null, birthDate: '2030-01-01' }, 'OTHER'], // not born yet: age unknown
  ])('%j -> %s', (person, role) => {
    expect(standaloneRole(person, '2026-06-01')).toBe(role);
  });
});
