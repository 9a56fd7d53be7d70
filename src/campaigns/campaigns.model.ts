/**
 * Plain records and pure rules of the referral programme's dashboard (contract:
 * campaigns.graphql): figure arithmetic (conversion rate, K-factor, ROI, target completion),
 * calendar periods in the service's time zone, the filter a breakdown row hands back, row
 * order, cost attribution and drill-down cursors. No GraphQL, no database.
 *
 * Instants are ISO-8601 UTC strings as the DateTime scalar normalizes them
 * (2026-05-01T08:30:00.000Z), so they compare as strings; days are YYYY-MM-DD.
 */
import { AppError, badInput } from '../errors';
import { addDays, isCalendarDate } from '../calendar/calendar';
import type { ReferralFilterInput } from '../referral/referral.model';
import { toStats } from '../referral/referral.model';

export type Dimension = 'CAMPAIGN' | 'CHANNEL' | 'ADVISOR' | 'DAY' | 'WEEK' | 'MONTH';
export type Period = 'DAY' | 'WEEK' | 'MONTH';
export type Metric = 'PARTICIPANTS' | 'INVITED' | 'ACCEPTED' | 'NEW_PEOPLE' | 'SPREADERS' | 'CONVERTED';

export const DIMENSIONS: readonly Dimension[] = ['CAMPAIGN', 'CHANNEL', 'ADVISOR', 'DAY', 'WEEK', 'MONTH'];
export const PERIODS: readonly Period[] = ['DAY', 'WEEK', 'MONTH'];
export const METRICS: readonly Metric[] = ['PARTICIPANTS', 'INVITED', 'ACCEPTED', 'NEW_PEOPLE', 'SPREADERS', 'CONVERTED'];

/** A breakdown answers at most this many rows (BAD_USER_INPUT beyond). */
export const MAX_BREAKDOWN_ROWS = 1000;
export const DRILL_DOWN_PAGE = { default: 50, min: 1, max: 200 } as const;
export const MAX_ID_LENGTH = 128;
export const MAX_NAME_LENGTH = 200;
export const MAX_CHANNEL_LENGTH = 64;
/** Whole CNY amounts and target figures fit GraphQL's Int. */
export const MAX_AMOUNT = 2_000_000_000;

/** A ReferralFilter with every field present (see referral's validateFilter). */
export type FullFilter = Required<ReferralFilterInput>;

export interface CampaignRecord {
  id: string;
  name: string;
  startsAt: string | null;
  endsAt: string | null;
  /** Sum of the campaign's cost entries. */
  cost: number;
}

export interface CostEntryRecord {
  id: string;
  campaign: string;
  channel: string | null;
  amount: number;
  spentAt: string;
}

export interface TargetFigures {
  participants: number | null;
  newPeople: number | null;
  converted: number | null;
  premium: number | null;
}

export interface TargetRecord extends TargetFigures {
  campaign: string;
  advisorId: string;
}

/** The counts one aggregation statement answers per group (see cypher/campaigns/breakdown.cypher). */
export interface FigureCounts {
  participants: number;
  invited: number;
  accepted: number;
  newPeople: number;
  spreaders: number;
  converted: number;
  premium: number;
}

export interface Figures extends FigureCounts {
  conversionRate: number;
  kFactor: number;
  cost: number | null;
  roi: number | null;
}

export const NO_COUNTS: FigureCounts = { participants: 0, invited: 0, accepted: 0, newPeople: 0, spreaders: 0, converted: 0, premium: 0 };

/** The group of a breakdown row: the grouped dimensions' values (null: none), the others undefined. */
export interface GroupKey {
  campaign?: string | null;
  channel?: string | null;
  advisorId?: string | null;
  /** First day of the period. */
  period?: string | null;
}

/** ReferralGroupFilter: a row's filter, ready for referralDrillDown. */
export interface GroupFilter {
  campaign: string | null;
  channel: string | null;
  advisorId: string | null;
  from: string | null;
  to: string | null;
  secondGeneration: boolean | null;
  noCampaign: boolean | null;
  noAdvisor: boolean | null;
}

export interface BreakdownRow {
  campaign: string | null;
  channel: string | null;
  advisorId: string | null;
  period: string | null;
  figures: Figures;
  filter: GroupFilter;
}

export interface Breakdown {
  rows: BreakdownRow[];
  total: Figures;
}

export interface TargetProgress {
  campaign: string;
  advisorId: string;
  target: TargetFigures;
  actual: Figures;
  completion: number;
}

/** The grouping a `by` list asks for: 1 to 3 distinct dimensions, at most one period. */
export interface Grouping {
  by: Dimension[];
  campaign: boolean;
  channel: boolean;
  advisor: boolean;
  period: Period | null;
}

export function grouping(by: readonly Dimension[]): Grouping {
  if (by.length < 1 || by.length > 3) throw badInput('by must name 1 to 3 dimensions');
  if (new Set(by).size !== by.length) throw badInput('by must not name a dimension twice');
  const periods = by.filter((d): d is Period => (PERIODS as readonly string[]).includes(d));
  if (periods.length > 1) throw badInput('by may name at most one of DAY, WEEK, MONTH');
  return { by: [...by], campaign: by.includes('CAMPAIGN'), channel: by.includes('CHANNEL'), advisor: by.includes('ADVISOR'), period: periods[0] ?? null };
}

/** Spend is not attributed to advisors or generations: no cost (and no ROI) then. */
export function costApplies(g: Pick<Grouping, 'advisor'>, f: FullFilter): boolean {
  return !g.advisor && f.advisorId === null && f.secondGeneration === null && f.noAdvisor !== true;
}

/** ROI = (premium - cost) / cost; null when there is no cost figure or it is 0. */
export function roi(premium: number, cost: number | null): number | null {
  if (cost === null || cost === 0) return null;
  return (premium - cost) / cost;
}

/** The figures of counts: conversion rate and K-factor as referralStats defines them, cost and ROI. */
export function toFigures(c: FigureCounts, cost: number | null): Figures {
  const stats = toStats({ invited: c.invited, accepted: c.accepted, converted: c.converted, premium: c.premium, inviters: c.participants });
  return { ...c, conversionRate: stats.conversionRate, kFactor: stats.kFactor, cost, roi: roi(c.premium, cost) };
}

const TARGET_FIELDS = ['participants', 'newPeople', 'converted', 'premium'] as const;

/** Mean over the set target fields of min(actual / target, 1); 1 when no field is set. */
export function completion(target: TargetFigures, actual: FigureCounts): number {
  const parts = TARGET_FIELDS.flatMap((k) => {
    const goal = target[k];
    return goal === null || goal === undefined ? [] : [Math.min(actual[k] / goal, 1)];
  });
  return parts.length === 0 ? 1 : parts.reduce((a, b) => a + b, 0) / parts.length;
}

/** Lowest completion first, then campaign and advisorId. */
export function compareProgress(a: TargetProgress, b: TargetProgress): number {
  return a.completion - b.completion || cmp(a.campaign, b.campaign) || cmp(a.advisorId, b.advisorId);
}

export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Ascending with null last. */
function cmpNullLast(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return cmp(a, b);
}

const DIMENSION_FIELD: Record<Dimension, keyof GroupKey> = {
  CAMPAIGN: 'campaign',
  CHANNEL: 'channel',
  ADVISOR: 'advisorId',
  DAY: 'period',
  WEEK: 'period',
  MONTH: 'period',
};

/** Premium descending, then the dimension values in the order of `by`, ascending, null last. */
export function compareRows(by: readonly Dimension[]): (a: BreakdownRow, b: BreakdownRow) => number {
  return (a, b) => {
    const d = b.figures.premium - a.figures.premium;
    if (d !== 0) return d;
    for (const dim of by) {
      const f = DIMENSION_FIELD[dim];
      const c = cmpNullLast(a[f] ?? null, b[f] ?? null);
      if (c !== 0) return c;
    }
    return 0;
  };
}

// ---- calendar periods in the service's time zone ----

const partsFormats = new Map<string, Intl.DateTimeFormat>();

/** Offset of `timeZone` from UTC at the instant `ms`, in milliseconds (Asia/Shanghai: +8 h). */
function offsetAt(timeZone: string, ms: number): number {
  let format = partsFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partsFormats.set(timeZone, format);
  }
  const p = Object.fromEntries(format.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  const local = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  return local - Math.floor(ms / 1000) * 1000;
}

/** The calendar day ("YYYY-MM-DD") of the instant `at` in `timeZone`. */
export function localDay(at: string, timeZone: string): string {
  const ms = Date.parse(at);
  return new Date(ms + offsetAt(timeZone, ms)).toISOString().slice(0, 10);
}

/** The instant (UTC ISO) at which `day` begins in `timeZone` (00:00 local; the first instant of the day across a DST gap). */
export function startOfDay(day: string, timeZone: string): string {
  const wall = Date.parse(`${day}T00:00:00.000Z`);
  let guess = wall - offsetAt(timeZone, wall);
  guess = wall - offsetAt(timeZone, guess);
  // A gap at midnight (the clock jumps over 00:00): the day starts at the first instant whose local date is `day`.
  if (localDay(new Date(guess).toISOString(), timeZone) !== day) guess += 3_600_000;
  return new Date(guess).toISOString();
}

/** The first day of the period containing `day`: itself, its week's Monday, or the 1st of its month. */
export function periodStart(day: string, period: Period): string {
  if (period === 'DAY') return day;
  if (period === 'MONTH') return `${day.slice(0, 8)}01`;
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return addDays(day, -((weekday + 6) % 7));
}

/** The first day of the next period. */
export function nextPeriodStart(start: string, period: Period): string {
  if (period === 'DAY') return addDays(start, 1);
  if (period === 'WEEK') return addDays(start, 7);
  const [y, m] = [Number(start.slice(0, 4)), Number(start.slice(5, 7))];
  return m === 12 ? `${String(y + 1).padStart(4, '0')}-01-01` : `${start.slice(0, 5)}${String(m + 1).padStart(2, '0')}-01`;
}

/** The period (named by its first day) an instant falls in, in `timeZone`. */
export function periodOf(at: string, period: Period, timeZone: string): string {
  return periodStart(localDay(at, timeZone), period);
}

/** [from, to) of a period as instants: its first day's and the next period's first day's start in `timeZone`. */
export function periodBounds(start: string, period: Period, timeZone: string): { from: string; to: string } {
  if (!isCalendarDate(start)) throw new RangeError(`Invalid period start "${start}"`);
  return { from: startOfDay(start, timeZone), to: startOfDay(nextPeriodStart(start, period), timeZone) };
}

const later = (a: string | null, b: string | null): string | null => (a === null ? b : b === null ? a : a > b ? a : b);
const earlier = (a: string | null, b: string | null): string | null => (a === null ? b : b === null ? a : a < b ? a : b);

/**
 * The caller's filter narrowed to a group: grouped values replace the filter's (a null one
 * sets noCampaign / noAdvisor), a period is intersected with from/to.
 */
export function groupFilter(f: FullFilter, g: Grouping, key: GroupKey, timeZone: string): GroupFilter {
  const out: GroupFilter = {
    campaign: f.campaign,
    channel: f.channel,
    advisorId: f.advisorId,
    from: f.from,
    to: f.to,
    secondGeneration: f.secondGeneration,
    noCampaign: f.noCampaign,
    noAdvisor: f.noAdvisor,
  };
  if (g.campaign) {
    out.campaign = key.campaign ?? null;
    if (key.campaign === null || key.campaign === undefined) out.noCampaign = true;
  }
  if (g.channel) out.channel = key.channel ?? null;
  if (g.advisor) {
    out.advisorId = key.advisorId ?? null;
    if (key.advisorId === null || key.advisorId === undefined) out.noAdvisor = true;
  }
  if (g.period && key.period) {
    const b = periodBounds(key.period, g.period, timeZone);
    out.from = later(f.from, b.from);
    out.to = earlier(f.to, b.to);
  }
  return out;
}

/** The key of a group, for matching rows with their cost (same dimensions, same order). */
export function groupId(key: GroupKey): string {
  return JSON.stringify([key.campaign ?? null, key.channel ?? null, key.advisorId ?? null, key.period ?? null]);
}

// ---- drill-down cursors ----

export interface DrillCursor {
  sentAt: string;
  id: string;
}

/** Opaque cursor: base64url of the row's invitation position (sentAt, id). */
export function encodeCursor(c: DrillCursor): string {
  return Buffer.from(JSON.stringify([c.sentAt, c.id]), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): DrillCursor {
  const bad = (): AppError => badInput('after is not a cursor of this drill-down');
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw bad();
  }
  if (!Array.isArray(parsed) || parsed.length !== 2 || typeof parsed[0] !== 'string' || typeof parsed[1] !== 'string') throw bad();
  return { sentAt: parsed[0], id: parsed[1] };
}
