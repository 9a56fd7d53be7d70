/**
 * The one way to talk to Neo4j: `read` and `write` run a unit of work in a managed
 * transaction (the driver retries transient errors and deadlocks; a cluster routes reads
 * to followers). Inside, `tx.run(name-or-text, params)` returns plain JS rows: Neo4j
 * integers, dates and nodes are converted here, so no driver types leak into services.
 *
 * Every statement sent is counted in the current request scope (AsyncLocalStorage), which
 * lets tests and benchmarks assert the number of database round trips per GraphQL request.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { serviceUnavailable } from '../errors';
import neo4j, { Driver, ManagedTransaction, Record as NeoRecord } from 'neo4j-driver';

export type Row = Record<string, unknown>;
export type Params = Record<string, unknown>;

export interface Tx {
  /** Run one Cypher statement (text from the registry) and return converted rows. */
  run<T = Row>(cypher: string, params?: Params): Promise<T[]>;
  /**
   * Say that this write changed inputs of derived state (stored rankings, aggregates): the
   * people or households named. The before-commit hook brings that state up to date in the
   * same transaction (see `Database.beforeCommit`). No effect in a read transaction.
   */
  touch(kind: keyof Touched, ids: readonly string[]): void;
}

/** What a write transaction changed, for the before-commit hook. */
export interface Touched {
  persons: Set<string>;
  households: Set<string>;
}

/** Runs in the write transaction after its work, before commit, when it touched anything. */
export type BeforeCommit = (tx: Tx, touched: Touched) => Promise<void>;

interface Scope {
  statements: number;
}

const scopes = new AsyncLocalStorage<Scope>();

/** Run `fn` counting the database statements it sends; returns the count with the result. */
export async function countStatements<T>(fn: () => Promise<T>): Promise<{ result: T; statements: number }> {
  const scope: Scope = { statements: 0 };
  const result = await scopes.run(scope, fn);
  return { result, statements: scope.statements };
}

/** Enter a counting scope for the rest of this async context (used per HTTP request). */
export function enterStatementScope(): Scope {
  const scope: Scope = { statements: 0 };
  scopes.enterWith(scope);
  return scope;
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

function wrap(tx: ManagedTransaction, touched?: Touched): Tx {
  return {
    touch(kind, ids) {
      if (touched) for (const id of ids) touched[kind].add(id);
    },
    async run<T>(cypher: string, params: Params = {}): Promise<T[]> {
      const scope = scopes.getStore();
      if (scope) scope.statements += 1;
      const res = await tx.run(cypher, params);
      return res.records.map(recordToRow) as T[];
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

export class Database {
  private readonly hooks = new Map<string, BeforeCommit>();
  private available = true;
  private availabilityListener?: (available: boolean) => void;

  constructor(
    readonly driver: Driver,
    private readonly database?: string,
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
      maxConnectionPoolSize: 100,
      connectionAcquisitionTimeout: timeoutMs,
      connectionTimeout: timeoutMs,
      maxTransactionRetryTime: timeoutMs,
      logging: { level: 'error', logger: () => undefined },
    });
    return new Database(driver, database);
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

  private async readOnce<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    const session = this.driver.session({ database: this.database, defaultAccessMode: neo4j.session.READ });
    try {
      return await session.executeRead((tx) => work(wrap(tx)));
    } finally {
      await session.close();
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

  write<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.withAvailability(() => this.writeOnce(work));
  }

  private async writeOnce<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    const session = this.driver.session({ database: this.database, defaultAccessMode: neo4j.session.WRITE });
    try {
      return await session.executeWrite(
        async (tx) => {
          const touched: Touched = { persons: new Set(), households: new Set() };
          const wrapped = wrap(tx, touched);
          const result = await work(wrapped);
          if (touched.persons.size > 0 || touched.households.size > 0) {
            for (const hook of this.hooks.values()) await hook(wrapped, touched);
          }
          return result;
        },
        { timeout: 120_000 },
      );
    } finally {
      await session.close();
    }
  }

  /** Schema statements (constraints, indexes) cannot share a transaction with writes. */
  async runAutoCommit(cypher: string, params: Params = {}): Promise<Row[]> {
    const session = this.driver.session({ database: this.database, defaultAccessMode: neo4j.session.WRITE });
    try {
      const res = await session.run(cypher, params);
      return res.records.map(recordToRow);
    } finally {
      await session.close();
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
