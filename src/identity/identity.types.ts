/** GraphQL object and input types of the identity feature (the contract's identity part). */
import { ArrayMaxSize, ArrayMinSize, IsInt, IsOptional, Length, Max, Min, ValidateNested } from 'class-validator';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateScalar, DateTimeScalar } from '../graphql/scalars';

export enum IdentifierTypeEnum {
  PHONE = 'PHONE',
  EMAIL = 'EMAIL',
  NATIONAL_ID = 'NATIONAL_ID',
  ACCOUNT = 'ACCOUNT',
  WECHAT_OPENID = 'WECHAT_OPENID',
  WECHAT_UNIONID = 'WECHAT_UNIONID',
  DEVICE_ID = 'DEVICE_ID',
  IOT_DEVICE = 'IOT_DEVICE',
}
registerEnumType(IdentifierTypeEnum, {
  name: 'IdentifierType',
  valuesConfig: {
    PHONE: { description: 'Mobile or fixed phone; normalized to E.164, default region CN (+86).' },
    EMAIL: { description: 'E-mail address; trimmed and lower-cased.' },
    NATIONAL_ID: {
      description: 'PRC resident identity number (18 characters, checksum validated). Sensitive: never returned unmasked, except through revealIdentifiers and exportPerson (contact.graphql).',
    },
    ACCOUNT: {
      description: 'An account in a named upstream system; namespace = the system (e.g. policy-admin, crm, app).',
    },
    WECHAT_OPENID: {
      description: 'WeChat OpenID; namespace = the WeChat appId (an OpenID is only unique within one app).',
    },
    WECHAT_UNIONID: { description: 'WeChat UnionID (unique across the apps of one WeChat open platform account).' },
    DEVICE_ID: { description: 'A personal device: namespace imei (15 digits, Luhn checked), idfa, android_id or watch.' },
    IOT_DEVICE: {
      description:
        'A shared household device (namespace: tv, fridge, speaker, car, ...). Never merges people; links them as users of the device.',
    },
  },
});

export enum GenderEnum {
  FEMALE = 'FEMALE',
  MALE = 'MALE',
  UNKNOWN = 'UNKNOWN',
}
registerEnumType(GenderEnum, { name: 'Gender' });

@InputType('IdentifierInput')
export class IdentifierInput {
  @Field(() => IdentifierTypeEnum)
  type!: IdentifierTypeEnum;

  @Field()
  @Length(1, 256)
  value!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 128)
  namespace?: string | null;
}

@InputType('PersonRefInput', {
  description: 'Exactly one of oneId or identifier. An identifier not seen before creates a new person.',
})
export class PersonRefInput {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @Length(1, 128)
  oneId?: string | null;

  @Field(() => IdentifierInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  identifier?: IdentifierInput | null;
}

@InputType('PersonAttributesInput')
export class PersonAttributesInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(0, 200)
  displayName?: string | null;

  @Field(() => GenderEnum, { nullable: true })
  gender?: GenderEnum | null;

  @Field(() => DateScalar, { nullable: true })
  birthDate?: string | null;

  @Field(() => Int, { nullable: true, description: 'Yearly income in whole currency units (CNY).' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(2_000_000_000)
  annualIncome?: number | null;

  @Field(() => Int, { nullable: true, description: 'What the person is willing to spend on premiums per year, whole CNY (0 or more).' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(2_000_000_000)
  premiumBudget?: number | null;
}

@InputType('IdentityEventInput', {
  description:
    'One observation that the identifiers were seen together on one person (a login,\na policy application, a form). eventId makes ingestion idempotent: an event\nalready applied is counted as a duplicate and changes nothing.',
})
export class IdentityEventInput {
  @Field(() => ID)
  @Length(1, 128)
  eventId!: string;

  @Field({ description: 'Upstream system that observed it.' })
  @Length(1, 128)
  source!: string;

  @Field(() => DateTimeScalar)
  observedAt!: string;

  @Field(() => [IdentifierInput], { description: '1 to 50 identifiers.' })
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  identifiers!: IdentifierInput[];

  @Field(() => PersonAttributesInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  attributes?: PersonAttributesInput | null;
}

@ObjectType('Identifier')
export class Identifier {
  @Field(() => IdentifierTypeEnum)
  type!: IdentifierTypeEnum;

  @Field(() => String, { nullable: true })
  namespace!: string | null;

  @Field({
    description:
      'Display form with the middle hidden, e.g. 138****8000; never the raw value for ADVISOR or CUSTOMER callers.',
  })
  masked!: string;

  @Field({
    description:
      'True for identifiers that no longer merge people: every IOT_DEVICE, and values caught in a limit conflict (a recycled number, a family tablet).',
  })
  shared!: boolean;

  @Field(() => DateTimeScalar)
  firstSeenAt!: string;

  @Field(() => DateTimeScalar)
  lastSeenAt!: string;
}

@ObjectType('Person', { description: 'A person: the OneID that all of its identifiers resolve to.' })
export class Person {
  @Field(() => ID)
  oneId!: string;

  @Field(() => String, { nullable: true })
  displayName!: string | null;

  @Field(() => GenderEnum)
  gender!: GenderEnum;

  @Field(() => DateScalar, { nullable: true })
  birthDate!: string | null;

  @Field(() => Int, { nullable: true })
  annualIncome!: number | null;

  @Field(() => Int, { nullable: true, description: 'What the person is willing to spend on premiums per year, whole CNY.' })
  premiumBudget!: number | null;
}

@ObjectType('IdentityEventResult')
export class IdentityEventResult {
  @Field(() => ID)
  eventId!: string;

  @Field(() => ID, {
    nullable: true,
    description: 'The person the event belongs to; null when every identifier in it is shared, junk or an IOT_DEVICE.',
  })
  oneId!: string | null;

  @Field(() => [ID], { description: 'OneIDs this event merged into oneId.' })
  mergedOneIds!: string[];

  @Field()
  duplicate!: boolean;
}

@ObjectType('IngestResult')
export class IngestResult {
  @Field(() => Int)
  accepted!: number;

  @Field(() => Int)
  duplicates!: number;

  @Field(() => [IdentityEventResult])
  results!: IdentityEventResult[];
}

@ObjectType('IdentityEvidence')
export class IdentityEvidence {
  @Field(() => Identifier)
  from!: Identifier;

  @Field(() => Identifier)
  to!: Identifier;

  @Field(() => ID)
  eventId!: string;

  @Field()
  source!: string;

  @Field(() => DateTimeScalar)
  observedAt!: string;
}

@ObjectType('IdentityExplanation')
export class IdentityExplanation {
  @Field()
  sameOneId!: boolean;

  @Field(() => [IdentityEvidence], {
    description: 'Shortest chain of events linking a to b; empty when they are not the same person.',
  })
  path!: IdentityEvidence[];
}

@ObjectType('SplitResult')
export class SplitResult {
  @Field(() => Person, { description: 'The person that kept the OneID.' })
  remaining!: Person;

  @Field(() => Person, {
    description: 'The person that now holds the split-off identifier and whatever evidence still ties to it.',
  })
  split!: Person;
}

@ObjectType('ForgetResult')
export class ForgetResult {
  @Field(() => ID)
  oneId!: string;

  @Field(() => Int)
  erasedIdentifiers!: number;
}
