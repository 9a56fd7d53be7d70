/**
 * Wiring: repositories and services built once from the database, the Cypher registry,
 * the configuration and the clock. Constructing a repository resolves its Cypher names,
 * so a missing query file fails here, at start-up.
 */
import { AccessRepository } from './auth/access.repository';
import type { Clock } from './clock';
import type { Config } from './config/config';
import type { CypherRegistry } from './db/cypher';
import type { Database } from './db/database';
import { IdentityRepository } from './identity/identity.repository';
import { IdentityService } from './identity/identity.service';
import { DEFAULT_IDENTITY_RULES } from './identity/rules';
import type { Logger } from './logger';

export interface Deps {
  db: Database;
  cypher: CypherRegistry;
  config: Config;
  clock: Clock;
  log: Logger;
}

export interface Services {
  clock: Clock;
  access: AccessRepository;
  identity: IdentityService;
}

export function buildServices(deps: Deps): Services {
  const { db, cypher, config, clock, log } = deps;
  const identity = new IdentityService(new IdentityRepository(db, cypher), {
    hashSecret: config.identifierHashSecret,
    rules: DEFAULT_IDENTITY_RULES,
    log,
  });
  return {
    clock,
    access: new AccessRepository(db, cypher),
    identity,
  };
}
