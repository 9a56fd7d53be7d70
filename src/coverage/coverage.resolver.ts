/**
 * Thin resolvers for the coverage feature: role gate, scope check, loaders, service call.
 * Lists (household policies and gaps, person policies, holders, insured, gap persons) go
 * through per-request DataLoaders, so a household view costs a fixed number of statements.
 */
import { Arg, Authorized, Ctx, FieldResolver, Int, Mutation, Resolver, Root } from 'type-graphql';
import { Household } from '../family/family.types';
import type { CoverageContext as Context } from './coverage.loaders';
import type { PersonRecord } from '../identity/identity.model';
import { requirePerson } from '../identity/identity.loaders';
import { Person } from '../identity/identity.types';
import type { PolicyRecord } from './coverage.repository';
import type { HouseholdGapsView } from './coverage.service';
import { CoverageGap, LifeEventTrigger, Policy, PolicyInput } from './coverage.types';
import type { Gap } from './model';
import type { LifeEventTrigger as TriggerRecord } from './triggers';

/** The Household root object as another feature resolved it: only its id is used here. */
interface HouseholdRoot {
  id: string;
}

@Resolver(() => Policy)
export class PolicyResolver {
  @Authorized('ADMIN', 'INGEST')
  @Mutation(() => Policy, { description: 'Create or replace the policy with this policyNo.' })
  upsertPolicy(@Arg('input', () => PolicyInput) input: PolicyInput, @Ctx() ctx: Context): Promise<PolicyRecord> {
    return ctx.services.coverage.upsertPolicy(input);
  }

  @FieldResolver(() => Person)
  holder(@Root() policy: PolicyRecord, @Ctx() ctx: Context): PersonRecord | Promise<PersonRecord> {
    return requirePerson(ctx.loaders, policy.holderOneId);
  }

  @FieldResolver(() => Person)
  insured(@Root() policy: PolicyRecord, @Ctx() ctx: Context): PersonRecord | Promise<PersonRecord> {
    return requirePerson(ctx.loaders, policy.insuredOneId);
  }
}

@Resolver(() => Person)
export class PersonCoverageResolver {
  /** Out-of-scope people (e.g. a holder outside the advisor's households) show no policies. */
  @FieldResolver(() => [Policy], { description: 'Policies on which this person is the insured.' })
  async policies(@Root() person: PersonRecord, @Ctx() ctx: Context): Promise<PolicyRecord[]> {
    if (!(await ctx.scope.canReadPerson(person.oneId))) return [];
    return ctx.loaders.policiesInsuring.load(person.oneId);
  }

  @FieldResolver(() => [CoverageGap])
  async coverageGaps(@Root() person: PersonRecord, @Ctx() ctx: Context): Promise<Gap[]> {
    if (!(await ctx.scope.canReadPerson(person.oneId))) return [];
    const [role, policies] = await Promise.all([
      ctx.loaders.coverageRole.load(person.oneId),
      ctx.loaders.policiesInsuring.load(person.oneId),
    ]);
    return ctx.services.coverage.personGaps(person, role, policies);
  }
}

@Resolver(() => Household)
export class HouseholdCoverageResolver {
  @FieldResolver(() => [Policy])
  async policies(@Root() household: HouseholdRoot, @Ctx() ctx: Context): Promise<PolicyRecord[]> {
    return (await householdCoverage(ctx, household)).policies;
  }

  @FieldResolver(() => [CoverageGap], { description: "All members' gaps, most urgent first (priority ascending, then gap descending)." })
  async coverageGaps(@Root() household: HouseholdRoot, @Ctx() ctx: Context): Promise<Gap[]> {
    return (await householdCoverage(ctx, household)).gaps;
  }

  @FieldResolver(() => Int, { description: 'Sum of gap over coverageGaps.' })
  async totalGap(@Root() household: HouseholdRoot, @Ctx() ctx: Context): Promise<number> {
    return (await householdCoverage(ctx, household)).totalGap;
  }
}

/**
 * A household's policies and gaps from two batched look-ups: its members (the family
 * feature's loader) and the policies insuring them (the loader Person.policies uses, so
 * member policies in the same view cost nothing more). A household read with its view
 * (`household(id)`, `Person.household`: the household bundle, src/graphql/loaders.ts) has
 * both already primed, so its coverage costs no statement.
 * All members count, whoever asks: the caller could read the household itself.
 */
async function householdCoverage(ctx: Context, household: HouseholdRoot): Promise<{ policies: PolicyRecord[] } & HouseholdGapsView> {
  const members = await ctx.loaders.householdMembers.load(household.id);
  const perMember = await ctx.loaders.policiesInsuring.loadMany(members.map((m) => m.person.oneId));
  const lists = perMember.map((r) => {
    if (r instanceof Error) throw r;
    return r;
  });
  const policies = ctx.services.coverage.householdPolicies(lists);
  const facts = members.map((m) => ({ ...m.person, role: m.role }));
  return { policies, ...ctx.services.coverage.householdGaps(facts, policies) };
}

@Resolver(() => CoverageGap)
export class CoverageGapResolver {
  @FieldResolver(() => Person)
  person(@Root() gap: Gap, @Ctx() ctx: Context): PersonRecord | Promise<PersonRecord> {
    return requirePerson(ctx.loaders, gap.oneId);
  }
}

@Resolver(() => LifeEventTrigger)
export class LifeEventTriggerResolver {
  @FieldResolver(() => Person)
  person(@Root() trigger: TriggerRecord, @Ctx() ctx: Context): PersonRecord | Promise<PersonRecord> {
    return requirePerson(ctx.loaders, trigger.oneId);
  }
}
