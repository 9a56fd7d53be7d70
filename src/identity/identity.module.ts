/** The identity feature's wiring: its resolvers, its service, its loaders. */
import { readFileSync } from 'node:fs';
import type { ModuleDeps, ResolverClass } from '../graphql/module';
import { createIdentityLoaders } from './identity.loaders';
import { IdentityRepository } from './identity.repository';
import { IdentityResolver } from './identity.resolver';
import { IdentityService } from './identity.service';
import { DEFAULT_IDENTITY_RULES, IdentityRules, parseIdentityRules } from './rules';
import type { IdentifierSealer } from './sealing';

export const identityModule = {
  resolvers: [IdentityResolver] as ResolverClass[],
  /** `sealer`: how raw values are stored encrypted (the contact feature's key management). */
  createService({ db, cypher, config, log, clock }: ModuleDeps, sealer: IdentifierSealer): IdentityService {
    return new IdentityService(new IdentityRepository(db, cypher), {
      hashSecret: config.identifierHashSecret,
      rules: loadIdentityRules(config.identity.rulesFile),
      log,
      clock,
      sealer,
    });
  },
  createLoaders: createIdentityLoaders,
};

/** Identifier limits and priority: the defaults, or a JSON override (a bad file stops start-up). */
function loadIdentityRules(file: string | undefined): IdentityRules {
  if (!file) return DEFAULT_IDENTITY_RULES;
  try {
    return parseIdentityRules(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`IDENTITY_RULES_FILE ${file}: ${(e as Error).message}`);
  }
}
