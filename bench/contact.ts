/**
 * `npm run bench:contact [-- --persons 900 --households 0 --batch 300 --seconds 5 --concurrency 8]`
 *
 * The cost of reaching customers lawfully, on a real Neo4j, each figure next to its baseline
 * in the same run:
 * 1. ingestion with encryption (identity's service sealing every new value under a per-person
 *    data key, as served) against the same service without it (NO_SEALING), on the same
 *    database, alternating batches of fresh people (`batch` events each) so both see the same
 *    database size: events/s of each over all batches and at the median batch, and their
 *    ratios (the issue's bound: at most 15 % slower); with `--households N`, also two synthetic
 *    populations of N households (src/cli/population.ts, seeds 1 and 2: the import's realistic
 *    mix, where most events see people and values already stored), one through each side, in
 *    alternating batches on the same database;
 * 2. revealIdentifiers (PHONE, SERVICE, ADMIN) at `concurrency` clients over HTTP (autocannon
 *    in a child process) against the statements it runs (contact/subject, contact/sealed-of-persons,
 *    contact/append-log) in one write transaction through the driver, at the same concurrency:
 *    requests/s, p50 and p99.
 * Neo4j: NEO4J_URI when set, else a local server started for the run (data removed at the end).
 * Run it at a small size on a shared machine. Prints a markdown table (progress on stderr).
 */
import 'reflect-metadata';
import { randomInt, randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import type { IdentityEventDTO, IdentityService } from '../src/identity/identity.service';
import { identityModule } from '../src/identity/identity.module';
import { NO_SEALING } from '../src/identity/sealing';
import { loadConfig } from '../src/config/config';
import { createLogger } from '../src/logger';
import { httpLoad } from './http-load';
import type { EventRecord } from '../src/cli/population';
import { BENCH_MASTER_KEYS, chunks, driverLoad, eventsOf, log, markdownTable, runBench, startBenchApp, startBenchDb, toInput } from './support';

const REVEAL = `mutation Reveal($oneId: ID!) { revealIdentifiers(oneId: $oneId, types: [PHONE], purpose: SERVICE, justification: "bench") { value } }`;

/** One person's first event: a fresh mobile, e-mail and CRM account. */
function personEvent(): IdentityEventDTO {
  const id = randomUUID().replace(/-/g, '').slice(0, 12);
  const mobile = `139${String(randomInt(10_000_000, 99_999_999))}`;
  return {
    eventId: `bench-contact-${id}`,
    source: 'bench',
    observedAt: '2026-01-01T00:00:00Z',
    identifiers: [
      { type: 'PHONE', value: mobile },
      { type: 'EMAIL', value: `b${id}@mail-kg.cn` },
      { type: 'ACCOUNT', namespace: 'crm', value: `crm-${id}` },
    ],
  };
}

async function timedIngest(service: IdentityService, events: IdentityEventDTO[]): Promise<{ ms: number; oneIds: string[] }> {
  const t0 = process.hrtime.bigint();
  const res = await service.ingest(events);
  return { ms: Number(process.hrtime.bigint() - t0) / 1e6, oneIds: res.results.flatMap((r) => (r.oneId ? [r.oneId] : [])) };
}

type Side = 'sealed' | 'plain';
interface Alternated {
  /** Events and milliseconds of each side's timed batches. */
  events: Record<Side, number>;
  ms: Record<Side, number[]>;
}

/**
 * `rounds` rounds of one batch per side, alternating which side goes first (so neither always
 * meets the statistics the other just moved), each batch timed on its own.
 */
async function alternate(
  services: Record<Side, IdentityService>,
  rounds: number,
  batchOf: (side: Side) => IdentityEventDTO[],
  onSealed: (oneIds: string[]) => void = () => undefined,
): Promise<Alternated> {
  const out: Alternated = { events: { sealed: 0, plain: 0 }, ms: { sealed: [], plain: [] } };
  for (let round = 0; round < rounds; round++) {
    for (const side of round % 2 === 0 ? (['sealed', 'plain'] as const) : (['plain', 'sealed'] as const)) {
      const events = batchOf(side);
      const r = await timedIngest(services[side], events);
      out.events[side] += events.length;
      out.ms[side].push(r.ms);
      if (side === 'sealed') onSealed(r.oneIds);
    }
  }
  return out;
}

/** Events/s of each side over all batches and at the median batch (a batch that met a replan or a checkpoint moves the first, not the second). */
function ingestionRows(what: string, a: Alternated): string[][] {
  const all = (side: Side): number => a.events[side] / (a.ms[side].reduce((x, y) => x + y, 0) / 1000);
  const median = (side: Side): number => {
    const perEvent = a.ms[side].length ? a.events[side] / a.ms[side].length : 0;
    const sorted = [...a.ms[side]].sort((x, y) => x - y);
    return perEvent / (sorted[sorted.length >> 1]! / 1000);
  };
  return [
    [`ingestion events/s, ${what}, all batches (encrypted vs not)`, all('sealed').toFixed(0), all('plain').toFixed(0), (all('sealed') / all('plain')).toFixed(2)],
    [`ingestion events/s, ${what}, median batch (encrypted vs not)`, median('sealed').toFixed(0), median('plain').toFixed(0), (median('sealed') / median('plain')).toFixed(2)],
  ];
}

const toEvent = (e: EventRecord): IdentityEventDTO => toInput(e) as unknown as IdentityEventDTO;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      persons: { type: 'string', default: '900' },
      households: { type: 'string', default: '0' },
      batch: { type: 'string', default: '300' },
      seconds: { type: 'string', default: '5' },
      concurrency: { type: 'string', default: '8' },
    },
  });
  const [persons, households, batch, seconds, concurrency] = [values.persons, values.households, values.batch, values.seconds, values.concurrency].map(Number) as [number, number, number, number, number];
  const bench = await startBenchDb('contact');
  const app = await startBenchApp(bench.db);
  try {
    const { services, cypher } = app.app;
    const config = loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32), IDENTIFIER_HASH_SECRET: 'y'.repeat(32), CONTACT_MASTER_KEYS: BENCH_MASTER_KEYS });
    const deps = { db: bench.db, cypher, config, clock: services.clock, log: createLogger('warn') };
    const sealed = services.identity;
    const plain = identityModule.createService(deps, NO_SEALING);

    // ---- 1. ingestion with and without encryption, alternating batches
    log(`ingesting ${persons} people in batches of ${batch}, alternating with and without encryption`);
    const revealable: string[] = [];
    // Warm-up with full-size batches on both sides: a young database replans its statements as
    // its statistics move, and the first full-size batch paid seconds of that (not encryption).
    for (let i = 0; i < 2; i++) {
      await timedIngest(sealed, Array.from({ length: batch }, personEvent));
      await timedIngest(plain, Array.from({ length: batch }, personEvent));
    }
    const rounds = Math.ceil(persons / (2 * batch));
    const fresh = await alternate({ sealed, plain }, rounds, () => Array.from({ length: batch }, personEvent), (oneIds) => revealable.push(...oneIds));
    // 1b. the synthetic population's mix (most events see people and values already stored)
    let mix: Alternated | null = null;
    if (households > 0) {
      log(`ingesting two synthetic populations of ${households} households (seed 1 encrypted, seed 2 not), batches of ${batch}`);
      const streams = { sealed: chunks(eventsOf(1, households), batch), plain: chunks(eventsOf(2, households), batch) };
      const next = { sealed: 0, plain: 0 };
      mix = await alternate({ sealed, plain }, Math.min(streams.sealed.length, streams.plain.length), (side) => streams[side][next[side]++]!.map(toEvent));
    }

    // ---- 2. reveal at `concurrency` clients, API against its statements
    const token = await app.token({ role: 'ADMIN', sub: 'bench' });
    const bodies = revealable.map((oneId) => JSON.stringify({ query: REVEAL, variables: { oneId } }));
    const http = { url: app.app.server.url, headers: { authorization: `Bearer ${token}` }, bodies, connections: concurrency };
    log(`revealIdentifiers over HTTP (${concurrency} clients, ${seconds} s)`);
    await httpLoad({ ...http, seconds: 1 });
    const api = await httpLoad({ ...http, seconds });
    const q = cypher.pick('contact', ['subject', 'sealed-of-persons', 'append-log'] as const);
    const calls = revealable.map((oneId) => () =>
      bench.db.write(async (tx) => {
        await tx.run(q.subject, { oneId, self: null });
        await tx.run(q['sealed-of-persons'], { oneIds: [oneId], types: ['PHONE'], namespace: null });
        await tx.run(q['append-log'], {
          entry: { id: randomUUID(), at: new Date().toISOString(), actor: 'bench-raw', actorRole: 'ADMIN', oneId, action: 'REVEAL', types: ['PHONE'], purpose: 'SERVICE', justification: 'bench', outcome: 'GRANTED' },
        });
      }),
    );
    log(`the same statements through the driver (${concurrency} clients, ${seconds} s)`);
    await driverLoad(calls, concurrency, 1);
    const raw = await driverLoad(calls, concurrency, seconds);

    process.stdout.write(
      `${markdownTable(
        ['measure', 'kingraph', 'baseline', 'ratio'],
        [
          ...ingestionRows('new people', fresh),
          ...(mix ? ingestionRows(`population of ${households} households`, mix) : []),
          [`reveal req/s at ${concurrency} (API vs raw Cypher)`, api.perSecond.toFixed(0), raw.perSecond.toFixed(0), (api.perSecond / raw.perSecond).toFixed(2)],
          [`reveal p50 ms at ${concurrency}`, api.p50.toFixed(1), raw.p50.toFixed(1), (api.p50 / raw.p50).toFixed(2)],
          [`reveal p99 ms at ${concurrency}`, api.p99.toFixed(1), raw.p99.toFixed(1), (api.p99 / raw.p99).toFixed(2)],
        ],
      )}\n(errors: API ${api.errors}, raw ${raw.errors}; ${persons} new people${households ? ` and two populations of ${households} households` : ''}, batches of ${batch})\n`,
    );
  } finally {
    await app.close();
    await bench.stop();
  }
}

if (require.main === module) runBench(main);
