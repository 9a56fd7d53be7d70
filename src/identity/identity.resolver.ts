/** Thin resolvers for the identity feature: role gate, scope check, loaders, service call. */
import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { IdentityContext as Context } from './identity.loaders';
import { ageOrNull } from '../calendar/calendar';
import {
  ForgetResult,
  Identifier,
  IdentifierInput,
  IdentityEventInput,
  IdentityExplanation,
  IngestResult,
  Person,
  PersonAttributesInput,
  SplitResult,
} from './identity.types';
import type { IdentifierRecord, PersonRecord } from './identity.model';
import type { Evidence } from './identity.service';

@Resolver(() => Person)
export class IdentityResolver {
  @Authorized()
  @Query(() => Person, { nullable: true, description: 'The person an identifier resolves to, or null if unknown or shared.' })
  async resolveIdentity(@Arg('identifier', () => IdentifierInput) identifier: IdentifierInput, @Ctx() ctx: Context): Promise<PersonRecord | null> {
    return ctx.scope.readablePerson(await ctx.services.identity.resolve(identifier));
  }

  @Authorized()
  @Query(() => Person, { nullable: true, description: 'A person by OneID; a merged-away OneID returns the surviving person.' })
  async person(@Arg('oneId', () => ID) oneId: string, @Ctx() ctx: Context): Promise<PersonRecord | null> {
    return ctx.scope.readablePerson(await ctx.loaders.person.load(oneId));
  }

  @Authorized('ADMIN', 'INGEST')
  @Query(() => IdentityExplanation, { description: 'Why two identifiers do or do not resolve to the same OneID.' })
  explainIdentity(
    @Arg('a', () => IdentifierInput) a: IdentifierInput,
    @Arg('b', () => IdentifierInput) b: IdentifierInput,
    @Ctx() ctx: Context,
  ): Promise<{ sameOneId: boolean; path: Evidence[] }> {
    return ctx.services.identity.explain(a, b);
  }

  @Authorized('ADMIN', 'INGEST')
  @Mutation(() => IngestResult, {
    description:
      'Atomic: if any event is invalid the whole batch is rejected (BAD_USER_INPUT naming each bad event) and nothing is written. At most 1000 events.',
  })
  ingestIdentityEvents(
    // The service validates the whole batch itself so that the error names every bad event by
    // index (class-validator would stop at the first nested error without saying which event).
    @Arg('events', () => [IdentityEventInput], { validate: false }) events: IdentityEventInput[],
    @Ctx() ctx: Context,
  ): Promise<IngestResult> {
    return ctx.services.identity.ingest(events);
  }

  @Authorized('ADMIN', 'INGEST')
  @Mutation(() => SplitResult, {
    description: 'Detach a wrongly linked identifier; the person is recomputed from the evidence that remains.',
  })
  splitIdentifier(
    @Arg('identifier', () => IdentifierInput) identifier: IdentifierInput,
    @Arg('reason') reason: string,
    @Ctx() ctx: Context,
  ): Promise<{ remaining: PersonRecord; split: PersonRecord }> {
    return ctx.services.identity.split(identifier, reason);
  }

  @Authorized('ADMIN', 'INGEST')
  @Mutation(() => ForgetResult, {
    description:
      'Erase a person: identifiers, attributes and evidence are deleted; family links, policies and invitations keep only an anonymous placeholder.',
  })
  forgetPerson(@Arg('oneId', () => ID) oneId: string, @Ctx() ctx: Context): Promise<ForgetResult> {
    return ctx.services.identity.forget(oneId);
  }

  @Authorized('ADMIN', 'INGEST')
  @Mutation(() => Person)
  updatePerson(
    @Arg('oneId', () => ID) oneId: string,
    @Arg('attributes', () => PersonAttributesInput) attributes: PersonAttributesInput,
    @Ctx() ctx: Context,
  ): Promise<PersonRecord> {
    return ctx.services.identity.updatePerson(oneId, attributes);
  }

  @FieldResolver(() => Int, { nullable: true, description: "Whole years at the service's current date." })
  age(@Root() person: PersonRecord, @Ctx() ctx: Context): number | null {
    return ageOrNull(person.birthDate, ctx.services.clock.today());
  }

  @FieldResolver(() => [Identifier])
  async identifiers(@Root() person: PersonRecord, @Ctx() ctx: Context): Promise<IdentifierRecord[]> {
    if (!(await ctx.scope.canSeeIdentifiers(person.oneId))) return [];
    return ctx.loaders.identifiers.load(person.oneId);
  }

  @FieldResolver(() => [Identifier], { description: 'Shared devices (IOT_DEVICE) this person uses.' })
  async devices(@Root() person: PersonRecord, @Ctx() ctx: Context): Promise<IdentifierRecord[]> {
    if (!(await ctx.scope.canSeeIdentifiers(person.oneId))) return [];
    return ctx.loaders.devices.load(person.oneId);
  }

  @FieldResolver(() => [ID], { description: 'OneIDs that were merged into this one; each of them still resolves here.' })
  mergedOneIds(@Root() person: PersonRecord, @Ctx() ctx: Context): Promise<string[]> {
    return ctx.loaders.mergedOneIds.load(person.oneId);
  }
}
