/** The family feature's wiring: its resolvers, its service, its loaders. */
import type { ModuleDeps, ResolverClass } from '../graphql/module';
import type { IdentityService } from '../identity/identity.service';
import { createFamilyLoaders } from './family.loaders';
import { FamilyRepository } from './family.repository';
import { FamilyResolver, HouseholdResolver, PersonFamilyResolver } from './family.resolver';
import { FamilyService } from './family.service';

export const familyModule = {
  resolvers: [FamilyResolver, PersonFamilyResolver, HouseholdResolver] as ResolverClass[],
  createService({ db, cypher, clock, log }: ModuleDeps, identity: IdentityService): FamilyService {
    return new FamilyService(new FamilyRepository(db, cypher), identity, clock, log);
  },
  createLoaders: createFamilyLoaders,
};
