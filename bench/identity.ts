/**
 * `npm run bench:identity [-- --households 1500 --seconds 10 --concurrency 32 --batch 1000]`
 *
 * Identity (OneID) throughput on a real Neo4j, each figure side by side with the naive
 * equivalent on the same database in the same run:
 * 1. ingestion: identity events/s through the GraphQL API (ingestIdentityEvents over HTTP,
 *    batches of `batch` events, one client: identity writes are serialized by design)
 *    against a plain `UNWIND ... MERGE` of the same identifier occurrences (same count, keys
 *    hashed with the same HMAC in the client) through the driver, in the same batches;
 * 2. resolveIdentity: requests/s, p50 and p99 at `concurrency` clients over HTTP (autocannon
 *    in a child process, closed loop) against the look-up statement (cypher/identity/resolve)
 *    through the driver at the same concurrency, keys hashed beforehand.
 * Events come from the synthetic population (src/cli/population.ts: messy phone spellings,
 * recycled numbers, shared devices, junk values). Each measurement is bounded (`seconds`,
 * after a short warm-up); events not ingested within the measurement are loaded afterwards,
 * untimed and bounded too, so the look-ups run on the whole population. Ingestion is measured
 * over at least two batches even when they take longer than `seconds`.
 *
 * Neo4j: NEO4J_URI when set (the bench's identity data is then left in it), else a local
 * server with its data under .data/bench-identity (wiped first, removed at the end unless
 * BENCH_KEEP=1). 127.0.0.1 only. Prints markdown tables (progress goes to stderr).
 */
import 'reflect-metadata';
import { rmSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { mintToken } from '../src/auth/jwt';
import { Database } from '../src/db/database';
import { LocalNeo4j, startLocalNeo4j } from '../src/db/localNeo4j';
import { splitStatements } from '../src/db/migrations';
import { toNormalizedIdentifier } from '../src/identity/hash';
import type { RawIdentifier } from '../src/identity/identifier';
import { classifyIdentifier } from '../src/identity/junk';
import { repoRoot } from '../src/paths';
import { httpLoad } from './http-load';
import { profiled } from './profile';
import { chunks, driverLoad, eventsOf, log, markdownTable, startBenchApp, toInput } from './support';

const JWT_SECRET = 'kingraph-bench-identity-jwt-secret-32-bytes!';
const HASH_SECRET = 'kingraph-bench-identity-hash-secret-32-bytes';
const WARMUP_SECONDS = 2;

interface Options {
  households: number;
  seconds: number;
  concurrency: number;
  batch: number;
  seed: number;
  loadBudgetSeconds: number;
}

function options(): Options {
  const { values } = parseArgs({
    options: {
      households: { type: 'string', default: '1500' },
      seconds: { type: 'string', default: '10' },
      concurrency: { type: 'string', default: '32' },
      batch: { type: 'string', default: '1000' },
      seed: { type: 'string', default: '20260401' },
      'load-budget': { type: 'string', default: '120' },
    },
  });
  const num = (name: string, v: string | undefined, min: number, max: number): number => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < min || n > max) throw new Error(`--${name} must be a whole number from ${min} to ${max}`);
    return n;
  };
  return {
    households: num('households', values.households, 10, 1_000_000),
    seconds: num('seconds', values.seconds, 1, 600),
    concurrency: num('concurrency', values.concurrency, 1, 1000),
    batch: num('batch', values.batch, 1, 1000),
    seed: num('seed', values.seed, 0, 0xffffffff),
    loadBudgetSeconds: num('load-budget', values['load-budget'], 0, 3600),
  };
}

// ---------------------------------------------------------------- database

interface BenchNeo4j {
  db: Database;
  where: string;
  stop(): Promise<void>;
}

async function startDb(): Promise<BenchNeo4j> {
  const external = process.env.NEO4J_URI;
  if (external) {
    const db = Database.connect(external, process.env.NEO4J_USER ?? 'neo4j', process.env.NEO4J_PASSWORD ?? '', process.env.NEO4J_DATABASE);
    return { db, where: 'NEO4J_URI', stop: () => db.close() };
  }
  const dataDir = join(repoRoot(), '.data', 'bench-identity');
  rmSync(dataDir, { recursive: true, force: true });
  const started = Date.now();
  const server: LocalNeo4j = await startLocalNeo4j({
    dataDir,
    port: 0,
    heap: process.env.NEO4J_HEAP ?? '1g',
    pageCache: process.env.NEO4J_PAGECACHE ?? '512m',
  });
  log(`local Neo4j at ${server.uri} started in ${Date.now() - started} ms (data: ${dataDir})`);
  const db = Database.connect(server.uri, 'neo4j', '');
  return {
    db,
    where: `local (${dataDir.replace(`${repoRoot()}/`, '')}, heap ${process.env.NEO4J_HEAP ?? '1g'}, page cache ${process.env.NEO4J_PAGECACHE ?? '512m'})`,
    async stop() {
      await db.close().catch(() => undefined);
      await server.stop();
      if (process.env.BENCH_KEEP !== '1') rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

// ------------------------------------------------------------------ loads

const INGEST = `mutation Ingest($events: [IdentityEventInput!]!) { ingestIdentityEvents(events: $events) { accepted duplicates } }`;
const RESOLVE = `query Resolve($i: IdentifierInput!) { resolveIdentity(identifier: $i) { oneId displayName gender birthDate annualIncome } }`;

const int = (n: number): string => Math.round(n).toLocaleString('en-US');
const ms = (n: number): string => (n >= 100 ? n.toFixed(0) : n.toFixed(1));
const ratio = (a: number, b: number): string => `${(a / b).toFixed(2)}x`;

async function main(): Promise<void> {
  const opts = options();
  const neo = await startDb();
  const app = await startBenchApp(neo.db, { env: { JWT_SECRET, IDENTIFIER_HASH_SECRET: HASH_SECRET } });
  const { cypher } = app.app;
  const run = (name: string, params: Record<string, unknown> = {}) => neo.db.write((tx) => tx.run(cypher.get(name), params));
  const token = await mintToken(JWT_SECRET, { role: 'INGEST', sub: 'bench' }, { expiresIn: '2h' });
  const gql = async <T>(query: string, variables: Record<string, unknown>): Promise<T> => {
    const res = await fetch(app.app.server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as { data?: T; errors?: unknown[] };
    if (!res.ok || body.errors?.length) throw new Error(`GraphQL errors (${res.status}): ${JSON.stringify(body.errors ?? null).slice(0, 500)}`);
    return body.data as T;
  };
  try {
    const events = eventsOf(opts.seed, opts.households);
    log(`${int(events.length)} events from ${int(opts.households)} synthetic households`);

    // ---- warm-up: another population (~3,000 events), untimed: plans every identity
    // statement (a cold Neo4j plans the merge statement in seconds) and warms both JITs
    log('warming up (untimed)');
    for (const batch of chunks(eventsOf(opts.seed + 1, 190), opts.batch)) await gql(INGEST, { events: batch.map(toInput) });

    // ---- ingestion through the API, bounded
    log(`measuring ingestion through the API (batches of ${opts.batch}, ${opts.seconds} s)`);
    const batches = chunks(events, opts.batch);
    let measured = 0;
    let duplicates = 0;
    const t0 = Date.now();
    await profiled('ingestIdentityEvents', async () => {
      for (const batch of batches) {
        if (Date.now() - t0 >= opts.seconds * 1000 && measured >= 2) break;
        const r = await gql<{ ingestIdentityEvents: { accepted: number; duplicates: number } }>(INGEST, { events: batch.map(toInput) });
        duplicates += r.ingestIdentityEvents.duplicates;
        measured += 1;
      }
    });
    const apiSeconds = (Date.now() - t0) / 1000;
    const apiEvents = batches.slice(0, measured).reduce((n, b) => n + b.length, 0);
    if (duplicates > 0) log(`warning: ${duplicates} events were duplicates (data left from an earlier run?)`);

    // ---- the rest of the population, untimed and bounded, so look-ups see all of it
    const t1 = Date.now();
    let loaded = measured;
    for (const batch of batches.slice(measured)) {
      if (Date.now() - t1 >= opts.loadBudgetSeconds * 1000) break;
      await gql(INGEST, { events: batch.map(toInput) });
      loaded += 1;
    }
    const ingested = batches.slice(0, loaded).flat();
    const restSeconds = (Date.now() - t1) / 1000;
    log(`loaded ${int(ingested.length)} of ${int(events.length)} events (${int(ingested.length - apiEvents)} after the measurement, in ${((Date.now() - t1) / 1000).toFixed(0)} s)`);

    // ---- plain UNWIND MERGE of the same identifier occurrences, same batches, hashing included
    log('measuring the plain UNWIND MERGE baseline');
    for (const s of splitStatements(cypher.get('bench/identity-plain-setup'))) await neo.db.runAutoCommit(s);
    await neo.db.runAutoCommit(cypher.get('db/await-indexes'));
    let plainRows = 0;
    const t2 = Date.now();
    for (const batch of batches.slice(0, measured)) {
      const rows = batch.flatMap((e) =>
        e.identifiers.flatMap((raw) => {
          const c = classifyIdentifier(raw);
          if (c.kind !== 'valid') return [];
          const id = toNormalizedIdentifier(HASH_SECRET, c.id);
          return [{ key: id.key, type: id.type, namespace: id.namespace, masked: id.masked, observedAt: e.observedAt }];
        }),
      );
      plainRows += rows.length;
      await run('bench/identity-plain-merge', { rows });
    }
    const plainSeconds = (Date.now() - t2) / 1000;
    for (;;) {
      const [row] = await run('bench/identity-plain-cleanup', { limit: 20_000 });
      if (!row || row.deleted === 0) break;
    }
    for (const s of splitStatements(cypher.get('bench/identity-plain-teardown'))) await neo.db.runAutoCommit(s);

    // ---- data sizes
    const [sizes] = await neo.db.read((tx) =>
      tx.run<{ persons: number; aliases: number; identifiers: number; shared: number; evidence: number; events: number; deviceUses: number }>(cypher.get('bench/identity-sizes')),
    );

    // ---- resolveIdentity: API vs the look-up statement, same identifiers, same concurrency
    const seen = new Map<string, { raw: RawIdentifier; key: string }>();
    for (const e of ingested) {
      for (const raw of e.identifiers) {
        if (raw.type === 'IOT_DEVICE') continue;
        const c = classifyIdentifier(raw);
        if (c.kind === 'valid') {
          const key = toNormalizedIdentifier(HASH_SECRET, c.id).key;
          if (!seen.has(key)) seen.set(key, { raw, key });
        }
      }
    }
    const all = [...seen.values()];
    const sample = Array.from({ length: Math.min(2000, all.length) }, (_, i) => all[Math.floor((i * all.length) / Math.min(2000, all.length))]!);
    const found = (await Promise.all(sample.slice(0, 200).map((s) => app.app.services.identity.resolve(s.raw)))).filter(Boolean).length;
    log(`look-up sample: ${sample.length} identifiers (${found} of the first 200 resolve to a person; the rest are shared)`);

    const http = { url: app.app.server.url, headers: { authorization: `Bearer ${token}` }, bodies: sample.map((s) => JSON.stringify({ query: RESOLVE, variables: { i: s.raw } })) };
    log(`measuring resolveIdentity over HTTP (${opts.concurrency} clients, ${opts.seconds} s)`);
    await httpLoad({ ...http, connections: opts.concurrency, seconds: WARMUP_SECONDS });
    const api = await profiled('resolveIdentity', () => httpLoad({ ...http, connections: opts.concurrency, seconds: opts.seconds }));
    const resolveText = cypher.get('identity/resolve');
    const calls = sample.map((s) => () => neo.db.read((tx) => tx.run(resolveText, { key: s.key })));
    log(`measuring the look-up statement through the driver (${opts.concurrency} concurrent, ${opts.seconds} s)`);
    await driverLoad(calls, opts.concurrency, WARMUP_SECONDS);
    const raw = await driverLoad(calls, opts.concurrency, opts.seconds);

    // ---- report
    const apiRate = apiEvents / apiSeconds;
    const plainRate = apiEvents / plainSeconds;
    const cpu = cpus();
    process.stdout.write(
      [
        `# kingraph identity benchmark, ${new Date().toISOString()}`,
        '',
        `- Machine: ${cpu.length} cores (${cpu[0]?.model ?? '?'}), load average at the end ${loadavg().map((x) => x.toFixed(1)).join(' ')}; Node ${process.version}; Neo4j ${neo.where}`,
        `- Data: ${int(opts.households)} synthetic households (seed ${opts.seed}), ${int(events.length)} events generated, ${int(ingested.length)} ingested; graph: ${int(sizes.persons)} persons, ${int(sizes.aliases)} merged-away OneIDs, ${int(sizes.identifiers)} identifiers (${int(sizes.shared)} shared), ${int(sizes.evidence)} evidence links, ${int(sizes.events)} identity events, ${int(sizes.deviceUses)} device uses`,
        '',
        '## Ingestion',
        '',
        markdownTable(
          ['side', 'events', 'identifier occurrences', 'seconds', 'events/s'],
          [
            [`ingestIdentityEvents over HTTP (batches of ${opts.batch}, one client)`, int(apiEvents), int(plainRows), apiSeconds.toFixed(1), int(apiRate)],
            [`plain UNWIND MERGE of the same identifiers (driver, same batches)`, int(apiEvents), int(plainRows), plainSeconds.toFixed(1), int(plainRate)],
            ['ratio API / plain', '', '', '', ratio(apiRate, plainRate)],
            ...(ingested.length > apiEvents
              ? [[`for reference: the rest of the population through the API (same client, after the measurement)`, int(ingested.length - apiEvents), '', restSeconds.toFixed(1), int((ingested.length - apiEvents) / restSeconds)]]
              : []),
          ],
        ),
        '',
        `## resolveIdentity (${opts.concurrency} concurrent clients, ${opts.seconds} s each, ${sample.length} distinct identifiers)`,
        '',
        markdownTable(
          ['side', 'requests', 'req/s', 'p50 ms', 'p99 ms', 'errors'],
          [
            ['GraphQL over HTTP (autocannon)', int(api.requests), int(api.perSecond), ms(api.p50), ms(api.p99), int(api.errors)],
            ['identity/resolve through the driver', int(raw.requests), int(raw.perSecond), ms(raw.p50), ms(raw.p99), int(raw.errors)],
            ['ratio API / driver', '', ratio(api.perSecond, raw.perSecond), ratio(api.p50, raw.p50), ratio(api.p99, raw.p99), ''],
          ],
        ),
        '',
      ].join('\n'),
    );
  } finally {
    await app.close().catch(() => undefined);
    await neo.stop();
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    process.stderr.write(`bench failed: ${(e as Error).stack ?? String(e)}\n`);
    process.exit(1);
  },
);
