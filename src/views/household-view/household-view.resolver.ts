/** The two ways to a household view: `Query.household(id)` and `Person.household`. */
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Authorized, Ctx, FieldResolver, ID, Info, Query, Resolver, Root } from 'type-graphql';
import type { HouseholdRecord } from '../../family/family.model';
import { Household } from '../../family/family.types';
import type { PersonRecord } from '../../identity/identity.model';
import { Person } from '../../identity/identity.types';
import { loadHousehold, type HouseholdViewContext as Context } from './household-view.loaders';

@Resolver()
export class HouseholdViewResolver {
  @Authorized()
  @Query(() => Household, { nullable: true })
  async household(@Arg('id', () => ID) id: string, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo): Promise<HouseholdRecord | null> {
    return ctx.scope.readableHousehold(await loadHousehold(ctx.loaders, 'id', id, info));
  }
}

@Resolver(() => Person)
export class PersonHouseholdResolver {
  @FieldResolver(() => Household, { nullable: true, description: "The person's household (a person belongs to at most one)." })
  household(@Root() person: PersonRecord, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo): Promise<HouseholdRecord | null> {
    return loadHousehold(ctx.loaders, 'person', person.oneId, info);
  }
}
