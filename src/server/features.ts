/**
 * The composition root: the one place that lists the features. Services are built once
 * from the database, the Cypher registry, the configuration and the clock (constructing a
 * repository resolves its Cypher names, so a missing query file fails here, at start-up);
 * loaders are built fresh for every request; the resolvers make the served schema.
 * Features below views, views below this file: nothing imports it but the server and the CLI.
 */
import { advisorsModule } from '../advisors/advisors.module';
import { AccessRepository } from '../auth/access.repository';
import { campaignsModule } from '../campaigns/campaigns.module';
import { contactModule } from '../contact/contact.module';
import { coverageModule } from '../coverage/coverage.module';
import { customersModule } from '../customers/customers.module';
import { familyModule } from '../family/family.module';
import type { ModuleDeps, ResolverClass } from '../graphql/module';
import { identityModule } from '../identity/identity.module';
import { referralModule } from '../referral/referral.module';
import { householdViewModule } from '../views/household-view/household-view.module';
import { personExportModule } from '../views/person-export/person-export.module';
import { worklistModule } from '../worklist/worklist.module';

export function buildServices(deps: ModuleDeps) {
  const keys = contactModule.createKeys(deps);
  const identity = identityModule.createService(deps, keys);
  const coverage = coverageModule.createService(deps, identity);
  const referral = referralModule.createService(deps, identity);
  const contact = contactModule.createService(deps, identity, keys);
  return {
    clock: deps.clock,
    access: new AccessRepository(deps.db, deps.cypher),
    identity,
    family: familyModule.createService(deps, identity),
    coverage,
    referral,
    advisors: advisorsModule.createService(deps),
    worklist: worklistModule.createService(deps, coverage),
    campaigns: campaignsModule.createService(deps, referral, coverage),
    customers: customersModule.createService(deps, identity),
    householdView: householdViewModule.createRepository(deps),
    contact,
    personExport: personExportModule.createService(deps, contact),
  };
}

export type Services = ReturnType<typeof buildServices>;

/** Every feature's per-request loaders in one object (the household view primes the others). */
export function createLoaders(services: Services) {
  const primed = {
    ...identityModule.createLoaders(services.identity),
    ...familyModule.createLoaders(services.family),
    ...coverageModule.createLoaders(services.coverage),
    ...referralModule.createLoaders(services.referral),
    ...advisorsModule.createLoaders(services.advisors),
    ...campaignsModule.createLoaders(services.campaigns),
    ...customersModule.createLoaders(services.customers),
    ...contactModule.createLoaders(services.contact),
  };
  return Object.assign(primed, householdViewModule.createLoaders(services.householdView, primed));
}

export type Loaders = ReturnType<typeof createLoaders>;

export const resolvers: [ResolverClass, ...ResolverClass[]] = [
  ...identityModule.resolvers,
  ...familyModule.resolvers,
  ...coverageModule.resolvers,
  ...referralModule.resolvers,
  ...advisorsModule.resolvers,
  ...worklistModule.resolvers,
  ...campaignsModule.resolvers,
  ...customersModule.resolvers,
  ...householdViewModule.resolvers,
  ...contactModule.resolvers,
  ...personExportModule.resolvers,
] as [ResolverClass, ...ResolverClass[]];
