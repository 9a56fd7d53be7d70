/** Injectable clock: "today" for ages, triggers, gaps and work-lists. Tests and demos fix the date. */
import { dateIn, DEFAULT_TIME_ZONE } from './calendar/calendar';

export interface Clock {
  now(): Date;
  /** Today's calendar date in the business time zone, YYYY-MM-DD. */
  today(): string;
}

/** The real time; "today" is the date in `timeZone` (default Asia/Shanghai, BUSINESS_TIME_ZONE). */
export function systemClock(timeZone: string = DEFAULT_TIME_ZONE): Clock {
  // today() is asked for every age and date on a page: the date is formatted once a second
  // (Intl's formatToParts is the costly part), which cannot miss a midnight by more than that.
  let second = Number.NaN;
  let day = '';
  return {
    now: () => new Date(),
    today: () => {
      const now = Date.now();
      const s = Math.floor(now / 1000);
      if (s !== second) {
        day = dateIn(timeZone, new Date(now));
        second = s;
      }
      return day;
    },
  };
}

export function fixedClock(today: string): Clock {
  return {
    now: () => new Date(`${today}T12:00:00Z`),
    today: () => today,
  };
}
