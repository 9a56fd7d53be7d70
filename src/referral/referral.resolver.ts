/** Thin resolvers for the referral feature: role gate, scope checks, loaders, service calls. */
import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { forbidden } from '../errors';
import type { ReferralContext as Context } from './referral.loaders';
import { DateTimeScalar } from '../graphql/scalars';
import { requirePerson } from '../identity/identity.loaders';
import type { PersonRecord } from '../identity/identity.model';
import { IdentifierInput, Person } from '../identity/identity.types';
import {
  DEFAULT_TREE_DEPTH,
  InvitationRecord,
  ReferralChainRecord,
  ReferralStatsRecord,
  ReferralTreeRecord,
  ReferrerRecord,
} from './referral.model';
import { assertTreeDepth } from './referral.service';
import { Invitation, InvitationInput, ReferralChain, ReferralFilter, ReferralStats, ReferralTree, Referrer } from './referral.types';

/** Referral reads about a person need the person itself to be readable by the caller. */
async function assertReadable(ctx: Context, oneId: string): Promise<void> {
  if (!(await ctx.scope.canReadPerson(oneId))) throw forbidden();
}

/** ADVISOR: only with filter.advisorId = itself (and not LEFT); CUSTOMER never reaches here (role gate). */
async function assertStatsScope(ctx: Context, filter: ReferralFilter | null | undefined): Promise<void> {
  if (ctx.scope.unrestricted) return;
  if (!filter?.advisorId) throw forbidden();
  await ctx.scope.assertAdvisorSelf(filter.advisorId);
}

@Resolver(() => Invitation)
export class InvitationResolver {
  @Authorized()
  @Query(() => Invitation, { nullable: true })
  async invitation(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<InvitationRecord | null> {
    const inv = await ctx.loaders.invitation.load(id);
    if (ctx.scope.unrestricted) return inv;
    const p = ctx.principal!;
    if (inv && p.role === 'ADVISOR' && (await ctx.scope.isAdvisorSelf(inv.advisorId))) return inv;
    if (inv && p.role === 'CUSTOMER') {
      const self = await ctx.scope.selfOneId();
      if (self !== null && (inv.inviterOneId === self || inv.inviteeOneId === self)) return inv;
    }
    throw forbidden();
  }

  @Authorized('ADMIN', 'INGEST', 'ADVISOR')
  @Query(() => ReferralStats)
  async referralStats(
    @Arg('filter', () => ReferralFilter, { nullable: true }) filter: ReferralFilter | null,
    @Ctx() ctx: Context,
  ): Promise<ReferralStatsRecord> {
    await assertStatsScope(ctx, filter);
    return ctx.services.referral.stats(filter);
  }

  @Authorized('ADMIN', 'INGEST', 'ADVISOR')
  @Query(() => [Referrer], { description: 'Referrers ranked by treePremium, then descendants.' })
  async topReferrers(
    @Arg('filter', () => ReferralFilter, { nullable: true }) filter: ReferralFilter | null,
    @Arg('first', () => Int, { nullable: true, defaultValue: 20, description: '1 to 100.' }) first: number | null,
    @Ctx() ctx: Context,
  ): Promise<ReferrerRecord[]> {
    await assertStatsScope(ctx, filter);
    return ctx.services.referral.topReferrers(filter, first ?? 20);
  }

  @Authorized('ADMIN', 'INGEST', 'CUSTOMER')
  @Mutation(() => Invitation, { description: 'A CUSTOMER may record invitations only with itself as the inviter.' })
  recordInvitation(@Arg('input', () => InvitationInput) input: InvitationInput, @Ctx() ctx: Context): Promise<InvitationRecord> {
    const customer = ctx.principal?.role === 'CUSTOMER';
    return ctx.services.referral.record(input, {
      createInviter: !customer,
      authorizeInviter: customer
        ? async (inviterOneId) => {
            if ((await ctx.scope.selfOneId()) !== inviterOneId) throw forbidden();
          }
        : undefined,
    });
  }

  @Authorized('ADMIN', 'INGEST')
  @Mutation(() => Invitation, {
    description:
      'The invitee is whoever the identifier resolves to (created if new). Self-referrals, cycles and invitees who already held a policy before sentAt are REJECTED with a reason. A person keeps only the first invitation it accepted.',
  })
  acceptInvitation(
    @Arg('id', () => ID) id: string,
    @Arg('invitee', () => IdentifierInput) invitee: IdentifierInput,
    @Arg('at', () => DateTimeScalar) at: string,
    @Ctx() ctx: Context,
  ): Promise<InvitationRecord> {
    return ctx.services.referral.accept(id, invitee, at);
  }

  @Authorized('ADMIN', 'INGEST')
  @Mutation(() => Invitation, { description: 'ACCEPTED -> CONVERTED with a non-negative first-year premium; a repeat with the same premium is idempotent.' })
  convertInvitation(
    @Arg('id', () => ID) id: string,
    @Arg('premium', () => Int) premium: number,
    @Arg('at', () => DateTimeScalar) at: string,
    @Ctx() ctx: Context,
  ): Promise<InvitationRecord> {
    return ctx.services.referral.convert(id, premium, at);
  }

  @FieldResolver(() => Person)
  inviter(@Root() inv: InvitationRecord, @Ctx() ctx: Context): PersonRecord | Promise<PersonRecord> {
    return requirePerson(ctx.loaders, inv.inviterOneId);
  }

  @FieldResolver(() => Person, { nullable: true })
  invitee(@Root() inv: InvitationRecord, @Ctx() ctx: Context): PersonRecord | Promise<PersonRecord> | null {
    return inv.inviteeOneId ? requirePerson(ctx.loaders, inv.inviteeOneId) : null;
  }
}

@Resolver(() => Person)
export class PersonReferralResolver {
  @FieldResolver(() => Invitation, { nullable: true, description: 'The accepted invitation that brought this person in, if any.' })
  async invitedBy(@Root() person: PersonRecord, @Ctx() ctx: Context): Promise<InvitationRecord | null> {
    await assertReadable(ctx, person.oneId);
    return ctx.loaders.invitedBy.load(person.oneId);
  }

  @FieldResolver(() => ReferralChain, { description: 'Path from the root referrer down to this person.' })
  async referralChain(@Root() person: PersonRecord, @Ctx() ctx: Context): Promise<ReferralChainRecord> {
    await assertReadable(ctx, person.oneId);
    return ctx.loaders.referralChain.load(person.oneId);
  }

  @FieldResolver(() => ReferralTree, { description: 'Everyone this person brought in, directly or indirectly.' })
  async referralTree(
    @Root() person: PersonRecord,
    @Arg('maxDepth', () => Int, { nullable: true, defaultValue: DEFAULT_TREE_DEPTH, description: '1 to 1000 (null: the default).' })
    maxDepth: number | null,
    @Ctx() ctx: Context,
  ): Promise<ReferralTreeRecord> {
    const depth = maxDepth ?? DEFAULT_TREE_DEPTH;
    assertTreeDepth(depth);
    await assertReadable(ctx, person.oneId);
    return ctx.loaders.referralTree.load({ oneId: person.oneId, maxDepth: depth });
  }
}

@Resolver(() => ReferralChain)
export class ReferralChainResolver {
  @FieldResolver(() => Person)
  root(@Root() chain: ReferralChainRecord, @Ctx() ctx: Context): PersonRecord | Promise<PersonRecord> {
    return requirePerson(ctx.loaders, chain.rootOneId);
  }
}

@Resolver(() => ReferralTree)
export class ReferralTreeResolver {
  @FieldResolver(() => Person)
  root(@Root() tree: ReferralTreeRecord, @Ctx() ctx: Context): PersonRecord | Promise<PersonRecord> {
    return requirePerson(ctx.loaders, tree.rootOneId);
  }
}

@Resolver(() => Referrer)
export class ReferrerResolver {
  @FieldResolver(() => Person)
  person(@Root() r: ReferrerRecord, @Ctx() ctx: Context): PersonRecord | Promise<PersonRecord> {
    return requirePerson(ctx.loaders, r.oneId);
  }
}
