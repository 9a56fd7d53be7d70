/** GraphQL object and input types of the referral programme's dashboard (contract: campaigns.graphql). */
import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Advisor } from '../family/family.types';
import { PageInfo } from '../graphql/page-info';
import { DateScalar, DateTimeScalar } from '../graphql/scalars';
import { Person } from '../identity/identity.types';
import { Invitation } from '../referral/referral.types';

export enum ReferralDimensionEnum {
  CAMPAIGN = 'CAMPAIGN',
  CHANNEL = 'CHANNEL',
  ADVISOR = 'ADVISOR',
  DAY = 'DAY',
  WEEK = 'WEEK',
  MONTH = 'MONTH',
}
registerEnumType(ReferralDimensionEnum, {
  name: 'ReferralDimension',
  valuesConfig: {
    DAY: { description: 'Calendar day of sentAt in the service time zone.' },
    WEEK: { description: 'Calendar week (Monday to Sunday) of sentAt in the service time zone, named by its Monday.' },
    MONTH: { description: 'Calendar month of sentAt in the service time zone, named by its first day.' },
  },
});

export enum ReferralMetricEnum {
  PARTICIPANTS = 'PARTICIPANTS',
  INVITED = 'INVITED',
  ACCEPTED = 'ACCEPTED',
  NEW_PEOPLE = 'NEW_PEOPLE',
  SPREADERS = 'SPREADERS',
  CONVERTED = 'CONVERTED',
}
registerEnumType(ReferralMetricEnum, { name: 'ReferralMetric' });

@InputType('CampaignInput')
export class CampaignInput {
  @Field(() => ID, { description: 'The campaign code that invitations carry in InvitationInput.campaign.' })
  id!: string;

  @Field()
  name!: string;

  @Field(() => DateTimeScalar, { nullable: true })
  startsAt?: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'After startsAt when both are set.' })
  endsAt?: string | null;
}

@ObjectType('Campaign')
export class Campaign {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field(() => DateTimeScalar, { nullable: true })
  startsAt!: string | null;

  @Field(() => DateTimeScalar, { nullable: true })
  endsAt!: string | null;

  @Field(() => Int, { description: 'Sum of all cost entries of the campaign.' })
  cost!: number;
}

@InputType('CampaignCostInput')
export class CampaignCostInput {
  @Field(() => ID, { description: 'Client-chosen id: recording the same id with the same content is idempotent; other content is BAD_USER_INPUT.' })
  id!: string;

  @Field(() => ID, { description: 'Must be an upserted campaign.' })
  campaign!: string;

  @Field(() => String, {
    nullable: true,
    description: 'The platform the money was spent on (same values as Invitation.channel); null for spend not tied to one channel.',
  })
  channel?: string | null;

  @Field(() => Int, { description: 'Whole CNY, more than 0.' })
  amount!: number;

  @Field(() => DateTimeScalar)
  spentAt!: string;
}

@InputType('ReferralTargetInput')
export class ReferralTargetInput {
  @Field(() => ID)
  campaign!: string;

  @Field(() => ID)
  advisorId!: string;

  @Field(() => Int, { nullable: true })
  participants?: number | null;

  @Field(() => Int, { nullable: true })
  newPeople?: number | null;

  @Field(() => Int, { nullable: true })
  converted?: number | null;

  @Field(() => Int, { nullable: true })
  premium?: number | null;
}

@ObjectType('ReferralFigures')
export class ReferralFigures {
  @Field(() => Int, { description: 'Distinct inviters (surviving OneIDs) with at least one matching invitation.' })
  participants!: number;

  @Field(() => Int, { description: 'Invitations, whatever their status.' })
  invited!: number;

  @Field(() => Int, { description: 'Invitations ACCEPTED or CONVERTED.' })
  accepted!: number;

  @Field(() => Int, { description: 'Distinct invitees of ACCEPTED or CONVERTED invitations.' })
  newPeople!: number;

  @Field(() => Int, { description: 'Those newPeople who sent at least one invitation of their own (any campaign, any time).' })
  spreaders!: number;

  @Field(() => Int, { description: 'Invitations CONVERTED.' })
  converted!: number;

  @Field(() => Int, { description: 'Sum of premium over CONVERTED invitations.' })
  premium!: number;

  @Field(() => Float, { description: 'converted / invited, 0 when nothing was invited.' })
  conversionRate!: number;

  @Field(() => Float, { description: 'accepted / participants, 0 when nothing was invited.' })
  kFactor!: number;

  @Field(() => Int, {
    nullable: true,
    description: 'Sum of the matching cost entries; null when the grouping includes ADVISOR or the filter sets advisorId, noAdvisor or secondGeneration.',
  })
  cost!: number | null;

  @Field(() => Float, { nullable: true, description: '(premium - cost) / cost; null when cost is null or 0.' })
  roi!: number | null;
}

/** The grouped values a row and its filter share (campaign, channel, advisorId). */
@ObjectType()
abstract class GroupValues {
  @Field(() => String, { nullable: true })
  campaign!: string | null;

  @Field(() => String, { nullable: true })
  channel!: string | null;

  @Field(() => ID, { nullable: true })
  advisorId!: string | null;
}

@ObjectType('ReferralGroupFilter', { description: 'A ReferralFilter as output (same fields), plus the period bounds already folded into from/to.' })
export class ReferralGroupFilter extends GroupValues {
  @Field(() => DateTimeScalar, { nullable: true })
  from!: string | null;

  @Field(() => DateTimeScalar, { nullable: true })
  to!: string | null;

  @Field(() => Boolean, { nullable: true })
  secondGeneration!: boolean | null;

  @Field(() => Boolean, { nullable: true })
  noCampaign!: boolean | null;

  @Field(() => Boolean, { nullable: true })
  noAdvisor!: boolean | null;
}

@ObjectType('ReferralBreakdownRow', {
  description:
    'One group of a breakdown. The dimension fields of the grouping are set (null in a group means invitations without that value, e.g. no campaign); the others are null. `filter` is the caller\'s filter narrowed to this group, ready to pass to referralDrillDown.',
})
export class ReferralBreakdownRow extends GroupValues {
  @Field(() => DateScalar, { nullable: true })
  period!: string | null;

  @Field(() => ReferralFigures)
  figures!: ReferralFigures;

  @Field(() => ReferralGroupFilter)
  filter!: ReferralGroupFilter;
}

@ObjectType('ReferralBreakdown')
export class ReferralBreakdown {
  @Field(() => [ReferralBreakdownRow], { description: 'Sorted by premium descending, then the dimension values ascending (null last).' })
  rows!: ReferralBreakdownRow[];

  @Field(() => ReferralFigures, {
    description: 'The figures over the whole filter: counts that are sums (invited, accepted, converted, premium) equal the sum over rows.',
  })
  total!: ReferralFigures;
}

@ObjectType('ReferralDrillDownRow')
export class ReferralDrillDownRow {
  @Field(() => Person, { nullable: true, description: 'The inviter for PARTICIPANTS, the invitee otherwise (null for an invitation nobody accepted).' })
  person!: unknown;

  @Field(() => Invitation, {
    description: 'The invitation behind the row: for PARTICIPANTS the earliest matching one the person sent; for SPREADERS the matching one that brought the person in.',
  })
  invitation!: unknown;

  @Field(() => Advisor, { nullable: true, description: "The advisor of the person's household; for a null person, of the inviter's household." })
  advisor!: unknown;
}

@ObjectType('ReferralDrillDownEdge')
export class ReferralDrillDownEdge {
  @Field()
  cursor!: string;

  @Field(() => ReferralDrillDownRow)
  node!: ReferralDrillDownRow;
}

@ObjectType('ReferralDrillDownConnection')
export class ReferralDrillDownConnection {
  @Field(() => [ReferralDrillDownEdge])
  edges!: ReferralDrillDownEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}

@ObjectType('ReferralTargetFigures')
export class ReferralTargetFigures {
  @Field(() => Int, { nullable: true })
  participants!: number | null;

  @Field(() => Int, { nullable: true })
  newPeople!: number | null;

  @Field(() => Int, { nullable: true })
  converted!: number | null;

  @Field(() => Int, { nullable: true })
  premium!: number | null;
}

@ObjectType('ReferralTargetProgress')
export class ReferralTargetProgress {
  @Field()
  campaign!: string;

  @Field(() => ID)
  advisorId!: string;

  @Field(() => ReferralTargetFigures)
  target!: ReferralTargetFigures;

  @Field(() => ReferralFigures, { description: "Figures of the campaign's invitations attributed to this advisor." })
  actual!: ReferralFigures;

  @Field(() => Float, { description: 'Mean over the set target fields of min(actual / target, 1); 1 when no field is set.' })
  completion!: number;
}
