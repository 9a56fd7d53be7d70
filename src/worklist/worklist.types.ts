/** GraphQL types of the advisor's work-list (contract: worklist.graphql). */
import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Policy, ProductTypeEnum } from '../coverage/coverage.types';
import { Household } from '../family/family.types';
import { PageInfo } from '../graphql/page-info';
import { DateScalar } from '../graphql/scalars';
import { Person } from '../identity/identity.types';
import { Invitation } from '../referral/referral.types';

export enum WorkItemKindEnum {
  BIRTHDAY = 'BIRTHDAY',
  NEWBORN = 'NEWBORN',
  MARRIAGE = 'MARRIAGE',
  RENEWAL = 'RENEWAL',
  LAPSED = 'LAPSED',
  COVERAGE_GAP = 'COVERAGE_GAP',
  REFERRAL_FOLLOW_UP = 'REFERRAL_FOLLOW_UP',
}
registerEnumType(WorkItemKindEnum, {
  name: 'WorkItemKind',
  valuesConfig: {
    BIRTHDAY: { description: "A member's birthday is today or within the next 15 days (premiums rise with age; a sale takes about 15 days). date = the birthday." },
    NEWBORN: { description: 'A member under one year old who is not the insured of an ACTIVE MEDICAL policy. date = the birth date.' },
    MARRIAGE: {
      description:
        'A MARRIAGE life event of a member, or a SPOUSE link of a member whose `since` is set, dated within the last 90 days. date = that day. One item per marriage even when both spouses are members (person = one of them). A SPOUSE link without `since` never makes this item.',
    },
    RENEWAL: { description: 'An ACTIVE policy held by or insuring a member ends today or within the next 60 days. date = its endDate; person = the insured when a member, else the holder.' },
    LAPSED: {
      description:
        'An upsert changed the status of a policy held by or insuring a member from ACTIVE to LAPSED within the last 90 days. date = the day of that upsert; person as for RENEWAL. A policy first recorded as LAPSED never makes this item.',
    },
    COVERAGE_GAP: { description: 'The household has coverage gaps (one item per household). date = today.' },
    REFERRAL_FOLLOW_UP: {
      description:
        'An invitation sent by a member was accepted 15 or more days ago and has not converted: follow up with the invitee through the inviter. person = the inviter; date = acceptance day + 15.',
    },
  },
});

@ObjectType({ description: 'What to offer: a product and sum that fits the gap and the person\'s remaining budget.' })
export class ProductSuggestion {
  @Field(() => Person)
  person!: Person;

  @Field(() => ProductTypeEnum)
  productType!: ProductTypeEnum;

  @Field(() => Int, { description: 'A multiple of 10,000, at most the gap for this product.' })
  sumAssured!: number;

  @Field(() => Int, { description: 'From the configurable rate table (per 10,000 sum assured, by product and age band).' })
  estimatedAnnualPremium!: number;
}

@ObjectType()
export class WorkItem {
  @Field(() => ID, { description: 'Stable for the same reason: the same household, kind, person, date and policy or invitation give the same id; unique within the list.' })
  id!: string;

  @Field(() => WorkItemKindEnum)
  kind!: WorkItemKindEnum;

  @Field(() => Household)
  household!: Household;

  @Field(() => Person, { nullable: true, description: 'The member it is about; null for COVERAGE_GAP.' })
  person?: Person | null;

  @Field(() => DateScalar)
  date!: string;

  @Field(() => Int, { description: 'date minus today, negative for past days.' })
  daysAway!: number;

  @Field(() => Float, { description: 'Higher first; the formula and weights are configurable and documented.' })
  score!: number;

  @Field({ description: 'One sentence the advisor can act on (REASON_LANG).' })
  reason!: string;

  @Field(() => Policy, { nullable: true, description: 'RENEWAL and LAPSED: the policy.' })
  policy?: Policy | null;

  @Field(() => Invitation, { nullable: true, description: 'REFERRAL_FOLLOW_UP: the invitation.' })
  invitation?: Invitation | null;

  @Field(() => [ProductSuggestion], {
    description:
      "BIRTHDAY, NEWBORN, MARRIAGE and COVERAGE_GAP: the gaps of the person (of every member for COVERAGE_GAP) in coverage priority order, filled greedily: each gap in turn gets the largest multiple of 10,000 not above the gap whose estimated premium fits in what remains of that person's budget (premiumBudget minus the annualPremium of the ACTIVE policies insuring the person, minus the suggestions before it). A suggestion that would be 0 is left out (so is a gap under 10,000). No cap when premiumBudget is unknown; empty when nothing remains.",
  })
  suggestions!: ProductSuggestion[];
}

@ObjectType()
export class WorkItemEdge {
  @Field()
  cursor!: string;

  @Field(() => WorkItem)
  node!: WorkItem;
}

@ObjectType()
export class WorkItemConnection {
  @Field(() => [WorkItemEdge])
  edges!: WorkItemEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  @Field(() => Int)
  totalCount!: number;
}
