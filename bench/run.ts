/**
 * `npm run bench [-- --households 10000,100000 | --persons 1000000] [--seed S] [--seconds 8]
 *   [--concurrency 32] [--skip-load | --load-only]`: the one-command benchmark.
 *
 * By default it runs two sizes one after the other, 10,000 and 100,000 households, each in
 * its own database and results file; `--persons N` sizes the population by people instead.
 * `--load-only` stops after the load and the resolution score (the load-time figure alone).
 *
 * 1. Generates a synthetic population (src/cli/population.ts) under bench/data/ and loads it
 *    with `kingraph import` through the services (timed: the load rate), into NEO4J_URI or a
 *    throwaway local Neo4j; scores identity resolution against the truth file.
 * 2. Measures, side by side in the same run, on the loaded data:
 *    - ingestion: identity events/s through IdentityService.ingest (batches of 1000) vs a
 *      plain UNWIND MERGE of the same normalized identifiers (cypher/bench/cli-plain-*);
 *    - resolveIdentity, the family view (schema/operations/familyView.graphql), the first
 *      cross-sell page and a referral tree: requests/s, p50 and p99 at `concurrency` clients
 *      (autocannon, closed loop, `seconds` per side) against (a) kingraph, (b) the same graph
 *      served by @neo4j/graphql (bench/neo4j-graphql.ts) and (c) the Cypher statement that
 *      serves it, straight through the driver; plus database round trips per request,
 *      counted at the driver (every Bolt RUN) over sequential warm-up requests.
 * 3. Prints ONE markdown table and writes it with the machine, Neo4j version and load
 *    figures to bench/results/<date>-<households>.md. 127.0.0.1 only.
 */
import 'reflect-metadata';
import { createReadStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import neo4j from 'neo4j-driver';
import { mintToken } from '../src/auth/jwt';
import { fixedClock } from '../src/clock';
import { generateToFile, truthFileOf } from '../src/cli/generate';
import { bulkImportFile, type BulkSummary } from '../src/cli/bulk-import';
import { importFile, type ImportSummary } from '../src/cli/import';
import { CliRepository } from '../src/cli/cli.repository';
import { bulkProgressSink, progressSink } from '../src/cli/kingraph';
import { DEFAULT_AS_OF, PopulationGenerator, type EventRecord, type PopulationRecord, type TruthRecord } from '../src/cli/population';
import { scoreResolution, type ResolutionScore } from '../src/cli/score';
import type { Services } from '../src/server/features';
import type { Database } from '../src/db/database';
import { splitStatements } from '../src/db/migrations';
import type { RawIdentifier } from '../src/identity/identifier';
import { repoRoot } from '../src/paths';
import { treeLevelsStatement } from '../src/referral/referral.repository';
import { WorklistRepository } from '../src/worklist/worklist.repository';
import { httpLoad, type HttpLoadResult } from './http-load';
import { NG_CROSS_SELL, NG_FAMILY_VIEW, NG_RESOLVE, ngReferralTree, startNeo4jGraphql } from './neo4j-graphql';
import { driverLoad, log, markdownTable, startBenchApp, startBenchDb } from './support';

// ------------------------------------------------------------------ options

/** Households of the default runs, one after the other. */
const DEFAULT_SIZES = [10_000, 100_000];
/** From this many people on (about 30,000 households), Neo4j gets a larger heap and page cache by default. */
const LARGE_PERSONS = 100_000;

interface Size {
  households?: number;
  persons?: number;
}

interface Options {
  sizes: Size[];
  seed: number;
  seconds: number;
  concurrency: number;
  skipLoad: boolean;
  loadOnly: boolean;
  /** Load with `kingraph import --bulk` (report its phases) instead of the online import. */
  bulk: boolean;
}

interface RunOptions extends Omit<Options, 'sizes'> {
  households: number | undefined;
  persons: number | undefined;
}

function options(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      households: { type: 'string' },
      persons: { type: 'string' },
      seed: { type: 'string', default: '20260601' },
      seconds: { type: 'string', default: '8' },
      concurrency: { type: 'string', default: '32' },
      'skip-load': { type: 'boolean', default: false },
      'load-only': { type: 'boolean', default: false },
      bulk: { type: 'boolean', default: false },
    },
  });
  const num = (v: string | undefined, name: string): number | undefined => {
    if (v === undefined) return undefined;
    if (!/^\d+$/.test(v) || Number(v) < 1) throw new Error(`--${name} must be a positive whole number`);
    return Number(v);
  };
  const list = (v: string | undefined, name: string): number[] => (v === undefined ? [] : v.split(',').map((x) => num(x.trim(), name)!));
  const sizes: Size[] = [
    ...list(values.households, 'households').map((households) => ({ households })),
    ...list(values.persons, 'persons').map((persons) => ({ persons })),
  ];
  if (values['skip-load'] && values['load-only']) throw new Error('--skip-load and --load-only exclude each other');
  return {
    sizes: sizes.length ? sizes : DEFAULT_SIZES.map((households) => ({ households })),
    seed: num(values.seed, 'seed')!,
    seconds: num(values.seconds, 'seconds')!,
    concurrency: num(values.concurrency, 'concurrency')!,
    skipLoad: values['skip-load'],
    loadOnly: values['load-only'],
    bulk: values.bulk,
  };
}

// ------------------------------------------------------------------ measuring

/** Every Bolt RUN the process sends (driver-level), to count round trips per request. */
let boltRuns = 0;
function countBoltRuns(): void {
  for (const cls of [neo4j.Transaction, neo4j.Session] as Array<{ prototype: { run: (...args: unknown[]) => unknown } }>) {
    const original = cls.prototype.run;
    cls.prototype.run = function (this: unknown, ...args: unknown[]) {
      boltRuns += 1;
      return original.apply(this, args);
    };
  }
}

interface SideResult {
  perSecond: number;
  p50: number;
  p99: number;
  errors: number;
  roundTrips: number | null;
}

/** Sequential warm-up requests; returns the Bolt RUNs per request. */
async function probe(calls: Array<() => Promise<unknown>>): Promise<number> {
  const before = boltRuns;
  for (const call of calls) await call();
  return (boltRuns - before) / calls.length;
}

async function post(url: string, headers: Record<string, string>, body: string): Promise<void> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  const json = (await res.json()) as { errors?: unknown[] };
  if (!res.ok || json.errors) throw new Error(`request failed (${res.status}): ${JSON.stringify(json.errors ?? null).slice(0, 400)}`);
}

interface HttpSide {
  url: string;
  headers: Record<string, string>;
  bodies: string[];
}

/** Wait until no statement has been sent for a while: requests still in flight from the previous load have finished. */
async function settle(): Promise<void> {
  for (let i = 0; i < 120; i += 1) {
    const before = boltRuns;
    await new Promise((r) => setTimeout(r, 500));
    if (boltRuns === before) return;
  }
}

const WARMUP_SECONDS = 2;

/**
 * One side: sequential requests (counting round trips), an untimed warm-up at full
 * concurrency (JIT, connection pool), then the measured load.
 */
async function measureHttp(side: HttpSide, opts: RunOptions): Promise<SideResult> {
  await settle();
  const roundTrips = await probe(side.bodies.slice(0, 40).map((b) => () => post(side.url, side.headers, b)));
  await httpLoad({ ...side, connections: opts.concurrency, seconds: WARMUP_SECONDS });
  await settle();
  const r: HttpLoadResult = await httpLoad({ ...side, connections: opts.concurrency, seconds: opts.seconds });
  return { perSecond: r.perSecond, p50: r.p50, p99: r.p99, errors: r.errors, roundTrips };
}

async function measureDriver(calls: Array<() => Promise<unknown>>, opts: RunOptions): Promise<SideResult> {
  await settle();
  const roundTrips = await probe(calls.slice(0, 40));
  await driverLoad(calls, opts.concurrency, WARMUP_SECONDS);
  return { ...(await driverLoad(calls, opts.concurrency, opts.seconds)), roundTrips };
}

// ------------------------------------------------------------------ data

interface Samples {
  identifiers: RawIdentifier[];
  householdIds: string[];
  advisorIds: string[];
  referralRoots: string[];
}

/** Up to n items picked evenly (deterministic) from a list. */
function spread<T>(items: readonly T[], n: number): T[] {
  if (items.length <= n) return [...items];
  return Array.from({ length: n }, (_, i) => items[Math.floor((i * items.length) / n)]!);
}

async function* ndjson<T>(file: string): AsyncGenerator<T> {
  for await (const line of createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity })) {
    if (line.trim() !== '') yield JSON.parse(line) as T;
  }
}

/** Request inputs drawn from the dataset: identifiers, households, advisors, referral roots. */
async function sample(file: string, services: Services): Promise<Samples> {
  const identifiers: RawIdentifier[] = [];
  const breadwinners: string[] = []; // crm account of each household's first person
  let household = '';
  let n = 0;
  for await (const t of ndjson<TruthRecord>(truthFileOf(file))) {
    n += 1;
    const usable = t.identifiers.filter((i) => i.type !== 'IOT_DEVICE');
    const pick = usable[n % usable.length]!;
    if (n % 7 === 0) identifiers.push({ type: pick.type, namespace: pick.namespace, value: pick.value });
    if (t.householdId !== household) breadwinners.push(t.identifiers.find((i) => i.namespace === 'crm')!.value);
    household = t.householdId;
  }
  const advisors = new Set<string>();
  const inviters = new Set<string>();
  for await (const r of ndjson<PopulationRecord>(file)) {
    if (r.kind === 'household' && r.advisorId) advisors.add(r.advisorId);
    if (r.kind === 'invitation' && r.accept) inviters.add(r.inviter.identifier.value);
  }
  const oneIdOfCrm = async (crm: string): Promise<string | null> =>
    (await services.identity.resolve({ type: 'ACCOUNT', namespace: 'crm', value: crm }))?.oneId ?? null;
  const bwOneIds = (await Promise.all(spread(breadwinners, 400).map(oneIdOfCrm))).filter((x): x is string => x !== null);
  const households = await services.family.householdsOfPersons(bwOneIds);
  const roots = (await Promise.all(spread([...inviters], 400).map(oneIdOfCrm))).filter((x): x is string => x !== null);
  return {
    identifiers: spread(identifiers, 1000),
    householdIds: households.flatMap((h) => (h ? [h.id] : [])),
    advisorIds: spread([...advisors].sort(), 100),
    referralRoots: roots,
  };
}

// ------------------------------------------------------------------ ingestion

interface IngestionResult {
  events: number;
  kingraphPerSecond: number;
  plainPerSecond: number;
}

/**
 * Fresh events (another seed) through IdentityService.ingest in batches of 1000 until the
 * time budget is spent, then the same events as a plain UNWIND MERGE. Both sides include
 * normalizing and hashing the identifiers.
 */
async function ingestion(db: Database, services: Services, cypherText: (name: string) => string, opts: RunOptions, asOf: string): Promise<IngestionResult> {
  // A seed of its own per run, so the events are new to the database even when it is reused.
  const seed = (opts.seed + Math.floor(Date.now() / 1000)) % 2 ** 31;
  const events: EventRecord[] = [];
  for (const block of new PopulationGenerator({ seed, households: 2500, asOf }).households()) {
    for (const r of block.records) if (r.kind === 'event') events.push(r);
  }
  const budget = Math.max(10, opts.seconds * 2) * 1000;
  let done = 0;
  const t0 = Date.now();
  let duplicates = 0;
  while (done < events.length && Date.now() - t0 < budget) {
    const batch = events.slice(done, done + 1000);
    duplicates += (await services.identity.ingest(batch.map((e) => ({ ...e, attributes: e.attributes ?? null })))).duplicates;
    done += batch.length;
  }
  if (duplicates > 0) log(`warning: ${duplicates} of the ingestion events were already in the database`);
  const kingraphPerSecond = (done * 1000) / (Date.now() - t0);

  for (const s of splitStatements(cypherText('bench/cli-plain-setup'))) await db.runAutoCommit(s);
  await db.runAutoCommit(cypherText('db/await-indexes'));
  const merge = cypherText('bench/cli-plain-merge');
  const t1 = Date.now();
  for (let i = 0; i < done; i += 1000) {
    const rows = events.slice(i, Math.min(done, i + 1000)).map((e) => ({
      eventId: e.eventId,
      source: e.source,
      observedAt: e.observedAt,
      identifiers: e.identifiers.flatMap((raw) => {
        const id = services.identity.normalize(raw);
        return id ? [{ key: id.key, type: id.type, namespace: id.namespace, masked: id.masked }] : [];
      }),
    }));
    await db.write((tx) => tx.run(merge, { rows }));
  }
  const plainPerSecond = (done * 1000) / (Date.now() - t1);
  const cleanup = cypherText('bench/cli-plain-cleanup');
  for (;;) {
    const [row] = await db.write((tx) => tx.run<{ deleted: number }>(cleanup, { limit: 20_000 }));
    if (!row || row.deleted === 0) break;
  }
  for (const s of splitStatements(cypherText('bench/cli-plain-teardown'))) await db.runAutoCommit(s);
  return { events: done, kingraphPerSecond, plainPerSecond };
}

// ------------------------------------------------------------------ queries

const K_RESOLVE = `query Resolve($i: IdentifierInput!) { resolveIdentity(identifier: $i) { oneId displayName gender birthDate annualIncome } }`;
const K_CROSS_SELL = readFileSync(join(repoRoot(), 'schema', 'operations', 'crossSellFirstPage.graphql'), 'utf8');
const K_TREE = `query ReferralTree($oneId: ID!) {
  person(oneId: $oneId) { referralTree(maxDepth: 10) { size maxDepth converted premium levels { depth accepted converted premium } } }
}`;

// ------------------------------------------------------------------ report

/** The load line of a bulk load: its phases, rows and the records phase per kind. */
function bulkLine(b: BulkSummary): string {
  const sec = (v: number): string => `${(v / 1000).toFixed(0)} s`;
  const r = b.records?.totals;
  return [
    `- Load (\`kingraph import --bulk\`): ${sec(b.totalMs)} in all: plan ${sec(b.ms.plan)} (${int(b.events.lines)} events in memory, peak heap ${int(b.planHeapBytes / 2 ** 20)} MiB),`,
    `write ${sec(b.ms.write)} (${Object.entries(b.rows).map(([k, n]) => `${int(n)} ${k}`).join(', ')}),`,
    `records ${sec(b.ms.records)} (through the services, state deferred${r ? `: ${Object.entries(r.ms).filter(([, v]) => v > 0).map(([k, v]) => `${k} ${sec(v)}`).join(', ')}` : ''}),`,
    `state ${sec(b.ms.state)}; ${int((b.events.rejected ?? 0) + (r?.rejects ?? 0))} rejects`,
  ].join(' ');
}

const int = (n: number): string => Math.round(n).toLocaleString('en-US');
const ms = (n: number): string => (n >= 100 ? n.toFixed(0) : n.toFixed(1));
const rt = (n: number | null): string => (n === null ? '–' : Number.isInteger(n) ? String(n) : n.toFixed(1));
const side = (r: SideResult): string[] => [`${int(r.perSecond)}${r.errors ? ` (${int(r.errors)} errors)` : ''}`, `${ms(r.p50)} / ${ms(r.p99)}`, rt(r.roundTrips)];

async function main(): Promise<void> {
  const { sizes, ...rest } = options(process.argv.slice(2));
  countBoltRuns();
  for (const size of sizes) await runSize({ ...rest, households: size.households, persons: size.persons });
}

async function runSize(opts: RunOptions): Promise<void> {
  const asOf = DEFAULT_AS_OF;
  const sizeLabel = opts.households !== undefined ? `${opts.households}` : `${opts.persons}p`;
  const dataDir = join(repoRoot(), 'bench', 'data');
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, `population-${sizeLabel}-${opts.seed}.ndjson`);
  if (!existsSync(file) || !existsSync(truthFileOf(file))) {
    log(`generating ${file}`);
    const g = await generateToFile({ seed: opts.seed, households: opts.households, persons: opts.persons, asOf, out: file });
    log(`generated ${g.households} households, ${g.persons} persons, ${g.lines} lines in ${(g.ms / 1000).toFixed(1)} s`);
  }

  const large = (opts.persons ?? (opts.households ?? 0) * 3) >= LARGE_PERSONS;
  const heap = process.env.NEO4J_HEAP ?? (large ? '4g' : '2g');
  const pageCache = process.env.NEO4J_PAGECACHE ?? (large ? '8g' : '2g');
  const startLoad = loadavg().map((x) => x.toFixed(1)).join(' ');
  const bench = await startBenchDb('run', { heap, pageCache });
  const jwtSecret = 'kingraph-bench-jwt-secret-at-least-32-bytes';
  const app = await startBenchApp(bench.db, {
    // A fixed hash secret, so --skip-load can reuse a database loaded by an earlier run.
    env: { JWT_SECRET: jwtSecret, IDENTIFIER_HASH_SECRET: 'kingraph-bench-identifier-hash-secret-32b' },
    clock: fixedClock(asOf),
  });
  const ng = await startNeo4jGraphql(bench.db.driver);
  const { services, cypher } = app.app;
  try {
    // ---- load
    let load: ImportSummary | null = null;
    let bulk: BulkSummary | null = null;
    if (!opts.skipLoad && opts.bulk) {
      log(`importing ${file} in bulk`);
      bulk = await bulkImportFile({ file, services, db: bench.db, restart: true, progress: bulkProgressSink(Boolean(process.stderr.isTTY)) });
      log(`imported in ${(bulk.totalMs / 1000).toFixed(1)} s`);
    } else if (!opts.skipLoad) {
      log(`importing ${file}`);
      load = await importFile({ file, services, restart: true, progress: progressSink(Boolean(process.stderr.isTTY)) });
      log(`imported in ${(load.ms / 1000).toFixed(1)} s`);
    }
    const score: ResolutionScore = await scoreResolution(truthFileOf(file), {
      keyOf: (raw) => services.identity.normalize(raw)?.key ?? null,
      resolveKeys: (keys) => new CliRepository(bench.db, cypher).resolveKeys(keys),
    });
    const reportHead = async (): Promise<string[]> => {
      const [component] = await bench.db.read((tx) => tx.run<{ name: string; version: string; edition: string }>(cypher.get('db/components')));
      const cpu = cpus();
      const t = load?.totals;
      return [
        `# kingraph benchmark, ${new Date().toISOString().slice(0, 10)}: ${(opts.households ?? opts.persons ?? 0).toLocaleString('en-US')} ${opts.households !== undefined ? 'households' : 'persons'}${opts.loadOnly ? ' (load only)' : ''}`,
        '',
        `- Machine: ${cpu.length} cores (${cpu[0]?.model ?? '?'}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, load average at start ${startLoad}; Node ${process.version}`,
        `- Neo4j: ${component ? `${component.name} ${component.version} ${component.edition}` : '?'} (${bench.local ? 'local, started for this run' : 'NEO4J_URI'}), heap ${heap}, page cache ${pageCache}`,
        `- Dataset: seed ${opts.seed}, as of ${asOf}: ${file.replace(`${repoRoot()}/`, '')}`,
        bulk ? bulkLine(bulk) : load && t
          ? `- Load (\`kingraph import\`, through the services): ${int(t.lines)} lines in ${(load.ms / 1000).toFixed(0)} s = ${int(load.linesPerSecond)} lines/s; ${int(t.events)} events (${int(load.eventsPerSecond)} events/s overall), ${int(t.households + t.householdsExisting)} households, ${int(t.links)} family links, ${int(t.policies)} policies, ${int(t.invitations)} invitations (${int(t.invitationsAccepted)} accepted, ${int(t.invitationsConverted)} converted, ${int(t.invitationsRejected)} rejected), ${int(t.rejects)} rejects. Time per kind: ${Object.entries(t.ms).map(([k, v]) => `${k} ${(v / 1000).toFixed(0)} s`).join(', ')}`
          : '- Load: skipped (--skip-load: the data was loaded by an earlier run)',
        `- Resolution vs truth: ${int(score.persons)} persons -> ${int(score.oneIds)} OneIDs; pairwise precision ${score.precision.toFixed(4)}, recall ${score.recall.toFixed(4)}; ${int(score.unresolved)} of ${int(score.entries)} identifiers unresolved (shared or junk)`,
      ];
    };
    const writeReport = (lines: string[]): void => {
      const resultsDir = join(repoRoot(), 'bench', 'results');
      mkdirSync(resultsDir, { recursive: true });
      const out = join(resultsDir, `${new Date().toISOString().slice(0, 10)}-${sizeLabel}${opts.bulk ? '-bulk' : ''}${opts.loadOnly ? '-load' : ''}.md`);
      writeFileSync(out, lines.join('\n'));
      log(`wrote ${out}`);
    };
    if (opts.loadOnly) {
      writeReport([...(await reportHead()), '']);
      process.stdout.write(`${(await reportHead()).slice(2).join('\n')}\n`);
      return;
    }
    const s = await sample(file, services);
    log(`samples: ${s.identifiers.length} identifiers, ${s.householdIds.length} households, ${s.advisorIds.length} advisors, ${s.referralRoots.length} referral roots`);
    if (s.householdIds.length === 0 || s.advisorIds.length === 0 || s.referralRoots.length === 0) throw new Error('the dataset is not loaded (use without --skip-load)');

    // ---- the three sides of each query
    const kingraph = { url: app.app.server.url, headers: { authorization: `Bearer ${await mintToken(jwtSecret, { role: 'ADMIN', sub: 'bench' }, { expiresIn: '2h' })}` } };
    const body = (query: string, variables: Record<string, unknown>, operationName?: string): string => JSON.stringify({ query, variables, operationName });
    const familyView = readFileSync(join(repoRoot(), 'schema', 'operations', 'familyView.graphql'), 'utf8');
    const keyOf = (raw: RawIdentifier): string => services.identity.normalize(raw)!.key;
    const worklist = new WorklistRepository(bench.db, cypher);
    const rawStatement = (statement: string, params: Record<string, unknown>) => () => bench.db.read((tx) => tx.run(statement, params));
    const rawRead = (name: string, params: Record<string, unknown>) => rawStatement(cypher.get(name), params);
    const treeLevels10 = treeLevelsStatement(cypher.get('referral/tree-levels'), 10);
    const ngTree = ngReferralTree(10);

    const queries = [
      {
        name: 'resolveIdentity',
        kingraph: s.identifiers.map((i) => body(K_RESOLVE, { i })),
        ng: s.identifiers.map((i) => body(NG_RESOLVE, { key: keyOf(i) })),
        raw: s.identifiers.map((i) => rawRead('identity/resolve', { key: keyOf(i) })),
      },
      {
        name: 'family view',
        kingraph: s.householdIds.map((id) => body(familyView, { id }, 'FamilyView')),
        ng: s.householdIds.map((id) => body(NG_FAMILY_VIEW, { id })),
        raw: s.householdIds.map((id) => rawRead('bench/family-view', { id })),
      },
      {
        name: 'cross-sell first page',
        kingraph: s.advisorIds.map((a) => body(K_CROSS_SELL, { a })),
        ng: s.advisorIds.map((advisorId) => body(NG_CROSS_SELL, { advisorId })),
        raw: s.advisorIds.map((advisorId) => () => worklist.crossSellPage({ advisorId, today: asOf, after: null, limit: 21 })),
      },
      {
        name: 'referral tree (maxDepth 10)',
        kingraph: s.referralRoots.map((oneId) => body(K_TREE, { oneId })),
        ng: s.referralRoots.map((oneId) => body(ngTree, { oneId })),
        raw: s.referralRoots.map((oneId) => rawStatement(treeLevels10, { roots: [{ oneId, maxDepth: 10 }] })),
      },
    ];

    const measureLoad = loadavg().map((x) => x.toFixed(1)).join(' ');
    const rows: string[][] = [];
    const headers = ['measurement', 'kingraph req/s', 'p50 / p99 ms', 'DB round trips', '@neo4j/graphql req/s', 'p50 / p99 ms', 'DB round trips', 'raw Cypher req/s', 'p50 / p99 ms', 'DB round trips'];
    for (const q of queries) {
      log(`measuring ${q.name}: kingraph`);
      const k = await measureHttp({ ...kingraph, bodies: q.kingraph }, opts);
      log(`measuring ${q.name}: @neo4j/graphql`);
      const n = await measureHttp({ url: ng.url, headers: {}, bodies: q.ng }, opts);
      log(`measuring ${q.name}: raw Cypher`);
      const r = await measureDriver(q.raw, opts);
      rows.push([q.name, ...side(k), ...side(n), ...side(r)]);
    }
    log('measuring ingestion');
    const ing = await ingestion(bench.db, services, (name) => cypher.get(name), opts, asOf);
    rows.unshift([
      `ingestion (${int(ing.events)} new events, batches of 1000)`,
      `${int(ing.kingraphPerSecond)} events/s`, '', '',
      '–', '', '',
      `${int(ing.plainPerSecond)} events/s (plain UNWIND MERGE)`, '', '1 per batch',
    ]);

    // ---- report
    const table = markdownTable(headers, rows);
    writeReport([
      ...(await reportHead()),
      `- Load average when the measurements below started: ${measureLoad}`,
      `- Each side: 40 sequential requests (counting DB round trips: Bolt RUNs per request, at the driver), ${WARMUP_SECONDS} s of untimed warm-up, then ${opts.concurrency} concurrent clients for ${opts.seconds} s (closed loop). HTTP load: autocannon in a child process; raw Cypher: the statement that serves the query (cypher/identity/resolve, bench/family-view, the cross-sell page's worklist/cross-sell-page, referral/tree-levels at depth 10) through the driver, one managed read transaction per call.`,
      '- @neo4j/graphql reads the same data but leaves to its client what kingraph computes: identifier normalization and hashing (the bench sends the key), kinship and ages, cross-sell gaps and ranking (it returns the whole book), referral per-level aggregates (it returns the tree 10 levels deep).',
      '',
      table,
      '',
    ]);
    process.stdout.write(`${table}\n`);
  } finally {
    await ng.stop().catch(() => undefined);
    await app.close().catch(() => undefined);
    await bench.stop();
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    process.stderr.write(`bench failed: ${(e as Error).stack ?? String(e)}\n`);
    process.exit(1);
  },
);
