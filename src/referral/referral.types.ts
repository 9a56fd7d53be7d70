/** GraphQL object and input types of the referral feature (the contract's referral part). */
import { IsOptional, Length, ValidateNested } from 'class-validator';
import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeScalar } from '../graphql/scalars';
import { PersonRefInput } from '../identity/identity.types';

export enum InvitationStatusEnum {
  SENT = 'SENT',
  ACCEPTED = 'ACCEPTED',
  CONVERTED = 'CONVERTED',
  REJECTED = 'REJECTED',
}
registerEnumType(InvitationStatusEnum, {
  name: 'InvitationStatus',
  valuesConfig: {
    SENT: { description: 'Recorded and not accepted yet.' },
    ACCEPTED: { description: "Accepted: the invitee is a child of the inviter in the referral tree (acceptedAt is set)." },
    CONVERTED: { description: 'Accepted and converted: the invitee bought (premium and convertedAt are set).' },
    REJECTED: {
      description:
        'Rejected on acceptance: self-referral, a cycle, or an invitee who was already a customer. Also an invitee who already accepted another invitation (a person keeps only the first); rejectionReason says which.',
    },
  },
});

@ObjectType('Invitation')
export class Invitation {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'wechat_share, poster, sms, qr, agent, ...' })
  channel!: string;

  @Field(() => String, { nullable: true })
  campaign!: string | null;

  @Field(() => ID, { nullable: true })
  advisorId!: string | null;

  @Field(() => DateTimeScalar)
  sentAt!: string;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When it was accepted (or rejected on acceptance).' })
  acceptedAt!: string | null;

  @Field(() => DateTimeScalar, { nullable: true })
  convertedAt!: string | null;

  @Field(() => InvitationStatusEnum)
  status!: InvitationStatusEnum;

  @Field(() => String, { nullable: true })
  rejectionReason!: string | null;

  @Field(() => Int, { nullable: true, description: 'First-year premium of the converted invitee.' })
  premium!: number | null;

  @Field({
    description:
      'Whether inviter and invitee were members of one household when the invitation was accepted (recorded at acceptance; false before).',
  })
  sameHousehold!: boolean;
}

@ObjectType('ReferralChain')
export class ReferralChain {
  @Field(() => Int, { description: '0 for a person nobody invited.' })
  depth!: number;

  @Field(() => [Invitation], { description: 'Accepted or converted invitations from the root down to the person.' })
  links!: Invitation[];
}

@ObjectType('ReferralLevel')
export class ReferralLevel {
  @Field(() => Int)
  depth!: number;

  @Field(() => Int, {
    description: 'People at this depth (each came in through an accepted invitation; converted ones included).',
  })
  accepted!: number;

  @Field(() => Int)
  converted!: number;

  @Field(() => Int)
  premium!: number;
}

@ObjectType('ReferralTree')
export class ReferralTree {
  @Field(() => Int, { description: 'Descendants (not counting the root).' })
  size!: number;

  @Field(() => Int, { description: 'Deepest level reached (0 when nobody was brought in), at most the maxDepth asked for.' })
  maxDepth!: number;

  @Field(() => [ReferralLevel], { description: 'One entry per depth that has people, depth 1 (direct invitees) first.' })
  levels!: ReferralLevel[];

  @Field(() => Int)
  converted!: number;

  @Field(() => Int)
  premium!: number;
}

@InputType('ReferralFilter', {
  description: 'Every field is optional. The time window is on sentAt: from inclusive, to exclusive.',
})
export class ReferralFilter {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 128)
  campaign?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 64)
  channel?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @Length(1, 128)
  advisorId?: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Invitations sent at or after this instant.' })
  from?: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Invitations sent before this instant.' })
  to?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'true: only invitations whose inviter was itself brought in by an accepted invitation (not a root of the referral tree); false: only those of root inviters.',
  })
  secondGeneration?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'true: only invitations without a campaign.' })
  noCampaign?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'true: only invitations without an advisorId.' })
  noAdvisor?: boolean | null;
}

@ObjectType('ReferralStats', { description: 'Counts over the invitations matching the filter (by sentAt for the time window).' })
export class ReferralStats {
  @Field(() => Int, { description: 'All invitations, whatever their status.' })
  invited!: number;

  @Field(() => Int, { description: 'Invitations ACCEPTED or CONVERTED.' })
  accepted!: number;

  @Field(() => Int, { description: 'Invitations CONVERTED.' })
  converted!: number;

  @Field(() => Float, { description: 'converted / invited, 0 when nothing was invited.' })
  conversionRate!: number;

  @Field(() => Float, {
    description: 'accepted / number of distinct inviters (viral coefficient); 0 when nothing was invited.',
  })
  kFactor!: number;

  @Field(() => Int, { description: 'Sum of premium over CONVERTED invitations.' })
  premium!: number;
}

@ObjectType('Referrer')
export class Referrer {
  @Field(() => Int, { description: 'Invitations this person sent that match the filter.' })
  invited!: number;

  @Field(() => Int, { description: 'Of those, the CONVERTED ones.' })
  converted!: number;

  @Field(() => Int, { description: "Size of the person's referral tree." })
  descendants!: number;

  @Field(() => Int, { description: "Premium converted anywhere in the person's referral tree." })
  treePremium!: number;
}

@InputType('InvitationInput')
export class InvitationInput {
  @Field(() => ID, { description: 'Client-chosen id; recording the same id twice is idempotent.' })
  @Length(1, 128)
  id!: string;

  @Field(() => PersonRefInput)
  @ValidateNested()
  inviter!: PersonRefInput;

  @Field({ description: 'wechat_share, poster, sms, qr, agent, ... (1 to 64 characters).' })
  @Length(1, 64)
  channel!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 128)
  campaign?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @Length(1, 128)
  advisorId?: string | null;

  @Field(() => DateTimeScalar)
  sentAt!: string;
}
