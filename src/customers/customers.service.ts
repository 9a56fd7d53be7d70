/**
 * Knowing every customer: interactions, value (revenue + referral influence), tier, segment,
 * tags, best contact window, and people listed and counted by them.
 *
 * Stored state: every person keeps its value, tier, segment, rule tags, last activity and the
 * day its state may next change by the calendar alone (`validTo`), computed by one function
 * (`computePersonState`, value.ts). `refresh` is the database's before-commit hook named
 * 'customers': a write that touched people recomputes them, their referral ancestors (influence
 * is the premium of the whole tree below) and their parents (young children), under a write
 * lock, in the same transaction. Calendar: a read first recomputes the people whose `validTo`
 * has come (or whose state is of a later day: the clock moved back), then reads. Rules: the
 * state records the rules version; other rules at start-up rebuild every person.
 */
import { randomUUID } from 'node:crypto';
import { addDays, ageOn, isCalendarDate, normalizeIsoDateTime } from '../calendar/calendar';
import type { Clock } from '../clock';
import type { Touched, Tx } from '../db/database';
import { AppError, badInput } from '../errors';
import type { IdentityService, PersonRef } from '../identity/identity.service';
import type { Logger } from '../logger';
import { PRODUCT_TYPES } from '../coverage/model';
import {
  INTERACTION_CHANNELS,
  INTERACTION_KINDS,
  SEGMENTS,
  TIERS,
  type ContactWindowRecord,
  type CustomerValueRecord,
  type InteractionRecord,
  type PeopleFilterDTO,
  type PeopleOrder,
  type PersonState,
  type Segment,
  type StateInput,
  type TagRecord,
  type Tier,
} from './customers.model';
import type { CustomersRepository, FilterParams, HouseholdMemberState, InteractionWrite, StoredState } from './customers.repository';
import { tierOf, type CustomerRules } from './rules';
import { ACTIVE_DAYS, bestContactWindow, compareCodePoints, computePersonState, hourIn, MAX_MANUAL_TAGS, midnightIn, sortTags, tagNameProblem } from './value';

/** Bumped when what the state stores changes: a stored state of another format is rebuilt at start-up. */
export const STATE_FORMAT = 1;
export const MAX_INTERACTIONS = 1000;
export const INTERACTIONS_PAGE = { default: 20, min: 1, max: 100 } as const;
export const PEOPLE_PAGE = { default: 20, min: 1, max: 200 } as const;
const FUTURE_TOLERANCE_MS = 5 * 60 * 1000;
const REBUILD_BATCH = 500;
const TOP_TAGS = 20;
const MAX_TEXT = 128;
const MAX_AGE = 200;

export interface InteractionInputDTO {
  id: string;
  person: PersonRef;
  channel: string;
  kind: string;
  productType?: string | null;
  at: string;
  source: string;
}

/** The customer fields of one person, from its stored state. */
export interface PersonCustomerView {
  value: CustomerValueRecord;
  segment: Segment;
  tags: TagRecord[];
  lastActivityAt: string | null;
}

export interface PeoplePage {
  edges: Array<{ cursor: string; node: Record<string, unknown> }>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
}

export interface PeopleSummaryRecord {
  total: number;
  bySegment: Array<{ segment: Segment; count: number }>;
  byTier: Array<{ tier: Tier; count: number }>;
  topTags: Array<{ name: string; count: number }>;
  revenue: number;
}

export class CustomersService {
  constructor(
    private readonly repo: CustomersRepository,
    private readonly opts: { rules: CustomerRules; clock: Clock; timeZone: string; identity: IdentityService; log: Logger },
  ) {
    opts.log.info({ rulesVersion: opts.rules.version, influenceWeight: opts.rules.influenceWeight }, 'customer rules in force');
  }

  get rules(): CustomerRules {
    return this.opts.rules;
  }

  /** From scratch: one person's state on `today` (the write path and the consistency test). */
  computeState(input: StateInput, today = this.opts.clock.today()): PersonState {
    return computePersonState(input, this.opts.rules, today, this.opts.timeZone);
  }

  // ---- stored state ----

  /**
   * The before-commit hook: recompute the touched people and their parents in `tx` (people
   * touched as `customers` alone: their interactions or a refresh of their own state, which no
   * parent reads); then, for those whose influence changed (a conversion, an acceptance
   * bringing a tree along, a merge), their referral ancestors too, whose influence changes by
   * the same amount. Recording or accepting an invitation that moves no premium walks no chain.
   */
  async refresh(tx: Tx, touched: Touched): Promise<void> {
    if (touched.persons.size === 0 && touched.customers.size === 0) return;
    const withParents = touched.persons.size > 0 ? await this.repo.targets(tx, [...touched.persons]) : [];
    // One order for every writer's locks (OneIDs are ASCII: code-point order, as the statement sorts).
    const near = [...new Set([...withParents, ...touched.customers])].sort();
    if (near.length === 0) return;
    await this.repo.lockPersons(tx, near);
    const today = this.opts.clock.today();
    const inputs = await this.repo.stateInputs(near, tx);
    const moved = inputs.filter((i) => i.influence !== i.storedInfluence).map((i) => i.oneId);
    const nearSet = new Set(near);
    const further = moved.length > 0 ? (await this.repo.ancestors(tx, moved)).filter((a) => !nearSet.has(a)) : [];
    if (further.length > 0) {
      await this.repo.lockPersons(tx, further);
      inputs.push(...(await this.repo.stateInputs(further, tx)));
    }
    const rows = inputs.map((input) => ({ ...this.computeState(input, today), oneId: input.oneId }));
    await this.repo.writeStates(tx, rows, today, this.opts.clock.now().toISOString());
  }

  /** Stored and freshly computed state of people, side by side (consistency checks). */
  async compareStates(oneIds: readonly string[]): Promise<Array<{ oneId: string; stored: PersonState & { asOf: string | null }; fresh: PersonState }>> {
    const stored = await this.repo.storedStates(oneIds);
    const inputs = await this.repo.stateInputs(oneIds);
    return inputs.map((input) => {
      const s = stored.get(input.oneId)!;
      const fresh = this.computeState(input, s.asOf ?? this.opts.clock.today());
      const ruleTags = s.tags.filter((t) => t.source === 'RULE').map((t) => t.name).sort(compareCodePoints);
      const state = { revenue: s.revenue, influence: s.influence, score: s.score, tier: s.tier, segment: s.segment, ruleTags, lastActivityAt: s.lastActivityAt, validTo: s.validTo, asOf: s.asOf };
      return { oneId: input.oneId, stored: state as PersonState & { asOf: string | null }, fresh };
    });
  }

  private get stateVersion(): string {
    return `${this.opts.rules.version}+w${this.opts.rules.influenceWeight}+state-${STATE_FORMAT}`;
  }

  /** At start-up: rebuild every person's state when it was built with other rules or format (or never). */
  async rebuildIfRulesChanged(): Promise<number> {
    return (await this.repo.stateVersion()) === this.stateVersion ? 0 : this.rebuild();
  }

  /** Recompute every person's state, 500 people a write transaction, in OneID order; then record the version. */
  async rebuild(): Promise<number> {
    const version = this.stateVersion;
    let total = 0;
    for (let page = await this.repo.personIds('', REBUILD_BATCH); page.length > 0; page = await this.repo.personIds(page.at(-1)!, REBUILD_BATCH)) {
      await this.repo.touchPersons(page);
      total += page.length;
    }
    await this.repo.stateVersion({ version, at: this.opts.clock.now().toISOString() });
    this.opts.log.info({ persons: total, rulesVersion: version }, 'customer state rebuilt');
    return total;
  }

  /** Bring every person whose state the calendar changed up to date (a few a day), before a list or count. */
  async ensureCurrent(): Promise<void> {
    for (let round = 0; ; round++) {
      const stale = await this.repo.stale(this.opts.clock.today(), REBUILD_BATCH);
      if (stale.length === 0) return;
      if (round > 10_000) throw new Error('customer state keeps going stale');
      await this.repo.touchPersons(stale);
      this.opts.log.info({ persons: stale.length }, 'customer state brought up to date for today');
    }
  }

  private isStale(s: { validTo: string | null; asOf: string | null }, today: string): boolean {
    return s.asOf === null || s.asOf > today || (s.validTo !== null && s.validTo <= today);
  }

  /** Stored states of people, those out of date today recomputed first. */
  private async freshStates(oneIds: readonly string[]): Promise<Map<string, StoredState>> {
    const today = this.opts.clock.today();
    let stored = await this.repo.storedStates(oneIds);
    const stale = [...stored.values()].filter((s) => this.isStale(s, today)).map((s) => s.oneId);
    if (stale.length > 0) {
      await this.repo.touchPersons(stale);
      stored = await this.repo.storedStates(oneIds);
    }
    return stored;
  }

  /** Value, segment, tags and last activity of each person (null: no such person). */
  async personViews(oneIds: readonly string[]): Promise<Array<PersonCustomerView | null>> {
    const stored = await this.freshStates(oneIds);
    return oneIds.map((oneId) => {
      const s = stored.get(oneId);
      if (!s) return null;
      return {
        value: this.valueOf(s.revenue ?? 0, s.influence ?? 0, s.score ?? 0),
        segment: s.segment ?? 'PROSPECT',
        tags: sortTags(s.tags),
        lastActivityAt: s.lastActivityAt,
      };
    });
  }

  private valueOf(revenue: number, influence: number, score: number): CustomerValueRecord {
    return { revenue, influence, score, tier: tierOf(score, this.opts.rules) };
  }

  /** Household.value: the sums over its members (null: no such household). */
  async householdValues(ids: readonly string[]): Promise<Array<CustomerValueRecord | null>> {
    const today = this.opts.clock.today();
    let found = await this.repo.householdMembers(ids);
    const stale = [...found.values()].flat().filter((m) => this.isStale(m, today)).map((m) => m.oneId);
    if (stale.length > 0) {
      await this.repo.touchPersons(stale);
      found = await this.repo.householdMembers(ids);
    }
    return ids.map((id) => {
      const members = found.get(id);
      if (!members) return null;
      const sum = (f: (m: HouseholdMemberState) => number | null): number => members.reduce((acc, m) => acc + (f(m) ?? 0), 0);
      const revenue = sum((m) => m.revenue);
      const influence = sum((m) => m.influence);
      return this.valueOf(revenue, influence, revenue + this.opts.rules.influenceWeight * influence);
    });
  }

  // ---- interactions ----

  /** recordInteractions: validated whole before anything is written; duplicates (by id) change nothing. */
  async recordInteractions(inputs: readonly InteractionInputDTO[]): Promise<{ accepted: number; duplicates: number }> {
    if (inputs.length < 1 || inputs.length > MAX_INTERACTIONS) {
      throw badInput(`interactions must list 1 to ${MAX_INTERACTIONS} items (got ${inputs.length})`, { field: 'interactions' });
    }
    const now = this.opts.clock.now();
    const latest = new Date(now.getTime() + FUTURE_TOLERANCE_MS).toISOString();
    const normalized = inputs.map((input, i) => this.validateInteraction(input, i, latest));
    const existing = await this.repo.existingInteractions([...new Set(normalized.map((n) => n.id))]);
    const seen = new Set<string>();
    const fresh = normalized.map((n) => {
      const isNew = !existing.has(n.id) && !seen.has(n.id);
      seen.add(n.id);
      return isNew;
    });
    const refs = await this.opts.identity.lookupRefs(inputs.map((input) => [input.person]));
    inputs.forEach((input, i) => {
      const found = refs.lookups(i);
      if (found instanceof AppError) throw refused(input.id, i, found.code === 'NOT_FOUND' ? 'person: no person has this oneId' : `person: ${found.message}`);
    });
    const wanted = inputs.flatMap((_, i) => (fresh[i] ? [i] : []));
    const resolved = await refs.materialize(wanted);
    const oneIds = resolved.map((r, k) => {
      if (r instanceof AppError) throw refused(inputs[wanted[k]!]!.id, wanted[k]!, `person: ${r.message}`);
      return r[0]!;
    });
    const erased = await this.opts.identity.erasedAmong([...new Set(oneIds)]);
    const rows: InteractionWrite[] = wanted.map((i, k) => {
      if (erased.has(oneIds[k]!)) throw refused(inputs[i]!.id, i, 'person: the person was erased');
      return { ...normalized[i]!, oneId: oneIds[k]! };
    });
    const accepted = await this.repo.recordInteractions(rows, now.toISOString(), randomUUID());
    if (accepted > 0) this.opts.log.info({ accepted, duplicates: inputs.length - accepted }, 'interactions recorded');
    return { accepted, duplicates: inputs.length - accepted };
  }

  private validateInteraction(input: InteractionInputDTO, i: number, latest: string): Omit<InteractionWrite, 'oneId'> {
    const id = typeof input.id === 'string' ? input.id : '';
    if (id.trim() === '' || id.length > MAX_TEXT) throw refused(null, i, `id must be 1 to ${MAX_TEXT} characters`);
    const problems: string[] = [];
    if (!(INTERACTION_CHANNELS as readonly string[]).includes(input.channel)) problems.push('channel is unknown');
    if (!(INTERACTION_KINDS as readonly string[]).includes(input.kind)) problems.push('kind is unknown');
    if (input.productType != null && !(PRODUCT_TYPES as readonly string[]).includes(input.productType)) problems.push('productType is unknown');
    const at = typeof input.at === 'string' ? normalizeIsoDateTime(input.at) : null;
    if (at === null) problems.push('at must be an ISO-8601 date-time with offset');
    else if (at > latest) problems.push('at must not be more than 5 minutes in the future');
    const source = typeof input.source === 'string' ? input.source.trim() : '';
    if (source === '' || source.length > MAX_TEXT) problems.push(`source must be 1 to ${MAX_TEXT} characters`);
    const n = Number(input.person?.oneId != null) + Number(input.person?.identifier != null);
    if (n !== 1) problems.push('person needs exactly one of oneId or identifier');
    if (problems.length > 0) throw refused(id, i, problems.join('; '));
    return { id, channel: input.channel, kind: input.kind, productType: input.productType ?? null, at: at!, source };
  }

  async interactions(oneIds: readonly string[], first: number): Promise<InteractionRecord[][]> {
    assertRange('first', first, INTERACTIONS_PAGE);
    const found = await this.repo.interactionsOf(oneIds, first);
    return oneIds.map((id) => found.get(id) ?? []);
  }

  /** Each person's best contact window over its interactions of the last 180 days (null: none). */
  async contactWindows(oneIds: readonly string[]): Promise<Array<ContactWindowRecord | null>> {
    const since = midnightIn(this.opts.timeZone, addDays(this.opts.clock.today(), -ACTIVE_DAYS));
    const found = await this.repo.interactionTimes(oneIds, since);
    return oneIds.map((id) => bestContactWindow((found.get(id) ?? []).map((at) => hourIn(this.opts.timeZone, at))));
  }

  // ---- manual tags ----

  async addTags(oneId: string, tags: readonly string[]): Promise<void> {
    const names = checkTagNames(tags);
    await this.repo.changeTags(oneId, this.opts.clock.now().toISOString(), (person) => {
      const live = livePerson(person);
      const added = names.filter((n) => !live.manual.includes(n));
      if (live.manual.length + added.length > MAX_MANUAL_TAGS) {
        throw badInput(`A person carries at most ${MAX_MANUAL_TAGS} manual tags (it has ${live.manual.length}, ${added.length} more asked)`, { field: 'tags' });
      }
      return { add: added, remove: [] };
    });
  }

  async removeTags(oneId: string, tags: readonly string[]): Promise<void> {
    const names = checkTagNames(tags);
    await this.repo.changeTags(oneId, this.opts.clock.now().toISOString(), (person) => {
      livePerson(person);
      return { add: [], remove: names };
    });
  }

  // ---- people ----

  async people(filter: PeopleFilterDTO | null | undefined, order: PeopleOrder, first: number, after: string | null | undefined): Promise<PeoplePage> {
    assertRange('first', first, PEOPLE_PAGE);
    const f = this.filterParams(filter);
    const position = after == null ? null : decodePeopleCursor(after, order);
    await this.ensureCurrent();
    const { total, page } = await this.repo.people(f, order, position, first + 1);
    const edges = page.slice(0, first).map((row) => ({ cursor: encodePeopleCursor(order, row.key, String(row.person.oneId)), node: row.person }));
    return { edges, pageInfo: { hasNextPage: page.length > first, endCursor: edges.at(-1)?.cursor ?? null }, totalCount: total };
  }

  async summary(filter: PeopleFilterDTO | null | undefined): Promise<PeopleSummaryRecord> {
    const f = this.filterParams(filter);
    await this.ensureCurrent();
    const { groups, tags } = await this.repo.summary(f);
    const count = <K extends string>(key: (g: (typeof groups)[number]) => string | null, value: K): number =>
      groups.filter((g) => key(g) === value).reduce((a, g) => a + g.count, 0);
    return {
      total: groups.reduce((a, g) => a + g.count, 0),
      bySegment: SEGMENTS.map((segment) => ({ segment, count: count((g) => g.segment, segment) })),
      byTier: TIERS.map((tier) => ({ tier, count: count((g) => g.tier, tier) })),
      topTags: [...tags].sort((a, b) => b.count - a.count || compareCodePoints(a.name, b.name)).slice(0, TOP_TAGS),
      revenue: groups.reduce((a, g) => a + (g.revenue ?? 0), 0),
    };
  }

  /** The filter as the statements read it: bounds checked, ages turned into birth-date bounds on today. */
  filterParams(filter: PeopleFilterDTO | null | undefined): FilterParams {
    const f = filter ?? {};
    const today = this.opts.clock.today();
    for (const field of ['minAge', 'maxAge'] as const) {
      const v = f[field];
      if (v != null && (!Number.isInteger(v) || v < 0 || v > MAX_AGE)) throw badInput(`filter.${field} must be a whole number from 0 to ${MAX_AGE}`, { field: `filter.${field}` });
    }
    if (f.minScore != null && !Number.isFinite(f.minScore)) throw badInput('filter.minScore must be a number', { field: 'filter.minScore' });
    const tags = [...new Set(f.tags ?? [])];
    const tiers = f.tiers == null ? null : [...f.tiers];
    const segments = f.segments == null ? null : [...f.segments];
    const advisorId = f.advisorId ?? null;
    const start = advisorId !== null ? 'advisor' : tags.length > 0 ? 'tag' : tiers !== null ? 'tier' : segments !== null ? 'segment' : 'all';
    return {
      start,
      advisorId,
      tiers,
      segments,
      tags,
      minScore: f.minScore ?? null,
      bornOnOrBefore: f.minAge == null ? null : latestBirthDateForAge(today, f.minAge),
      bornAfter: f.maxAge == null ? null : latestBirthDateForAge(today, f.maxAge + 1),
    };
  }
}

/** The latest birth date of someone aged at least `age` on `today` (ages only grow as the birth date moves back). */
export function latestBirthDateForAge(today: string, age: number): string {
  let date = `${String(Number(today.slice(0, 4)) - age).padStart(4, '0')}-${today.slice(5)}`;
  if (!isCalendarDate(date)) date = `${date.slice(0, 8)}28`;
  while (ageOn(addDays(date, 1), today) >= age) date = addDays(date, 1);
  while (ageOn(date, today) < age) date = addDays(date, -1);
  return date;
}

function refused(id: string | null, index: number, problem: string): AppError {
  const name = id === null ? `interactions[${index}]` : `Interaction ${id}`;
  return badInput(`${name}: ${problem}`, { field: `interactions[${index}]`, id });
}

function assertRange(field: string, value: number, range: { min: number; max: number }): void {
  if (!Number.isInteger(value) || value < range.min || value > range.max) {
    throw badInput(`${field} must be between ${range.min} and ${range.max} (got ${value})`, { field });
  }
}

function checkTagNames(tags: readonly string[]): string[] {
  tags.forEach((name, i) => {
    const problem = tagNameProblem(name);
    if (problem !== null) throw badInput(`tags[${i}] ${problem}`, { field: `tags[${i}]` });
  });
  return [...new Set(tags)];
}

function livePerson<T extends { forgotten: boolean }>(person: T | null): T {
  if (person === null) throw new AppError('NOT_FOUND', 'Person not found');
  if (person.forgotten) throw badInput('The person was erased: its tags cannot change', { field: 'oneId' });
  return person;
}

/** Cursor of people(): the order it belongs to, the sort key (score, or last activity) and the OneID. */
export function encodePeopleCursor(order: PeopleOrder, key: number | string, oneId: string): string {
  return Buffer.from(JSON.stringify([order, key, oneId])).toString('base64url');
}

export function decodePeopleCursor(cursor: string, order: PeopleOrder): { key: number | string; oneId: string } {
  try {
    const [o, key, oneId] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    const keyOk = order === 'SCORE_DESC' ? typeof key === 'number' && Number.isFinite(key) : typeof key === 'string';
    if (o === order && keyOk && typeof oneId === 'string') return { key: key as number | string, oneId };
  } catch {
    // fall through
  }
  throw badInput('after is not a cursor of this list (and order)', { field: 'after' });
}
