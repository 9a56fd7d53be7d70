/**
 * The one way tests start kingraph: in process on a free port, wired exactly like `npm start`,
 * against the test run's real Neo4j. Requests go over HTTP with real bearer tokens.
 *
 *   const t = useTestApp();            // at file or describe level: started before its tests, closed after
 *   it('...', async () => { await t.ok(QUERY, vars); });
 *
 * `startTestApp` is for a test that needs an app of its own (other env or clock) next to it.
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
import { journalLog } from './privacy-sweep';

export const TEST_JWT_SECRET = 'kingraph-test-secret-at-least-32-bytes-long!';

export interface GqlResponse<T = Record<string, unknown>> {
  status: number;
  data?: T | null;
  errors?: Array<{ message: string; path?: unknown; extensions?: { code?: string } & Record<string, unknown> }>;
}

/** Every error code of a response, in order (none: []). Takes GraphQL responses and raw JSON bodies alike. */
export const codes = (res: { errors?: Array<{ extensions?: Record<string, unknown> }> | null }): string[] =>
  (res.errors ?? []).map((e) => String(e.extensions?.code));

/** The code of a response's first error (undefined when it has none). */
export function codeOf(res: GqlResponse<unknown>): string | undefined {
  return res.errors?.[0]?.extensions?.code;
}

export interface Caller {
  role: Role;
  sub: string;
}

export const ADMIN: Caller = { role: 'ADMIN', sub: 'test-admin' };
export const INGEST: Caller = { role: 'INGEST', sub: 'test-ingest' };
/** A CUSTOMER token for this OneID. */
export const customer = (oneId: string): Caller => ({ role: 'CUSTOMER', sub: oneId });
/** An ADVISOR token for this advisorId. */
export const advisor = (advisorId: string): Caller => ({ role: 'ADVISOR', sub: advisorId });

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

export function testDatabase(opts: { uri?: string; timeoutMs?: number } = {}): Database {
  const uri = opts.uri ?? process.env.KINGRAPH_TEST_NEO4J_URI ?? process.env.NEO4J_URI;
  if (!uri) throw new Error('No test Neo4j: run through jest (global setup) or set NEO4J_URI');
  return Database.connect(uri, process.env.NEO4J_USER ?? 'neo4j', process.env.NEO4J_PASSWORD ?? '', undefined, opts.timeoutMs);
}

export interface TestAppOptions {
  /** Configuration variables over the test defaults (JWT issuer, rules file, production mode...). */
  env?: Record<string, string>;
  /** The app's clock ("today"); the system clock when absent. */
  clock?: Clock;
  /** Another address for the test Neo4j (e.g. through a proxy a test can cut). */
  neo4jUri?: string;
}

/** A clock whose business day is pinned to `today` (dates are deterministic) while `now` runs (timestamps still order). */
export const pinnedToday = (today: string): Clock => ({ now: () => new Date(), today: () => today });

/** Start an app now; the caller closes it. Prefer `useTestApp` unless a test needs an app of its own. */
export async function startTestApp(opts: TestAppOptions = {}): Promise<TestApp> {
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
      journalLog(String(chunk));
      cb();
    },
  });
  const log = createLogger(config.logLevel, sink);
  const db = testDatabase({ uri: opts.neo4jUri, timeoutMs: config.neo4j.timeoutMs });
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
 * One app for the enclosing file or describe block: registers its beforeAll (start) and
 * afterAll (close) and returns a handle to use inside tests and later hooks. Using the handle
 * before the app started (at collection time, or after a failed start) throws a clear error.
 * `timeout`: for the start hook, when a slow machine needs more than the default.
 */
export function useTestApp(opts: TestAppOptions & { timeout?: number } = {}): TestApp {
  let started: TestApp | undefined;
  beforeAll(async () => {
    started = await startTestApp({ env: opts.env, clock: opts.clock });
  }, opts.timeout);
  afterAll(async () => {
    const app = started;
    started = undefined;
    await app?.close();
  });
  return new Proxy({} as TestApp, {
    get(_target, prop) {
      // Not a thenable: `await` or a promise resolving to the handle must not touch the app.
      if (prop === 'then') return undefined;
      if (!started) {
        throw new Error(
          `useTestApp(): the app is not running (reading "${String(prop)}"). Use the handle inside tests or hooks of the block that called useTestApp, after its beforeAll.`,
        );
      }
      return Reflect.get(started, prop);
    },
  });
}

/** A unique prefix per test so data never collides across tests, files or runs. */
export function uid(prefix = 't'): string {
  return `${prefix}-${randomUUID().slice(0, 12)}`;
}
