/** The coverage feature's wiring: its resolvers, its service (with the rules in force), its loaders. */
import type { ModuleDeps, ResolverClass } from '../graphql/module';
import type { IdentityService } from '../identity/identity.service';
import { createCoverageLoaders } from './coverage.loaders';
import { CoverageRepository } from './coverage.repository';
import {
  CoverageGapResolver,
  HouseholdCoverageResolver,
  LifeEventTriggerResolver,
  PersonCoverageResolver,
  PolicyResolver,
} from './coverage.resolver';
import { CoverageService } from './coverage.service';
import { loadRules } from './rules';

export const coverageModule = {
  resolvers: [PolicyResolver, PersonCoverageResolver, HouseholdCoverageResolver, CoverageGapResolver, LifeEventTriggerResolver] as ResolverClass[],
  /** Coverage needs rules: the defaults, or COVERAGE_RULES_FILE (a bad file stops start-up). */
  createService({ db, cypher, config, clock, log }: ModuleDeps, identity: IdentityService): CoverageService {
    return new CoverageService(new CoverageRepository(db, cypher), {
      rules: loadRules(config.coverage.rulesFile),
      lang: config.coverage.reasonLang,
      clock,
      identity,
      log,
    });
  },
  createLoaders: createCoverageLoaders,
};
