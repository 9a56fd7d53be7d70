/** The household view's wiring: its resolvers, its repository (the one statement), its loader. */
import type { ModuleDeps, ResolverClass } from '../../graphql/module';
import { createHouseholdViewLoaders } from './household-view.loaders';
import { HouseholdViewRepository } from './household-view.repository';
import { HouseholdViewResolver, PersonHouseholdResolver } from './household-view.resolver';

export const householdViewModule = {
  resolvers: [HouseholdViewResolver, PersonHouseholdResolver] as ResolverClass[],
  createRepository({ db, cypher }: ModuleDeps): HouseholdViewRepository {
    return new HouseholdViewRepository(db, cypher);
  },
  createLoaders: createHouseholdViewLoaders,
};
