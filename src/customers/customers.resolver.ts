/**
 * Thin resolvers of the customers feature: role gate, scope, loaders, service call.
 *
 * AUTH (value.graphql): ADMIN and INGEST everything. An ADVISOR reads these Person fields on
 * people of its households (the scope guard, src/server/guard.ts, empties them on anyone
 * else), adds and removes their manual tags, and lists or counts people only with
 * filter.advisorId = itself (FORBIDDEN otherwise); it records no interactions. A CUSTOMER
 * reads its own value, segment, interactions, lastActivityAt and bestContactWindow (another
 * person's: FORBIDDEN), never tags nor a household's value, and records nothing.
 */
import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { badInput, forbidden, notFound } from '../errors';
import { DateTimeScalar } from '../graphql/scalars';
import { Household } from '../family/family.types';
import { primePersons } from '../identity/identity.loaders';
import { toPersonRecord, type PersonRecord } from '../identity/identity.model';
import { Person } from '../identity/identity.types';
import type { CustomersContext as Context } from './customers.loaders';
import type { ContactWindowRecord, CustomerValueRecord, InteractionRecord, PeopleOrder, Segment, TagRecord } from './customers.model';
import { INTERACTIONS_PAGE, PEOPLE_PAGE, type PeoplePage, type PeopleSummaryRecord, type PersonCustomerView } from './customers.service';
import {
  ContactWindow,
  CustomerValue,
  Interaction,
  InteractionInput,
  InteractionResult,
  LifecycleSegmentEnum,
  PeopleFilter,
  PeopleOrderEnum,
  PeopleSummary,
  PersonConnection,
  Tag,
} from './customers.types';

/** A CUSTOMER reads these fields of itself only. */
async function assertOwnOrStaff(ctx: Context, oneId: string): Promise<void> {
  if (ctx.principal?.role !== 'CUSTOMER') return;
  if ((await ctx.scope.selfOneId()) !== oneId) throw forbidden();
}

async function viewOf(ctx: Context, person: PersonRecord): Promise<PersonCustomerView> {
  await assertOwnOrStaff(ctx, person.oneId);
  const view = await ctx.loaders.customerView.load(person.oneId);
  if (!view) throw notFound('Person');
  return view;
}

/** The live person behind a OneID the caller may change the tags of (scoped roles: FORBIDDEN for unknown or foreign). */
async function taggable(ctx: Context, oneId: string): Promise<PersonRecord> {
  const person = await ctx.scope.readablePerson(await ctx.loaders.person.load(oneId));
  if (!person) throw notFound('Person');
  return person;
}

/** The advisor filter a caller must give: ADVISOR only itself; ADMIN and INGEST any. */
async function assertListable(ctx: Context, filter: PeopleFilter | null | undefined): Promise<void> {
  if (ctx.scope.unrestricted) return;
  const advisorId = filter?.advisorId;
  if (!advisorId) throw forbidden();
  await ctx.scope.assertAdvisorSelf(advisorId);
}

@Resolver(() => Person)
export class PersonCustomerResolver {
  @FieldResolver(() => CustomerValue)
  async value(@Root() person: PersonRecord, @Ctx() ctx: Context): Promise<CustomerValueRecord> {
    return (await viewOf(ctx, person)).value;
  }

  @FieldResolver(() => LifecycleSegmentEnum)
  async segment(@Root() person: PersonRecord, @Ctx() ctx: Context): Promise<Segment> {
    return (await viewOf(ctx, person)).segment;
  }

  @Authorized('ADMIN', 'INGEST', 'ADVISOR')
  @FieldResolver(() => [Tag], { description: 'Rule tags first, then manual tags, each by name.' })
  async tags(@Root() person: PersonRecord, @Ctx() ctx: Context): Promise<TagRecord[]> {
    return (await viewOf(ctx, person)).tags;
  }

  @FieldResolver(() => [Interaction], { description: 'Newest first; first: 1 to 100.' })
  async interactions(
    @Root() person: PersonRecord,
    @Arg('first', () => Int, { nullable: true, defaultValue: INTERACTIONS_PAGE.default }) first: number | null,
    @Ctx() ctx: Context,
  ): Promise<InteractionRecord[]> {
    await assertOwnOrStaff(ctx, person.oneId);
    const n = first ?? INTERACTIONS_PAGE.default;
    if (!Number.isInteger(n) || n < INTERACTIONS_PAGE.min || n > INTERACTIONS_PAGE.max) {
      throw badInput(`first must be between ${INTERACTIONS_PAGE.min} and ${INTERACTIONS_PAGE.max} (got ${n})`, { field: 'first' });
    }
    return ctx.loaders.interactions(n).load(person.oneId);
  }

  @FieldResolver(() => DateTimeScalar, { nullable: true })
  async lastActivityAt(@Root() person: PersonRecord, @Ctx() ctx: Context): Promise<string | null> {
    return (await viewOf(ctx, person)).lastActivityAt;
  }

  @FieldResolver(() => ContactWindow, { nullable: true, description: 'null without interactions in the last 180 days.' })
  async bestContactWindow(@Root() person: PersonRecord, @Ctx() ctx: Context): Promise<ContactWindowRecord | null> {
    await assertOwnOrStaff(ctx, person.oneId);
    return ctx.loaders.contactWindow.load(person.oneId);
  }
}

@Resolver(() => Household)
export class HouseholdCustomerResolver {
  @Authorized('ADMIN', 'INGEST', 'ADVISOR')
  @FieldResolver(() => CustomerValue)
  async value(@Root() household: { id: string }, @Ctx() ctx: Context): Promise<CustomerValueRecord> {
    const value = await ctx.loaders.householdValue.load(household.id);
    if (!value) throw notFound('Household');
    return value;
  }
}

@Resolver()
export class CustomersResolver {
  @Authorized('ADMIN', 'INGEST')
  @Mutation(() => InteractionResult, {
    description: 'Atomic: 1 to 1000 interactions; any invalid one rejects the batch (BAD_USER_INPUT naming it) and writes nothing.',
  })
  recordInteractions(@Arg('interactions', () => [InteractionInput]) interactions: InteractionInput[], @Ctx() ctx: Context): Promise<{ accepted: number; duplicates: number }> {
    return ctx.services.customers.recordInteractions(interactions);
  }

  @Authorized('ADMIN', 'INGEST', 'ADVISOR')
  @Mutation(() => Person, { description: 'Adds manual tags (already present ones are kept as they are).' })
  async addTags(@Arg('oneId', () => ID) oneId: string, @Arg('tags', () => [String]) tags: string[], @Ctx() ctx: Context): Promise<PersonRecord> {
    const person = await taggable(ctx, oneId);
    await ctx.services.customers.addTags(person.oneId, tags);
    ctx.loaders.customerView.clear(person.oneId);
    return person;
  }

  @Authorized('ADMIN', 'INGEST', 'ADVISOR')
  @Mutation(() => Person, { description: 'Removes manual tags; removing a rule tag is BAD_USER_INPUT.' })
  async removeTags(@Arg('oneId', () => ID) oneId: string, @Arg('tags', () => [String]) tags: string[], @Ctx() ctx: Context): Promise<PersonRecord> {
    const person = await taggable(ctx, oneId);
    await ctx.services.customers.removeTags(person.oneId, tags);
    ctx.loaders.customerView.clear(person.oneId);
    return person;
  }

  @Authorized('ADMIN', 'INGEST', 'ADVISOR')
  @Query(() => PersonConnection, { description: 'Pagination is stable while nothing is written; first: 1 to 200. Erased people are never listed.' })
  async people(
    @Arg('filter', () => PeopleFilter, { nullable: true }) filter: PeopleFilter | null,
    @Arg('orderBy', () => PeopleOrderEnum, { nullable: true, defaultValue: PeopleOrderEnum.SCORE_DESC }) orderBy: PeopleOrderEnum | null,
    @Arg('first', () => Int, { nullable: true, defaultValue: PEOPLE_PAGE.default }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: Context,
  ): Promise<PeoplePage> {
    await assertListable(ctx, filter);
    const page = await ctx.services.customers.people(filter, (orderBy ?? 'SCORE_DESC') as PeopleOrder, first ?? PEOPLE_PAGE.default, after);
    const records = page.edges.map((e) => toPersonRecord(e.node));
    primePersons(ctx.loaders, records);
    if (filter?.advisorId) ctx.scope.vouchAdvisorBook(filter.advisorId, [], records.map((r) => r.oneId));
    return { ...page, edges: page.edges.map((e, i) => ({ cursor: e.cursor, node: records[i]! as unknown as Record<string, unknown> })) };
  }

  @Authorized('ADMIN', 'INGEST', 'ADVISOR')
  @Query(() => PeopleSummary, { description: 'The counts behind the dashboard; each count equals people(filter narrowed to it).totalCount.' })
  async peopleSummary(@Arg('filter', () => PeopleFilter, { nullable: true }) filter: PeopleFilter | null, @Ctx() ctx: Context): Promise<PeopleSummaryRecord> {
    await assertListable(ctx, filter);
    return ctx.services.customers.summary(filter);
  }
}
