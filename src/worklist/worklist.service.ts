/**
 * The advisor's work-list: every current reason to call one of its households, ranked from
 * stored state (no recomputation of the book per request).
 *
 * Write path: `refresh` is the database's before-commit hook (src/db/database.ts): a write
 * that touched people or households locks their households, reads their inputs and stores
 * the state `computeHouseholdState` gives, in the same transaction (a client reads its own
 * write). Calendar: items carry their validity as dates (BIRTHDAY as a month-day), so the
 * page reads a date range through an index; only the gaps depend on ages, so a household's
 * state holds until the next birthday of a member (`stateValidTo`): the first read of a day
 * recomputes the advisor's households whose day passed (a few per day), before reading.
 * Rules: the state records the rules version; a different version at start-up rebuilds all.
 */
import { ageOrNull, dateIn, parseIsoDate } from '../calendar/calendar';
import type { Clock } from '../clock';
import type { Tx, Touched } from '../db/database';
import { badInput } from '../errors';
import { householdGaps } from '../coverage/gaps';
import type { Gap, Lang } from '../coverage/model';
import type { NeedsRules } from '../coverage/rules.model';
import type { Logger } from '../logger';
import { workItemReason } from './reasons';
import { birthdayWindow, computeHouseholdState, coverageInputs, usable } from './state';
import { suggestFor } from './suggest';
import type { WorklistRepository } from './worklist.repository';
import { HouseholdState, StateInput, StoredItem, SuggestionRecord, WORK_ITEM_KINDS, WorkItemKind, WorkItemRecord } from './worklist.model';

export const WORKLIST_PAGE = { default: 20, min: 1, max: 100 } as const;
const REBUILD_BATCH = 500;

export interface WorkItemPage {
  edges: Array<{ cursor: string; node: WorkItemRecord }>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
}

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
    return computeHouseholdState(input, this.opts.rules, today, this.dayOf);
  }

  /** Stored and freshly computed state of households, side by side (for consistency checks). */
  async compareStates(ids: readonly string[]): Promise<Array<{ stored: HouseholdState; fresh: HouseholdState }>> {
    const stored = new Map((await this.repo.storedStates(ids)).map((s) => [s.householdId, s]));
    const inputs = await this.repo.stateInputs(ids);
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
    const ids = await this.repo.householdsOf(tx, [...touched.persons], [...touched.households]);
    if (ids.length === 0) return;
    await this.repo.lockHouseholds(tx, ids);
    const today = this.opts.clock.today();
    const inputs = await this.repo.stateInputs(ids, tx);
    await this.repo.writeStates(
      tx,
      inputs.map((input) => ({ ...this.computeState(input, today), householdId: input.householdId, asOf: today })),
    );
  }

  /** At start-up: rebuild every household's state when it was built with other rules (or never). */
  async rebuildIfRulesChanged(): Promise<number> {
    if ((await this.repo.rulesVersion()) === this.opts.rules.version) return 0;
    return this.rebuild();
  }

  /** Recompute every household's state (batches of 500, each in its own write transaction). */
  async rebuild(): Promise<number> {
    const version = this.opts.rules.version;
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

  /** The advisor's work-list page (see the contract): validates, refreshes stale households, reads. */
  async worklist(advisorId: string, kinds: readonly WorkItemKind[] | null | undefined, first: number | null | undefined, after: string | null | undefined): Promise<WorkItemPage> {
    const size = first ?? WORKLIST_PAGE.default;
    if (!Number.isInteger(size) || size < WORKLIST_PAGE.min || size > WORKLIST_PAGE.max) {
      throw badInput(`first must be between ${WORKLIST_PAGE.min} and ${WORKLIST_PAGE.max} (got ${size})`, { field: 'first' });
    }
    const position = after == null ? null : decodeWorkCursor(after);
    const wanted = kinds == null ? WORK_ITEM_KINDS : WORK_ITEM_KINDS.filter((k) => kinds.includes(k));
    const today = this.opts.clock.today();
    const stale = await this.repo.staleHouseholds(advisorId, today);
    if (stale.length > 0) await this.repo.touchHouseholds(stale);
    const birthdays = birthdayWindow(today);
    const { rows, total } = await this.repo.page({ advisorId, kinds: wanted, today, birthdays, after: position, limit: size + 1 });
    const page = rows.slice(0, size);
    const inputs = new Map((await this.repo.stateInputs([...new Set(page.map((r) => r.item.householdId))])).map((i) => [i.householdId, i]));
    const day = parseIsoDate(today);
    // Each household's gaps once per page, whatever the number of its items on it.
    const gapsOf = new Map([...inputs.values()].map((input) => [input.householdId, this.gaps(input, today)]));
    const edges = page.map(({ item, date }) => {
      const input = inputs.get(item.householdId)!;
      const daysAway = parseIsoDate(date) - day;
      const name = input.members.find((m) => m.oneId === item.oneId)?.displayName ?? null;
      const gaps = gapsOf.get(item.householdId)!;
      const totalGap = gaps.reduce((sum, g) => sum + g.gap, 0);
      const suggestions = this.suggestions(input, gaps, item.kind, item.oneId, today);
      const node: WorkItemRecord = {
        id: `${item.key}.${date}`,
        kind: item.kind,
        householdId: item.householdId,
        oneId: item.oneId,
        date,
        daysAway,
        score: item.score,
        reason: workItemReason({ kind: item.kind, name, date, daysAway, totalGap, policyNo: item.policyNo }, this.opts.lang),
        policyNo: item.policyNo,
        invitationId: item.invitationId,
        suggestions,
      };
      return { cursor: encodeWorkCursor({ score: item.score, date, key: item.key }), node };
    });
    return { edges, pageInfo: { hasNextPage: rows.length > size, endCursor: edges.at(-1)?.cursor ?? null }, totalCount: total };
  }

  /** A household's gaps today, most urgent first (amounts only). */
  private gaps(input: StateInput, today: string): Gap[] {
    const { members, cover } = coverageInputs(input);
    return householdGaps(members, cover, this.opts.rules, today, this.opts.lang, { reasons: false });
  }

  /** Budget-aware suggestions for BIRTHDAY, NEWBORN, MARRIAGE (the person) and COVERAGE_GAP (every member). */
  private suggestions(input: StateInput, gaps: readonly Gap[], kind: WorkItemKind, oneId: string | null, today: string): SuggestionRecord[] {
    if (!['BIRTHDAY', 'NEWBORN', 'MARRIAGE', 'COVERAGE_GAP'].includes(kind)) return [];
    const people = kind === 'COVERAGE_GAP' ? input.members : input.members.filter((m) => m.oneId === oneId);
    return people.flatMap((m) => {
      const own = gaps.filter((g) => g.oneId === m.oneId);
      const paid = input.policies.filter((p) => p.insured === m.oneId && p.status === 'ACTIVE').reduce((s, p) => s + p.annualPremium, 0);
      const birthDate = usable(m.birthDate);
      return suggestFor(own, m.premiumBudget, paid, this.opts.rules.premiumRates, birthDate === null ? null : ageOrNull(birthDate, today));
    });
  }
}
