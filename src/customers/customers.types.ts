/** GraphQL object and input types of the customers feature (the contract's value.graphql). */
import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ProductTypeEnum } from '../coverage/coverage.types';
import { DateTimeScalar } from '../graphql/scalars';
import { PageInfo } from '../graphql/page-info';
import { Person, PersonRefInput } from '../identity/identity.types';

export enum InteractionChannelEnum {
  PHONE = 'PHONE',
  WECHAT = 'WECHAT',
  APP = 'APP',
  WEB = 'WEB',
  SMS = 'SMS',
  EMAIL = 'EMAIL',
  BRANCH = 'BRANCH',
}
registerEnumType(InteractionChannelEnum, { name: 'InteractionChannel' });

export enum InteractionKindEnum {
  VIEW_PRODUCT = 'VIEW_PRODUCT',
  CONSULT = 'CONSULT',
  QUOTE = 'QUOTE',
  PURCHASE = 'PURCHASE',
  CLAIM = 'CLAIM',
  SERVICE = 'SERVICE',
  VISIT = 'VISIT',
  CAMPAIGN_OPEN = 'CAMPAIGN_OPEN',
}
registerEnumType(InteractionKindEnum, { name: 'InteractionKind' });

export enum TierEnum {
  DIAMOND = 'DIAMOND',
  PLATINUM = 'PLATINUM',
  GOLD = 'GOLD',
  STANDARD = 'STANDARD',
}
registerEnumType(TierEnum, { name: 'Tier' });

export enum LifecycleSegmentEnum {
  PROSPECT = 'PROSPECT',
  NEW = 'NEW',
  ACTIVE = 'ACTIVE',
  DORMANT = 'DORMANT',
  CHURNED = 'CHURNED',
}
registerEnumType(LifecycleSegmentEnum, { name: 'LifecycleSegment' });

export enum TagSourceEnum {
  RULE = 'RULE',
  MANUAL = 'MANUAL',
}
registerEnumType(TagSourceEnum, { name: 'TagSource' });

export enum PeopleOrderEnum {
  SCORE_DESC = 'SCORE_DESC',
  LAST_ACTIVITY_DESC = 'LAST_ACTIVITY_DESC',
}
registerEnumType(PeopleOrderEnum, {
  name: 'PeopleOrder',
  valuesConfig: {
    SCORE_DESC: { description: 'score descending, then oneId ascending' },
    LAST_ACTIVITY_DESC: { description: 'last activity, most recent first (no activity last), then oneId ascending' },
  },
});

@InputType('InteractionInput')
export class InteractionInput {
  @Field(() => ID, { description: 'Client-chosen id; an id already recorded counts as a duplicate and changes nothing.' })
  id!: string;

  @Field(() => PersonRefInput)
  person!: PersonRefInput;

  @Field(() => InteractionChannelEnum)
  channel!: InteractionChannelEnum;

  @Field(() => InteractionKindEnum)
  kind!: InteractionKindEnum;

  @Field(() => ProductTypeEnum, { nullable: true, description: 'The product looked at, quoted or bought, when there is one.' })
  productType?: ProductTypeEnum | null;

  @Field(() => DateTimeScalar, { description: 'Not more than 5 minutes in the future.' })
  at!: string;

  @Field()
  source!: string;
}

@ObjectType('Interaction')
export class Interaction {
  @Field(() => ID)
  id!: string;

  @Field(() => InteractionChannelEnum)
  channel!: InteractionChannelEnum;

  @Field(() => InteractionKindEnum)
  kind!: InteractionKindEnum;

  @Field(() => ProductTypeEnum, { nullable: true })
  productType!: ProductTypeEnum | null;

  @Field(() => DateTimeScalar)
  at!: string;

  @Field()
  source!: string;
}

@ObjectType('InteractionResult')
export class InteractionResult {
  @Field(() => Int)
  accepted!: number;

  @Field(() => Int)
  duplicates!: number;
}

@ObjectType('CustomerValue')
export class CustomerValue {
  @Field(() => Int)
  revenue!: number;

  @Field(() => Int)
  influence!: number;

  @Field(() => Float)
  score!: number;

  @Field(() => TierEnum)
  tier!: TierEnum;
}

@ObjectType('Tag')
export class Tag {
  @Field()
  name!: string;

  @Field(() => TagSourceEnum)
  source!: TagSourceEnum;

  @Field(() => DateTimeScalar)
  since!: string;
}

@ObjectType('ContactWindow', { description: "The two-hour window of the day in which the person's interactions of the last 180 days cluster." })
export class ContactWindow {
  @Field(() => Int, {
    description:
      '0 to 23: the window [startHour, startHour + 2), wrapping past midnight, with the most interactions; ties go to the window with more in its first hour, then to the earliest hour (a lone 10:xx interaction gives 10).',
  })
  startHour!: number;

  @Field(() => Int, { description: 'Interactions inside the window.' })
  interactions!: number;

  @Field(() => Int, { description: 'Interactions in the last 180 days.' })
  total!: number;
}

@InputType('PeopleFilter')
export class PeopleFilter {
  @Field(() => ID, { nullable: true, description: 'Members of households of this advisor.' })
  advisorId?: string | null;

  @Field(() => [TierEnum], { nullable: true })
  tiers?: TierEnum[] | null;

  @Field(() => [LifecycleSegmentEnum], { nullable: true })
  segments?: LifecycleSegmentEnum[] | null;

  @Field(() => [String], { nullable: true, description: 'People carrying every one of these tags.' })
  tags?: string[] | null;

  @Field(() => Float, { nullable: true, description: 'Inclusive.' })
  minScore?: number | null;

  @Field(() => Int, { nullable: true, description: 'Age bounds, inclusive; people without a birth date never match an age bound.' })
  minAge?: number | null;

  @Field(() => Int, { nullable: true })
  maxAge?: number | null;
}

@ObjectType('PersonEdge')
export class PersonEdge {
  @Field()
  cursor!: string;

  @Field(() => Person)
  node!: Person;
}

@ObjectType('PersonConnection')
export class PersonConnection {
  @Field(() => [PersonEdge])
  edges!: PersonEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  @Field(() => Int)
  totalCount!: number;
}

@ObjectType('SegmentCount')
export class SegmentCount {
  @Field(() => LifecycleSegmentEnum)
  segment!: LifecycleSegmentEnum;

  @Field(() => Int)
  count!: number;
}

@ObjectType('TierCount')
export class TierCount {
  @Field(() => TierEnum)
  tier!: TierEnum;

  @Field(() => Int)
  count!: number;
}

@ObjectType('TagCount')
export class TagCount {
  @Field()
  name!: string;

  @Field(() => Int)
  count!: number;
}

@ObjectType('PeopleSummary')
export class PeopleSummary {
  @Field(() => Int)
  total!: number;

  @Field(() => [SegmentCount], { description: 'Every segment, zeros included, in enum order.' })
  bySegment!: SegmentCount[];

  @Field(() => [TierCount], { description: 'Every tier, zeros included, in enum order.' })
  byTier!: TierCount[];

  @Field(() => [TagCount], { description: 'The 20 most frequent tags, count descending, then name.' })
  topTags!: TagCount[];

  @Field(() => Int, { description: 'Sum of revenue over the people.' })
  revenue!: number;
}
