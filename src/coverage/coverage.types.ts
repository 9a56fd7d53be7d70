/** GraphQL object and input types of the coverage feature (the contract's coverage part). */
import { IsInt, IsOptional, Length, Max, Min, ValidateNested } from 'class-validator';
import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Household } from '../family/family.types';
import { PageInfo } from '../graphql/page-info';
import { DateScalar } from '../graphql/scalars';
import { PersonRefInput } from '../identity/identity.types';

export enum ProductTypeEnum {
  LIFE = 'LIFE',
  CRITICAL_ILLNESS = 'CRITICAL_ILLNESS',
  MEDICAL = 'MEDICAL',
  ACCIDENT = 'ACCIDENT',
  ANNUITY = 'ANNUITY',
  EDUCATION = 'EDUCATION',
  SAVINGS = 'SAVINGS',
}
registerEnumType(ProductTypeEnum, { name: 'ProductType' });

export enum PolicyStatusEnum {
  ACTIVE = 'ACTIVE',
  LAPSED = 'LAPSED',
  EXPIRED = 'EXPIRED',
  CANCELLED = 'CANCELLED',
}
registerEnumType(PolicyStatusEnum, { name: 'PolicyStatus' });

export enum TriggerKindEnum {
  BIRTHDAY = 'BIRTHDAY',
  NEWBORN = 'NEWBORN',
  MARRIAGE = 'MARRIAGE',
  POLICY_EXPIRY = 'POLICY_EXPIRY',
}
registerEnumType(TriggerKindEnum, {
  name: 'TriggerKind',
  valuesConfig: {
    BIRTHDAY: { description: 'Birthday within 15 days: premiums rise with age.' },
    NEWBORN: { description: 'A child under one year old with no ACTIVE MEDICAL policy.' },
    MARRIAGE: { description: 'A SPOUSE link created in the last 90 days.' },
    POLICY_EXPIRY: { description: 'An ACTIVE policy whose endDate is within 30 days.' },
  },
});

@ObjectType('Policy')
export class Policy {
  @Field(() => ID)
  policyNo!: string;

  @Field(() => ProductTypeEnum)
  productType!: ProductTypeEnum;

  @Field(() => Int)
  sumAssured!: number;

  @Field(() => Int)
  annualPremium!: number;

  @Field(() => PolicyStatusEnum)
  status!: PolicyStatusEnum;

  @Field(() => DateScalar)
  startDate!: string;

  @Field(() => DateScalar, { nullable: true })
  endDate!: string | null;

  // holder and insured: field resolvers (CoveragePolicyResolver)
}

@ObjectType('CoverageGap', {
  description:
    "Recommended cover for one person and product minus that person's ACTIVE cover.\nOnly gaps > 0 are listed. The rules are configurable; the defaults are in the\nservice's README.",
})
export class CoverageGap {
  // person: field resolver (CoverageGapResolver)

  @Field(() => ProductTypeEnum)
  productType!: ProductTypeEnum;

  @Field(() => Int)
  recommended!: number;

  @Field(() => Int)
  current!: number;

  @Field(() => Int)
  gap!: number;

  @Field(() => Int, {
    description: '1 is most urgent: breadwinners\' protection first, then children, then elders, then pension, then savings.',
  })
  priority!: number;

  @Field({ description: 'One sentence an advisor can read to the family.' })
  reason!: string;
}

@ObjectType('LifeEventTrigger')
export class LifeEventTrigger {
  @Field(() => TriggerKindEnum)
  kind!: TriggerKindEnum;

  // person: field resolver (LifeEventTriggerResolver)

  @Field(() => DateScalar)
  date!: string;

  @Field(() => Int)
  daysAway!: number;
}

@ObjectType('CrossSellOpportunity')
export class CrossSellOpportunity {
  @Field(() => Household)
  household!: Household;

  @Field(() => Float, { description: 'Higher first: combines totalGap, the urgency of the gaps and the triggers.' })
  score!: number;

  @Field(() => Int)
  totalGap!: number;

  @Field(() => [CoverageGap])
  gaps!: CoverageGap[];

  @Field(() => [LifeEventTrigger])
  triggers!: LifeEventTrigger[];
}

@ObjectType('CrossSellEdge')
export class CrossSellEdge {
  @Field()
  cursor!: string;

  @Field(() => CrossSellOpportunity)
  node!: CrossSellOpportunity;
}

@ObjectType('CrossSellConnection')
export class CrossSellConnection {
  @Field(() => [CrossSellEdge])
  edges!: CrossSellEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  @Field(() => Int)
  totalCount!: number;
}

/** Largest sumAssured / annualPremium accepted (GraphQL Int is 32-bit). */
export const MAX_AMOUNT = 2_000_000_000;

@InputType('PolicyInput')
export class PolicyInput {
  @Field(() => ID)
  @Length(1, 128)
  policyNo!: string;

  @Field(() => ProductTypeEnum)
  productType!: ProductTypeEnum;

  @Field(() => Int)
  @IsInt()
  @Min(0)
  @Max(MAX_AMOUNT)
  sumAssured!: number;

  @Field(() => Int)
  @IsInt()
  @Min(0)
  @Max(MAX_AMOUNT)
  annualPremium!: number;

  @Field(() => PolicyStatusEnum)
  status!: PolicyStatusEnum;

  @Field(() => DateScalar)
  startDate!: string;

  @Field(() => DateScalar, { nullable: true })
  @IsOptional()
  endDate?: string | null;

  @Field(() => PersonRefInput)
  @ValidateNested()
  holder!: PersonRefInput;

  @Field(() => PersonRefInput)
  @ValidateNested()
  insured!: PersonRefInput;
}
