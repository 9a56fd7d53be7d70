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
import { readFileSync } from 'node:fs';
import { DEFAULT_IDENTITY_RULES, IdentityRules, parseIdentityRules } from './identity/rules';
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
    rules: loadIdentityRules(config.identity.rulesFile),
    log,
  });
  return {
    clock,
    access: new AccessRepository(db, cypher),
    identity,
  };
}

/** Identifier limits and priority: the defaults, or a JSON override (a bad file stops start-up). */
function loadIdentityRules(file: string | undefined): IdentityRules {
  if (!file) return DEFAULT_IDENTITY_RULES;
  try {
    return parseIdentityRules(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`IDENTITY_RULES_FILE ${file}: ${(e as Error).message}`);
  }
}
