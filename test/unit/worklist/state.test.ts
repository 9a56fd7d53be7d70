import { DEFAULT_RULES } from '../../../src/coverage/rules.default';
import { validateRules } from '../../../src/coverage/rules';
import { addDays } from '../../../src/calendar/calendar';
import { householdGaps } from '../../../src/coverage/gaps';
import { scoreHousehold } from '../../../src/coverage/score';
import { computeTriggers } from '../../../src/coverage/triggers';
import { countDeltas, countKeyOf } from '../../../src/worklist/counts';
import { birthdayWindow, computeHouseholdState, coverageInputs, decodeCrossSell, triggerInputs } from '../../../src/worklist/state';
import { ALWAYS_FROM, ALWAYS_TO, type StateInput, type StoredItem } from '../../../src/worklist/worklist.model';

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
  it('stores the cross-sell node: the gaps with their reasons in the service language, the triggers with daysAway from the reading day', () => {
    const input = household();
    const { members, cover } = coverageInputs(input);
    for (const lang of ['en', 'zh'] as const) {
      const state = computeHouseholdState(input, rules, '2026-06-01', dayOf, lang);
      const node = decodeCrossSell(state.crossSell!, '2026-06-01');
      expect(node.gaps).toEqual(householdGaps(members, cover, rules, '2026-06-01', lang));
      expect(node.triggers).toEqual(computeTriggers(triggerInputs(input), '2026-06-01'));
      expect(node.gaps.every((g) => g.reason.length > 0)).toBe(true);
    }
    const stored = computeHouseholdState(input, rules, '2026-06-01', dayOf).crossSell!;
    const later = decodeCrossSell(stored, '2026-06-03').triggers;
    expect(later.map((t) => t.daysAway)).toEqual(computeTriggers(triggerInputs(input), '2026-06-01').map((t) => t.daysAway - 2));
    expect(computeHouseholdState(household({ members: [] }), rules, '2026-06-01', dayOf).crossSell).toBeNull();
  });
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
    // the next day what the state holds may change: the leap-day breadwinner's birthday window opens 15 days before 28 February
    expect(a.validTo).toBe('2027-02-13');
  });
});

describe('cross-sell score and validity', () => {
  const scoreOn = (input: StateInput, day: string): number | null => {
    const { members, cover } = coverageInputs(input);
    const gaps = householdGaps(members, cover, rules, day, 'en', { reasons: false });
    return gaps.length === 0 ? null : scoreHousehold(gaps, computeTriggers(triggerInputs(input), day));
  };
  const busy = household({
    members: [
      { oneId: 'bw', role: 'BREADWINNER', birthDate: '1988-02-29', annualIncome: 200_000, premiumBudget: 5000, displayName: 'Wang' },
      { oneId: 'sp', role: 'SPOUSE', birthDate: '1990-06-10', annualIncome: 80_000, premiumBudget: null, displayName: 'Li' },
      { oneId: 'kid', role: 'CHILD', birthDate: '2026-03-01', annualIncome: null, premiumBudget: null, displayName: null },
    ],
    policies: [
      { policyNo: 'e', productType: 'LIFE', sumAssured: 500_000, annualPremium: 900, status: 'ACTIVE', endDate: '2026-07-15', lapsedOn: null, holder: 'bw', insured: 'bw' },
      { policyNo: 'm', productType: 'MEDICAL', sumAssured: 1_000_000, annualPremium: 300, status: 'ACTIVE', endDate: '2027-01-20', lapsedOn: null, holder: 'bw', insured: 'sp' },
    ],
    spouseLinks: [{ a: 'bw', b: 'sp', since: '2026-04-20' }],
    marriages: [{ oneId: 'sp', partner: null, date: '2026-05-05' }],
  });

  it('stores the cross-sell score of its day: gaps and that day\'s triggers, null without a gap', () => {
    for (const day of ['2026-06-01', '2026-06-05', '2026-07-01', '2027-02-20']) {
      expect(computeHouseholdState(busy, rules, day, dayOf).crossSellScore).toBe(scoreOn(busy, day));
    }
    const covered = household({ members: [{ oneId: 'o', role: 'OTHER', birthDate: null, annualIncome: null, premiumBudget: null, displayName: null }] });
    expect(computeHouseholdState(covered, rules, '2026-06-01', dayOf).crossSellScore).toBe(scoreOn(covered, '2026-06-01'));
  });

  it('holds until the first day its score, gaps or suggestions could change, and not longer (every day checked over a year)', () => {
    let day = '2026-06-01';
    const end = '2027-06-01';
    let recomputations = 0;
    while (day < end) {
      const state = computeHouseholdState(busy, rules, day, dayOf);
      expect(state.validTo > day).toBe(true);
      for (let d = addDays(day, 1); d < state.validTo && d < end; d = addDays(d, 1)) {
        const later = computeHouseholdState(busy, rules, d, dayOf);
        expect([d, later.crossSellScore, later.gapScore, later.items.map((i) => i.suggestions)]).toEqual([d, state.crossSellScore, state.gapScore, state.items.map((i) => i.suggestions)]);
      }
      recomputations += 1;
      day = state.validTo;
    }
    // a few recomputations a year, not one a day
    expect(recomputations).toBeLessThan(40);
  });
});

describe('count classes', () => {
  const item = (over: Partial<StoredItem>): StoredItem => ({ ...computeHouseholdState(household(), rules, '2026-06-01', dayOf).items[0]!, ...over });

  it('counts an open-ended item valid on its day from 0000-01-01, others from their own validFrom; none without an advisor', () => {
    expect(JSON.parse(countKeyOf(item({ kind: 'BIRTHDAY', validFrom: '1988-03-01', validTo: ALWAYS_TO, monthDay: '02-29' }), '2026-06-01')!)).toEqual([
      'a1',
      'BIRTHDAY',
      ALWAYS_FROM,
      ALWAYS_TO,
      '02-29',
    ]);
    expect(JSON.parse(countKeyOf(item({ kind: 'REFERRAL_FOLLOW_UP', validFrom: '2026-06-10', validTo: ALWAYS_TO, monthDay: null }), '2026-06-01')!)[2]).toBe('2026-06-10');
    expect(JSON.parse(countKeyOf(item({ kind: 'RENEWAL', validFrom: '2026-05-02', validTo: '2026-07-01', monthDay: null }), '2026-06-01')!)[2]).toBe('2026-05-02');
    expect(countKeyOf(item({ advisorId: null }), '2026-06-01')).toBeNull();
  });

  it('turns removed and added items into sorted deltas, leaving out classes that do not change', () => {
    const [a, b, c] = ['["a","BIRTHDAY","0000-01-01","9999-12-31","01-01"]', '["a","COVERAGE_GAP","0000-01-01","9999-12-31",""]', '["b","RENEWAL","2026-05-02","2026-07-01",""]'];
    expect(countDeltas([b, a, a, null], [a, c, c, null])).toEqual([
      { key: a, advisorId: 'a', kind: 'BIRTHDAY', validFrom: ALWAYS_FROM, validTo: ALWAYS_TO, monthDay: '01-01', delta: -1 },
      { key: b, advisorId: 'a', kind: 'COVERAGE_GAP', validFrom: ALWAYS_FROM, validTo: ALWAYS_TO, monthDay: '', delta: -1 },
      { key: c, advisorId: 'b', kind: 'RENEWAL', validFrom: '2026-05-02', validTo: '2026-07-01', monthDay: '', delta: 2 },
    ]);
    expect(countDeltas([a, b], [b, a])).toEqual([]);
  });
});
