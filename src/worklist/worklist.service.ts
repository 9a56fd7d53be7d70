/**
 * The advisor's work-list and cross-sell pages, ranked from stored state (no recomputation of
 * the book per request).
 *
 * Write path: `refresh` is the database's before-commit hook (src/db/database.ts): a write
 * that touched people or households locks their households and reads their inputs and stored
 * state (one statement), computes their state (`computeHouseholdState`: items, cross-sell
 * score and node, count classes) and writes what differs from the stored state (`diffStates`;
 * one statement), in the same transaction (a client reads its own write). Calendar: items carry their validity as
 * dates (BIRTHDAY as a month-day), so a page reads a date range through an index; the gaps
 * depend on ages and the cross-sell score on today's triggers, so a household's state holds
 * until the next day one of those changes (`stateValidTo`): a page first recomputes the
 * advisor's households whose day passed (a few per day), then reads.
 * Rules: the state records the rules version and its own format; a different one at start-up
 * rebuilds all.
 */
import { dateIn, parseIsoDate } from '../calendar/calendar';
import type { Clock } from '../clock';
import { toPolicy, type PolicyRecord } from '../coverage/coverage.repository';
import { CROSS_SELL_PAGE, type CrossSellPage } from '../coverage/coverage.service';
import { decodeCursor, encodeCursor, InvalidCursorError } from '../coverage/cursor';
import type { Tx, Touched } from '../db/database';
import { badInput } from '../errors';
import type { Lang } from '../coverage/model';
import type { NeedsRules } from '../coverage/rules.model';
import { toHouseholdRecord, type HouseholdRecord } from '../family/family.model';
import { toPersonRecord, type PersonRecord } from '../identity/identity.model';
import type { Logger } from '../logger';
import { countDeltas } from './counts';
import { diffStates } from './diff';
import { workItemReason } from './reasons';
import { birthdayWindow, computeHouseholdState, decodeCrossSell, decodeSuggestions } from './state';
import type { Stale, WorklistRepository } from './worklist.repository';
import { HouseholdState, StateInput, StoredItem, WORK_ITEM_KINDS, WorkItemKind, WorkItemRecord } from './worklist.model';

/** Bumped when what the state stores changes: a stored state of another format is rebuilt at start-up. */
export const STATE_FORMAT = 5;

export const WORKLIST_PAGE = { default: 20, min: 1, max: 100 } as const;
const REBUILD_BATCH = 500;

/** What a page read besides its items: the records its fields resolve, to prime the request's loaders with. */
export interface PageReads {
  advisorId: string;
  /** The advisor's households on the page (read under h.advisorId = advisorId). */
  households: HouseholdRecord[];
  /** Their members (read through MEMBER_OF). */
  members: PersonRecord[];
  policies: PolicyRecord[];
}

export interface WorkItemPage {
  edges: Array<{ cursor: string; node: WorkItemRecord }>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
  reads: PageReads;
}

export type CrossSellStatePage = CrossSellPage & { reads: PageReads };

interface Position {
  score: number;
  date: string;
  key: string;
}

export function encodeWorkCursor(p: Position): string {
  return Buffer.from(JSON.stringify([p.score, p.date, p.key])).toString('base64url');
}

export function decodeWorkCursor(cursor: string): Position {
  try {
    const [score, date, key] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof score === 'number' && Number.isFinite(score) && typeof date === 'string' && typeof key === 'string' && /^[0-9a-f]{16}$/.test(key)) {
      parseIsoDate(date);
      return { score, date, key };
    }
  } catch {
    // fall through
  }
  throw badInput('after is not a cursor of this list', { field: 'after' });
}

export class WorklistService {
  constructor(
    private readonly repo: WorklistRepository,
    private readonly opts: { rules: NeedsRules; lang: Lang; clock: Clock; timeZone: string; log: Logger },
  ) {}

  /** The business day an instant falls on. */
  private readonly dayOf = (instant: string): string => dateIn(this.opts.timeZone, new Date(instant));

  /** From scratch: the state of one household today (the write path and the consistency test). */
  computeState(input: StateInput, today = this.opts.clock.today()): HouseholdState {
    return computeHouseholdState(input, this.opts.rules, today, this.dayOf, this.opts.lang);
  }

  /** Stored and freshly computed state of households, side by side (for consistency checks). */
  async compareStates(ids: readonly string[]): Promise<Array<{ stored: HouseholdState; fresh: HouseholdState }>> {
    const stored = new Map((await this.repo.storedStates(ids)).map((s) => [s.householdId, s]));
    const inputs = await this.repo.stateInputs({ householdIds: ids });
    return inputs.map((input) => {
      const s = stored.get(input.householdId)!;
      const fresh = this.computeState(input, s.asOf);
      const items = [...fresh.items].sort((a, b) => (a.key < b.key ? -1 : 1));
      // A stored node has no property for a null field.
      const storedItems = s.items.map((item) => Object.fromEntries(Object.keys(items[0] ?? item).map((k) => [k, (item as unknown as Record<string, unknown>)[k] ?? null])) as unknown as StoredItem);
      return { stored: { ...s, items: storedItems }, fresh: { ...fresh, items } };
    });
  }

  /** The before-commit hook: bring the touched households' state up to date in `tx`. */
  async refresh(tx: Tx, touched: Touched): Promise<void> {
    if (touched.persons.size === 0 && touched.households.size === 0) return;
    const inputs = await this.repo.stateInputs({ householdIds: [...touched.households], oneIds: [...touched.persons] }, tx);
    if (inputs.length === 0) return;
    const today = this.opts.clock.today();
    const states = inputs.map((input) => ({ ...this.computeState(input, today), householdId: input.householdId, asOf: today }));
    const { writes, removed, added } = diffStates(
      inputs.map((i) => ({ householdId: i.householdId, ...i.stored })),
      states,
    );
    await this.repo.writeStates(tx, writes, countDeltas(removed, added));
  }

  /** The version the stored state must have been built with: the rules', the state's format and the reasons' language. */
  private get stateVersion(): string {
    return `${this.opts.rules.version}+state-${STATE_FORMAT}+${this.opts.lang}`;
  }

  /** At start-up: rebuild every household's state when it was built with other rules or format (or never). */
  async rebuildIfRulesChanged(): Promise<number> {
    if ((await this.repo.rulesVersion()) === this.stateVersion) return 0;
    return this.rebuild();
  }

  /** Recompute every household's state (batches of 500, each in its own write transaction). */
  async rebuild(): Promise<number> {
    const version = this.stateVersion;
    let after = '';
    let count = 0;
    for (;;) {
      const ids = await this.repo.householdIds(after, REBUILD_BATCH);
      if (ids.length === 0) break;
      await this.repo.touchHouseholds(ids);
      count += ids.length;
      after = ids.at(-1)!;
    }
    await this.repo.setRulesVersion(version, this.opts.clock.now().toISOString());
    this.opts.log.info({ households: count, rulesVersion: version }, 'work-list state rebuilt');
    return count;
  }

  /** Stored count classes of an advisor that disagree with its stored items (empty when consistent). */
  async countMismatches(advisorId: string): Promise<Array<{ key: string; stored: number; items: number }>> {
    return (await this.repo.storedCounts(advisorId)).filter((c) => Number(c.stored) !== Number(c.items));
  }

  /**
   * Run `read` until no household of the advisor is out of date today: the first read of a
   * day recomputes those whose day passed (each in the write that refreshes it), then reads.
   */
  private async current<T>(advisorId: string, read: () => Promise<Stale | T>): Promise<T> {
    for (let attempt = 0; ; attempt += 1) {
      const result = await read();
      if (!(typeof result === 'object' && result !== null && 'stale' in result)) return result;
      if (attempt >= 2) throw new Error(`work-list state of advisor households keeps going stale (${result.stale.length})`);
      await this.repo.touchHouseholds(result.stale);
      this.opts.log.info({ households: result.stale.length }, 'work-list state brought up to date for today');
    }
  }

  /** The advisor's work-list page (see the contract): validates, refreshes stale households, reads. */
  async worklist(advisorId: string, kinds: readonly WorkItemKind[] | null | undefined, first: number | null | undefined, after: string | null | undefined): Promise<WorkItemPage> {
    const size = first ?? WORKLIST_PAGE.default;
    if (!Number.isInteger(size) || size < WORKLIST_PAGE.min || size > WORKLIST_PAGE.max) {
      throw badInput(`first must be between ${WORKLIST_PAGE.min} and ${WORKLIST_PAGE.max} (got ${size})`, { field: 'first' });
    }
    const position = after == null ? null : decodeWorkCursor(after);
    const wanted = kinds == null ? WORK_ITEM_KINDS : WORK_ITEM_KINDS.filter((k) => kinds.includes(k));
    const today = this.opts.clock.today();
    const birthdays = birthdayWindow(today);
    const read = await this.current(advisorId, () => this.repo.page({ advisorId, kinds: wanted, today, birthdays, after: position, limit: size + 1 }));
    const { rows, total } = read;
    rows.sort((a, b) => b.item.score - a.item.score || compareText(a.date, b.date) || compareText(a.item.key, b.item.key));
    const page = rows.slice(0, size);
    const day = parseIsoDate(today);
    const reads: PageReads = {
      advisorId,
      households: read.households.map((h) => toHouseholdRecord(h.household)),
      members: read.households.flatMap((h) => h.members.map(toPersonRecord)),
      policies: read.policies.map((p) => toPolicy(p.policy, p.holder, p.insured)),
    };
    const totalGapOf = new Map(read.households.map((h) => [String(h.household.id), Number(h.household.totalGap ?? 0)]));
    const nameOf = new Map(reads.members.map((p) => [p.oneId, p.displayName]));
    const edges = page.map(({ item, date }) => {
      const daysAway = parseIsoDate(date) - day;
      const name = item.oneId === null ? null : (nameOf.get(item.oneId) ?? null);
      const node: WorkItemRecord = {
        id: `${item.key}.${date}`,
        kind: item.kind,
        householdId: item.householdId,
        oneId: item.oneId,
        date,
        daysAway,
        score: item.score,
        reason: workItemReason({ kind: item.kind, name, date, daysAway, totalGap: totalGapOf.get(item.householdId) ?? 0, policyNo: item.policyNo }, this.opts.lang),
        policyNo: item.policyNo,
        invitationId: item.invitationId,
        suggestions: decodeSuggestions(item.suggestions),
      };
      return { cursor: encodeWorkCursor({ score: item.score, date, key: item.key }), node };
    });
    return { edges, pageInfo: { hasNextPage: rows.length > size, endCursor: edges.at(-1)?.cursor ?? null }, totalCount: total, reads };
  }

  /**
   * crossSellOpportunities from the stored state: households with a gap in the order of
   * their stored score (today's gaps and triggers), then id, each with its stored node (gaps
   * with reasons, triggers; daysAway from today), computed by the write that last changed it.
   */
  async crossSell(advisorId: string, first: number | null | undefined, after: string | null | undefined): Promise<CrossSellStatePage> {
    const size = first ?? CROSS_SELL_PAGE.default;
    if (!Number.isInteger(size) || size < CROSS_SELL_PAGE.min || size > CROSS_SELL_PAGE.max) {
      throw badInput(`first must be between ${CROSS_SELL_PAGE.min} and ${CROSS_SELL_PAGE.max} (got ${size})`);
    }
    let position = null;
    if (after != null) {
      try {
        position = decodeCursor(after);
      } catch (e) {
        if (e instanceof InvalidCursorError) throw badInput(`after: ${e.message}`);
        throw e;
      }
    }
    const today = this.opts.clock.today();
    const { rows, total } = await this.current(advisorId, () => this.repo.crossSellPage({ advisorId, today, after: position, limit: size + 1 }));
    const page = rows.slice(0, size);
    const reads: PageReads = { advisorId, households: [], members: [], policies: [] };
    const edges = page.map(({ household: row, members }) => {
      const household = toHouseholdRecord(row as unknown as Record<string, unknown>);
      reads.households.push(household);
      reads.members.push(...members.map(toPersonRecord));
      const node = { household, score: row.crossSellScore, totalGap: row.totalGap, ...decodeCrossSell(row.crossSell, today) };
      return { cursor: encodeCursor({ score: row.crossSellScore, householdId: row.id }), node };
    });
    return { edges, pageInfo: { hasNextPage: rows.length > size, endCursor: edges.at(-1)?.cursor ?? null }, totalCount: total, reads };
  }
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
