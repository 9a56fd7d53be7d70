import { DEFAULT_RULES } from '../../../src/coverage/rules.default';
import { validateRules } from '../../../src/coverage/rules';
import { birthdayWindow, computeHouseholdState } from '../../../src/worklist/state';
import type { StateInput } from '../../../src/worklist/worklist.model';

const rules = validateRules(DEFAULT_RULES);
const dayOf = (instant: string): string => instant.slice(0, 10);

function household(over: Partial<StateInput> = {}): StateInput {
  return {
    householdId: 'h1',
    advisorId: 'a1',
    members: [
      { oneId: 'bw', role: 'BREADWINNER', birthDate: '1988-02-29', annualIncome: 200_000, premiumBudget: null, displayName: 'Wang' },
      { oneId: 'kid', role: 'CHILD', birthDate: '2026-03-01', annualIncome: null, premiumBudget: null, displayName: null },
    ],
    policies: [],
    spouseLinks: [],
    marriages: [],
    followUps: [],
    ...over,
  };
}

const kinds = (input: StateInput, today = '2026-06-01') => computeHouseholdState(input, rules, today, dayOf).items.map((i) => i.kind).sort();

describe('birthday window', () => {
  it('is today and the next 15 days, by month-day, with the date each falls on', () => {
    const w = birthdayWindow('2026-12-20');
    expect(w.size).toBe(16);
    expect(w.get('12-20')).toBe('2026-12-20');
    expect(w.get('01-04')).toBe('2027-01-04');
    expect(w.has('01-05')).toBe(false);
  });
  it('puts 29 February on 28 February in a non-leap year, and on itself in a leap year', () => {
    expect(birthdayWindow('2026-02-20').get('02-29')).toBe('2026-02-28');
    expect(birthdayWindow('2028-02-20').get('02-29')).toBe('2028-02-29');
    expect(birthdayWindow('2026-03-01').has('02-29')).toBe(false);
  });
});

describe('household state', () => {
  it('has a BIRTHDAY per member, a NEWBORN without medical cover, and the gap item', () => {
    expect(kinds(household())).toEqual(['BIRTHDAY', 'BIRTHDAY', 'COVERAGE_GAP', 'NEWBORN']);
    const covered = household({
      policies: [{ policyNo: 'm', productType: 'MEDICAL', sumAssured: 2_000_000, annualPremium: 300, status: 'ACTIVE', endDate: null, lapsedOn: null, holder: 'bw', insured: 'kid' }],
    });
    expect(kinds(covered)).not.toContain('NEWBORN');
  });
  it('dates a renewal and a lapse, and only a lapse recorded by an upsert', () => {
    const state = computeHouseholdState(
      household({
        policies: [
          { policyNo: 'r', productType: 'LIFE', sumAssured: 1, annualPremium: 100, status: 'ACTIVE', endDate: '2026-07-01', lapsedOn: null, holder: 'bw', insured: 'bw' },
          { policyNo: 'l', productType: 'LIFE', sumAssured: 1, annualPremium: 100, status: 'LAPSED', endDate: null, lapsedOn: '2026-05-20', holder: 'bw', insured: 'bw' },
          { policyNo: 'x', productType: 'LIFE', sumAssured: 1, annualPremium: 100, status: 'LAPSED', endDate: null, lapsedOn: null, holder: 'bw', insured: 'bw' },
        ],
      }),
      rules,
      '2026-06-01',
      dayOf,
    );
    const renewal = state.items.find((i) => i.kind === 'RENEWAL')!;
    expect(renewal).toMatchObject({ date: '2026-07-01', validFrom: '2026-05-02', validTo: '2026-07-01', policyNo: 'r', oneId: 'bw' });
    expect(state.items.filter((i) => i.kind === 'LAPSED').map((i) => [i.policyNo, i.validTo])).toEqual([['l', '2026-08-18']]);
    expect(state.activePremium).toBe(100);
  });
  it('makes one MARRIAGE per couple and day, from an event or a dated SPOUSE link, none from an undated link', () => {
    const both = household({
      marriages: [{ oneId: 'bw', partner: 'sp', date: '2026-05-01' }],
      spouseLinks: [{ a: 'bw', b: 'sp', since: '2026-05-01' }, { a: 'sp', b: 'bw', since: '2026-05-01' }],
    });
    expect(kinds(both).filter((k) => k === 'MARRIAGE')).toHaveLength(1);
  });
  it('dates a referral follow-up 15 days after acceptance', () => {
    const state = computeHouseholdState(household({ followUps: [{ invitationId: 'i1', inviter: 'bw', acceptedAt: '2026-05-01T10:00:00Z' }] }), rules, '2026-06-01', dayOf);
    expect(state.items.find((i) => i.kind === 'REFERRAL_FOLLOW_UP')).toMatchObject({ date: '2026-05-16', validFrom: '2026-05-16', invitationId: 'i1' });
  });
  it('scores dated kinds by weight plus the size of the gap, and keys items stably', () => {
    const a = computeHouseholdState(household(), rules, '2026-06-01', dayOf);
    const b = computeHouseholdState(household(), rules, '2026-06-01', dayOf);
    expect(a.items.map((i) => i.key)).toEqual(b.items.map((i) => i.key));
    const newborn = a.items.find((i) => i.kind === 'NEWBORN')!;
    const birthday = a.items.find((i) => i.kind === 'BIRTHDAY')!;
    expect(newborn.score - birthday.score).toBeCloseTo(rules.worklistWeights.NEWBORN - rules.worklistWeights.BIRTHDAY, 4);
    expect(a.validTo).toBe('2027-02-28'); // the next birthday of a member: the leap-day breadwinner
  });
});
