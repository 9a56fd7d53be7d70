/** The system clock's today(): the business date of now, formatted once a second at most. */
import { dateIn } from '../../../src/calendar/calendar';
import { systemClock } from '../../../src/clock';

describe('systemClock', () => {
  afterEach(() => jest.useRealTimers());

  it('answers the date in its time zone, and moves on at midnight there', () => {
    // 2026-06-01 23:59:59.500 in Shanghai (UTC+8) is 15:59:59.500 UTC.
    jest.useFakeTimers({ now: Date.parse('2026-06-01T15:59:59.500Z') });
    const shanghai = systemClock('Asia/Shanghai');
    const utc = systemClock('UTC');
    expect(shanghai.today()).toBe('2026-06-01');
    expect(utc.today()).toBe('2026-06-01');
    jest.advanceTimersByTime(400);
    expect(shanghai.today()).toBe('2026-06-01');
    jest.advanceTimersByTime(200); // 16:00:00.100 UTC: midnight passed in Shanghai
    expect(shanghai.today()).toBe('2026-06-02');
    expect(shanghai.today()).toBe(dateIn('Asia/Shanghai', new Date()));
    expect(utc.today()).toBe('2026-06-01');
  });
});
