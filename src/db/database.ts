/**
 * The one way to talk to Neo4j: `write` runs a unit of work in a managed transaction (the
 * driver retries transient errors and deadlocks), `read` runs each of its statements as an
 * auto-commit transaction of a READ session (retried here; a cluster routes them to
 * followers). Inside, `tx.run(name-or-text, params)` returns plain JS rows: Neo4j
 * integers, dates and nodes are converted here, so no driver types leak into services.
 *
 * Every statement sent is counted in the current request scope (AsyncLocalStorage), which
 * lets tests and benchmarks assert the number of database round trips per GraphQL request.
 * The same scope carries the request's causal-consistency bookmarks (the ones the client sent
 * back, and the ones its writes produced) and its trace span: every statement is a child span
 * when tracing is on (OpenTelemetry API; a no-op without a registered provider).
 *
 * All sessions share one bookmark manager, so within a process a read follows every write
 * committed before it, on any cluster member; across processes, a client hands the bookmark
 * of its write to the next request (see src/graphql/plugins.ts).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { context as otelContext, SpanKind, SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import { serviceUnavailable } from '../errors';
import { statementName } from './cypher';
import neo4j, { Driver, ManagedTransaction, Record as NeoRecord, type BookmarkManager, type SessionConfig } from 'neo4j-driver';

export type Row = Record<string, unknown>;
export type Params = Record<string, unknown>;

export interface Tx {
  /** Run one Cypher statement (text from the registry) and return converted rows. */
  run<T = Row>(cypher: string, params?: Params): Promise<T[]>;
  /**
   * Say that this write changed inputs of derived state (stored rankings, aggregates): the
   * people or households named. The before-commit hook brings that state up to date in the
   * same transaction (see `Database.beforeCommit`). No effect in a read.
   */
  touch(kind: keyof Touched, ids: readonly string[]): void;
}

/** What a write transaction changed, for the before-commit hook. */
export interface Touched {
  persons: Set<string>;
  households: Set<string>;
  /**
   * People whose customer state alone may have changed (their interactions; a rebuild or the
   * day's refresh of that state): the customers hook reads these, the work-list does not.
   */
  customers: Set<string>;
}

/** Nothing touched yet. */
export function emptyTouched(): Touched {
  return { persons: new Set(), households: new Set(), customers: new Set() };
}

const touchedAnything = (t: Touched): boolean => t.persons.size > 0 || t.households.size > 0 || t.customers.size > 0;

/** Runs in the write transaction after its work, before commit, when it touched anything. */
export type BeforeCommit = (tx: Tx, touched: Touched) => Promise<void>;

/** What one request (or one `countStatements` call) carries down to the database. */
export interface Scope {
  statements: number;
  /** Bookmarks the client sent back: every transaction of the request starts from at least that state. */
  bookmarks: string[];
  /** Bookmarks of the write transactions this request committed (the last one wins). */
  written: string[];
  /** The request's trace span, parent of the statements' spans. */
  span?: Span;
}

const scopes = new AsyncLocalStorage<Scope>();
const tracer = trace.getTracer('kingraph');
const newScope = (bookmarks: string[] = []): Scope => ({ statements: 0, bookmarks, written: [] });

/** Run `fn` counting the database statements it sends; returns the count with the result. */
export async function countStatements<T>(fn: () => Promise<T>): Promise<{ result: T; statements: number }> {
  const scope = newScope();
  const result = await scopes.run(scope, fn);
  return { result, statements: scope.statements };
}

/** Enter a request scope for the rest of this async context (used per HTTP request), starting from `bookmarks`. */
export function enterStatementScope(bookmarks: string[] = []): Scope {
  const scope = newScope(bookmarks);
  scopes.enterWith(scope);
  return scope;
}

/** The current request's scope, if any. */
export function currentScope(): Scope | undefined {
  return scopes.getStore();
}

export function currentStatementCount(): number {
  return scopes.getStore()?.statements ?? 0;
}

/** Convert driver values (Integer, temporal types, nodes, lists, maps) to plain JS. */
export function toNative(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'object') return value; // strings, numbers, booleans: most values, and no driver type
  if (neo4j.isInt(value)) return (value as { toNumber(): number }).toNumber();
  if (Array.isArray(value)) return value.map(toNative);
  if (neo4j.isDateTime(value as never) || neo4j.isDate(value as never) || neo4j.isLocalDateTime(value as never)) {
    return String(value);
  }
  if (typeof value === 'object') {
    const v = value as { properties?: Record<string, unknown>; labels?: unknown; type?: unknown };
    if (v.properties && (v.labels !== undefined || v.type !== undefined)) return toNative(v.properties);
    const out: Row = {};
    for (const [k, x] of Object.entries(value as Row)) out[k] = toNative(x);
    return out;
  }
  return value;
}

function recordToRow(r: NeoRecord): Row {
  const row: Row = {};
  for (const key of r.keys) row[String(key)] = toNative(r.get(key));
  return row;
}

/** What runs a statement: a managed transaction (writes) or a session (a read's auto-commit statements). */
type Runner = Pick<ManagedTransaction, 'run'>;

/**
 * tx.run without the driver's call-site stack trace: it captures one for every statement
 * (`new Error().stack`, to decorate errors we log by code and statement name only), and
 * formatting it was about 4 % of a family view's CPU (bench/results/2026-12-03-api-profile.md).
 * The Result is built synchronously inside tx.run, so the limit is restored before any other
 * code runs.
 */

function runWithoutStack(tx: Runner, cypher: string, params: Params): ReturnType<ManagedTransaction['run']> {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return tx.run(cypher, params);
  } finally {
    Error.stackTraceLimit = limit;
  }
}

function wrap(tx: Runner, touched?: Touched): Tx {
  return {
    touch(kind, ids) {
      if (touched) for (const id of ids) touched[kind].add(id);
    },
    async run<T>(cypher: string, params: Params = {}): Promise<T[]> {
      const scope = scopes.getStore();
      if (scope) scope.statements += 1;
      if (!scope?.span) return (await runWithoutStack(tx, cypher, params)).records.map(recordToRow) as T[];
      // Traced: one child span per statement, named by its file (never the parameters).
      const name = statementName(cypher) ?? 'inline';
      const span = tracer.startSpan(
        `cypher ${name}`,
        { kind: SpanKind.CLIENT, attributes: { 'db.system': 'neo4j', 'db.operation.name': name } },
        trace.setSpan(otelContext.active(), scope.span),
      );
      try {
        const rows = (await runWithoutStack(tx, cypher, params)).records.map(recordToRow) as T[];
        span.setAttribute('db.response.returned_rows', rows.length);
        return rows;
      } catch (e) {
        span.setStatus({ code: SpanStatusCode.ERROR, message: (e as { code?: string }).code ?? 'error' });
        throw e;
      } finally {
        span.end();
      }
    },
  };
}

/** The database sessions name when NEO4J_DATABASE is not set: Neo4j's default database. */
export const DEFAULT_DATABASE = 'neo4j';

/** How long a transaction waits for an unreachable database when NEO4J_TIMEOUT_MS is not set. */
export const DEFAULT_TIMEOUT_MS = 5000;

/** Driver errors that mean the database cannot be reached (not that a statement failed). */
export function isUnavailable(e: unknown): boolean {
  const err = e as { code?: unknown; message?: unknown } | null;
  if (!err || typeof err !== 'object') return false;
  if (err.code === neo4j.error.SERVICE_UNAVAILABLE || err.code === neo4j.error.SESSION_EXPIRED) return true;
  return typeof err.message === 'string' && /Connection acquisition timed out|Failed to connect to server|connection was closed|ECONNREFUSED|ECONNRESET/i.test(err.message);
}

/** Neo4j's code for a transaction chosen as a deadlock's victim (safe to run again). */
const DEADLOCK = 'Neo.TransientError.Transaction.DeadlockDetected';
/** How long a write keeps retrying deadlocks with other writers. */
export const WRITE_CONTENTION_MS = 30_000;

/** Largest number of connections the driver opens (also reported by /metrics). */
export const MAX_CONNECTION_POOL_SIZE = 100;

export class Database {
  private readonly hooks = new Map<string, BeforeCommit>();
  /** While a bulk load defers the hooks: what its writes touched (see deferHooks). */
  private deferred: Touched | null = null;
  /** One bookmark manager for every session of the process (causal consistency within it). */
  readonly bookmarkManager: BookmarkManager = neo4j.bookmarkManager();
  /** Sessions open now (each holds at most one pooled connection while it runs). */
  private open = 0;
  private available = true;
  private availabilityListener?: (available: boolean) => void;

  constructor(
    readonly driver: Driver,
    private readonly database?: string,
    /** How long a read keeps retrying errors the driver calls retryable (as maxTransactionRetryTime for writes). */
    private readonly retryMs: number = DEFAULT_TIMEOUT_MS,
  ) {}

  /**
   * `database`: named on every session (unnamed, the driver first asks the server for the home
   * database: one more round trip per transaction). `timeoutMs`: how long a transaction keeps
   * retrying, and waits for a connection, while the database cannot be reached; then it fails
   * with SERVICE_UNAVAILABLE.
   */
  static connect(uri: string, user: string, password: string, database: string = DEFAULT_DATABASE, timeoutMs = DEFAULT_TIMEOUT_MS): Database {
    // A local Neo4j runs with auth disabled and accepts any basic credentials.
    const driver = neo4j.driver(uri, neo4j.auth.basic(user, password), {
      disableLosslessIntegers: false,
      maxConnectionPoolSize: MAX_CONNECTION_POOL_SIZE,
      connectionAcquisitionTimeout: timeoutMs,
      connectionTimeout: timeoutMs,
      maxTransactionRetryTime: timeoutMs,
      logging: { level: 'error', logger: () => undefined },
    });
    return new Database(driver, database, timeoutMs);
  }

  /** Called once when the database becomes unreachable (false) and once when it answers again (true). */
  onAvailability(listener: (available: boolean) => void): void {
    this.availabilityListener = listener;
  }

  /** Run a transaction; an unreachable database becomes SERVICE_UNAVAILABLE, and the loss and the recovery are reported once each. */
  private async withAvailability<T>(run: () => Promise<T>): Promise<T> {
    try {
      const result = await run();
      if (!this.available) this.setAvailable(true);
      return result;
    } catch (e) {
      // A bookmark the database did not reach within its db.transaction.bookmark_ready_timeout: retryable.
      if ((e as { code?: unknown } | null)?.code === 'Neo.TransientError.Transaction.BookmarkTimeout') throw serviceUnavailable();
      if (!isUnavailable(e)) throw e;
      if (this.available) this.setAvailable(false);
      throw serviceUnavailable();
    }
  }

  private setAvailable(available: boolean): void {
    this.available = available;
    this.availabilityListener?.(available);
  }

  read<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.withAvailability(() => this.readOnce(work));
  }

  /** Sessions open now: the connection pool's use, for /metrics. */
  sessionsOpen(): number {
    return this.open;
  }

  /** A session on the shared bookmark manager, starting from the request's bookmarks. */
  private session(mode: SessionConfig['defaultAccessMode']) {
    const bookmarks = scopes.getStore()?.bookmarks;
    this.open += 1;
    return this.driver.session({
      database: this.database,
      defaultAccessMode: mode,
      bookmarkManager: this.bookmarkManager,
      ...(bookmarks && bookmarks.length > 0 ? { bookmarks } : {}),
    });
  }

  private async closeSession(session: ReturnType<Driver['session']>): Promise<void> {
    this.open -= 1;
    await session.close();
  }

  /**
   * A read runs each statement as an auto-commit transaction of a READ session: one Bolt
   * message flush and one round trip per statement, where a managed read transaction sends
   * BEGIN, RUN and COMMIT separately (about 14 % of resolveIdentity's server CPU under load,
   * bench/results/2026-12-03-api-profile.md). Neo4j reads are read-committed either way, so
   * statements of one read see the same kind of state as before; bookmarks and routing are the
   * session's. Errors the driver calls retryable re-run the whole read, with back-off, for up
   * to `retryMs`, as executeRead did.
   */
  private async readOnce<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    const started = Date.now();
    for (let attempt = 0; ; attempt += 1) {
      const session = this.session(neo4j.session.READ);
      let failure: unknown;
      try {
        return await work(wrap(session));
      } catch (e) {
        failure = e;
      } finally {
        await this.closeSession(session);
      }
      if (!neo4j.isRetryableError(failure) || Date.now() - started >= this.retryMs) throw failure;
      await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 50 * 2 ** attempt)));
    }
  }

  /**
   * Register (or, with null, remove) the before-commit hook of one kind of derived state: the
   * composition root wires each feature's stored state here, by name. Every write that touched
   * people or households runs the hooks, in registration order, in its own transaction, so a
   * client reads its own write, derived state included. A retried transaction starts afresh.
   */
  beforeCommit(name: string, hook: BeforeCommit | null): void {
    if (hook) this.hooks.set(name, hook);
    else this.hooks.delete(name);
  }

  /**
   * Run `work` with the before-commit hooks deferred: its writes commit without them and what
   * they touched is collected and returned, for the caller to bring up to date in large batches
   * (`runHook`). Process-wide while `work` runs: for a bulk load, never beside a serving app.
   */
  async deferHooks<T>(work: () => Promise<T>): Promise<{ result: T; touched: Touched }> {
    if (this.deferred) throw new Error('hooks are already deferred');
    const touched = emptyTouched();
    this.deferred = touched;
    try {
      return { result: await work(), touched };
    } finally {
      this.deferred = null;
    }
  }

  /** Run one named before-commit hook over `touched` in a write transaction of its own (deferred state). */
  async runHook(name: string, touched: Touched): Promise<void> {
    const hook = this.hooks.get(name);
    if (!hook) throw new Error(`no before-commit hook named ${name}`);
    await this.write((tx) => hook(tx, touched));
  }

  /**
   * A deadlock between concurrent writers is retried (fresh transaction, jittered back-off) for
   * up to WRITE_CONTENTION_MS, apart from the driver's own retries, which NEO4J_TIMEOUT_MS
   * bounds so that an unreachable database answers fast: under heavy contention on a loaded
   * machine, 5 s of deadlock retries could run out and surface as an internal error.
   */
  async write<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    const started = Date.now();
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await this.withAvailability(() => this.writeOnce(work));
      } catch (e) {
        if ((e as { code?: unknown } | null)?.code !== DEADLOCK || Date.now() - started >= WRITE_CONTENTION_MS) throw e;
        await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(1000, 50 * 2 ** attempt)));
      }
    }
  }

  private async writeOnce<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    const session = this.session(neo4j.session.WRITE);
    try {
      const result = await session.executeWrite(
        async (tx) => {
          const touched = emptyTouched();
          const wrapped = wrap(tx, touched);
          const result = await work(wrapped);
          if (this.deferred) {
            for (const kind of ['persons', 'households', 'customers'] as const) for (const id of touched[kind]) this.deferred[kind].add(id);
          } else if (touchedAnything(touched)) {
            for (const hook of this.hooks.values()) await hook(wrapped, touched);
          }
          return result;
        },
        { timeout: 120_000 },
      );
      const scope = scopes.getStore();
      if (scope) scope.written = session.lastBookmarks();
      return result;
    } finally {
      await this.closeSession(session);
    }
  }

  /** Schema statements (constraints, indexes) cannot share a transaction with writes. */
  async runAutoCommit(cypher: string, params: Params = {}): Promise<Row[]> {
    const session = this.session(neo4j.session.WRITE);
    try {
      const res = await session.run(cypher, params);
      return res.records.map(recordToRow);
    } finally {
      await this.closeSession(session);
    }
  }

  async ping(): Promise<boolean> {
    try {
      await this.driver.verifyConnectivity({ database: this.database });
      return true;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    await this.driver.close();
  }
}
