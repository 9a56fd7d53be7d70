/** The customers feature's wiring: its resolvers, its service (the 'customers' before-commit hook) and its loaders. */
import type { ModuleDeps, ResolverClass } from '../graphql/module';
import type { IdentityService } from '../identity/identity.service';
import { createCustomersLoaders } from './customers.loaders';
import { CustomersRepository } from './customers.repository';
import { CustomersResolver, HouseholdCustomerResolver, PersonCustomerResolver } from './customers.resolver';
import { CustomersService } from './customers.service';
import { loadCustomerRules } from './rules';

/** The name of the customer state's before-commit hook. */
export const CUSTOMERS_HOOK = 'customers';

export const customersModule = {
  resolvers: [CustomersResolver, PersonCustomerResolver, HouseholdCustomerResolver] as ResolverClass[],
  /** Customer rules: the defaults, or CUSTOMER_RULES_FILE (a bad file stops start-up); registers the stored-state hook. */
  createService({ db, cypher, config, clock, log }: ModuleDeps, identity: IdentityService): CustomersService {
    const service = new CustomersService(new CustomersRepository(db, cypher), {
      rules: loadCustomerRules(config.customers.rulesFile),
      clock,
      timeZone: config.timeZone,
      identity,
      log,
    });
    db.beforeCommit(CUSTOMERS_HOOK, (tx, touched) => service.refresh(tx, touched));
    return service;
  },
  createLoaders: createCustomersLoaders,
};
