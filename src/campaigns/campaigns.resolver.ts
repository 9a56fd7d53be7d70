/**
 * Thin resolvers of the referral programme's dashboard: role gate, scope, loaders, service.
 *
 * AUTH (contract header): ADMIN and INGEST everything here. An ADVISOR may call
 * referralBreakdown and referralDrillDown with filter.advisorId = itself, and referralTargets
 * with advisorId = itself (another advisorId or none: FORBIDDEN; a LEFT advisor nothing);
 * the people it reaches are shown through the scope guard (outside its book: the OneID only)
 * and identifiers are masked for every role. CUSTOMER: none.
 */
import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { forbidden } from '../errors';
import { Policy } from '../coverage/coverage.types';
import type { PolicyRecord } from '../coverage/coverage.repository';
import { Advisor } from '../family/family.types';
import { requirePerson } from '../identity/identity.loaders';
import { Person } from '../identity/identity.types';
import type { PersonRecord } from '../identity/identity.model';
import type { InvitationRecord } from '../referral/referral.model';
import { Invitation, ReferralFilter } from '../referral/referral.types';
import type { CampaignsContext as Context } from './campaigns.loaders';
import type { Breakdown, CampaignRecord, TargetProgress } from './campaigns.model';
import type { DrillDownPage } from './campaigns.service';
import type { DrillRow } from './campaigns.repository';
import { DRILL_DOWN_PAGE } from './campaigns.model';
import {
  Campaign,
  CampaignCostInput,
  CampaignInput,
  ReferralBreakdown,
  ReferralDimensionEnum,
  ReferralDrillDownConnection,
  ReferralDrillDownRow,
  ReferralMetricEnum,
  ReferralTargetInput,
  ReferralTargetProgress,
} from './campaigns.types';

/** ADVISOR: only about itself (and not LEFT); ADMIN and INGEST pass; CUSTOMER never reaches here (role gate). */
async function assertAdvisorScope(ctx: Context, advisorId: string | null | undefined): Promise<void> {
  if (ctx.scope.unrestricted) return;
  if (!advisorId) throw forbidden();
  await ctx.scope.assertAdvisorSelf(advisorId);
}

@Resolver()
export class CampaignsResolver {
  @Authorized('ADMIN', 'INGEST')
  @Query(() => Campaign, { nullable: true })
  campaign(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<CampaignRecord | null> {
    return ctx.loaders.campaign.load(id);
  }

  @Authorized('ADMIN', 'INGEST', 'ADVISOR')
  @Query(() => ReferralBreakdown, { description: '1 to 3 dimensions, at most one of DAY, WEEK, MONTH; at most 1000 rows (BAD_USER_INPUT beyond).' })
  async referralBreakdown(
    @Arg('filter', () => ReferralFilter, { nullable: true }) filter: ReferralFilter | null,
    @Arg('by', () => [ReferralDimensionEnum]) by: ReferralDimensionEnum[],
    @Ctx() ctx: Context,
  ): Promise<Breakdown> {
    await assertAdvisorScope(ctx, filter?.advisorId);
    return ctx.services.campaigns.breakdown(filter, by);
  }

  @Authorized('ADMIN', 'INGEST', 'ADVISOR')
  @Query(() => ReferralDrillDownConnection, { description: 'The people behind one figure, in the order of invitation sentAt then id; first: 1 to 200.' })
  async referralDrillDown(
    @Arg('filter', () => ReferralFilter, { nullable: true }) filter: ReferralFilter | null,
    @Arg('metric', () => ReferralMetricEnum) metric: ReferralMetricEnum,
    @Arg('first', () => Int, { nullable: true, defaultValue: DRILL_DOWN_PAGE.default }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: Context,
  ): Promise<DrillDownPage> {
    await assertAdvisorScope(ctx, filter?.advisorId);
    return ctx.services.campaigns.drillDown(filter, metric, first, after);
  }

  @Authorized('ADMIN', 'INGEST', 'ADVISOR')
  @Query(() => [ReferralTargetProgress], { description: 'Progress of every advisor with a target in the campaign, lowest completion first.' })
  async referralTargets(
    @Arg('campaign', () => ID) campaign: string,
    @Arg('advisorId', () => ID, { nullable: true }) advisorId: string | null,
    @Ctx() ctx: Context,
  ): Promise<TargetProgress[]> {
    await assertAdvisorScope(ctx, advisorId);
    return ctx.services.campaigns.targets(campaign, advisorId ?? null);
  }

  @Authorized('ADMIN', 'INGEST')
  @Mutation(() => Campaign)
  async upsertCampaign(@Arg('input', () => CampaignInput) input: CampaignInput, @Ctx() ctx: Context): Promise<CampaignRecord> {
    const campaign = await ctx.services.campaigns.upsertCampaign(input);
    ctx.loaders.campaign.clear(campaign.id).prime(campaign.id, campaign);
    return campaign;
  }

  @Authorized('ADMIN', 'INGEST')
  @Mutation(() => Campaign)
  async recordCampaignCost(@Arg('input', () => CampaignCostInput) input: CampaignCostInput, @Ctx() ctx: Context): Promise<CampaignRecord> {
    const campaign = await ctx.services.campaigns.recordCost(input);
    ctx.loaders.campaign.clear(campaign.id).prime(campaign.id, campaign);
    return campaign;
  }

  @Authorized('ADMIN', 'INGEST')
  @Mutation(() => ReferralTargetProgress, { description: "Replaces the advisor's target in the campaign; a field left null is not a target." })
  setReferralTarget(@Arg('input', () => ReferralTargetInput) input: ReferralTargetInput, @Ctx() ctx: Context): Promise<TargetProgress> {
    return ctx.services.campaigns.setTarget(input);
  }

  @Authorized('ADMIN', 'INGEST')
  @Mutation(() => Invitation, {
    description:
      'Convert an ACCEPTED invitation by the policy it produced: the policy must exist, have the invitee (after merges) as holder or insured, and start on or after the acceptance day. premium = the policy\'s annualPremium, convertedAt = its startDate at 00:00 in the service\'s time zone. Converting again with the same policy is idempotent; with another policy, or an invitation not ACCEPTED, BAD_USER_INPUT.',
  })
  async convertInvitationByPolicy(@Arg('id', () => ID) id: string, @Arg('policyNo', () => ID) policyNo: string, @Ctx() ctx: Context): Promise<InvitationRecord> {
    const inv = await ctx.services.campaigns.convertByPolicy(id, policyNo);
    ctx.loaders.invitation.clear(inv.id).prime(inv.id, inv);
    return inv;
  }
}

@Resolver(() => ReferralDrillDownConnection)
export class DrillDownConnectionResolver {
  @FieldResolver(() => Int, { description: 'Equals the matching figure of referralBreakdown for the same filter.' })
  totalCount(@Root() page: DrillDownPage, @Ctx() ctx: Context): Promise<number> {
    return ctx.services.campaigns.drillDownTotal(page.filter, page.metric);
  }
}

@Resolver(() => ReferralDrillDownRow)
export class DrillDownRowResolver {
  @FieldResolver(() => Person, { nullable: true })
  person(@Root() row: DrillRow, @Ctx() ctx: Context): PersonRecord | Promise<PersonRecord> | null {
    return row.personOneId ? requirePerson(ctx.loaders, row.personOneId) : null;
  }

  @FieldResolver(() => Invitation)
  invitation(@Root() row: DrillRow): InvitationRecord {
    return row.invitation;
  }

  @FieldResolver(() => Advisor, { nullable: true })
  advisor(@Root() row: DrillRow): { advisorId: string } | null {
    return row.advisorId ? { advisorId: row.advisorId } : null;
  }
}

@Resolver(() => Invitation)
export class InvitationPolicyResolver {
  @FieldResolver(() => Policy, { nullable: true, description: 'The policy the conversion was tied to, when converted by policy.' })
  policy(@Root() inv: InvitationRecord, @Ctx() ctx: Context): Promise<PolicyRecord | null> | null {
    return inv.policyNo ? ctx.loaders.policy.load(inv.policyNo) : null;
  }
}
