/**
 * Calendar-day arithmetic: the one module for ages, birthdays, windows and the business
 * time zone's "today" (every feature uses it; it uses nothing of theirs).
 *
 * Every function takes "today" as an argument (never reads the clock), so the
 * caller decides what the service's current date is and tests can pin it.
 * Days are counted as whole UTC calendar days ("day numbers": days since
 * 1970-01-01). An instant (a Date, or a date-time string with an offset) is
 * first reduced to the UTC calendar day it falls on.
 *
 * Leap-day convention: a person born on 29 February has their birthday on
 * 28 February in non-leap years, and turns a year older on that day. (The
 * day stays within February, which is what families usually celebrate.)
 */
/** A calendar date ("YYYY-MM-DD", read as a UTC calendar day) or an instant. */
export type DateInput = Date | string;

/** Days since 1970-01-01 (UTC). */
export type DayNumber = number;

const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

interface CalendarDate {
  year: number;
  month: number; // 1..12
  day: number; // 1..31
}

/** True for Gregorian leap years. */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
}

function toDay({ year, month, day }: CalendarDate): DayNumber {
  if (year >= 100) return Date.UTC(year, month - 1, day) / MS_PER_DAY; // fast path: midnight UTC is a whole day
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day); // setUTCFullYear keeps years < 100 literal
  return Math.round(date.getTime() / MS_PER_DAY);
}

function fromDay(dayNumber: DayNumber): CalendarDate {
  const date = new Date(dayNumber * MS_PER_DAY);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

function parseCalendarDate(value: string): CalendarDate {
  const match = ISO_DATE.exec(value);
  if (match === null) {
    throw new RangeError(`Invalid date "${value}": expected YYYY-MM-DD`);
  }
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw new RangeError(`Invalid date "${value}": no such calendar day`);
  }
  return { year, month, day };
}

/** Parses a strict ISO calendar date ("YYYY-MM-DD"); throws RangeError otherwise (e.g. 2027-02-29). */
export function parseIsoDate(value: string): DayNumber {
  return toDay(parseCalendarDate(value));
}

/** A date input, or a day number already computed. */
export type DayInput = DateInput | DayNumber;

/**
 * The UTC calendar day of a date input: a Date, a "YYYY-MM-DD" string, an
 * ISO date-time string (e.g. "2026-05-01T23:30:00-02:00" is 2026-05-02), or a
 * day number (returned as is). Throws RangeError for anything unparseable.
 */
export function toDayNumber(value: DayInput): DayNumber {
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) throw new RangeError(`Invalid day number ${value}`);
    return value;
  }
  if (typeof value === 'string' && ISO_DATE.test(value)) {
    return parseIsoDate(value);
  }
  const date = typeof value === 'string' ? new Date(value) : value;
  const time = date.getTime();
  if (Number.isNaN(time)) {
    throw new RangeError(`Invalid date "${String(value)}"`);
  }
  return Math.floor(time / MS_PER_DAY);
}

/** Formats a day number as "YYYY-MM-DD". */
export function formatDay(dayNumber: DayNumber): string {
  const { year, month, day } = fromDay(dayNumber);
  const pad = (n: number, width: number): string => String(n).padStart(width, '0');
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** The day a birthday falls on in `year` (29 February becomes 28 February in non-leap years). */
function anniversary(birth: CalendarDate, year: number): DayNumber {
  const day = Math.min(birth.day, daysInMonth(year, birth.month));
  return toDay({ year, month: birth.month, day });
}

/**
 * Whole years completed on `today` by someone born on `birthDate`
 * (leap-day births age on 28 February in non-leap years). Negative when the
 * birth date is after today; see `ageOrNull` for display.
 */
export function ageOn(birthDate: string, today: DayInput): number {
  const birth = parseCalendarDate(birthDate);
  const todayDay = toDayNumber(today);
  const { year } = fromDay(todayDay);
  const years = year - birth.year;
  return todayDay >= anniversary(birth, year) ? years : years - 1;
}

/** `ageOn`, or null when the birth date is unknown or after today (Person.age). */
export function ageOrNull(birthDate: string | null, today: DayInput): number | null {
  if (birthDate === null) {
    return null;
  }
  const age = ageOn(birthDate, today);
  return age < 0 ? null : age;
}

/**
 * The next birthday on or after `today`, never the birth day itself
 * (someone born today has their first birthday in a year).
 */
export function nextBirthday(birthDate: string, today: DayInput): DayNumber {
  const birth = parseCalendarDate(birthDate);
  const todayDay = toDayNumber(today);
  const { year } = fromDay(todayDay);
  const firstCandidateYear = Math.max(year, birth.year + 1);
  const candidate = anniversary(birth, firstCandidateYear);
  return candidate >= todayDay ? candidate : anniversary(birth, firstCandidateYear + 1);
}

/** The first birthday (one year of age), with the leap-day convention above. */
export function firstBirthday(birthDate: string): DayNumber {
  const birth = parseCalendarDate(birthDate);
  return anniversary(birth, birth.year + 1);
}

/** True when `value` is YYYY-MM-DD and a day that exists (1988-02-29 yes, 1989-02-29 no). */
export function isCalendarDate(value: string): boolean {
  try {
    return formatDay(parseIsoDate(value)) === value;
  } catch {
    return false;
  }
}

const ISO_DATE_TIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|([+-])(\d{2}):(\d{2}))$/;

/**
 * An ISO-8601 date-time with an offset (2026-05-01T08:30:00Z, …+08:00), normalized to a UTC
 * ISO string; null when it is not one or names an instant that does not exist (30 February,
 * 24:00, minute 60, offset +25:00): nothing rolls over into another day.
 */
export function normalizeIsoDateTime(value: string): string | null {
  const m = ISO_DATE_TIME.exec(value);
  if (!m || !isCalendarDate(m[1]!)) return null;
  const [hours, minutes, seconds] = [Number(m[2]), Number(m[3]), Number(m[4] ?? 0)];
  if (hours > 23 || minutes > 59 || seconds > 59) return null;
  if (m[7] !== undefined && (Number(m[8]) > 23 || Number(m[9]) > 59)) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

/** The default business time zone: the service's "today" is the calendar date there. */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/** True when `timeZone` is an IANA zone this runtime knows (e.g. Asia/Shanghai, UTC). */
export function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-CA', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** One formatter per time zone (building an Intl.DateTimeFormat costs far more than using one). */
const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** The calendar date ("YYYY-MM-DD") of the instant `at` in `timeZone`. */
export function dateIn(timeZone: string, at: Date): string {
  let format = dayFormats.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormats.set(timeZone, format);
  }
  const parts = format.formatToParts(at);
  const get = (type: string): string => parts.find((p) => p.type === type)!.value;
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** "MM-DD" of a calendar date: the key a birthday is stored and looked up by. */
export function monthDayOf(date: string): string {
  return date.slice(5, 10);
}

/** Adds whole days to a calendar date. */
export function addDays(date: string, days: number): string {
  return formatDay(parseIsoDate(date) + days);
}
