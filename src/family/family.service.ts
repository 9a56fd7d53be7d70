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
import { AppError, badInput, notFound } from '../errors';
import type { Tx } from '../db/database';
import type { IdentityService, PersonRef } from '../identity/identity.service';
import type { Logger } from '../logger';
import { EdgeRecord, HouseholdRecord, HouseholdRole, MemberRecord, RelativeRecord, RelativesKey, ROLE_ORDER, SuggestionRecord } from './family.model';
import type { FamilyRepository, LinkState, PersonState, StoredLink } from './family.repository';
import { deriveRelatives, FamilyRelation, MAX_DEGREE } from './kinship';
import { rankSuggestions } from './suggestions';

export const MAX_HOUSEHOLD_MEMBERS = 50;
/** Longest ancestor chain the cycle check walks (generations). */
export const MAX_ANCESTRY_DEPTH = 20;

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

const RELATION_ORDER: readonly FamilyRelation[] = ['SPOUSE', 'PARENT', 'SIBLING', 'CHILD'];
const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

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
    const lists = await this.repo.membersOf(ids);
    const rank = (r: HouseholdRole): number => ROLE_ORDER.indexOf(r);
    return lists.map((l) => l.sort((a, b) => rank(a.role) - rank(b.role) || cmp(a.person.oneId, b.person.oneId)));
  }

  /**
   * Family links among the members, each once: PARENT from parent to child, SPOUSE and
   * SIBLING from the smaller OneID (so a link stored twice by mistake shows once).
   */
  async relationshipsOf(ids: readonly string[]): Promise<EdgeRecord[][]> {
    const lists = await this.repo.relationshipsOf(ids);
    return lists.map((edges) => {
      const unique = new Map<string, EdgeRecord>();
      for (const e of edges) {
        const swap = e.relation !== 'PARENT' && e.from.oneId > e.to.oneId;
        const edge = swap ? { from: e.to, to: e.from, relation: e.relation } : e;
        unique.set(`${edge.relation}|${edge.from.oneId}|${edge.to.oneId}`, edge);
      }
      return [...unique.values()].sort(
        (a, b) =>
          RELATION_ORDER.indexOf(a.relation) - RELATION_ORDER.indexOf(b.relation) ||
          cmp(a.from.oneId, b.from.oneId) ||
          cmp(a.to.oneId, b.to.oneId),
      );
    });
  }

  async suggestionsFor(ids: readonly string[]): Promise<SuggestionRecord[][]> {
    return (await this.repo.suggestionEvidence(ids)).map(rankSuggestions);
  }

  assertMaxDegree(maxDegree: number): void {
    if (!Number.isInteger(maxDegree) || maxDegree < 1 || maxDegree > MAX_DEGREE) {
      throw badInput(`maxDegree must be an integer from 1 to ${MAX_DEGREE}, got ${maxDegree}`);
    }
  }

  /** Relatives of each (person, maxDegree): one statement loads every neighbourhood, kinship is derived here. */
  async relativesOf(keys: readonly RelativesKey[]): Promise<RelativeRecord[][]> {
    keys.forEach((k) => this.assertMaxDegree(k.maxDegree));
    const hoods = await this.repo.neighbourhoods(keys);
    return hoods.map((hood, i) => {
      const persons = new Map(hood.persons.map((p) => [p.oneId, p]));
      return deriveRelatives(keys[i]!.oneId, hood.links, keys[i]!.maxDegree).flatMap((r) => {
        const person = persons.get(r.oneId);
        return person ? [{ person, kinship: r.kinship, degree: r.degree, path: r.path }] : [];
      });
    });
  }

  // ---------------------------------------------------------------- households

  async createHousehold(input: CreateHouseholdDTO): Promise<HouseholdRecord> {
    if (input.members.length > MAX_HOUSEHOLD_MEMBERS) {
      throw badInput(`A household has at most ${MAX_HOUSEHOLD_MEMBERS} members, got ${input.members.length}`);
    }
    const advisorId = input.advisorId == null ? null : this.checkAdvisorId(input.advisorId);
    const lookups = await this.lookupAll(input.members.map((m) => m.person));
    const labels = input.members.map((_, i) => `members[${i}]`);
    this.assertDistinct(lookups, labels);
    const known = knownIds(lookups);
    this.assertJoinable(
      lookups.map((l, i) => ({ label: labels[i]!, oneId: 'oneId' in l ? l.oneId : null })),
      await this.repo.personStates(known),
      null,
    );
    const oneIds = await this.materialize(lookups);
    const at = this.now();
    const household = await this.repo.write(async (tx) => {
      await this.lockAll(tx, oneIds);
      this.assertJoinable(
        oneIds.map((oneId, i) => ({ label: labels[i]!, oneId })),
        await this.repo.personStates(oneIds, tx),
        null,
      );
      return this.repo.createHousehold(tx, {
        id: randomUUID(),
        name: input.name ?? null,
        advisorId,
        at,
        members: oneIds.map((oneId, i) => ({ oneId, role: input.members[i]!.role })),
      });
    });
    this.log.info({ householdId: household.id, members: oneIds.length }, 'household created');
    return household;
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
    const [from, to] = (await this.lookupAll([input.from, input.to])) as [Lookup, Lookup];
    if (sameLookup(from, to)) throw badInput('A person cannot be linked to itself');
    if ('oneId' in from && 'oneId' in to) {
      const stored = storedLink(input.relation, from.oneId, to.oneId);
      this.checkLink(stored, await this.repo.personStates([from.oneId, to.oneId]), await this.repo.linkState(stored));
    } else {
      const known = knownIds([from, to]);
      this.assertNotErased(known, await this.repo.personStates(known));
    }
    const [fromId, toId] = (await this.materialize([from, to])) as [string, string];
    const stored = storedLink(input.relation, fromId, toId);
    await this.repo.write(async (tx) => {
      await this.lockAll(tx, [fromId, toId]);
      const exists = this.checkLink(stored, await this.repo.personStates([fromId, toId], tx), await this.repo.linkState(stored, tx));
      if (!exists) await this.repo.link(tx, stored, this.now());
    });
    const [fromPerson, toPerson] = await this.identity.personsByOneId([fromId, toId]);
    if (!fromPerson || !toPerson) throw notFound('Person');
    return { from: fromPerson, to: toPerson, relation: input.relation };
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
   * Look each reference up like resolvePersonRef (exactly one of oneId/identifier; a
   * merged-away OneID gives the survivor; an unknown OneID is NOT_FOUND) but without
   * creating anyone: an unknown identifier comes back as new, keyed by its hash.
   */
  private lookupAll(refs: readonly PersonRef[]): Promise<Lookup[]> {
    return Promise.all(
      refs.map(async (ref): Promise<Lookup> => {
        try {
          return { oneId: await this.identity.resolvePersonRef(ref, { create: false }) };
        } catch (e) {
          if (!(e instanceof AppError && e.code === 'NOT_FOUND' && ref.identifier)) throw e;
          const id = this.identity.normalize(ref.identifier);
          if (!id) throw e;
          return { newKey: id.key, ref };
        }
      }),
    );
  }

  /** The OneID of every lookup, creating the people that new identifiers refer to. */
  private async materialize(lookups: readonly Lookup[]): Promise<string[]> {
    const created = new Map<string, string>();
    for (const l of lookups) {
      if ('newKey' in l && !created.has(l.newKey)) created.set(l.newKey, await this.identity.resolvePersonRef(l.ref, { create: true }));
    }
    return lookups.map((l) => ('oneId' in l ? l.oneId : created.get(l.newKey)!));
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

  /**
   * The rules of a link between two existing people; returns true when the link exists
   * already (nothing to check or write). PARENT: no cycle, the parent born before the
   * child when both dates are known, at most two parents.
   */
  private checkLink(link: StoredLink, states: Map<string, PersonState>, state: LinkState | null): boolean {
    if (!state) throw notFound('Person');
    if (state.exists) return true;
    this.assertNotErased([link.a, link.b], states);
    if (link.relation !== 'PARENT') return false;
    const problems: string[] = [];
    if (state.cycle) problems.push(`${link.b} is already an ancestor of ${link.a}: the link would make someone their own ancestor`);
    const [parentBorn, childBorn] = [states.get(link.a)?.birthDate, states.get(link.b)?.birthDate];
    if (parentBorn && childBorn && parentBorn >= childBorn) problems.push(`the parent ${link.a} must be born before the child ${link.b}`);
    if (state.otherParents >= 2) problems.push(`${link.b} already has two parents`);
    if (problems.length) throw badInput(`Invalid PARENT link: ${problems.join('; ')}`);
    return false;
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
