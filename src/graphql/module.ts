/**
 * What a feature module gives the composition root (src/server/features.ts): its resolver
 * classes. Each feature's `<feature>.module.ts` also builds its service from `ModuleDeps`
 * (and the services it depends on) and its per-request loaders.
 */
import type { Clock } from '../clock';
import type { Config } from '../config/config';
import type { CypherRegistry } from '../db/cypher';
import type { Database } from '../db/database';
import type { Logger } from '../logger';

/** What every feature is built from. */
export interface ModuleDeps {
  db: Database;
  cypher: CypherRegistry;
  config: Config;
  clock: Clock;
  log: Logger;
}

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export type ResolverClass = Function;
