import { ageOn, ageOrNull, formatDay, isCalendarDate, nextBirthday, normalizeIsoDateTime, parseIsoDate, toDayNumber } from '../../../src/calendar/calendar';

describe('ageOn', () => {
  it.each([
    ['1990-06-15', '2026-06-14', 35],
    ['1990-06-15', '2026-06-15', 36],
    ['1990-12-31', '2026-12-30', 35],
    ['1990-12-31', '2026-12-31', 36],
    ['1990-12-31', '2027-01-01', 36],
    ['1991-01-01', '2026-12-31', 35],
    ['2000-02-29', '2027-02-27', 26],
    ['2000-02-29', '2027-02-28', 27], // leap-day birthday on 28 February in a non-leap year
    ['2000-02-29', '2027-03-01', 27],
    ['2000-02-29', '2028-02-28', 27],
    ['2000-02-29', '2028-02-29', 28],
    ['2026-05-01', '2026-05-01', 0],
    ['2026-05-02', '2026-05-01', -1],
  ])('born %s is %i on %s', (birth, today, age) => {
    expect(ageOn(birth, today)).toBe(age);
  });

  it('reads a Date or a date-time by its UTC calendar day', () => {
    expect(ageOn('1990-06-15', new Date('2026-06-14T23:59:59Z'))).toBe(35);
    expect(ageOn('1990-06-15', new Date('2026-06-15T00:00:00Z'))).toBe(36);
    expect(ageOn('1990-06-15', '2026-06-15T07:00:00+08:00')).toBe(35); // still 14 June in UTC
  });

  it('ageOrNull is null for an unknown or future birth date', () => {
    expect(ageOrNull(null, '2026-05-01')).toBeNull();
    expect(ageOrNull('2026-05-02', '2026-05-01')).toBeNull();
    expect(ageOrNull('1980-05-01', '2026-05-01')).toBe(46);
  });
});

describe('calendar days', () => {
  it.each(['2027-02-29', '2026-13-01', '2026-04-31', '2026-1-1', '', '01/05/2026'])('rejects %p', (value) => {
    expect(() => parseIsoDate(value)).toThrow(RangeError);
  });

  it('rejects an unparseable date-time', () => {
    expect(() => toDayNumber('yesterday')).toThrow(RangeError);
    expect(() => toDayNumber(new Date('nope'))).toThrow(RangeError);
  });

  it.each(['1970-01-01', '1969-12-31', '2000-02-29', '2028-12-31', '0099-03-01'])('formats %s back to itself', (value) => {
    expect(formatDay(parseIsoDate(value))).toBe(value);
  });

  it.each([
    ['1990-06-15', '2026-06-15', '2026-06-15'],
    ['1990-06-15', '2026-06-16', '2027-06-15'],
    ['1990-01-03', '2026-12-30', '2027-01-03'],
    ['2000-02-29', '2027-01-10', '2027-02-28'],
    ['2000-02-29', '2027-03-01', '2028-02-29'],
    ['2026-05-01', '2026-05-01', '2027-05-01'], // the day of birth is not a birthday
  ])('next birthday of %s from %s is %s', (birth, today, expected) => {
    expect(formatDay(nextBirthday(birth, today))).toBe(expected);
  });
});

describe('strict dates and date-times', () => {
  it.each([
    ['1988-02-29', true],
    ['1989-02-29', false],
    ['2026-04-31', false],
    ['2026-13-01', false],
    ['2026-1-01', false],
    ['2026-01-01T00:00:00Z', false],
  ])('isCalendarDate(%s) is %s', (value, ok) => {
    expect(isCalendarDate(value)).toBe(ok);
  });

  it.each([
    ['2024-02-29T23:30:00+08:00', '2024-02-29T15:30:00.000Z'],
    ['2026-05-01T08:30Z', '2026-05-01T08:30:00.000Z'],
    ['2026-05-01T08:30:00.123456Z', '2026-05-01T08:30:00.123Z'],
    ['2026-12-31T23:59:59-05:00', '2027-01-01T04:59:59.000Z'],
  ])('normalizeIsoDateTime(%s) is %s', (value, normalized) => {
    expect(normalizeIsoDateTime(value)).toBe(normalized);
  });

  it.each([['2024-02-30T00:00:00Z'], ['2023-02-29T00:00:00Z'], ['2026-05-01T24:00:00Z'], ['2026-05-01T10:60:00Z'], ['2026-05-01T10:00:60Z'], ['2026-05-01T10:00:00+24:00'], ['2026-05-01T10:00:00'], ['2026-05-01'], ['tomorrow']])(
    'normalizeIsoDateTime(%s) refuses it (null), never rolling over',
    (value) => {
      expect(normalizeIsoDateTime(value)).toBeNull();
    },
  );
});
