/**
 * Start-up shared by `npm start`, the CLI and the tests: connect to Neo4j (or provision a
 * local one when NEO4J_URI is unset), apply migrations, build services, serve HTTP.
 */
import { isAbsolute, join } from 'node:path';
import { Clock, fixedClock, systemClock } from '../clock';
import type { Config } from '../config/config';
import { CypherRegistry } from '../db/cypher';
import { Database } from '../db/database';
import { startLocalNeo4j, LocalNeo4j } from '../db/localNeo4j';
import { migrate, migrationsApplied } from '../db/migrations';
import { superviseLocalNeo4j, type Supervised } from '../db/supervisor';
import type { Logger } from '../logger';
import { repoRoot } from '../paths';
import { buildServices, type Services } from './features';
import { RunningServer, startHttpServer } from './http';

export interface Connection {
  db: Database;
  /** The local Neo4j this process started and supervises (restarted when it dies); null with NEO4J_URI. */
  local: Supervised | null;
}

/** Connect to NEO4J_URI, or start the local Neo4j under NEO4J_DATA_DIR when it is unset. */
export async function connect(config: Config, log: Logger): Promise<Connection> {
  let uri = config.neo4j.uri;
  let local: Supervised | null = null;
  if (uri === null) {
    const dataDir = isAbsolute(config.neo4j.dataDir) ? config.neo4j.dataDir : join(repoRoot(), config.neo4j.dataDir);
    log.info({ dataDir }, 'NEO4J_URI not set: starting a local Neo4j');
    const started = Date.now();
    const start = (port: number): Promise<LocalNeo4j> =>
      startLocalNeo4j({ dataDir, port: port || config.neo4j.localPort, heap: config.neo4j.heap, pageCache: config.neo4j.pageCache, log: (msg) => log.info(msg) });
    local = await superviseLocalNeo4j(start, log);
    uri = local.current().uri;
    log.info({ uri, ms: Date.now() - started }, 'local Neo4j ready');
  }
  const db = Database.connect(uri, config.neo4j.user, config.neo4j.password, config.neo4j.database, config.neo4j.timeoutMs);
  return { db, local };
}

export interface App {
  services: Services;
  server: RunningServer;
  cypher: CypherRegistry;
  clock: Clock;
}

export async function startApp(config: Config, db: Database, log: Logger, clock?: Clock): Promise<App> {
  const cypher = CypherRegistry.load();
  db.onAvailability((available) => {
    if (available) log.info('database available again');
    else log.warn('database unavailable: requests answer SERVICE_UNAVAILABLE (HTTP 503, Retry-After) until it is back');
  });
  const report = await migrate(db, cypher);
  if (report.applied.length > 0) log.info({ applied: report.applied }, 'migrations applied');
  const appClock = clock ?? (config.today ? fixedClock(config.today) : systemClock(config.timeZone));
  const services = buildServices({ db, cypher, config, clock: appClock, log });
  // Derived state built with other coverage rules (or never built) is rebuilt before serving.
  await services.worklist.rebuildIfRulesChanged();
  await services.customers.rebuildIfRulesChanged();
  // Best effort, in the background: a slow or failed warm-up only costs the first merge time.
  services.identity.warmUp().catch((e: unknown) => log.debug({ err: { message: (e as Error).message } }, 'identity warm-up skipped'));
  const server = await startHttpServer({
    config,
    db,
    services,
    log,
    ready: async () => (await db.ping()) && (await migrationsApplied(db, cypher)),
  });
  return { services, server, cypher, clock: appClock };
}
