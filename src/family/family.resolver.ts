/**
 * Thin resolvers for the family feature: role gate, scope, loaders, service call.
 *
 * Scope: the global scope guard (src/auth/guard.ts) hides any out-of-scope Household (null)
 * and reduces an out-of-scope Person to its oneId. Lists here go further and leave out the
 * people an ADVISOR or CUSTOMER may not read (a relative outside the advisor's households, a
 * suggested outsider), rather than show them as placeholders; members of a household the
 * caller may not read as a whole are filtered person by person (defence in depth).
 */
import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Resolver, Root } from 'type-graphql';
import type { FamilyContext as Context } from './family.loaders';
import type { PersonRecord } from '../identity/identity.model';
import { Person } from '../identity/identity.types';
import { assertMaxDegree, DEFAULT_MAX_DEGREE, EdgeRecord, HouseholdRecord, LifeEventRecord, MemberRecord, RelativeRecord, SuggestionRecord } from './family.model';
import {
  Advisor,
  CreateHouseholdInput,
  FamilyEdge,
  FamilyLinkInput,
  Household,
  HouseholdMember,
  HouseholdMemberInput,
  HouseholdSuggestion,
  LifeEvent,
  LifeEventInput,
  Relative,
} from './family.types';
import { compareSuggestions } from './suggestions';

/** The items whose people (all of them) the caller may read. */
async function readableOnly<T>(ctx: Context, items: T[], peopleOf: (item: T) => string[]): Promise<T[]> {
  if (ctx.scope.unrestricted) return items;
  const ok = await Promise.all(items.map(async (item) => (await Promise.all(peopleOf(item).map((id) => ctx.scope.canReadPerson(id)))).every(Boolean)));
  return items.filter((_, i) => ok[i]);
}

/** Everyone in a household the caller may read is readable; otherwise filter person by person. */
async function householdPeople<T>(ctx: Context, household: HouseholdRecord, items: T[], peopleOf: (item: T) => string[]): Promise<T[]> {
  if (ctx.scope.unrestricted || (await ctx.scope.canReadHousehold(household.id))) return items;
  return readableOnly(ctx, items, peopleOf);
}

@Resolver()
export class FamilyResolver {
  @Authorized('ADMIN', 'INGEST')
  @Mutation(() => Household)
  createHousehold(@Arg('input', () => CreateHouseholdInput) input: CreateHouseholdInput, @Ctx() ctx: Context): Promise<HouseholdRecord> {
    return ctx.services.family.createHousehold(input);
  }

  @Authorized('ADMIN', 'INGEST')
  @Mutation(() => Household)
  addHouseholdMember(
    @Arg('householdId', () => ID) householdId: string,
    @Arg('member', () => HouseholdMemberInput) member: HouseholdMemberInput,
    @Ctx() ctx: Context,
  ): Promise<HouseholdRecord> {
    return ctx.services.family.addMember(householdId, member);
  }

  @Authorized('ADMIN', 'INGEST')
  @Mutation(() => Household)
  removeHouseholdMember(@Arg('householdId', () => ID) householdId: string, @Arg('oneId', () => ID) oneId: string, @Ctx() ctx: Context): Promise<HouseholdRecord> {
    return ctx.services.family.removeMember(householdId, oneId);
  }

  @Authorized('ADMIN', 'INGEST')
  @Mutation(() => Household)
  assignAdvisor(
    @Arg('householdId', () => ID) householdId: string,
    @Arg('advisorId', () => ID) advisorId: string,
    @Ctx() ctx: Context,
  ): Promise<HouseholdRecord> {
    return ctx.services.family.assignAdvisor(householdId, advisorId);
  }

  @Authorized('ADMIN', 'INGEST')
  @Mutation(() => FamilyEdge, {
    description:
      'Idempotent: linking the same pair twice keeps one link. A person cannot be linked to itself. Linking a pair again with `since` replaces the stored `since`; without it, keeps it.',
  })
  linkFamily(@Arg('input', () => FamilyLinkInput) input: FamilyLinkInput, @Ctx() ctx: Context): Promise<EdgeRecord> {
    return ctx.services.family.link(input);
  }

  @Authorized('ADMIN', 'INGEST')
  @Mutation(() => Boolean, { description: 'Remove a family link; true when a link was removed, false when there was none.' })
  unlinkFamily(@Arg('input', () => FamilyLinkInput) input: FamilyLinkInput, @Ctx() ctx: Context): Promise<boolean> {
    return ctx.services.family.unlink(input);
  }

  @Authorized('ADMIN', 'INGEST')
  @Mutation(() => LifeEvent, {
    description:
      'Record a life event under its client-chosen id: the same id with the same content returns the stored event and writes nothing; with other content it is BAD_USER_INPUT. A DIVORCE does not remove the SPOUSE link.',
  })
  recordLifeEvent(@Arg('input', () => LifeEventInput) input: LifeEventInput, @Ctx() ctx: Context): Promise<LifeEventRecord> {
    return ctx.services.family.recordLifeEvent(input);
  }
}

@Resolver(() => Person)
export class PersonFamilyResolver {
  @FieldResolver(() => [Relative], { description: 'Kin reachable through family links within maxDegree hops (1 to 4).' })
  async relatives(
    @Root() person: PersonRecord,
    @Arg('maxDegree', () => Int, { nullable: true, defaultValue: DEFAULT_MAX_DEGREE, description: '1 to 4 (null: the default).' }) maxDegreeArg: number | null,
    @Ctx() ctx: Context,
  ): Promise<RelativeRecord[]> {
    const maxDegree = maxDegreeArg ?? DEFAULT_MAX_DEGREE;
    assertMaxDegree(maxDegree);
    const relatives = await ctx.loaders.relatives.load({ oneId: person.oneId, maxDegree });
    return readableOnly(ctx, relatives, (r) => [r.person.oneId]);
  }

  // The scope guard answers [] for a person the caller may not read; a partner outside the
  // caller's scope shows its oneId only (the guard again).
  @FieldResolver(() => [LifeEvent], { description: 'Newest first: by date, then recordedAt.' })
  lifeEvents(@Root() person: PersonRecord, @Ctx() ctx: Context): Promise<LifeEventRecord[]> {
    return ctx.loaders.lifeEvents.load(person.oneId);
  }
}

@Resolver(() => Household)
export class HouseholdResolver {
  @FieldResolver(() => Advisor, { nullable: true })
  advisor(@Root() household: HouseholdRecord): Advisor | null {
    return household.advisorId ? { advisorId: household.advisorId } : null;
  }

  @FieldResolver(() => [HouseholdMember], { description: 'Sorted by role (BREADWINNER, SPOUSE, CHILD, ELDER, OTHER), then OneID.' })
  async members(@Root() household: HouseholdRecord, @Ctx() ctx: Context): Promise<MemberRecord[]> {
    return householdPeople(ctx, household, await ctx.loaders.householdMembers.load(household.id), (m) => [m.person.oneId]);
  }

  @FieldResolver(() => [FamilyEdge], { description: 'Family links among the members, for drawing the family graph.' })
  async relationships(@Root() household: HouseholdRecord, @Ctx() ctx: Context): Promise<EdgeRecord[]> {
    return householdPeople(ctx, household, await ctx.loaders.householdRelationships.load(household.id), (e) => [e.from.oneId, e.to.oneId]);
  }

  @FieldResolver(() => [HouseholdSuggestion], {
    description:
      'People outside the household who probably belong in it: they share a home device (IOT_DEVICE) with a member or a family link joins them to a member. One entry per person with all its evidence, strongest first. ADVISOR and CUSTOMER callers only see people in their scope.',
  })
  async suggestedMembers(@Root() household: HouseholdRecord, @Ctx() ctx: Context): Promise<SuggestionRecord[]> {
    const all = await ctx.loaders.householdSuggestions.load(household.id);
    if (ctx.scope.unrestricted) return all;
    const visible = await readableOnly(ctx, all, (x) => [x.person.oneId]);
    const out = await Promise.all(
      visible.map(async (s) => {
        const evidence = await householdPeople(ctx, household, s.evidence, (e) => [e.member.oneId]);
        const shown = await Promise.all(
          evidence.map(async (e) => (e.device && !(await ctx.scope.canSeeIdentifiers(e.member.oneId)) ? { ...e, device: null } : e)),
        );
        return { ...s, evidence: shown, score: shown.reduce((sum, e) => sum + e.weight, 0) };
      }),
    );
    return out.filter((s) => s.evidence.length > 0).sort(compareSuggestions);
  }
}
