import { computeTriggers, type TriggerInput, type TriggerPolicy } from '../../../src/coverage/triggers';

const none: TriggerInput = { members: [], policies: [], spouseLinks: [] };

function birthdays(birthDate: string, today: string): Array<[string, number]> {
  return computeTriggers({ ...none, members: [{ oneId: 'p', birthDate }] }, today)
    .filter((t) => t.kind === 'BIRTHDAY')
    .map((t) => [t.date, t.daysAway]);
}

describe('BIRTHDAY (0..15 days ahead)', () => {
  it.each([
    ['1990-05-01', '2026-05-01', [['2026-05-01', 0]]],
    ['1990-05-16', '2026-05-01', [['2026-05-16', 15]]],
    ['1990-05-17', '2026-05-01', []],
    ['1990-04-30', '2026-05-01', []], // yesterday: next one is a year away
    ['1990-01-04', '2026-12-20', [['2027-01-04', 15]]], // across the year end
    ['1990-01-05', '2026-12-20', []],
    ['1990-02-15', '2026-01-31', [['2026-02-15', 15]]], // across a month end
    ['1990-02-16', '2026-01-31', []],
    ['1990-03-01', '2028-02-15', [['2028-03-01', 15]]], // 29 days in February 2028
    ['1990-03-01', '2027-02-14', [['2027-03-01', 15]]],
  ])('born %s, on %s: %j', (birth, today, expected) => {
    expect(birthdays(birth, today)).toEqual(expected);
  });

  describe('29 February birthdays', () => {
    it.each([
      ['2027-02-13', [['2027-02-28', 15]]], // 2027 is not a leap year: 28 February
      ['2027-02-12', []],
      ['2027-02-28', [['2027-02-28', 0]]],
      ['2027-03-01', []], // next is 2028-02-29, a year away
      ['2028-02-14', [['2028-02-29', 15]]], // 2028 is a leap year: 29 February
      ['2028-02-28', [['2028-02-29', 1]]],
      ['2028-02-29', [['2028-02-29', 0]]],
      ['2028-03-01', []],
    ])('born 2000-02-29, on %s: %j', (today, expected) => {
      expect(birthdays('2000-02-29', today)).toEqual(expected);
    });
  });

  it('ignores unknown and future birth dates, and the day of birth itself', () => {
    const members = [
      { oneId: 'unknown', birthDate: null },
      { oneId: 'unborn', birthDate: '2026-05-10' },
      { oneId: 'bornToday', birthDate: '2026-05-01' },
    ];
    expect(computeTriggers({ ...none, members }, '2026-05-01').filter((t) => t.kind === 'BIRTHDAY')).toEqual([]);
  });
});

describe('NEWBORN (under one, no ACTIVE MEDICAL policy)', () => {
  const medical = (status: TriggerPolicy['status']): TriggerPolicy => ({ insuredOneId: 'baby', productType: 'MEDICAL', status, endDate: null });
  const newborns = (birthDate: string, today: string, policies: TriggerPolicy[] = []) =>
    computeTriggers({ ...none, members: [{ oneId: 'baby', birthDate }], policies }, today).filter((t) => t.kind === 'NEWBORN');

  it('dates the trigger on the birth date, daysAway counting the days since (negative)', () => {
    expect(newborns('2026-03-01', '2026-05-01')).toEqual([{ kind: 'NEWBORN', oneId: 'baby', date: '2026-03-01', daysAway: -61 }]);
    expect(newborns('2026-05-01', '2026-05-01')).toEqual([{ kind: 'NEWBORN', oneId: 'baby', date: '2026-05-01', daysAway: 0 }]);
  });

  it.each([
    ['2025-05-01', '2026-04-30', true],
    ['2025-05-01', '2026-05-01', false], // first birthday
    ['2024-02-29', '2025-02-27', true],
    ['2024-02-29', '2025-02-28', false], // leap-day baby turns one on 28 February
    ['2026-06-01', '2026-05-01', false], // not born yet
  ])('born %s, on %s: newborn %p', (birth, today, isNewborn) => {
    expect(newborns(birth, today)).toHaveLength(isNewborn ? 1 : 0);
  });

  it('is silenced only by an ACTIVE MEDICAL policy on the baby', () => {
    expect(newborns('2026-03-01', '2026-05-01', [medical('ACTIVE')])).toEqual([]);
    expect(newborns('2026-03-01', '2026-05-01', [medical('LAPSED')])).toHaveLength(1);
    expect(newborns('2026-03-01', '2026-05-01', [{ ...medical('ACTIVE'), productType: 'LIFE' }])).toHaveLength(1);
    expect(newborns('2026-03-01', '2026-05-01', [{ ...medical('ACTIVE'), insuredOneId: 'mum' }])).toHaveLength(1);
  });
});

describe('MARRIAGE (SPOUSE link in the last 90 days)', () => {
  const members = [
    { oneId: 'bob', birthDate: null },
    { oneId: 'amy', birthDate: null },
  ];
  const marriages = (date: string | Date, today = '2026-05-02', a = 'bob', b = 'amy') =>
    computeTriggers({ ...none, members, spouseLinks: [{ a, b, date }] }, today);

  it.each([
    ['2026-05-02T09:00:00Z', [['2026-05-02', 0]]],
    ['2026-02-01T10:00:00Z', [['2026-02-01', -90]]],
    ['2026-01-31T23:59:59Z', []], // 91 days ago
    ['2026-05-03T00:00:00Z', []], // in the future
    ['2026-02-01T07:00:00+08:00', []], // 31 January in UTC
    ['2025-12-31', []],
  ])('married %s: %j', (date, expected) => {
    expect(marriages(date).map((t) => [t.date, t.daysAway])).toEqual(expected);
  });

  it('crosses the year end in UTC days', () => {
    expect(marriages(new Date('2025-10-03T12:00:00Z'), '2026-01-01')).toEqual([{ kind: 'MARRIAGE', oneId: 'amy', date: '2025-10-03', daysAway: -90 }]);
  });

  it('gives one trigger per couple, on the member (the smaller OneID when both are)', () => {
    expect(marriages('2026-04-01T00:00:00Z').map((t) => t.oneId)).toEqual(['amy']);
    expect(marriages('2026-04-01T00:00:00Z', '2026-05-02', 'bob', 'newcomer').map((t) => t.oneId)).toEqual(['bob']);
    expect(marriages('2026-04-01T00:00:00Z', '2026-05-02', 'x', 'y')).toEqual([]);
  });

  it('keeps the latest creation of a couple linked twice', () => {
    const spouseLinks = [
      { a: 'bob', b: 'amy', date: '2026-03-01T00:00:00Z' },
      { a: 'amy', b: 'bob', date: '2026-04-01T00:00:00Z' },
    ];
    expect(computeTriggers({ ...none, members, spouseLinks }, '2026-05-02')).toEqual([
      { kind: 'MARRIAGE', oneId: 'amy', date: '2026-04-01', daysAway: -31 },
    ]);
  });
});

describe('POLICY_EXPIRY (ACTIVE, endDate 0..30 days ahead)', () => {
  const expiring = (endDate: string | null, today: string, status: TriggerPolicy['status'] = 'ACTIVE') =>
    computeTriggers({ ...none, policies: [{ insuredOneId: 'p', productType: 'LIFE', status, endDate }] }, today).map((t) => [t.date, t.daysAway]);

  it.each([
    ['2026-05-31', '2026-05-01', [['2026-05-31', 30]]],
    ['2026-06-01', '2026-05-01', []], // 31 days
    ['2027-01-14', '2026-12-15', [['2027-01-14', 30]]], // across the year end
    ['2027-01-15', '2026-12-15', []],
    ['2028-03-02', '2028-02-01', [['2028-03-02', 30]]], // leap February
    ['2028-03-03', '2028-02-01', []],
    ['2027-03-03', '2027-02-01', [['2027-03-03', 30]]],
    ['2026-05-01', '2026-05-01', [['2026-05-01', 0]]],
    ['2026-04-30', '2026-05-01', []], // already ended
  ])('ends %s, on %s: %j', (endDate, today, expected) => {
    expect(expiring(endDate, today)).toEqual(expected);
  });

  it('ignores policies that are not ACTIVE or have no end date', () => {
    expect(expiring('2026-05-10', '2026-05-01', 'LAPSED')).toEqual([]);
    expect(expiring(null, '2026-05-01')).toEqual([]);
  });
});

describe('computeTriggers', () => {
  const input: TriggerInput = {
    members: [
      { oneId: 'dad', birthDate: '1980-05-10' },
      { oneId: 'mum', birthDate: '1982-05-03' },
      { oneId: 'baby', birthDate: '2026-04-20' },
    ],
    policies: [
      { insuredOneId: 'dad', productType: 'LIFE', status: 'ACTIVE', endDate: '2026-05-03' },
      { insuredOneId: 'baby', productType: 'LIFE', status: 'ACTIVE', endDate: null },
    ],
    spouseLinks: [{ a: 'dad', b: 'mum', date: '2026-03-01T12:00:00Z' }],
  };

  it('lists every kind in chronological order, ties by kind then OneID', () => {
    expect(computeTriggers(input, '2026-05-01')).toEqual([
      { kind: 'MARRIAGE', oneId: 'dad', date: '2026-03-01', daysAway: -61 },
      { kind: 'NEWBORN', oneId: 'baby', date: '2026-04-20', daysAway: -11 },
      { kind: 'BIRTHDAY', oneId: 'mum', date: '2026-05-03', daysAway: 2 },
      { kind: 'POLICY_EXPIRY', oneId: 'dad', date: '2026-05-03', daysAway: 2 },
      { kind: 'BIRTHDAY', oneId: 'dad', date: '2026-05-10', daysAway: 9 },
    ]);
  });

  it('gives the same answer for today as a date, a Date and a date-time', () => {
    const expected = computeTriggers(input, '2026-05-01');
    expect(computeTriggers(input, new Date('2026-05-01T18:00:00Z'))).toEqual(expected);
    expect(computeTriggers(input, '2026-05-02T06:00:00+08:00')).toEqual(expected);
  });

  it('returns nothing for an empty household', () => {
    expect(computeTriggers(none, '2026-05-01')).toEqual([]);
  });
});
