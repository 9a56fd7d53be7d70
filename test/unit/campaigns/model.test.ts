/** The dashboard's pure rules: figure arithmetic, completion, calendar periods in a time zone, row filters and order, cursors. */
import {
  BreakdownRow,
  compareRows,
  completion,
  costApplies,
  decodeCursor,
  encodeCursor,
  FullFilter,
  groupFilter,
  grouping,
  localDay,
  NO_COUNTS,
  periodBounds,
  periodOf,
  periodStart,
  roi,
  startOfDay,
  toFigures,
} from '../../../src/campaigns/campaigns.model';
import { AppError } from '../../../src/errors';

const SH = 'Asia/Shanghai';
const NO_FILTER: FullFilter = {
  campaign: null,
  channel: null,
  advisorId: null,
  from: null,
  to: null,
  secondGeneration: null,
  noCampaign: null,
  noAdvisor: null,
};

describe('figures', () => {
  it('ROI = (premium - cost) / cost, null without cost or with cost 0', () => {
    expect(roi(1500, 600)).toBe(1.5);
    expect(roi(0, 100)).toBe(-1);
    expect(roi(100, 0)).toBeNull();
    expect(roi(100, null)).toBeNull();
  });

  it('conversion rate and K-factor as referralStats defines them; 0 when nothing was invited', () => {
    const f = toFigures({ participants: 3, invited: 5, accepted: 4, newPeople: 4, spreaders: 1, converted: 2, premium: 1500 }, 600);
    expect(f).toEqual({ participants: 3, invited: 5, accepted: 4, newPeople: 4, spreaders: 1, converted: 2, premium: 1500, conversionRate: 0.4, kFactor: 4 / 3, cost: 600, roi: 1.5 });
    expect(toFigures(NO_COUNTS, 0)).toMatchObject({ conversionRate: 0, kFactor: 0, cost: 0, roi: null });
  });

  it('completion: mean over set fields of min(actual / target, 1); 1 when none set', () => {
    const actual = { ...NO_COUNTS, participants: 2, newPeople: 2, converted: 1, premium: 800 };
    expect(completion({ participants: 4, newPeople: 2, converted: 1, premium: 1000 }, actual)).toBeCloseTo(0.825, 12);
    expect(completion({ participants: null, newPeople: null, converted: null, premium: null }, actual)).toBe(1);
    expect(completion({ participants: 1, newPeople: null, converted: null, premium: null }, actual)).toBe(1); // capped at 1
    expect(completion({ participants: null, newPeople: null, converted: 4, premium: null }, NO_COUNTS)).toBe(0);
  });

  it('cost applies unless the grouping has ADVISOR or the filter sets advisorId, noAdvisor or secondGeneration', () => {
    expect(costApplies(grouping(['CAMPAIGN', 'CHANNEL']), NO_FILTER)).toBe(true);
    expect(costApplies(grouping(['ADVISOR']), NO_FILTER)).toBe(false);
    expect(costApplies(grouping(['CAMPAIGN']), { ...NO_FILTER, advisorId: 'a' })).toBe(false);
    expect(costApplies(grouping(['CAMPAIGN']), { ...NO_FILTER, secondGeneration: false })).toBe(false);
    expect(costApplies(grouping(['CAMPAIGN']), { ...NO_FILTER, noAdvisor: true })).toBe(false);
  });
});

describe('grouping', () => {
  it('1 to 3 distinct dimensions, at most one period', () => {
    expect(grouping(['ADVISOR', 'MONTH'])).toMatchObject({ advisor: true, period: 'MONTH', campaign: false, channel: false });
    for (const by of [[], ['CAMPAIGN', 'CHANNEL', 'ADVISOR', 'DAY'], ['DAY', 'WEEK'], ['CAMPAIGN', 'CAMPAIGN']] as const) {
      expect(() => grouping(by)).toThrow(AppError);
    }
  });
});

describe('calendar periods in Asia/Shanghai', () => {
  it('an instant falls on its local day: 2025-12-31T16:30Z is 2026-01-01 there', () => {
    expect(localDay('2025-12-31T16:30:00.000Z', SH)).toBe('2026-01-01');
    expect(localDay('2025-12-31T15:59:59.999Z', SH)).toBe('2025-12-31');
    expect(localDay('2025-12-31T16:30:00.000Z', 'UTC')).toBe('2025-12-31');
  });

  it('day, ISO week (Monday) and month across month and year ends', () => {
    expect(periodOf('2025-12-31T16:30:00.000Z', 'DAY', SH)).toBe('2026-01-01');
    expect(periodOf('2025-12-31T16:30:00.000Z', 'MONTH', SH)).toBe('2026-01-01');
    expect(periodOf('2025-12-31T15:30:00.000Z', 'MONTH', SH)).toBe('2025-12-01');
    // 2026-01-01 is a Thursday: its week starts Monday 2025-12-29
    expect(periodOf('2025-12-31T16:30:00.000Z', 'WEEK', SH)).toBe('2025-12-29');
    // a Sunday belongs to the week of the Monday before; a Monday starts its own
    expect(periodStart('2026-03-01', 'WEEK')).toBe('2026-02-23');
    expect(periodStart('2026-03-02', 'WEEK')).toBe('2026-03-02');
    expect(periodOf('2026-03-31T16:30:00.000Z', 'MONTH', SH)).toBe('2026-04-01');
    expect(periodStart('2024-02-29', 'MONTH')).toBe('2024-02-01');
  });

  it('period bounds are the local midnights, as UTC instants', () => {
    expect(startOfDay('2026-01-01', SH)).toBe('2025-12-31T16:00:00.000Z');
    expect(periodBounds('2025-12-01', 'MONTH', SH)).toEqual({ from: '2025-11-30T16:00:00.000Z', to: '2025-12-31T16:00:00.000Z' });
    expect(periodBounds('2025-12-29', 'WEEK', SH)).toEqual({ from: '2025-12-28T16:00:00.000Z', to: '2026-01-04T16:00:00.000Z' });
    expect(periodBounds('2024-02-28', 'DAY', SH)).toEqual({ from: '2024-02-27T16:00:00.000Z', to: '2024-02-28T16:00:00.000Z' });
  });

  it('a zone with daylight saving: days of 23 and 25 hours', () => {
    const NY = 'America/New_York';
    expect(startOfDay('2026-03-08', NY)).toBe('2026-03-08T05:00:00.000Z');
    expect(startOfDay('2026-03-09', NY)).toBe('2026-03-09T04:00:00.000Z');
    expect(localDay('2026-11-01T04:30:00.000Z', NY)).toBe('2026-11-01');
    expect(startOfDay('2026-11-02', NY)).toBe('2026-11-02T05:00:00.000Z');
  });
});

describe('row filters and order', () => {
  it('narrows the filter to the group; null groups set noCampaign / noAdvisor; periods intersect from/to', () => {
    const g = grouping(['CAMPAIGN', 'ADVISOR', 'MONTH']);
    const f = { ...NO_FILTER, channel: 'qr', from: '2026-03-10T00:00:00.000Z' };
    expect(groupFilter(f, g, { campaign: null, advisorId: 'a1', period: '2026-03-01' }, SH)).toEqual({
      ...f,
      campaign: null,
      noCampaign: true,
      advisorId: 'a1',
      from: '2026-03-10T00:00:00.000Z',
      to: '2026-03-31T16:00:00.000Z',
    });
    expect(groupFilter(f, g, { campaign: 'c', advisorId: null, period: '2026-04-01' }, SH)).toMatchObject({
      campaign: 'c',
      noCampaign: null,
      advisorId: null,
      noAdvisor: true,
      from: '2026-03-31T16:00:00.000Z',
      to: '2026-04-30T16:00:00.000Z',
    });
  });

  it('premium descending, then the dimensions in the order asked, ascending, null last', () => {
    const row = (campaign: string | null, channel: string | null, premium: number): BreakdownRow => ({
      campaign,
      channel,
      advisorId: null,
      period: null,
      figures: toFigures({ ...NO_COUNTS, premium }, null),
      filter: { ...NO_FILTER },
    });
    const rows = [row(null, 'b', 5), row('x', 'a', 5), row('a', 'b', 1), row('a', 'a', 9), row('x', null, 5)];
    expect(rows.sort(compareRows(['CAMPAIGN', 'CHANNEL'])).map((r) => [r.campaign, r.channel])).toEqual([
      ['a', 'a'],
      ['x', 'a'],
      ['x', null],
      [null, 'b'],
      ['a', 'b'],
    ]);
    expect(rows.sort(compareRows(['CHANNEL', 'CAMPAIGN'])).map((r) => [r.campaign, r.channel])).toEqual([
      ['a', 'a'],
      ['x', 'a'],
      [null, 'b'],
      ['x', null],
      ['a', 'b'],
    ]);
  });
});

describe('cursors', () => {
  it('round-trip and refuse what they did not produce', () => {
    const c = { sentAt: '2026-03-01T08:00:00.000Z', id: 'inv-1' };
    expect(decodeCursor(encodeCursor(c))).toEqual(c);
    for (const bad of ['x', Buffer.from('{"a":1}').toString('base64url'), Buffer.from('[1,2]').toString('base64url')]) {
      expect(() => decodeCursor(bad)).toThrow(AppError);
    }
  });
});
