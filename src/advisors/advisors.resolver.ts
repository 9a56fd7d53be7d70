/**
 * Thin resolvers for the advisors feature: role gate, scope, loaders, service call.
 *
 * Scope: ADMIN and INGEST read and write everything here. An ADVISOR reads only its own
 * Advisor record (`advisor(advisorId)` and the Advisor fields below, reached e.g. through
 * Household.advisor): another advisor's or an unknown advisorId answers FORBIDDEN, and an
 * advisor whose record says LEFT is FORBIDDEN everywhere (RequestScope.assertAdvisorSelf).
 * A CUSTOMER may call none of these fields (FORBIDDEN).
 */
import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { forbidden } from '../errors';
import { Advisor } from '../family/family.types';
import type { AdvisorsContext as Context } from './advisors.loaders';
import { AdvisorRecord, HouseholdPage, ORPHAN_PAGE, ReassignResultRecord, toAdvisorRecord } from './advisors.model';
import { AdvisorInput, AdvisorStatusEnum, HouseholdConnection, ReassignInput, ReassignResult } from './advisors.types';

/** The Advisor root object as it was resolved (family's Household.advisor gives only its id). */
interface AdvisorRoot {
  advisorId: string;
}

/** The advisor's record, for a caller that may read it (FORBIDDEN otherwise). */
async function recordOf(ctx: Context, advisor: AdvisorRoot): Promise<AdvisorRecord> {
  await ctx.scope.assertAdvisorSelf(advisor.advisorId);
  // A root always names a known advisor (a household references it, or it was just read);
  // should it vanish meanwhile, it reads as never upserted.
  return (await ctx.loaders.advisorById.load(advisor.advisorId)) ?? toAdvisorRecord(advisor.advisorId, null);
}

@Resolver()
export class AdvisorsResolver {
  @Authorized('ADMIN', 'INGEST', 'ADVISOR')
  @Query(() => Advisor, {
    nullable: true,
    description:
      'null when unknown (never upserted and no household references it). ADMIN and INGEST read any advisor; an ADVISOR only itself (another or an unknown advisorId: FORBIDDEN); a LEFT advisor nothing.',
  })
  async advisor(@Arg('advisorId', () => ID) advisorId: string, @Ctx() ctx: Context): Promise<AdvisorRecord | null> {
    await ctx.scope.assertAdvisorSelf(advisorId);
    const record = await ctx.loaders.advisorById.load(advisorId);
    if (!record && !ctx.scope.unrestricted) throw forbidden();
    return record;
  }

  @Authorized('ADMIN', 'INGEST')
  @Query(() => HouseholdConnection, {
    description:
      'Households with no advisor or whose advisor LEFT, the largest ACTIVE annual premium first, then id; first: 1 to 100. ADMIN and INGEST only.',
  })
  orphanHouseholds(
    @Arg('first', () => Int, { nullable: true, defaultValue: ORPHAN_PAGE.default }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: Context,
  ): Promise<HouseholdPage> {
    return ctx.services.advisors.orphans(first, after);
  }

  @Authorized('ADMIN', 'INGEST')
  @Mutation(() => Advisor, {
    description:
      'Create or update an advisor. Setting LEFT turns its households into orphans. advisorId: 1 to 128 characters; name and team: at most 200 (absent keeps, null clears).',
  })
  async upsertAdvisor(@Arg('input', () => AdvisorInput) input: AdvisorInput, @Ctx() ctx: Context): Promise<AdvisorRecord> {
    const advisor = await ctx.services.advisors.upsert(input);
    ctx.loaders.advisorById.clear(advisor.advisorId).prime(advisor.advisorId, advisor);
    ctx.loaders.advisorHouseholdCount.clear(advisor.advisorId);
    return advisor;
  }

  @Authorized('ADMIN', 'INGEST')
  @Mutation(() => ReassignResult, {
    description:
      'Move households to another ACTIVE advisor in one transaction: all or nothing. moved = the households whose advisor changed (one already assigned to toAdvisorId is not counted; an unknown fromAdvisorId moves nothing).',
  })
  reassignHouseholds(@Arg('input', () => ReassignInput) input: ReassignInput, @Ctx() ctx: Context): Promise<ReassignResultRecord> {
    return ctx.services.advisors.reassign(input);
  }
}

@Resolver(() => Advisor)
export class AdvisorFieldsResolver {
  @Authorized('ADMIN', 'INGEST', 'ADVISOR')
  @FieldResolver(() => String, { nullable: true })
  async name(@Root() advisor: AdvisorRoot, @Ctx() ctx: Context): Promise<string | null> {
    return (await recordOf(ctx, advisor)).name;
  }

  @Authorized('ADMIN', 'INGEST', 'ADVISOR')
  @FieldResolver(() => AdvisorStatusEnum, { description: 'ACTIVE for an advisorId that households reference but that was never upserted.' })
  async status(@Root() advisor: AdvisorRoot, @Ctx() ctx: Context): Promise<AdvisorStatusEnum> {
    return (await recordOf(ctx, advisor)).status as AdvisorStatusEnum;
  }

  @Authorized('ADMIN', 'INGEST', 'ADVISOR')
  @FieldResolver(() => String, { nullable: true, description: 'Team or branch, free text.' })
  async team(@Root() advisor: AdvisorRoot, @Ctx() ctx: Context): Promise<string | null> {
    return (await recordOf(ctx, advisor)).team;
  }

  @Authorized('ADMIN', 'INGEST', 'ADVISOR')
  @FieldResolver(() => Int, { description: 'Households currently assigned to this advisor (a LEFT advisor keeps them until they are reassigned).' })
  async householdCount(@Root() advisor: AdvisorRoot, @Ctx() ctx: Context): Promise<number> {
    await ctx.scope.assertAdvisorSelf(advisor.advisorId);
    return ctx.loaders.advisorHouseholdCount.load(advisor.advisorId);
  }
}
