/** GraphQL object and input types of the family feature (the contract's family part). */
import { IsOptional, Length, ValidateNested } from 'class-validator';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateScalar, DateTimeScalar } from '../graphql/scalars';
import { Identifier, Person, PersonRefInput } from '../identity/identity.types';

export enum FamilyRelationEnum {
  SPOUSE = 'SPOUSE',
  PARENT = 'PARENT',
  CHILD = 'CHILD',
  SIBLING = 'SIBLING',
}
registerEnumType(FamilyRelationEnum, {
  name: 'FamilyRelation',
  description: 'Asserted family links. PARENT means `from` is a parent of `to`; CHILD the inverse.',
});

export enum KinshipEnum {
  SPOUSE = 'SPOUSE',
  PARENT = 'PARENT',
  CHILD = 'CHILD',
  SIBLING = 'SIBLING',
  GRANDPARENT = 'GRANDPARENT',
  GRANDCHILD = 'GRANDCHILD',
  PARENT_IN_LAW = 'PARENT_IN_LAW',
  CHILD_IN_LAW = 'CHILD_IN_LAW',
  SIBLING_IN_LAW = 'SIBLING_IN_LAW',
  AUNT_OR_UNCLE = 'AUNT_OR_UNCLE',
  NIECE_OR_NEPHEW = 'NIECE_OR_NEPHEW',
  COUSIN = 'COUSIN',
  OTHER = 'OTHER',
}
registerEnumType(KinshipEnum, {
  name: 'Kinship',
  description: 'Kinship derived from chains of family links, seen from the asking person.',
});

export enum HouseholdRoleEnum {
  BREADWINNER = 'BREADWINNER',
  SPOUSE = 'SPOUSE',
  CHILD = 'CHILD',
  ELDER = 'ELDER',
  OTHER = 'OTHER',
}
registerEnumType(HouseholdRoleEnum, { name: 'HouseholdRole' });

@ObjectType('Relative')
export class Relative {
  @Field(() => Person)
  person!: Person;

  @Field(() => KinshipEnum)
  kinship!: KinshipEnum;

  @Field(() => Int, { description: 'Number of family links on the shortest path.' })
  degree!: number;

  @Field(() => [FamilyRelationEnum], { description: 'The relations along that path, from the asking person outwards.' })
  path!: FamilyRelationEnum[];
}

@ObjectType('FamilyEdge')
export class FamilyEdge {
  @Field(() => Person)
  from!: Person;

  @Field(() => Person)
  to!: Person;

  @Field(() => FamilyRelationEnum)
  relation!: FamilyRelationEnum;

  @Field(() => DateScalar, { nullable: true, description: 'When the relationship began (for SPOUSE: the wedding day); null when unknown.' })
  since!: string | null;
}

@ObjectType('HouseholdMember')
export class HouseholdMember {
  @Field(() => Person)
  person!: Person;

  @Field(() => HouseholdRoleEnum)
  role!: HouseholdRoleEnum;
}

@ObjectType('Advisor')
export class Advisor {
  @Field(() => ID)
  advisorId!: string;
}

@ObjectType('Household', { description: 'The family as one unit of shared financial risk.' })
export class Household {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { nullable: true })
  name!: string | null;
}

export enum SuggestionEvidenceKindEnum {
  SHARED_DEVICE = 'SHARED_DEVICE',
  FAMILY_LINK = 'FAMILY_LINK',
}
registerEnumType(SuggestionEvidenceKindEnum, {
  name: 'SuggestionEvidenceKind',
  description: 'Why a person outside a household may belong in it.',
  valuesConfig: {
    SHARED_DEVICE: { description: 'Uses a home device (IOT_DEVICE) that a member uses: they live under one roof.' },
    FAMILY_LINK: { description: 'A family link joins the person to a member.' },
  },
});

@ObjectType('SuggestionEvidence', { description: 'One reason to suggest a person for a household.' })
export class SuggestionEvidence {
  @Field(() => SuggestionEvidenceKindEnum)
  kind!: SuggestionEvidenceKindEnum;

  @Field(() => Person, { description: 'The member the suggested person is connected to.' })
  member!: Person;

  @Field(() => FamilyRelationEnum, { nullable: true, description: 'FAMILY_LINK: what the suggested person is to the member.' })
  relation!: FamilyRelationEnum | null;

  @Field(() => Identifier, {
    nullable: true,
    description: "SHARED_DEVICE: the device (masked), when the caller may see the member's identifiers.",
  })
  device!: Identifier | null;

  @Field(() => Int, { description: 'Strength of this evidence: SPOUSE 5, SHARED_DEVICE 3, PARENT or CHILD 3, SIBLING 2.' })
  weight!: number;
}

@ObjectType('HouseholdSuggestion', {
  description: 'A person outside the household who probably belongs in it, with all the evidence.',
})
export class HouseholdSuggestion {
  @Field(() => Person)
  person!: Person;

  @Field(() => Int, { description: 'Sum of the evidence weights; suggestions come strongest first.' })
  score!: number;

  @Field(() => [SuggestionEvidence])
  evidence!: SuggestionEvidence[];
}

@InputType('HouseholdMemberInput')
export class HouseholdMemberInput {
  @Field(() => PersonRefInput)
  @ValidateNested()
  person!: PersonRefInput;

  @Field(() => HouseholdRoleEnum)
  role!: HouseholdRoleEnum;
}

@InputType('CreateHouseholdInput')
export class CreateHouseholdInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(0, 200)
  name?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @Length(1, 128)
  advisorId?: string | null;

  @Field(() => [HouseholdMemberInput])
  @ValidateNested({ each: true })
  members!: HouseholdMemberInput[];
}

@InputType('FamilyLinkInput')
export class FamilyLinkInput {
  @Field(() => PersonRefInput)
  @ValidateNested()
  from!: PersonRefInput;

  @Field(() => PersonRefInput)
  @ValidateNested()
  to!: PersonRefInput;

  @Field(() => FamilyRelationEnum)
  relation!: FamilyRelationEnum;

  @Field(() => DateScalar, { nullable: true, description: 'When the relationship began (for SPOUSE: the wedding day); not in the future.' })
  since?: string | null;
}

export enum LifeEventKindEnum {
  BIRTH = 'BIRTH',
  MARRIAGE = 'MARRIAGE',
  DIVORCE = 'DIVORCE',
  RETIREMENT = 'RETIREMENT',
  JOB_CHANGE = 'JOB_CHANGE',
  HOME_PURCHASE = 'HOME_PURCHASE',
  DEATH = 'DEATH',
}
registerEnumType(LifeEventKindEnum, {
  name: 'LifeEventKind',
  description: "Something that happened in a person's life that changes what the family needs.",
  valuesConfig: {
    BIRTH: { description: 'person = the newborn.' },
    MARRIAGE: { description: 'partner = the spouse.' },
    DIVORCE: { description: 'partner = the former spouse.' },
  },
});

@InputType('LifeEventInput')
export class LifeEventInput {
  @Field(() => ID, { description: 'Client-chosen id: the same id with the same content is idempotent; the same id with other content is BAD_USER_INPUT.' })
  @Length(1, 128)
  id!: string;

  @Field(() => PersonRefInput)
  @ValidateNested()
  person!: PersonRefInput;

  @Field(() => LifeEventKindEnum)
  kind!: LifeEventKindEnum;

  @Field(() => DateScalar, { description: 'When it happened, not when it was recorded; not in the future.' })
  date!: string;

  @Field(() => PersonRefInput, { nullable: true, description: 'Required for MARRIAGE and DIVORCE, refused for the other kinds; never the person itself.' })
  @IsOptional()
  @ValidateNested()
  partner?: PersonRefInput | null;

  @Field({ description: 'Upstream system that reported it.' })
  @Length(1, 100)
  source!: string;
}

@ObjectType('LifeEvent')
export class LifeEvent {
  @Field(() => ID)
  id!: string;

  @Field(() => Person)
  person!: Person;

  @Field(() => LifeEventKindEnum)
  kind!: LifeEventKindEnum;

  @Field(() => DateScalar)
  date!: string;

  @Field(() => Person, { nullable: true })
  partner!: Person | null;

  @Field()
  source!: string;

  @Field(() => DateTimeScalar)
  recordedAt!: string;
}
