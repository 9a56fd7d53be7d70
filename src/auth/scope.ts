/**
 * The one place that decides what a caller may read (the contract's AUTH section):
 * - ADMIN, INGEST: everything;
 * - ADVISOR (sub = advisorId): households assigned to it and their members; an advisor whose
 *   record says LEFT reads nothing, whatever its token says (the advisor Cypher answers
 *   nothing for it, and `assertAdvisorSelf` / `isAdvisorSelf` refuse it);
 * - CUSTOMER (sub = a OneID): itself, its household and members, its relatives.
 * Unknown and out-of-scope ids get the same FORBIDDEN error. Look-ups are batched per
 * request (DataLoader) and the customer's view is computed at most once per request.
 *
 * Rules for resolvers: check every root argument (`readablePerson`, `readableHousehold`,
 * `assertAdvisorSelf`, `assertSelf`), and filter every nested list of people that can reach
 * outside the caller's scope (`readablePersons`: a member's relatives, a policy's holder, an
 * inviter, a referral tree). Pass surviving OneIDs (as loaded by `loaders.person`).
 */
import DataLoader from 'dataloader';
import { forbidden } from '../errors';
import type { AccessRepository, CustomerView } from './access.repository';
import type { Principal } from './principal';

export class RequestScope {
  private customer?: Promise<CustomerView | null>;
  private advisorActive?: Promise<boolean>;
  /** Ids a statement proved readable in this request ("p:" persons, "h:" households; see vouchAdvisorBook). */
  private readonly vouched = new Set<string>();
  private readonly advisorPersons?: DataLoader<string, boolean>;
  private readonly advisorHouseholds?: DataLoader<string, boolean>;

  constructor(
    readonly principal: Principal | null,
    private readonly repo: AccessRepository,
  ) {
    if (principal?.role === 'ADVISOR') {
      const advisorId = principal.sub;
      this.advisorPersons = new DataLoader(async (ids) => {
        const ok = await repo.advisorPersons(advisorId, [...ids]);
        return ids.map((id) => ok.has(id));
      });
      this.advisorHouseholds = new DataLoader(async (ids) => {
        const ok = await repo.advisorHouseholds(advisorId, [...ids]);
        return ids.map((id) => ok.has(id));
      });
    }
  }

  /** ADMIN and INGEST read everything. */
  get unrestricted(): boolean {
    return this.principal?.role === 'ADMIN' || this.principal?.role === 'INGEST';
  }

  private customerView(): Promise<CustomerView | null> {
    this.customer ??= this.repo.customerView(this.principal!.sub);
    return this.customer;
  }

  /** The CUSTOMER's own (surviving) OneID, or null for other roles. */
  async selfOneId(): Promise<string | null> {
    if (this.principal?.role !== 'CUSTOMER') return null;
    return (await this.customerView())?.self ?? null;
  }

  async canReadPerson(oneId: string): Promise<boolean> {
    if (this.unrestricted) return true;
    if (this.principal?.role === 'ADVISOR') return this.advisorPersons!.load(oneId);
    if (this.principal?.role === 'CUSTOMER') {
      const v = await this.customerView();
      return !!v && (v.self === oneId || v.members.includes(oneId) || v.relatives.includes(oneId));
    }
    return false;
  }

  async canReadHousehold(id: string): Promise<boolean> {
    if (this.unrestricted) return true;
    if (this.principal?.role === 'ADVISOR') return this.advisorHouseholds!.load(id);
    if (this.principal?.role === 'CUSTOMER') return (await this.customerView())?.households.includes(id) ?? false;
    return false;
  }

  /** Identifiers (always masked) are for ADMIN, INGEST, the advisor of the person, and the person itself. */
  async canSeeIdentifiers(oneId: string): Promise<boolean> {
    if (this.principal?.role === 'CUSTOMER') return (await this.selfOneId()) === oneId;
    return this.canReadPerson(oneId);
  }

  /** The person if the caller may read it. A null (unknown) answers FORBIDDEN for scoped roles. */
  async readablePerson<T extends { oneId: string }>(person: T | null): Promise<T | null> {
    if (this.unrestricted) return person;
    if (person && (await this.canReadPerson(person.oneId))) return person;
    throw forbidden();
  }

  /** The household if the caller may read it; FORBIDDEN otherwise (unknown included, for scoped roles). */
  async readableHousehold<T extends { id: string }>(household: T | null): Promise<T | null> {
    if (this.unrestricted) return household;
    if (household && (await this.canReadHousehold(household.id))) return household;
    throw forbidden();
  }

  /** The people of `list` the caller may read, in order (one batched check for the whole list). */
  async readablePersons<T>(list: readonly T[], oneIdOf: (item: T) => string = (i) => (i as { oneId: string }).oneId): Promise<T[]> {
    if (this.unrestricted) return [...list];
    const ok = await Promise.all(list.map((item) => this.canReadPerson(oneIdOf(item))));
    return list.filter((_, i) => ok[i]);
  }

  /** A CUSTOMER may only act as itself (e.g. inviter = itself); other roles pass. FORBIDDEN otherwise. */
  async assertSelf(oneId: string): Promise<void> {
    if (this.principal?.role !== 'CUSTOMER') return;
    if ((await this.selfOneId()) === oneId) return;
    throw forbidden();
  }

  /**
   * What a statement read for the ADVISOR `advisorId` proves, so the checks that follow need
   * no statement of their own: `households` were read under `advisorId = $advisorId`, `members`
   * through MEMBER_OF into them. Call it only after `assertAdvisorSelf(advisorId)` passed; it
   * does nothing for another caller (ADMIN and INGEST are not checked anyway).
   */
  vouchAdvisorBook(advisorId: string, households: readonly string[], members: readonly string[]): void {
    if (this.principal?.role !== 'ADVISOR' || this.principal.sub !== advisorId) return;
    for (const id of households) {
      this.advisorHouseholds!.prime(id, true);
      this.vouched.add(`h:${id}`);
    }
    for (const oneId of members) {
      this.advisorPersons!.prime(oneId, true);
      this.vouched.add(`p:${oneId}`);
    }
  }

  /** True when the caller may read this person without asking anything (unrestricted, or vouched for): the guard's synchronous path. */
  readsPersonNow(oneId: string): boolean {
    return this.unrestricted || this.vouched.has(`p:${oneId}`);
  }

  /** As readsPersonNow, for a household. */
  readsHouseholdNow(id: string): boolean {
    return this.unrestricted || this.vouched.has(`h:${id}`);
  }

  /** The ADVISOR caller has not LEFT (one statement per request, on first use). */
  private activeAdvisor(): Promise<boolean> {
    this.advisorActive ??= this.repo.advisorActive(this.principal!.sub);
    return this.advisorActive;
  }

  /** True when the caller is the ADVISOR `advisorId` and that advisor has not LEFT. */
  async isAdvisorSelf(advisorId: string | null | undefined): Promise<boolean> {
    if (this.principal?.role !== 'ADVISOR' || !advisorId || this.principal.sub !== advisorId) return false;
    return this.activeAdvisor();
  }

  /**
   * An ADVISOR may only ask about itself, and a LEFT advisor about nothing; ADMIN and INGEST
   * pass. Another advisorId (or another role) throws FORBIDDEN at once, with no read; the
   * returned promise rejects FORBIDDEN when the advisor has LEFT: always await it.
   */
  assertAdvisorSelf(advisorId: string): Promise<void> {
    if (this.unrestricted) return Promise.resolve();
    if (this.principal?.role !== 'ADVISOR' || this.principal.sub !== advisorId) throw forbidden();
    return this.activeAdvisor().then((active) => {
      if (!active) throw forbidden();
    });
  }
}
