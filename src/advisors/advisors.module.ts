/** The advisors feature's wiring: its resolvers, its service, its loaders. */
import type { ModuleDeps, ResolverClass } from '../graphql/module';
import { createAdvisorsLoaders } from './advisors.loaders';
import { AdvisorsRepository } from './advisors.repository';
import { AdvisorFieldsResolver, AdvisorsResolver } from './advisors.resolver';
import { AdvisorsService } from './advisors.service';

export const advisorsModule = {
  resolvers: [AdvisorsResolver, AdvisorFieldsResolver] as ResolverClass[],
  createService({ db, cypher, clock, log }: ModuleDeps): AdvisorsService {
    return new AdvisorsService(new AdvisorsRepository(db, cypher), clock, log);
  },
  createLoaders: createAdvisorsLoaders,
};
