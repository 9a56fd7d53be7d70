/**
 * Wiring: repositories and services built once from the database, the Cypher registry,
 * the configuration and the clock. Constructing a repository resolves its Cypher names,
 * so a missing query file fails here, at start-up.
 */
import { AccessRepository } from './auth/access.repository';
import type { Clock } from './clock';
import type { Config } from './config/config';
import { CoverageRepository } from './coverage/coverage.repository';
import { CoverageService } from './coverage/coverage.service';
import { loadRules as loadCoverageRules } from './coverage/rules';
import type { CypherRegistry } from './db/cypher';
import type { Database } from './db/database';
import { FamilyRepository } from './family/family.repository';
import { FamilyService } from './family/family.service';
import { IdentityRepository } from './identity/identity.repository';
import { IdentityService } from './identity/identity.service';
import { ReferralRepository } from './referral/referral.repository';
import { ReferralService } from './referral/referral.service';
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
  coverage: CoverageService;
  family: FamilyService;
  referral: ReferralService;
}

export function buildServices(deps: Deps): Services {
  const { db, cypher, config, clock, log } = deps;
  const identity = new IdentityService(new IdentityRepository(db, cypher), {
    hashSecret: config.identifierHashSecret,
    rules: loadIdentityRules(config.identity.rulesFile),
    log,
  });
  // Coverage needs rules: the defaults, or COVERAGE_RULES_FILE (a bad file stops start-up).
  const coverage = new CoverageService(new CoverageRepository(db, cypher), {
    rules: loadCoverageRules(config.coverage.rulesFile),
    lang: config.coverage.reasonLang,
    clock,
    identity,
    log,
  });
  return {
    clock,
    access: new AccessRepository(db, cypher),
    identity,
    coverage,
    family: new FamilyService(new FamilyRepository(db, cypher), identity, clock, log),
    referral: new ReferralService(new ReferralRepository(db, cypher), { identity, log }),
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
