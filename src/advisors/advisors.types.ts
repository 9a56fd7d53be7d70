/**
 * GraphQL types of the advisors feature (the work-list contract's advisor part). The Advisor
 * object type itself is family's (src/family/family.types.ts); its new fields are field
 * resolvers in advisors.resolver.ts. PageInfo is the shared one (src/graphql/page-info.ts).
 */
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { PageInfo } from '../graphql/page-info';
import { Household } from '../family/family.types';

export enum AdvisorStatusEnum {
  ACTIVE = 'ACTIVE',
  LEFT = 'LEFT',
}
registerEnumType(AdvisorStatusEnum, {
  name: 'AdvisorStatus',
  valuesConfig: {
    LEFT: { description: 'Left the company: its households are orphans and its tokens read nothing.' },
  },
});

@InputType('AdvisorInput')
export class AdvisorInput {
  @Field(() => ID, { description: '1 to 128 characters (trimmed).' })
  advisorId!: string;

  @Field(() => String, { nullable: true, description: 'At most 200 characters. Absent keeps the stored name; null clears it.' })
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'Team or branch, at most 200 characters. Absent keeps the stored team; null clears it.' })
  team?: string | null;

  @Field(() => AdvisorStatusEnum, { nullable: true, description: 'null keeps the current status (ACTIVE for a new advisor).' })
  status?: AdvisorStatusEnum | null;
}

@InputType('ReassignInput')
export class ReassignInput {
  @Field(() => [ID], {
    nullable: true,
    description: 'Exactly one of householdIds (1 to 1000, every one must exist) or fromAdvisorId (all of that advisor\'s households).',
  })
  householdIds?: string[] | null;

  @Field(() => ID, { nullable: true })
  fromAdvisorId?: string | null;

  @Field(() => ID, { description: 'Must be an ACTIVE advisor (upserted, or referenced by households and never upserted).' })
  toAdvisorId!: string;
}

@ObjectType('ReassignResult')
export class ReassignResult {
  @Field(() => Int, { description: 'Households whose advisor changed (those already assigned to toAdvisorId are not counted).' })
  moved!: number;
}

@ObjectType('HouseholdEdge')
export class HouseholdEdge {
  @Field()
  cursor!: string;

  @Field(() => Household)
  node!: Household;
}

@ObjectType('HouseholdConnection')
export class HouseholdConnection {
  @Field(() => [HouseholdEdge])
  edges!: HouseholdEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  @Field(() => Int)
  totalCount!: number;
}
