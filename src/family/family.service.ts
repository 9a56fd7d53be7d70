/**
 * Families: households (members with a role, an advisor) and asserted family links, with
 * kinship derived from the links (kinship.ts). No GraphQL, no Cypher.
 *
 * Every write validates everything it can first, with reads only (person references are
 * looked up without creating anyone); then creates the people that unknown identifiers
 * refer to; then, in one write transaction, locks the people involved, checks again
 * (a concurrent writer may have changed them) and writes. Bad input writes nothing.
 */
import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock';
import { AppError, badInput, notFound, type Outcome, settle, unwrap } from '../errors';
import type { Tx } from '../db/database';
import type { IdentityService, PersonRef } from '../identity/identity.service';
import type { Logger } from '../logger';
import {
  EdgeRecord,
  HouseholdRecord,
  assertMaxDegree,
  HouseholdRole,
  MemberRecord,
  RelativeRecord,
  RelativesKey,
  relativesIn,
  sortMembers,
  StoredLink,
  SuggestionRecord,
  uniqueEdges,
} from './family.model';
import type { FamilyRepository, PersonState } from './family.repository';
import { planLinks } from './linkPlan';
import type { FamilyRelation } from './kinship';
import { rankSuggestions } from './suggestions';

export const MAX_HOUSEHOLD_MEMBERS = 50;
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
}

/** A person reference looked up without creating anyone: a known OneID, or a new identifier. */
type Lookup = { oneId: string } | { newKey: string; ref: PersonRef };


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
    const lookups = await this.lookupMany(inputs.map((input, i) => (out[i] === null ? input.members.map((m) => m.person) : [])));
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

    const materialized = await this.materializeMany(pending().map((i) => lookups[i] as Lookup[]));
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
    const [lookup] = await this.lookupAll([member.person]);
    if ('oneId' in lookup!) {
      this.assertJoinable([{ label: 'member', oneId: lookup.oneId }], await this.repo.personStates([lookup.oneId]), householdId);
    }
    const [oneId] = await this.materialize([lookup!]);
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
   * stores the new links.
   */
  async linkMany(inputs: readonly FamilyLinkDTO[]): Promise<Array<Outcome<EdgeRecord>>> {
    const lookups = await this.lookupMany(inputs.map((l) => [l.from, l.to]));
    const out: Array<Outcome<EdgeRecord> | null> = lookups.map((l) => {
      if (l instanceof AppError) return l;
      return sameLookup(l[0]!, l[1]!) ? badInput('A person cannot be linked to itself') : null;
    });
    const pending = (): number[] => inputs.flatMap((_, i) => (out[i] === null ? [i] : []));
    const pair = (i: number): [Lookup, Lookup] => lookups[i] as [Lookup, Lookup];
    /** The links of `idx` to create, and the refusals, as planLinks decides them on the graph around them. */
    const decide = async (idx: number[], oneIdsOf: (i: number) => [string, string], tx?: Tx): Promise<{ creates: number[]; refused: Map<number, AppError> }> => {
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
        idx.map((i) => storedLink(inputs[i]!.relation, ...oneIdsOf(i))),
        { ...graph, persons: states },
      );
      const creates: number[] = [];
      const refused = new Map<number, AppError>();
      decisions.forEach((d, k) => {
        const i = idx[k]!;
        if (d.kind === 'missing') refused.set(i, notFound('Person'));
        else if (d.kind === 'refused') refused.set(i, badInput(d.reason));
        else if (d.kind === 'create') creates.push(i);
      });
      return { creates, refused };
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
    const materialized = await this.materializeMany(pending().map(pair));
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
      await this.repo.createLinks(tx, decided.creates.map((i) => storedLink(inputs[i]!.relation, ...oneIds.get(i)!)), this.now());
      return decided;
    });
    final.refused.forEach((e, i) => (out[i] = e));
    const idx = pending();
    const persons = await this.identity.personsByOneId([...new Set(idx.flatMap((i) => oneIds.get(i)!))]);
    const byId = new Map(persons.flatMap((p) => (p ? [[p.oneId, p] as const] : [])));
    for (const i of idx) {
      const [from, to] = oneIds.get(i)!.map((id) => byId.get(id));
      out[i] = from && to ? { from, to, relation: inputs[i]!.relation } : notFound('Person');
    }
    return out.map((o) => o!);
  }

  /** Remove a family link; false when there was none (an unknown identifier is not created). */
  async unlink(input: FamilyLinkDTO): Promise<boolean> {
    const [from, to] = (await this.lookupAll([input.from, input.to])) as [Lookup, Lookup];
    if (!('oneId' in from) || !('oneId' in to) || from.oneId === to.oneId) return false;
    return (await this.repo.unlink(storedLink(input.relation, from.oneId, to.oneId))) > 0;
  }

  // ---------------------------------------------------------------- helpers

  private now(): string {
    return this.clock.now().toISOString();
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

  /**
   * Look up lists of references like resolvePersonRef (exactly one of oneId/identifier; a
   * merged-away OneID gives the survivor; an unknown OneID is NOT_FOUND) but without
   * creating anyone: an unknown identifier comes back as new, keyed by its hash. One look-up
   * for all lists; per list its lookups, or the first error among its references.
   */
  private async lookupMany(lists: ReadonlyArray<readonly PersonRef[]>): Promise<Array<Lookup[] | AppError>> {
    const refs = lists.flat();
    const found = await this.identity.resolvePersonRefs(refs, { create: false });
    let at = 0;
    return lists.map((list) => {
      const answers = list.map((ref, k): Lookup | AppError => {
        const r = found[at + k]!;
        if (typeof r === 'string') return { oneId: r };
        if (r.code !== 'NOT_FOUND' || !ref.identifier) return r;
        const id = this.identity.normalize(ref.identifier);
        return id ? { newKey: id.key, ref } : r;
      });
      at += list.length;
      return answers.find((a): a is AppError => a instanceof AppError) ?? (answers as Lookup[]);
    });
  }

  private async lookupAll(refs: readonly PersonRef[]): Promise<Lookup[]> {
    return unwrap((await this.lookupMany([refs]))[0]);
  }

  private async materialize(lookups: readonly Lookup[]): Promise<string[]> {
    return unwrap((await this.materializeMany([lookups]))[0]);
  }

  /** The OneIDs of each list of lookups, creating the people that new identifiers refer to (one call for all). */
  private async materializeMany(lists: ReadonlyArray<readonly Lookup[]>): Promise<Array<string[] | AppError>> {
    const fresh = new Map<string, PersonRef>();
    for (const l of lists.flat()) if ('newKey' in l) fresh.set(l.newKey, l.ref);
    const created = await this.identity.resolvePersonRefs([...fresh.values()], { create: true });
    const byKey = new Map([...fresh.keys()].map((key, k) => [key, created[k]!]));
    return lists.map((list) => {
      const ids = list.map((l) => ('oneId' in l ? l.oneId : byKey.get(l.newKey)!));
      return ids.find((x): x is AppError => x instanceof AppError) ?? (ids as string[]);
    });
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

function knownIds(lookups: readonly Lookup[]): string[] {
  return lookups.flatMap((l) => ('oneId' in l ? [l.oneId] : []));
}

function sameLookup(a: Lookup, b: Lookup): boolean {
  if ('oneId' in a && 'oneId' in b) return a.oneId === b.oneId;
  if ('newKey' in a && 'newKey' in b) return a.newKey === b.newKey;
  return false;
}

/** The stored form of a requested link: CHILD from A to B is B PARENT_OF A. */
export function storedLink(relation: FamilyRelation, from: string, to: string): StoredLink {
  if (relation === 'CHILD') return { a: to, b: from, relation: 'PARENT' };
  return { a: from, b: to, relation };
}
