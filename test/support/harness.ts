/**
 * An in-process kingraph on a free port, wired exactly like `npm start`, against the
 * test run's real Neo4j. Requests go over HTTP with real bearer tokens.
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { App, startApp } from '../../src/server/bootstrap';
import { mintToken } from '../../src/auth/jwt';
import type { Role } from '../../src/auth/principal';
import { Clock } from '../../src/clock';
import { Config, loadConfig } from '../../src/config/config';
import { Database } from '../../src/db/database';
import { createLogger } from '../../src/logger';

export const TEST_JWT_SECRET = 'kingraph-test-secret-at-least-32-bytes-long!';

export interface GqlResponse<T = Record<string, unknown>> {
  status: number;
  data?: T | null;
  errors?: Array<{ message: string; path?: unknown; extensions?: { code?: string } & Record<string, unknown> }>;
}

export interface Caller {
  role: Role;
  sub: string;
}

export const ADMIN: Caller = { role: 'ADMIN', sub: 'test-admin' };
export const INGEST: Caller = { role: 'INGEST', sub: 'test-ingest' };

export interface TestApp {
  app: App;
  db: Database;
  config: Config;
  /** Every log line the app wrote, for tests that check what is (not) logged. */
  logs: string[];
  /** POST a GraphQL operation as `caller` (null: no Authorization header). */
  gql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, caller?: Caller | null): Promise<GqlResponse<T>>;
  /** Like gql but fails the test on any error, returning data. */
  ok<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, caller?: Caller | null): Promise<T>;
  token(caller: Caller): Promise<string>;
  close(): Promise<void>;
}

export function testDatabase(): Database {
  const uri = process.env.KINGRAPH_TEST_NEO4J_URI ?? process.env.NEO4J_URI;
  if (!uri) throw new Error('No test Neo4j: run through jest (global setup) or set NEO4J_URI');
  return Database.connect(uri, process.env.NEO4J_USER ?? 'neo4j', process.env.NEO4J_PASSWORD ?? '');
}

export async function startTestApp(opts: { env?: Record<string, string>; clock?: Clock } = {}): Promise<TestApp> {
  const config = loadConfig({
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: '0',
    JWT_SECRET: TEST_JWT_SECRET,
    IDENTIFIER_HASH_SECRET: 'kingraph-test-identifier-hash-secret-32bytes',
    LOG_LEVEL: 'info',
    ...opts.env,
  });
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, cb) {
      logs.push(String(chunk));
      cb();
    },
  });
  const log = createLogger(config.logLevel, sink);
  const db = testDatabase();
  const app = await startApp(config, db, log, opts.clock);
  const token = (caller: Caller): Promise<string> => mintToken(TEST_JWT_SECRET, caller);

  const gql = async <T>(query: string, variables: Record<string, unknown> = {}, caller: Caller | null = ADMIN): Promise<GqlResponse<T>> => {
    const headers: Record<string, string> = { 'content-type': 'application/json', 'x-request-id': randomUUID() };
    if (caller) headers.authorization = `Bearer ${await token(caller)}`;
    const res = await fetch(app.server.url, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
    const body = (await res.json()) as GqlResponse<T>;
    return { ...body, status: res.status };
  };

  return {
    app,
    db,
    config,
    logs,
    gql,
    async ok<T>(query: string, variables?: Record<string, unknown>, caller?: Caller | null): Promise<T> {
      const res = await gql<T>(query, variables, caller === undefined ? ADMIN : caller);
      if (res.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(res.errors)}`);
      return res.data as T;
    },
    token,
    async close() {
      await app.server.stop();
      await db.close();
    },
  };
}

/**
 * One app for the whole test file: started before all its tests, closed after them. `use`
 * receives it: `let t: TestApp; withTestApp((app) => (t = app));`.
 */
export function withTestApp(use: (t: TestApp) => void, opts: Parameters<typeof startTestApp>[0] = {}): void {
  let started: TestApp | undefined;
  beforeAll(async () => {
    started = await startTestApp(opts);
    use(started);
  });
  afterAll(async () => {
    await started?.close();
  });
}

/** A unique prefix per test so data never collides across tests, files or runs. */
export function uid(prefix = 't'): string {
  return `${prefix}-${randomUUID().slice(0, 12)}`;
}
