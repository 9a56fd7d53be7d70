/** Injectable clock: "today" for ages, triggers and gaps. Tests and demos fix the date. */
export interface Clock {
  now(): Date;
  /** Today's calendar date in UTC, YYYY-MM-DD. */
  today(): string;
}

export const systemClock: Clock = {
  now: () => new Date(),
  today: () => new Date().toISOString().slice(0, 10),
};

export function fixedClock(today: string): Clock {
  return {
    now: () => new Date(`${today}T12:00:00Z`),
    today: () => today,
  };
}
