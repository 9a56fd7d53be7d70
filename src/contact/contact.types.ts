/** GraphQL object and input types of the contact feature (contact.graphql). */
import { IsOptional, Length, ValidateNested } from 'class-validator';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { PageInfo } from '../graphql/page-info';
import { DateTimeScalar } from '../graphql/scalars';
import { IdentifierTypeEnum, PersonRefInput } from '../identity/identity.types';

export enum ContactPurposeEnum {
  SERVICE = 'SERVICE',
  MARKETING = 'MARKETING',
  COMPLIANCE = 'COMPLIANCE',
}
registerEnumType(ContactPurposeEnum, {
  name: 'ContactPurpose',
  valuesConfig: {
    SERVICE: { description: 'Serving an existing contract: a claim, a renewal, a question the customer asked.' },
    MARKETING: { description: 'Offering something new; needs consent for the channel.' },
    COMPLIANCE: { description: 'Legal or regulatory duty; ADMIN only.' },
  },
});

export enum ConsentScopeEnum {
  MARKETING_CALL = 'MARKETING_CALL',
  MARKETING_SMS = 'MARKETING_SMS',
  MARKETING_EMAIL = 'MARKETING_EMAIL',
  MARKETING_WECHAT = 'MARKETING_WECHAT',
  SENSITIVE_PROCESSING = 'SENSITIVE_PROCESSING',
}
registerEnumType(ConsentScopeEnum, {
  name: 'ConsentScope',
  valuesConfig: {
    SENSITIVE_PROCESSING: { description: 'Separate consent to process sensitive personal information beyond what a contract needs (PIPL Art. 29).' },
  },
});

export enum AccessOutcomeEnum {
  GRANTED = 'GRANTED',
  DENIED = 'DENIED',
}
registerEnumType(AccessOutcomeEnum, { name: 'AccessOutcome' });

@InputType('ConsentInput')
export class ConsentInput {
  @Field(() => ID, { description: 'Client-chosen id; the same id with the same content is idempotent, other content BAD_USER_INPUT.' })
  @Length(1, 128)
  id!: string;

  @Field(() => PersonRefInput)
  @ValidateNested()
  person!: PersonRefInput;

  @Field(() => ConsentScopeEnum)
  scope!: ConsentScopeEnum;

  @Field({ description: 'false withdraws.' })
  granted!: boolean;

  @Field(() => DateTimeScalar, { description: 'When the customer said so; not in the future. The latest statement per scope wins.' })
  at!: string;

  @Field()
  @Length(1, 200)
  source!: string;
}

@ObjectType('Consent')
export class Consent {
  @Field(() => ConsentScopeEnum)
  scope!: ConsentScopeEnum;

  @Field()
  granted!: boolean;

  @Field(() => DateTimeScalar)
  at!: string;

  @Field()
  source!: string;
}

@ObjectType('UpstreamAccount')
export class UpstreamAccount {
  @Field({ description: 'The upstream system (IdentifierInput.namespace of an ACCOUNT).' })
  namespace!: string;

  @Field({ description: 'The account id as the upstream system knows it, normalized.' })
  accountId!: string;

  @Field(() => DateTimeScalar)
  firstSeenAt!: string;

  @Field(() => DateTimeScalar)
  lastSeenAt!: string;
}

@ObjectType('RevealedIdentifier')
export class RevealedIdentifier {
  @Field(() => IdentifierTypeEnum)
  type!: IdentifierTypeEnum;

  @Field(() => String, { nullable: true })
  namespace!: string | null;

  @Field({ description: 'The normalized value in clear.' })
  value!: string;

  @Field()
  masked!: string;
}

@ObjectType('AccessLogEntry')
export class AccessLogEntry {
  @Field(() => ID)
  id!: string;

  @Field(() => DateTimeScalar)
  at!: string;

  @Field({ description: "The caller's token sub and role." })
  actor!: string;

  @Field()
  actorRole!: string;

  @Field(() => ID, { description: 'The person whose data was asked for (the surviving OneID at the time).' })
  oneId!: string;

  @Field({ description: 'REVEAL or EXPORT.' })
  action!: string;

  @Field(() => [IdentifierTypeEnum])
  types!: IdentifierTypeEnum[];

  @Field(() => ContactPurposeEnum, { nullable: true })
  purpose!: ContactPurposeEnum | null;

  @Field(() => String, { nullable: true })
  justification!: string | null;

  @Field(() => AccessOutcomeEnum)
  outcome!: AccessOutcomeEnum;
}

@ObjectType('AccessLogEdge')
export class AccessLogEdge {
  @Field()
  cursor!: string;

  @Field(() => AccessLogEntry)
  node!: AccessLogEntry;
}

@ObjectType('AccessLogConnection')
export class AccessLogConnection {
  @Field(() => [AccessLogEdge])
  edges!: AccessLogEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  @Field(() => Int)
  totalCount!: number;
}

@InputType('AccessLogFilter')
export class AccessLogFilter {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @Length(1, 128)
  oneId?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 256)
  actor?: string | null;

  @Field(() => AccessOutcomeEnum, { nullable: true })
  outcome?: AccessOutcomeEnum | null;

  @Field(() => DateTimeScalar, { nullable: true })
  from?: string | null;

  @Field(() => DateTimeScalar, { nullable: true })
  to?: string | null;
}
