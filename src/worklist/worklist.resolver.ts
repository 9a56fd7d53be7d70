/** Thin resolvers of the advisor's work-list: role and scope, the service, the features' loaders. */
import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import type { PolicyRecord } from '../coverage/coverage.repository';
import { Policy } from '../coverage/coverage.types';
import type { HouseholdRecord } from '../family/family.model';
import { Household } from '../family/family.types';
import { notFound } from '../errors';
import type { PersonRecord } from '../identity/identity.model';
import { requirePerson } from '../identity/identity.loaders';
import { Person } from '../identity/identity.types';
import type { InvitationRecord } from '../referral/referral.model';
import { Invitation } from '../referral/referral.types';
import { CrossSellConnection } from '../coverage/coverage.types';
import { primePage, type WorklistContext as Context } from './worklist.loaders';
import type { SuggestionRecord, WorkItemKind, WorkItemRecord } from './worklist.model';
import type { CrossSellStatePage, WorkItemPage } from './worklist.service';
import { ProductSuggestion, WorkItem, WorkItemConnection, WorkItemKindEnum } from './worklist.types';

@Resolver()
export class WorklistResolver {
  @Authorized('ADMIN', 'INGEST', 'ADVISOR')
  @Query(() => WorkItemConnection, {
    description:
      'Every current reason for the advisor to contact one of its households, highest score first, then date, then id; pagination is stable while nothing is written. Households of every kind appear, including fully covered ones (renewals, birthdays). kinds: only those kinds (all when null). first: 1 to 100.',
  })
  async advisorWorklist(
    @Arg('advisorId', () => ID) advisorId: string,
    @Arg('kinds', () => [WorkItemKindEnum], { nullable: true }) kinds: WorkItemKind[] | null,
    @Arg('first', () => Int, { nullable: true, defaultValue: 20 }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: Context,
  ): Promise<WorkItemPage> {
    await ctx.scope.assertAdvisorSelf(advisorId);
    const page = await ctx.services.worklist.worklist(advisorId, kinds, first, after);
    primePage(ctx, page.reads);
    return page;
  }

  @Authorized('ADMIN', 'INGEST', 'ADVISOR')
  @Query(() => CrossSellConnection, { description: 'Households of the advisor with at least one gap, best opportunity first.' })
  async crossSellOpportunities(
    @Arg('advisorId', () => ID) advisorId: string,
    @Arg('first', () => Int, { nullable: true, defaultValue: 20 }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: Context,
  ): Promise<CrossSellStatePage> {
    await ctx.scope.assertAdvisorSelf(advisorId);
    const page = await ctx.services.worklist.crossSell(advisorId, first, after);
    primePage(ctx, page.reads);
    return page;
  }
}

@Resolver(() => WorkItem)
export class WorkItemResolver {
  @FieldResolver(() => Household)
  async household(@Root() item: WorkItemRecord, @Ctx() ctx: Context): Promise<HouseholdRecord> {
    const household = await ctx.loaders.householdById.load(item.householdId);
    if (!household) throw notFound('Household');
    return household;
  }

  @FieldResolver(() => Person, { nullable: true })
  person(@Root() item: WorkItemRecord, @Ctx() ctx: Context): PersonRecord | Promise<PersonRecord> | null {
    return item.oneId === null ? null : requirePerson(ctx.loaders, item.oneId);
  }

  @FieldResolver(() => Policy, { nullable: true })
  policy(@Root() item: WorkItemRecord, @Ctx() ctx: Context): Promise<PolicyRecord | null> | null {
    return item.policyNo === null ? null : ctx.loaders.policy.load(item.policyNo);
  }

  @FieldResolver(() => Invitation, { nullable: true })
  invitation(@Root() item: WorkItemRecord, @Ctx() ctx: Context): Promise<InvitationRecord | null> | null {
    return item.invitationId === null ? null : ctx.loaders.invitation.load(item.invitationId);
  }
}

@Resolver(() => ProductSuggestion)
export class ProductSuggestionResolver {
  @FieldResolver(() => Person)
  person(@Root() s: SuggestionRecord, @Ctx() ctx: Context): PersonRecord | Promise<PersonRecord> {
    return requirePerson(ctx.loaders, s.oneId);
  }
}
