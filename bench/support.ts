/**
 * Generic helpers for benchmarks (bench/*.ts, run from dist/ after `npm run build`):
 * a Neo4j (NEO4J_URI, or a throwaway local server under .data/bench-<name>-<pid>), the app
 * wired exactly like `npm start` on 127.0.0.1, timed request loops bounded in time,
 * percentiles and a markdown table. Nothing here knows about a particular feature.
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { mintToken } from '../src/auth/jwt';
import { PopulationGenerator, type EventRecord } from '../src/cli/population';
import type { Role } from '../src/auth/principal';
import { App, startApp } from '../src/server/bootstrap';
import type { Clock } from '../src/clock';
import { loadConfig } from '../src/config/config';
import { Database } from '../src/db/database';
import { LocalNeo4j, startLocalNeo4j } from '../src/db/localNeo4j';
import { createLogger } from '../src/logger';
import { repoRoot } from '../src/paths';

export interface BenchDb {
  db: Database;
  uri: string;
  /** True when the server was started for this run (its data folder is deleted on stop). */
  local: boolean;
  stop(): Promise<void>;
}

/** NEO4J_URI when set, else a fresh local Neo4j on a free 127.0.0.1 port with data under .data/bench-<name>-<pid>. */
export async function startBenchDb(name: string, opts: { heap?: string; pageCache?: string } = {}): Promise<BenchDb> {
  const external = process.env.NEO4J_URI;
  if (external) {
    const db = Database.connect(external, process.env.NEO4J_USER ?? 'neo4j', process.env.NEO4J_PASSWORD ?? '', process.env.NEO4J_DATABASE);
    return { db, uri: external, local: false, stop: () => db.close() };
  }
  const dataDir = join(repoRoot(), '.data', `bench-${name}-${process.pid}`);
  rmSync(dataDir, { recursive: true, force: true });
  const started = Date.now();
  const server: LocalNeo4j = await startLocalNeo4j({ dataDir, port: 0, heap: opts.heap ?? '1g', pageCache: opts.pageCache ?? '512m' });
  log(`local Neo4j at ${server.uri} started in ${Date.now() - started} ms (data: ${dataDir})`);
  const db = Database.connect(server.uri, 'neo4j', '');
  return {
    db,
    uri: server.uri,
    local: true,
    async stop() {
      await db.close().catch(() => undefined);
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface BenchApp {
  app: App;
  /** POST one GraphQL operation; throws on GraphQL errors. */
  gql<T = unknown>(query: string, variables?: Record<string, unknown>, caller?: { role: Role; sub: string }): Promise<T>;
  /** A bearer token for the caller (for load generators that send their own requests). */
  token(caller: { role: Role; sub: string }): Promise<string>;
  close(): Promise<void>;
}

/** A fixed master keyring for benches (production mode requires one; fixed so --skip-load can reuse a database). */
export const BENCH_MASTER_KEYS = `bench-1:${Buffer.alloc(32, 7).toString('base64')}`;

/** The app on 127.0.0.1 and a free port, migrations applied, quiet logs, a random JWT secret. */
export async function startBenchApp(db: Database, opts: { env?: Record<string, string>; clock?: Clock } = {}): Promise<BenchApp> {
  const secret = randomBytes(32).toString('base64url');
  const config = loadConfig({ NODE_ENV: 'production', HOST: '127.0.0.1', PORT: '0', JWT_SECRET: secret, IDENTIFIER_HASH_SECRET: secret, CONTACT_MASTER_KEYS: BENCH_MASTER_KEYS, LOG_LEVEL: 'warn', ...opts.env });
  const app = await startApp(config, db, createLogger(config.logLevel), opts.clock);
  const tokens = new Map<string, string>();
  const tokenFor = async (caller: { role: Role; sub: string }): Promise<string> => {
    const key = `${caller.role}:${caller.sub}`;
    let token = tokens.get(key);
    if (!token) {
      token = await mintToken(secret, caller, { expiresIn: '2h' });
      tokens.set(key, token);
    }
    return token;
  };
  return {
    app,
    token: tokenFor,
    async gql<T>(query: string, variables: Record<string, unknown> = {}, caller = { role: 'ADMIN' as Role, sub: 'bench' }): Promise<T> {
      const token = await tokenFor(caller);
      const res = await fetch(app.server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await res.json()) as { data?: T; errors?: unknown[] };
      if (body.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(body.errors).slice(0, 500)}`);
      return body.data as T;
    },
    close: () => app.server.stop(),
  };
}

export interface Samples {
  /** Milliseconds per call, in call order. */
  ms: number[];
  /** True when the time budget stopped the loop before `iterations`. */
  truncated: boolean;
}

/** Run `fn` `warmup` times untimed, then up to `iterations` times timed, stopping once `budgetMs` is spent. */
export async function timeLoop(fn: () => Promise<unknown>, opts: { warmup: number; iterations: number; budgetMs: number }): Promise<Samples> {
  for (let i = 0; i < opts.warmup; i += 1) await fn();
  const ms: number[] = [];
  const deadline = Date.now() + opts.budgetMs;
  while (ms.length < opts.iterations) {
    const t0 = process.hrtime.bigint();
    await fn();
    ms.push(Number(process.hrtime.bigint() - t0) / 1e6);
    if (Date.now() > deadline) break;
  }
  return { ms, truncated: ms.length < opts.iterations };
}

/** Nearest-rank percentile (p in 0..100) of the samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1]!;
}

/** A GitHub-flavoured markdown table. */
export function markdownTable(headers: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number>>): string {
  const line = (cells: ReadonlyArray<string | number>): string => `| ${cells.map(String).join(' | ')} |`;
  return [line(headers), line(headers.map(() => '---')), ...rows.map(line)].join('\n');
}

/** "12.3" with one decimal. */
export function fmtMs(ms: number): string {
  return ms.toFixed(1);
}

/** Progress to stderr, so stdout stays the result table. */
export function log(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

/** `concurrency` callers of `calls` (round robin) back to back for `seconds`, through the driver; latency per call in ms. */
export async function driverLoad(
  calls: Array<() => Promise<unknown>>,
  concurrency: number,
  seconds: number,
): Promise<{ requests: number; perSecond: number; p50: number; p99: number; errors: number }> {
  const ms: number[] = [];
  let errors = 0;
  let next = 0;
  const started = Date.now();
  const deadline = started + seconds * 1000;
  const client = async (): Promise<void> => {
    while (Date.now() < deadline) {
      const call = calls[next++ % calls.length]!;
      const t0 = process.hrtime.bigint();
      try {
        await call();
      } catch {
        errors += 1;
      }
      ms.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, client));
  return { requests: ms.length, perSecond: ms.length / ((Date.now() - started) / 1000), p50: percentile(ms, 50), p99: percentile(ms, 99), errors };
}

/** Run a bench's main when its file is the entry point: exit 0, or 1 with the error on stderr. */
export function runBench(main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (e: unknown) => {
      process.stderr.write(`bench failed: ${(e as Error).stack ?? String(e)}\n`);
      process.exit(1);
    },
  );
}

/** The identity events of a synthetic population (src/cli/population.ts), in file order. */
export function eventsOf(seed: number, households: number): EventRecord[] {
  const events: EventRecord[] = [];
  for (const block of new PopulationGenerator({ seed, households }).households()) {
    for (const r of block.records) if (r.kind === 'event') events.push(r);
  }
  return events;
}

/** An event as ingestIdentityEvents takes it. */
export const toInput = (e: EventRecord): Record<string, unknown> => ({
  eventId: e.eventId,
  source: e.source,
  observedAt: e.observedAt,
  identifiers: e.identifiers,
  attributes: e.attributes ?? null,
});

export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
