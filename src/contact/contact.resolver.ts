/**
 * Thin resolvers of the contact feature: role gate, scope, loaders, service call.
 * - revealIdentifiers: every authenticated role may ask; the service applies the matrix and
 *   logs every attempt that is not bad input (INGEST included: refused and logged);
 * - recordConsent: ADMIN, INGEST, the CUSTOMER for itself;
 * - Person.consents: ADMIN, INGEST, the CUSTOMER itself, its household's ADVISOR;
 * - Person.accounts: ADMIN, INGEST, the CUSTOMER itself (FORBIDDEN to an ADVISOR);
 * - Person.accessLog: ADMIN and the CUSTOMER itself; Query.accessLog: ADMIN only.
 * A Person outside the caller's scope never reaches these field resolvers (src/server/guard.ts).
 */
import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Principal } from '../auth/principal';
import { unauthenticated, forbidden } from '../errors';
import type { IdentifierType } from '../identity/identifier';
import type { PersonRecord } from '../identity/identity.model';
import { Person } from '../identity/identity.types';
import { IdentifierTypeEnum } from '../identity/identity.types';
import type { ContactContext as Context } from './contact.loaders';
import { AccessLogPage, AccountRecord, ConsentRecord, LOG_PAGE, PERSON_LOG_PAGE, RevealedRecord } from './contact.model';
import { AccessLogConnection, AccessLogFilter, Consent, ConsentInput, ContactPurposeEnum, RevealedIdentifier, UpstreamAccount } from './contact.types';

export function principalOf(ctx: { principal: Principal | null }): Principal {
  if (!ctx.principal) throw unauthenticated();
  return ctx.principal;
}

/** ADMIN always; the CUSTOMER only for its own (surviving) OneID; `others` roles too when listed. */
async function assertAdminOrSelf(ctx: Context, oneId: string, others: readonly string[] = []): Promise<void> {
  const role = principalOf(ctx).role;
  if (role === 'ADMIN' || others.includes(role)) return;
  if (role === 'CUSTOMER' && (await ctx.scope.selfOneId()) === oneId) return;
  throw forbidden();
}

@Resolver()
export class ContactResolver {
  @Authorized()
  @Mutation(() => [RevealedIdentifier], {
    description:
      'The person\'s identifiers of the given types in clear, for a purpose; the\njustification (1 to 500 characters) is stored in the access log. types: 1 to 8\ndistinct values (a repeated type is BAD_USER_INPUT); namespace narrows to one\nnamespace.',
  })
  revealIdentifiers(
    @Arg('oneId', () => ID) oneId: string,
    @Arg('types', () => [IdentifierTypeEnum]) types: IdentifierTypeEnum[],
    @Arg('namespace', () => String, { nullable: true }) namespace: string | null,
    @Arg('purpose', () => ContactPurposeEnum) purpose: ContactPurposeEnum,
    @Arg('justification') justification: string,
    @Ctx() ctx: Context,
  ): Promise<RevealedRecord[]> {
    return ctx.services.contact.reveal(principalOf(ctx), { oneId, types: types as IdentifierType[], namespace, purpose, justification });
  }

  @Authorized('ADMIN', 'INGEST', 'CUSTOMER')
  @Mutation(() => Consent)
  recordConsent(@Arg('input', () => ConsentInput) input: ConsentInput, @Ctx() ctx: Context): Promise<ConsentRecord> {
    return ctx.services.contact.recordConsent(principalOf(ctx), input);
  }

  @Authorized('ADMIN')
  @Query(() => AccessLogConnection, { description: 'Newest first; ADMIN only; first: 1 to 200.' })
  accessLog(
    @Arg('filter', () => AccessLogFilter, { nullable: true }) filter: AccessLogFilter | null,
    @Arg('first', () => Int, { nullable: true, defaultValue: LOG_PAGE.default }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: Context,
  ): Promise<AccessLogPage> {
    return ctx.services.contact.accessLog(filter, first ?? LOG_PAGE.default, after, LOG_PAGE);
  }
}

@Resolver(() => Person)
export class PersonContactResolver {
  @FieldResolver(() => [Consent], {
    description: 'The statement in force per scope, in ConsentScope order. ADMIN, INGEST, the CUSTOMER itself and its household\'s ADVISOR.',
  })
  async consents(@Root() person: PersonRecord, @Ctx() ctx: Context): Promise<ConsentRecord[]> {
    // The guard let only readable people through: an ADVISOR's are its households' members.
    await assertAdminOrSelf(ctx, person.oneId, ['INGEST', 'ADVISOR']);
    return ctx.loaders.consents.load(person.oneId);
  }

  @FieldResolver(() => [UpstreamAccount], { description: 'ACCOUNT identifiers in clear. ADMIN, INGEST and the CUSTOMER itself; FORBIDDEN to an ADVISOR.' })
  async accounts(@Root() person: PersonRecord, @Ctx() ctx: Context): Promise<AccountRecord[]> {
    await assertAdminOrSelf(ctx, person.oneId, ['INGEST']);
    return ctx.loaders.accounts.load(person.oneId);
  }

  @FieldResolver(() => AccessLogConnection, {
    description: 'Every logged attempt on this person\'s data, GRANTED and DENIED, newest first; first: 1 to 200. ADMIN and the CUSTOMER itself.',
  })
  async accessLog(
    @Root() person: PersonRecord,
    @Arg('first', () => Int, { nullable: true, defaultValue: PERSON_LOG_PAGE.default }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: Context,
  ): Promise<AccessLogPage> {
    await assertAdminOrSelf(ctx, person.oneId);
    return ctx.services.contact.accessLog({ oneId: person.oneId }, first ?? PERSON_LOG_PAGE.default, after, PERSON_LOG_PAGE);
  }
}
