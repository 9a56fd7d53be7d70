/**
 * Families: households (members with a role, an advisor) and asserted family links, with
 * kinship derived from the links (kinship.ts). No GraphQL, no Cypher.
 *
 * Every write validates everything it can first, with reads only (person references are
 * looked up without creating anyone); then creates the people that unknown identifiers
 * refer to; then, in one write transaction, locks the people involved, checks again
 * (a concurrent writer may have changed them) and writes. Bad input writes nothing.
 */
import { createHash, randomUUID } from 'node:crypto';
import { parseIsoDate } from '../calendar/calendar';
import type { Clock } from '../clock';
import { AppError, badInput, notFound, type Outcome, settle, unwrap } from '../errors';
import type { Tx } from '../db/database';
import type { IdentityService, PersonRef } from '../identity/identity.service';
import type { PersonLookup } from '../identity/person-refs';
import type { Logger } from '../logger';
import {
  EdgeRecord,
  HouseholdRecord,
  assertMaxDegree,
  compareLifeEvents,
  HouseholdRole,
  LIFE_EVENT_KINDS,
  LifeEventKind,
  LifeEventRecord,
  MemberRecord,
  PARTNER_KINDS,
  RelativeRecord,
  RelativesKey,
  relativesIn,
  sortMembers,
  StoredLink,
  SuggestionRecord,
  uniqueEdges,
} from './family.model';
import type { FamilyRepository, PersonState } from './family.repository';
import { pairKey, planLinks } from './linkPlan';
import type { FamilyRelation } from './kinship';
import { rankSuggestions } from './suggestions';

export const MAX_HOUSEHOLD_MEMBERS = 50;
/** Longest client-chosen life event id. */
export const MAX_LIFE_EVENT_ID_LENGTH = 128;
/** Longest life event source (the upstream system). */
export const MAX_LIFE_EVENT_SOURCE_LENGTH = 100;
/** Rounds of locking newly seen ancestors before a batch of links is decided. */
const MAX_ANCESTOR_LOCK_ROUNDS = 5;

export interface HouseholdMemberDTO {
  person: PersonRef;
  role: HouseholdRole;
}

export interface CreateHouseholdDTO {
  name?: string | null;
  advisorId?: string | null;
  members: HouseholdMemberDTO[];
}

export interface FamilyLinkDTO {
  from: PersonRef;
  to: PersonRef;
  relation: FamilyRelation;
  /** When the relationship began (YYYY-MM-DD), not in the future; null or absent keeps the stored one. */
  since?: string | null;
}

export interface LifeEventDTO {
  /** Client-chosen: the same id with the same content is idempotent, with other content BAD_USER_INPUT. */
  id: string;
  person: PersonRef;
  kind: LifeEventKind;
  /** When it happened (YYYY-MM-DD), not in the future. */
  date: string;
  /** Required for MARRIAGE and DIVORCE, refused for the other kinds; never the person itself. */
  partner?: PersonRef | null;
  /** Upstream system that reported it (1 to 100 characters). */
  source: string;
}

/** A validated life event: what a repeat of its id must match, besides the people. */
interface WantedLifeEvent {
  id: string;
  kind: LifeEventKind;
  date: string;
  source: string;
  contentKey: string;
}

/** A person reference looked up without creating anyone: a known OneID, or a new identifier. */
type Lookup = PersonLookup;


export class FamilyService {
  constructor(
    private readonly repo: FamilyRepository,
    private readonly identity: IdentityService,
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {}

  // ---------------------------------------------------------------- reads (batched)

  householdsById(ids: readonly string[]): Promise<Array<HouseholdRecord | null>> {
    return this.repo.householdsById(ids);
  }

  householdsOfPersons(oneIds: readonly string[]): Promise<Array<HouseholdRecord | null>> {
    return this.repo.householdsOfPersons(oneIds);
  }

  /** Members sorted by role (BREADWINNER, SPOUSE, CHILD, ELDER, OTHER), then OneID. */
  async membersOf(ids: readonly string[]): Promise<MemberRecord[][]> {
    return (await this.repo.membersOf(ids)).map(sortMembers);
  }

  /**
   * Family links among the members, each once: PARENT from parent to child, SPOUSE and
   * SIBLING from the smaller OneID (so a link stored twice by mistake shows once).
   */
  async relationshipsOf(ids: readonly string[]): Promise<EdgeRecord[][]> {
    return (await this.repo.relationshipsOf(ids)).map(uniqueEdges);
  }

  async suggestionsFor(ids: readonly string[]): Promise<SuggestionRecord[][]> {
    return (await this.repo.suggestionEvidence(ids)).map(rankSuggestions);
  }

  /** Relatives of each (person, maxDegree): one statement loads every neighbourhood, kinship is derived here. */
  async relativesOf(keys: readonly RelativesKey[]): Promise<RelativeRecord[][]> {
    keys.forEach((k) => assertMaxDegree(k.maxDegree));
    const hoods = await this.repo.neighbourhoods(keys);
    return hoods.map((hood, i) => relativesIn(hood, keys[i]!.oneId, keys[i]!.maxDegree));
  }

  // ---------------------------------------------------------------- households

  async createHousehold(input: CreateHouseholdDTO): Promise<HouseholdRecord> {
    return unwrap((await this.createHouseholds([input]))[0]);
  }

  /**
   * createHousehold for many households: per input, in input order, what createHousehold
   * called for each in turn would have answered (the household, or the AppError). A person
   * in two of the inputs joins the first; the second is refused naming the first's
   * household. Checks use reads only (nobody is created for an input that fails them); the
   * people of new identifiers are created; then one write transaction locks everyone,
   * checks again and creates the households that still pass.
   */
  async createHouseholds(inputs: readonly CreateHouseholdDTO[]): Promise<Array<Outcome<HouseholdRecord>>> {
    const out: Array<Outcome<HouseholdRecord> | null> = inputs.map((input) =>
      settle(() => {
        if (input.members.length > MAX_HOUSEHOLD_MEMBERS) {
          throw badInput(`A household has at most ${MAX_HOUSEHOLD_MEMBERS} members, got ${input.members.length}`);
        }
        if (input.advisorId != null) this.checkAdvisorId(input.advisorId);
        return null;
      }),
    );
    const labels = (input: CreateHouseholdDTO): string[] => input.members.map((_, i) => `members[${i}]`);
    const refs = await this.identity.lookupRefs(inputs.map((input, i) => (out[i] === null ? input.members.map((m) => m.person) : [])));
    const lookups = inputs.map((_, i) => refs.lookups(i));
    lookups.forEach((l, i) => {
      if (out[i] !== null) return;
      if (l instanceof AppError) out[i] = l;
      else out[i] = settle(() => this.assertDistinct(l, labels(inputs[i]!))) ?? null;
    });
    const pending = (): number[] => inputs.flatMap((_, i) => (out[i] === null ? [i] : []));
    const ids = inputs.map(() => randomUUID());
    /** The inputs of `idx` that cannot form their household, each answered as in turn (a person joins the first household of the batch naming it). */
    const joinable = (idx: number[], oneIdsOf: (i: number) => Array<string | null>, states: Map<string, PersonState>): Map<number, AppError> => {
      const refused = new Map<number, AppError>();
      const claimed = new Map<string, PersonState>();
      for (const i of idx) {
        const entries = oneIdsOf(i).map((oneId, k) => ({ label: `members[${k}]`, oneId }));
        const view = new Map(states);
        for (const e of entries) if (e.oneId && claimed.has(e.oneId)) view.set(e.oneId, claimed.get(e.oneId)!);
        const outcome = settle(() => this.assertJoinable(entries, view, null));
        if (outcome instanceof AppError) {
          refused.set(i, outcome);
          continue;
        }
        for (const e of entries) if (e.oneId) claimed.set(e.oneId, { ...view.get(e.oneId)!, householdId: ids[i]! });
      }
      return refused;
    };
    const knownOf = (i: number): Array<string | null> => (lookups[i] as Lookup[]).map((l) => ('oneId' in l ? l.oneId : null));
    const early = joinable(pending(), knownOf, await this.repo.personStates([...new Set(pending().flatMap((i) => knownOf(i).filter((x): x is string => x !== null)))]));
    early.forEach((e, i) => (out[i] = e));

    const materialized = await refs.materialize(pending());
    const oneIds = new Map<number, string[]>();
    pending().forEach((i, k) => {
      const m = materialized[k]!;
      if (m instanceof AppError) out[i] = m;
      else oneIds.set(i, m);
    });
    const at = this.now();
    // Decided afresh by every attempt of the transaction (it is retried on transient errors).
    const { created, refused } = await this.repo.write(async (tx) => {
      const idx = pending();
      const everyone = [...new Set(idx.flatMap((i) => oneIds.get(i)!))];
      await this.repo.lockPersons(tx, everyone);
      const late = joinable(idx, (i) => oneIds.get(i)!, await this.repo.personStates(everyone, tx));
      const rows = idx.filter((i) => !late.has(i)).map((i) => ({
        id: ids[i]!,
        name: inputs[i]!.name ?? null,
        advisorId: inputs[i]!.advisorId == null ? null : this.checkAdvisorId(inputs[i]!.advisorId!),
        members: oneIds.get(i)!.map((oneId, k) => ({ oneId, role: inputs[i]!.members[k]!.role })),
      }));
      return { created: await this.repo.createHouseholds(tx, rows, at), refused: late };
    });
    refused.forEach((e, i) => (out[i] = e));
    const byId = new Map(created.map((h) => [h.id, h]));
    for (const i of pending()) {
      const household = byId.get(ids[i]!);
      out[i] = household ?? notFound('Person');
      if (household) this.log.info({ householdId: household.id, members: inputs[i]!.members.length }, 'household created');
    }
    return out.map((o) => o!);
  }

  /** Add a member, or change the role of a person already in this household. */
  async addMember(householdId: string, member: HouseholdMemberDTO): Promise<HouseholdRecord> {
    await this.requireHousehold(householdId);
    const refs = await this.identity.lookupRefs([[member.person]]);
    const [lookup] = unwrap(refs.lookups(0));
    if ('oneId' in lookup!) {
      this.assertJoinable([{ label: 'member', oneId: lookup.oneId }], await this.repo.personStates([lookup.oneId]), householdId);
    }
    const [oneId] = unwrap((await refs.materialize([0]))[0]);
    return this.repo.write(async (tx) => {
      await this.lockAll(tx, [oneId!]);
      this.assertJoinable([{ label: 'member', oneId: oneId! }], await this.repo.personStates([oneId!], tx), householdId);
      const household = await this.repo.upsertMember(tx, { householdId, oneId: oneId!, role: member.role, at: this.now() });
      if (!household) throw notFound('Household');
      return household;
    });
  }

  async removeMember(householdId: string, oneId: string): Promise<HouseholdRecord> {
    await this.requireHousehold(householdId);
    const [person] = await this.identity.personsByOneId([oneId]);
    const household = person ? await this.repo.removeMember(householdId, person.oneId) : null;
    if (!household) throw notFound('Household member');
    return household;
  }

  async assignAdvisor(householdId: string, advisorId: string): Promise<HouseholdRecord> {
    const id = this.checkAdvisorId(advisorId);
    const household = await this.repo.assignAdvisor(householdId, id);
    if (!household) throw notFound('Household');
    return household;
  }

  // ---------------------------------------------------------------- family links

  /** Store a family link (idempotent); returns it as asked (CHILD stays CHILD). */
  async link(input: FamilyLinkDTO): Promise<EdgeRecord> {
    return unwrap((await this.linkMany([input]))[0]);
  }

  /**
   * link for many links: per input, in input order, what link called for each in turn would
   * have answered (the link as asked, or the AppError), each checked as if the ones before
   * it were stored (planLinks). Checks use reads only first (nobody is created for a link
   * that fails them); then the people of new identifiers are created; then one write
   * transaction locks everyone involved, reads the links around them, decides again and
   * stores the new links and the changed `since`s (a link's `since` is replaced by a link
   * given with one, kept by a link given without).
   */
  async linkMany(inputs: readonly FamilyLinkDTO[]): Promise<Array<Outcome<EdgeRecord>>> {
    const badSince = inputs.map((l) => settle(() => this.checkSince(l.since)));
    const refs = await this.identity.lookupRefs(inputs.map((l, i) => (badSince[i] instanceof AppError ? [] : [l.from, l.to])));
    const lookups = inputs.map((_, i) => refs.lookups(i));
    const out: Array<Outcome<EdgeRecord> | null> = lookups.map((l, i) => {
      const since = badSince[i];
      if (since instanceof AppError) return since;
      if (l instanceof AppError) return l;
      return sameLookup(l[0]!, l[1]!) ? badInput('A person cannot be linked to itself') : null;
    });
    const pending = (): number[] => inputs.flatMap((_, i) => (out[i] === null ? [i] : []));
    const pair = (i: number): [Lookup, Lookup] => lookups[i] as [Lookup, Lookup];
    /**
     * The links of `idx` to write (new ones, and existing ones whose `since` changes), each
     * link's `since` once its item is applied, and the refusals, as planLinks decides them on
     * the graph around them.
     */
    const decide = async (
      idx: number[],
      oneIdsOf: (i: number) => [string, string],
      tx?: Tx,
    ): Promise<{ writes: number[]; since: Map<number, string | null>; refused: Map<number, AppError> }> => {
      const everyone = [...new Set(idx.flatMap(oneIdsOf))];
      const states = await this.repo.personStates(everyone, tx);
      let graph = await this.repo.linkGraph(everyone, tx);
      // In the write transaction, hold the locks of the ancestors too (re-reading until no new
      // one appears), so a concurrent link that would close a cycle through them waits for
      // this one and then sees it.
      const locked = new Set(everyone);
      for (let round = 0; tx && round < MAX_ANCESTOR_LOCK_ROUNDS; round += 1) {
        const more = [...new Set(graph.parents.flatMap((e) => [e.parent, e.child]))].filter((id) => !locked.has(id));
        if (more.length === 0) break;
        await this.repo.lockPersons(tx, more);
        more.forEach((id) => locked.add(id));
        graph = await this.repo.linkGraph(everyone, tx);
      }
      const decisions = planLinks(
        idx.map((i) => storedLink(inputs[i]!.relation, ...oneIdsOf(i), inputs[i]!.since ?? null)),
        { ...graph, persons: states },
      );
      const writes: number[] = [];
      const since = new Map<number, string | null>();
      const refused = new Map<number, AppError>();
      decisions.forEach((d, k) => {
        const i = idx[k]!;
        if (d.kind === 'missing') refused.set(i, notFound('Person'));
        else if (d.kind === 'refused') refused.set(i, badInput(d.reason));
        else {
          since.set(i, d.since);
          if (d.kind !== 'exists') writes.push(i);
        }
      });
      return { writes, since, refused };
    };
    // Reads-only checks: links between known people fully; a new person's link only for erasure of the other.
    const bothKnown = pending().filter((i) => pair(i).every((l) => 'oneId' in l));
    const early = await decide(bothKnown, (i) => pair(i).map((l) => (l as { oneId: string }).oneId) as [string, string]);
    early.refused.forEach((e, i) => (out[i] = e));
    const partlyNew = pending().filter((i) => !bothKnown.includes(i));
    if (partlyNew.length) {
      const known = [...new Set(partlyNew.flatMap((i) => knownIds(pair(i))))];
      const states = await this.repo.personStates(known);
      for (const i of partlyNew) out[i] = settle(() => this.assertNotErased(knownIds(pair(i)), states)) ?? null;
    }
    const materialized = await refs.materialize(pending());
    const oneIds = new Map<number, [string, string]>();
    pending().forEach((i, k) => {
      const m = materialized[k]!;
      if (m instanceof AppError) out[i] = m;
      else oneIds.set(i, m as [string, string]);
    });
    // Decided afresh by every attempt of the transaction (it is retried on transient errors).
    const final = await this.repo.write(async (tx) => {
      const idx = pending();
      await this.repo.lockPersons(tx, idx.flatMap((i) => oneIds.get(i)!));
      const decided = await decide(idx, (i) => oneIds.get(i)!, tx);
      // One row per link written: created by its first item, with the `since` of its last one.
      const rows = new Map<string, StoredLink>();
      for (const i of decided.writes) {
        const link = storedLink(inputs[i]!.relation, ...oneIds.get(i)!);
        const key = pairKey(link.relation, link.a, link.b);
        rows.set(key, { ...(rows.get(key) ?? link), since: decided.since.get(i) ?? null });
      }
      await this.repo.createLinks(tx, [...rows.values()], this.now());
      tx.touch('persons', [...rows.values()].flatMap((l) => [l.a, l.b]));
      return decided;
    });
    final.refused.forEach((e, i) => (out[i] = e));
    const idx = pending();
    const persons = await this.identity.personsByOneId([...new Set(idx.flatMap((i) => oneIds.get(i)!))]);
    const byId = new Map(persons.flatMap((p) => (p ? [[p.oneId, p] as const] : [])));
    for (const i of idx) {
      const [from, to] = oneIds.get(i)!.map((id) => byId.get(id));
      out[i] = from && to ? { from, to, relation: inputs[i]!.relation, since: final.since.get(i) ?? null } : notFound('Person');
    }
    return out.map((o) => o!);
  }

  /** Remove a family link; false when there was none (an unknown identifier is not created). */
  async unlink(input: FamilyLinkDTO): Promise<boolean> {
    this.checkSince(input.since);
    const [from, to] = unwrap((await this.identity.lookupRefs([[input.from, input.to]])).lookups(0)) as [Lookup, Lookup];
    if (!('oneId' in from) || !('oneId' in to) || from.oneId === to.oneId) return false;
    const link = storedLink(input.relation, from.oneId, to.oneId);
    return this.repo.write(async (tx) => {
      const removed = await this.repo.unlink(tx, link);
      if (removed > 0) tx.touch('persons', [link.a, link.b]);
      return removed > 0;
    });
  }

  // ---------------------------------------------------------------- life events

  /** Each person's life events, newest first: by date, then recordedAt, then id (one statement for all). */
  async lifeEventsOf(oneIds: readonly string[]): Promise<LifeEventRecord[][]> {
    return (await this.repo.lifeEventsOf(oneIds)).map((events) => events.sort(compareLifeEvents));
  }

  /**
   * Record a life event under its client-chosen id. The same id with the same content (the
   * same people after resolving, kind, date, partner and source) answers the stored event and
   * writes nothing; with other content it is BAD_USER_INPUT naming what differs. Checks use
   * reads only (nobody is created for a refused event); then the people of new identifiers
   * are created; then one write transaction locks the person and the partner, checks again
   * and stores the event.
   */
  async recordLifeEvent(input: LifeEventDTO): Promise<LifeEventRecord> {
    const wanted = this.validLifeEvent(input);
    const refs = await this.identity.lookupRefs([[input.person], input.partner ? [input.partner] : []]);
    const [person] = forField('person', refs.lookups(0)) as [Lookup];
    const partner = input.partner ? (forField('partner', refs.lookups(1))[0] as Lookup) : null;
    if (partner && sameLookup(person, partner)) throw badInput('partner must be another person than person', { fields: ['partner'] });
    const [stored] = await this.repo.lifeEventsById([wanted.id]);
    if (stored) return sameLifeEvent(stored, wanted, knownId(person), partner ? knownId(partner) : null);
    const known = [
      { field: 'person', oneId: knownId(person) },
      { field: 'partner', oneId: partner ? knownId(partner) : undefined },
    ].filter((e): e is { field: string; oneId: string } => e.oneId !== undefined);
    if (known.length) assertLiving(known, await this.repo.personStates(known.map((e) => e.oneId)));

    const made = await refs.materialize(partner ? [0, 1] : [0]);
    const [personId] = forField('person', made[0]) as [string];
    const partnerId = partner ? (forField('partner', made[1]) as [string])[0] : null;
    if (partnerId === personId) throw badInput('partner must be another person than person', { fields: ['partner'] });
    const people = [{ field: 'person', oneId: personId }, ...(partnerId ? [{ field: 'partner', oneId: partnerId }] : [])];
    const at = this.now();
    // Decided afresh by every attempt of the transaction (it is retried on transient errors).
    const saved = await this.repo.write(async (tx) => {
      const ids = people.map((e) => e.oneId);
      await this.lockAll(tx, ids);
      assertLiving(people, await this.repo.personStates(ids, tx));
      const done = await this.repo.recordLifeEvent(tx, { ...wanted, person: personId, partner: partnerId, at });
      if (!done) throw notFound('Person');
      if (done.created) tx.touch('persons', ids);
      return done;
    });
    if (!saved.created) return sameLifeEvent(saved.event, wanted, personId, partnerId); // a concurrent recording of the id won
    this.log.info({ lifeEventId: saved.event.id, kind: saved.event.kind }, 'life event recorded');
    return saved.event;
  }

  // ---------------------------------------------------------------- helpers

  private now(): string {
    return this.clock.now().toISOString();
  }

  /** A calendar date (YYYY-MM-DD) not after the service's today; BAD_USER_INPUT naming the field otherwise. */
  private notInFuture(field: string, date: string): string {
    let day: number;
    try {
      day = parseIsoDate(date);
    } catch {
      throw badInput(`${field} must be a calendar date YYYY-MM-DD`, { fields: [field] });
    }
    if (day > parseIsoDate(this.clock.today())) throw badInput(`${field} must not be in the future`, { fields: [field] });
    return date;
  }

  /** A link's `since`: absent, or a date not in the future. */
  private checkSince(since: string | null | undefined): string | null {
    return since == null ? null : this.notInFuture('since', since);
  }

  /** The life event's own fields checked (all problems at once, each naming its field); its people are checked by the caller. */
  private validLifeEvent(input: LifeEventDTO): WantedLifeEvent {
    const problems: Array<[string, string]> = [];
    const id = input.id ?? '';
    if (id.trim().length === 0 || id.length > MAX_LIFE_EVENT_ID_LENGTH) problems.push(['id', `id must be 1 to ${MAX_LIFE_EVENT_ID_LENGTH} characters`]);
    const kindKnown = LIFE_EVENT_KINDS.includes(input.kind);
    if (!kindKnown) problems.push(['kind', `kind must be one of ${LIFE_EVENT_KINDS.join(', ')}`]);
    const date = settle(() => this.notInFuture('date', input.date ?? ''));
    if (date instanceof AppError) problems.push(['date', date.message]);
    const needsPartner = PARTNER_KINDS.includes(input.kind);
    if (kindKnown && needsPartner && input.partner == null) problems.push(['partner', `partner is required for ${input.kind}`]);
    if (kindKnown && !needsPartner && input.partner != null) problems.push(['partner', `partner is only allowed for ${PARTNER_KINDS.join(' and ')}, not ${input.kind}`]);
    const source = (input.source ?? '').trim();
    if (source.length === 0 || source.length > MAX_LIFE_EVENT_SOURCE_LENGTH) problems.push(['source', `source must be 1 to ${MAX_LIFE_EVENT_SOURCE_LENGTH} characters`]);
    if (problems.length) {
      throw badInput(`Invalid life event: ${problems.map(([, m]) => m).join('; ')}`, { fields: problems.map(([f]) => f) });
    }
    const contentKey = createHash('sha256').update(JSON.stringify([input.kind, input.date, source])).digest('hex');
    return { id, kind: input.kind, date: input.date, source, contentKey };
  }

  private checkAdvisorId(advisorId: string): string {
    const id = advisorId.trim();
    if (id.length < 1 || id.length > 128) throw badInput('advisorId must be 1 to 128 characters');
    return id;
  }

  private async requireHousehold(id: string): Promise<HouseholdRecord> {
    const [household] = await this.repo.householdsById([id]);
    if (!household) throw notFound('Household');
    return household;
  }

  private assertDistinct(lookups: readonly Lookup[], labels: readonly string[]): void {
    const seen = new Map<string, number>();
    const problems: string[] = [];
    lookups.forEach((l, i) => {
      const key = 'oneId' in l ? `id:${l.oneId}` : `new:${l.newKey}`;
      const first = seen.get(key);
      if (first !== undefined) problems.push(`${labels[first]} and ${labels[i]} are the same person`);
      else seen.set(key, i);
    });
    if (problems.length) throw badInput(`A person can appear only once: ${problems.join('; ')}`);
  }

  /** Every person exists, is not erased, and is in no household other than `householdId`. */
  private assertJoinable(entries: ReadonlyArray<{ label: string; oneId: string | null }>, states: Map<string, PersonState>, householdId: string | null): void {
    const problems: string[] = [];
    const households: string[] = [];
    for (const { label, oneId } of entries) {
      if (oneId === null) continue;
      const state = states.get(oneId);
      if (!state) throw notFound('Person');
      if (state.forgotten) problems.push(`${label} (${oneId}) was erased and cannot join a household`);
      else if (state.householdId !== null && state.householdId !== householdId) {
        problems.push(`${label} (${oneId}) is already a member of household ${state.householdId}`);
        households.push(state.householdId);
      }
    }
    if (problems.length) {
      throw badInput(`A person belongs to at most one household: ${problems.join('; ')}`, households.length ? { householdIds: households } : undefined);
    }
  }

  private assertNotErased(oneIds: readonly string[], states: Map<string, PersonState>): void {
    for (const oneId of oneIds) {
      const state = states.get(oneId);
      if (!state) throw notFound('Person');
      if (state.forgotten) throw badInput(`Person ${oneId} was erased and cannot be linked`);
    }
  }

  /** Lock the people in the write transaction; one gone meanwhile (merged, erased) is NOT_FOUND. */
  private async lockAll(tx: Tx, oneIds: readonly string[]): Promise<void> {
    const distinct = new Set(oneIds);
    if ((await this.repo.lockPersons(tx, [...distinct])) < distinct.size) throw notFound('Person');
  }
}

/** A person reference's outcome for one field: BAD_USER_INPUT names the field; other errors (NOT_FOUND) as they are. */
function forField<T>(field: string, outcome: T | AppError | undefined): T {
  if (outcome instanceof AppError) {
    if (outcome.code === 'BAD_USER_INPUT') throw badInput(`${field}: ${outcome.message}`, { ...outcome.details, fields: [field] });
    throw outcome;
  }
  return unwrap(outcome);
}

/** The OneID of a looked-up reference; undefined for a new identifier (nobody's yet). */
function knownId(lookup: Lookup): string | undefined {
  return 'oneId' in lookup ? lookup.oneId : undefined;
}

/** Every person exists and was not erased (a life event is personal data). */
function assertLiving(entries: ReadonlyArray<{ field: string; oneId: string }>, states: Map<string, PersonState>): void {
  for (const { field, oneId } of entries) {
    const state = states.get(oneId);
    if (!state) throw notFound('Person');
    if (state.forgotten) throw badInput(`${field} was erased: no life event can be recorded for it`, { fields: [field] });
  }
}

/**
 * The stored event when a repeat of its id has the same content (the same person and partner,
 * as OneIDs after resolving, and the same kind, date and source); BAD_USER_INPUT naming what
 * differs otherwise. `undefined` stands for a person nobody has yet: never the stored one.
 */
function sameLifeEvent(stored: LifeEventRecord, wanted: WantedLifeEvent, person: string | undefined, partner: string | null | undefined): LifeEventRecord {
  const differs = (
    [
      ['person', stored.person.oneId, person],
      ['kind', stored.kind, wanted.kind],
      ['date', stored.date, wanted.date],
      ['partner', stored.partner?.oneId ?? null, partner],
      ['source', stored.source, wanted.source],
    ] as const
  )
    .filter(([, a, b]) => a !== b)
    .map(([field]) => field);
  if (differs.length === 0 && stored.contentKey === wanted.contentKey) return stored;
  const fields = differs.length ? differs : ['content'];
  throw badInput(`A life event with this id was already recorded with a different ${fields.join(', ')}`, { fields });
}

function knownIds(lookups: readonly Lookup[]): string[] {
  return lookups.flatMap((l) => ('oneId' in l ? [l.oneId] : []));
}

function sameLookup(a: Lookup, b: Lookup): boolean {
  if ('oneId' in a && 'oneId' in b) return a.oneId === b.oneId;
  if ('newKey' in a && 'newKey' in b) return a.newKey === b.newKey;
  return false;
}

/** The stored form of a requested link: CHILD from A to B is B PARENT_OF A (with `since` when one is given). */
export function storedLink(relation: FamilyRelation, from: string, to: string, since: string | null = null): StoredLink {
  const when = since === null ? {} : { since };
  if (relation === 'CHILD') return { a: to, b: from, relation: 'PARENT', ...when };
  return { a: from, b: to, relation, ...when };
}
