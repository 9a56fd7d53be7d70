/** Injectable clock: "today" for ages, triggers, gaps and work-lists. Tests and demos fix the date. */
import { dateIn, DEFAULT_TIME_ZONE } from './calendar/calendar';

export interface Clock {
  now(): Date;
  /** Today's calendar date in the business time zone, YYYY-MM-DD. */
  today(): string;
}

/** The real time; "today" is the date in `timeZone` (default Asia/Shanghai, BUSINESS_TIME_ZONE). */
export function systemClock(timeZone: string = DEFAULT_TIME_ZONE): Clock {
  return {
    now: () => new Date(),
    today: () => dateIn(timeZone, new Date()),
  };
}

export function fixedClock(today: string): Clock {
  return {
    now: () => new Date(`${today}T12:00:00Z`),
    today: () => today,
  };
}
