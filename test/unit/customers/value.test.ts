/** Pure customer rules: segment order, tier thresholds at their edges, contact window (wrap, ties), tag names, code point order, validity dates, the rules file. */
import { computePersonState, bestContactWindow, birthdayAt, compareCodePoints, midnightIn, hourIn, sortTags, tagNameProblem } from '../../../src/customers/value';
import { DEFAULT_CUSTOMER_RULES, loadCustomerRules, tierOf, validateCustomerRules } from '../../../src/customers/rules';
import { latestBirthDateForAge } from '../../../src/customers/customers.service';
import type { StateInput } from '../../../src/customers/customers.model';
import { ageOn } from '../../../src/calendar/calendar';

const TODAY = '2026-06-15';
const TZ = 'Asia/Shanghai';
const base: StateInput = {
  oneId: 'p',
  forgotten: false,
  annualIncome: null,
  revenue: 0,
  influence: 0,
  storedInfluence: 0,
  policies: 0,
  activePolicies: 0,
  firstStart: null,
  lastStart: null,
  protectedEarner: false,
  lastInteractionAt: null,
  childBirthDates: [],
  referrer: false,
};
const state = (over: Partial<StateInput>, today = TODAY) => computePersonState({ ...base, ...over }, DEFAULT_CUSTOMER_RULES, today, TZ);

describe('segments, first match wins', () => {
  it('PROSPECT without any policy, whatever the activity; an erased person too', () => {
    expect(state({ lastInteractionAt: '2026-06-14T00:00:00.000Z' }).segment).toBe('PROSPECT');
    expect(state({ forgotten: true, policies: 2, activePolicies: 2, firstStart: '2026-06-01', lastStart: '2026-06-01' }).segment).toBe('PROSPECT');
  });
  it('CHURNED without an ACTIVE policy, before NEW', () => {
    expect(state({ policies: 1, activePolicies: 0, firstStart: '2026-06-01', lastStart: '2026-06-01' }).segment).toBe('CHURNED');
  });
  it('NEW while the first start is within 90 days (inclusive), before ACTIVE; valid until day 91', () => {
    const s = state({ policies: 1, activePolicies: 1, firstStart: '2026-03-17', lastStart: '2026-03-17' });
    expect(s).toMatchObject({ segment: 'NEW', validTo: '2026-06-16' });
    expect(state({ policies: 1, activePolicies: 1, firstStart: '2026-03-17', lastStart: '2026-03-17' }, '2026-06-16').segment).toBe('ACTIVE');
  });
  it('ACTIVE while the last activity is within 180 days, else DORMANT; a policy start is activity at 00:00 local', () => {
    const s = state({ policies: 1, activePolicies: 1, firstStart: '2025-01-01', lastStart: '2025-12-17' });
    expect(s).toMatchObject({ segment: 'ACTIVE', validTo: '2026-06-16', lastActivityAt: '2025-12-16T16:00:00.000Z' });
    expect(state({ policies: 1, activePolicies: 1, firstStart: '2025-01-01', lastStart: '2025-12-16' }).segment).toBe('DORMANT');
    expect(state({ policies: 1, activePolicies: 1, firstStart: '2025-01-01', lastStart: '2025-01-01', lastInteractionAt: '2025-12-16T16:30:00.000Z' }).segment).toBe('ACTIVE');
  });
});

describe('value and tiers', () => {
  it('score = revenue + 0.5 x influence; thresholds inclusive at 10,000, 30,000 and 100,000', () => {
    expect(state({ revenue: 1000, influence: 3000 })).toMatchObject({ revenue: 1000, influence: 3000, score: 2500, tier: 'STANDARD' });
    const cases: Array<[number, string]> = [
      [9999.5, 'STANDARD'],
      [10_000, 'GOLD'],
      [29_999.99, 'GOLD'],
      [30_000, 'PLATINUM'],
      [99_999, 'PLATINUM'],
      [100_000, 'DIAMOND'],
    ];
    for (const [score, tier] of cases) expect([score, tierOf(score, DEFAULT_CUSTOMER_RULES)]).toEqual([score, tier]);
  });
});

describe('rule tags', () => {
  it('PARENT_OF_YOUNG_CHILD until the youngest child turns 6 (the state is valid until then)', () => {
    const s = state({ childBirthDates: ['2020-06-16', '2010-01-01'] });
    expect(s).toMatchObject({ ruleTags: ['PARENT_OF_YOUNG_CHILD'], validTo: '2026-06-16' });
    expect(state({ childBirthDates: ['2020-06-15'] }).ruleTags).toEqual([]);
    expect(birthdayAt('2020-02-29', 6)).toBe('2026-02-28');
  });
  it('UNPROTECTED_EARNER with an income and no ACTIVE LIFE or CRITICAL_ILLNESS insuring; REFERRER; none when erased; only those in the rules', () => {
    expect(state({ annualIncome: 1, referrer: true }).ruleTags).toEqual(['REFERRER', 'UNPROTECTED_EARNER']);
    expect(state({ annualIncome: 1, protectedEarner: true }).ruleTags).toEqual([]);
    expect(state({ annualIncome: 0 }).ruleTags).toEqual([]);
    expect(state({ annualIncome: 1, referrer: true, forgotten: true }).ruleTags).toEqual([]);
    const rules = { ...DEFAULT_CUSTOMER_RULES, ruleTags: ['REFERRER' as const] };
    expect(computePersonState({ ...base, annualIncome: 1, referrer: true }, rules, TODAY, TZ).ruleTags).toEqual(['REFERRER']);
  });
});

describe('bestContactWindow', () => {
  it('null without interactions; a lone 10:xx gives 10', () => {
    expect(bestContactWindow([])).toBeNull();
    expect(bestContactWindow([10])).toEqual({ startHour: 10, interactions: 1, total: 1 });
  });
  it('wraps past midnight: [23, 1)', () => {
    expect(bestContactWindow([23, 0, 0, 12])).toEqual({ startHour: 23, interactions: 3, total: 4 });
  });
  it('ties: more in the first hour, then the earliest hour', () => {
    // windows [12,14) and [13,15) both hold 3; [13,15) has more in its first hour.
    expect(bestContactWindow([12, 13, 13, 14])?.startHour).toBe(13);
    expect(bestContactWindow([13, 13, 14, 20, 20, 21])).toEqual({ startHour: 13, interactions: 3, total: 6 });
    // [21,23), [22,0), [2,4), [3,5) all hold 1; [22,0) and [3,5) have it in their first hour: the earlier wins.
    expect(bestContactWindow([22, 3])?.startHour).toBe(3);
  });
  it('hours and midnights in the business time zone', () => {
    expect(hourIn(TZ, '2026-06-01T15:30:00.000Z')).toBe(23);
    expect(midnightIn(TZ, '2026-06-01')).toBe('2026-05-31T16:00:00.000Z');
    expect(midnightIn('America/New_York', '2026-03-08')).toBe('2026-03-08T05:00:00.000Z');
  });
});

describe('manual tags', () => {
  it('1 to 32 letters of any script, digits, _ or -; never a rule tag name', () => {
    for (const ok of ['vip', '高净值', 'a-b_9', 'x'.repeat(32), 'Ελλάδα']) expect([ok, tagNameProblem(ok)]).toEqual([ok, null]);
    for (const bad of ['', 'x'.repeat(33), 'has space', 'emoji😀', 'a.b', 'REFERRER', 'UNPROTECTED_EARNER', 'PARENT_OF_YOUNG_CHILD']) {
      expect([bad, tagNameProblem(bad)]).not.toEqual([bad, null]);
    }
  });
  it('sorted rule tags first, then manual, each by code point (not UTF-16 unit)', () => {
    expect(compareCodePoints('\u{1F600}', '\uFFFF')).toBeGreaterThan(0);
    expect('\u{1F600}' < '\uFFFF').toBe(true); // what a plain comparison would do
    const tags = sortTags([
      { name: 'b', source: 'MANUAL', since: '' },
      { name: 'REFERRER', source: 'RULE', since: '' },
      { name: 'B', source: 'MANUAL', since: '' },
      { name: 'PARENT_OF_YOUNG_CHILD', source: 'RULE', since: '' },
    ]);
    expect(tags.map((x) => x.name)).toEqual(['PARENT_OF_YOUNG_CHILD', 'REFERRER', 'B', 'b']);
  });
});

describe('age bounds', () => {
  it('the latest birth date of an age is exact, 29 February included', () => {
    expect(latestBirthDateForAge('2026-06-15', 46)).toBe('1980-06-15');
    expect(latestBirthDateForAge('2021-02-28', 1)).toBe('2020-02-29');
    for (const today of ['2024-02-29', '2025-03-01', '2026-12-31']) {
      for (const age of [0, 1, 6, 45]) {
        const d = latestBirthDateForAge(today, age);
        expect(ageOn(d, today)).toBeGreaterThanOrEqual(age);
      }
    }
  });
});

describe('the rules file', () => {
  it('validates every field and names the bad one', () => {
    expect(validateCustomerRules(DEFAULT_CUSTOMER_RULES)).toEqual(DEFAULT_CUSTOMER_RULES);
    const bad: Array<[Record<string, unknown>, RegExp]> = [
      [{ ...DEFAULT_CUSTOMER_RULES, influenceWeight: -1 }, /influenceWeight/],
      [{ ...DEFAULT_CUSTOMER_RULES, tiers: { DIAMOND: 100, PLATINUM: 300, GOLD: 10 } }, /tiers.PLATINUM/],
      [{ ...DEFAULT_CUSTOMER_RULES, tiers: { DIAMOND: 100, PLATINUM: 30 } }, /tiers.GOLD: is required/],
      [{ ...DEFAULT_CUSTOMER_RULES, ruleTags: ['VIP'] }, /ruleTags\[0\]/],
      [{ ...DEFAULT_CUSTOMER_RULES, ruleTags: ['REFERRER', 'REFERRER'] }, /ruleTags\[1\]: repeats/],
      [{ ...DEFAULT_CUSTOMER_RULES, extra: 1 }, /extra: is not a known field/],
      [{ ...DEFAULT_CUSTOMER_RULES, version: '' }, /version/],
    ];
    for (const [data, message] of bad) expect(() => validateCustomerRules(data)).toThrow(message);
  });
  it('loads a file by path (naming it when it is bad) or the defaults', () => {
    expect(loadCustomerRules(undefined)).toEqual(DEFAULT_CUSTOMER_RULES);
    expect(() => loadCustomerRules('/nonexistent/customer-rules.json')).toThrow(/Cannot read customer rules file \/nonexistent/);
  });
});
