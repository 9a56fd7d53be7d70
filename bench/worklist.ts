/**
 * `npm run bench:worklist`: the advisor's work-list and cross-sell first pages for one advisor
 * with a book of 100, 1,000 and 10,000 households in the same database, 32 concurrent clients
 * over HTTP on 127.0.0.1 (autocannon in a child process), side by side with the raw Cypher each
 * page runs (the same statements in the same read transaction through the driver, 32
 * concurrent callers: stale check + page for the work-list; stale check + page + the page's
 * state inputs for cross-sell).
 *
 * Households come from the cross-sell bench's generator (bench/crosssell.ts), bulk-loaded with
 * UNWIND Cypher, then their stored work-list state is built once (WorklistService.rebuild), as
 * a service starting on a database without it does. Also timed: the cost each write path pays
 * for keeping the state (writeCosts below: with and without the hook, alternating rounds).
 *
 * Env: BENCH_SIZES (default "100,1000,10000"), BENCH_SECONDS per measurement (default 8),
 * BENCH_CONNECTIONS (default 32), BENCH_WARMUP_SECONDS (untimed load before each book's
 * measurements, default 4), BENCH_WRITE_SECONDS (default 4), BENCH_SEED, BENCH_CPU_PROFILE
 * (a folder: CPU profiles of the server during each page's HTTP measurement, bench/profile.ts).
 * Prints markdown tables.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { addDays } from '../src/calendar/calendar';
import { fixedClock } from '../src/clock';
import type { BeforeCommit, Database } from '../src/db/database';
import { Rng } from '../src/cli/rng';
import { repoRoot } from '../src/paths';
import { WorklistRepository } from '../src/worklist/worklist.repository';
import { birthdayWindow } from '../src/worklist/state';
import { WORK_ITEM_KINDS } from '../src/worklist/worklist.model';
import { household } from './crosssell';
import { httpLoad } from './http-load';
import { profiled } from './profile';
import { driverLoad, fmtMs, log, markdownTable, runBench, startBenchApp, startBenchDb } from './support';

const TODAY = '2026-06-01';
const SIZES = (process.env.BENCH_SIZES ?? '100,1000,10000').split(',').map((s) => Number(s.trim()));
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const SEED = Number(process.env.BENCH_SEED ?? 20260601);
const BATCH = 500;
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 4);

const op = (name: string): string => readFileSync(join(repoRoot(), 'schema', 'operations', `${name}.graphql`), 'utf8');

async function main(): Promise<void> {
  const started = Date.now();
  const bench = await startBenchDb('worklist', { heap: '2g', pageCache: '1g' });
  const run = `bench-${process.pid}-${Date.now().toString(36)}`;
  let app: Awaited<ReturnType<typeof startBenchApp>> | null = null;
  try {
    app = await startBenchApp(bench.db, { clock: fixedClock(TODAY) });
    const load = app.app.cypher.get('bench/coverage-load');
    const advisors = SIZES.map((size) => ({ size, advisorId: `${run}-adv${size}` }));
    for (const { size, advisorId } of advisors) {
      const rng = new Rng(SEED, size);
      for (let from = 0; from < size; from += BATCH) {
        const batch = Array.from({ length: Math.min(BATCH, size - from) }, (_, i) => household(rng, run, advisorId, from + i));
        await bench.db.write((tx) => tx.run(load, { households: batch, at: '2026-01-01T00:00:00.000Z', atMs: Date.parse('2026-01-01T00:00:00Z') }));
      }
    }
    const t0 = Date.now();
    const built = await app.app.services.worklist.rebuild();
    log(`stored work-list state of ${built} households built in ${Date.now() - t0} ms`);

    const worklistPage = op('worklistFirstPage');
    const crossSellPage = op('crossSellFirstPage');
    const repo = new WorklistRepository(bench.db, app.app.cypher);
    const rows: Array<Array<string | number>> = [];
    const p50: Record<string, number[]> = { worklist: [], crossSell: [] };
    for (const { size, advisorId } of advisors) {
      const first = await app.gql<{ advisorWorklist: { totalCount: number } }>(worklistPage, { a: advisorId }, { role: 'ADVISOR', sub: advisorId });
      const headers = { authorization: `Bearer ${await app.token({ role: 'ADVISOR', sub: advisorId })}` };
      const body = (query: string): string => JSON.stringify({ query, variables: { a: advisorId } });
      // Warm-up: plans compiled, both JITs (Node's and Neo4j's) and caches warm before anything is timed.
      for (const page of [worklistPage, crossSellPage]) {
        await httpLoad({ url: app.app.server.url, headers, bodies: [body(page)], connections: CONNECTIONS, seconds: WARMUP_SECONDS });
      }
      const url = app.app.server.url;
      const wl = await profiled(`advisorWorklist-${size}`, () => httpLoad({ url, headers, bodies: [body(worklistPage)], connections: CONNECTIONS, seconds: SECONDS }));
      const cs = await profiled(`crossSellOpportunities-${size}`, () => httpLoad({ url, headers, bodies: [body(crossSellPage)], connections: CONNECTIONS, seconds: SECONDS }));
      const raw = await driverLoad(
        [() => repo.page({ advisorId, kinds: WORK_ITEM_KINDS, today: TODAY, birthdays: birthdayWindow(TODAY), after: null, limit: 21 })],
        CONNECTIONS,
        SECONDS,
      );
      const rawCs = await driverLoad([() => repo.crossSellPage({ advisorId, today: TODAY, after: null, limit: 21 })], CONNECTIONS, SECONDS);
      p50.worklist!.push(wl.p50);
      p50.crossSell!.push(cs.p50);
      rows.push([
        size.toLocaleString('en-US'),
        first.advisorWorklist.totalCount.toLocaleString('en-US'),
        `${wl.perSecond.toFixed(0)} (${wl.p50} / ${wl.p99})`,
        `${raw.perSecond.toFixed(0)} (${fmtMs(raw.p50)} / ${fmtMs(raw.p99)})`,
        (wl.perSecond / raw.perSecond).toFixed(2),
        `${cs.perSecond.toFixed(0)} (${cs.p50} / ${cs.p99})`,
        `${rawCs.perSecond.toFixed(0)} (${fmtMs(rawCs.p50)} / ${fmtMs(rawCs.p99)})`,
        (cs.perSecond / rawCs.perSecond).toFixed(2),
        wl.errors + cs.errors + raw.errors + rawCs.errors,
      ]);
      log(`${size}: work-list ${wl.perSecond.toFixed(0)}/s (raw ${raw.perSecond.toFixed(0)}/s), cross-sell ${cs.perSecond.toFixed(0)}/s (raw ${rawCs.perSecond.toFixed(0)}/s)`);
    }
    const daily = await nextDay(bench.db, advisors, worklistPage);
    const writes = await writeCosts(app, bench.db, run, advisors);
    const ratio = (xs: number[]): string => (xs.length > 1 ? (xs.at(-1)! / Math.max(1, xs[0]!)).toFixed(2) : '-');
    process.stdout.write(
      `\nFirst pages for one advisor, ${CONNECTIONS} clients, ${SECONDS} s each, over HTTP on 127.0.0.1 ` +
        `(${new Date().toISOString().slice(0, 10)}, today fixed at ${TODAY}, seed ${SEED}); req/s (p50 / p99 ms):\n\n` +
        markdownTable(
          ['book (households)', 'work items', 'advisorWorklist', 'its raw Cypher', 'API / raw', 'crossSellOpportunities', 'its raw Cypher', 'API / raw', 'errors'],
          rows,
        ) +
        `\n\np50 at the largest book / p50 at the smallest: work-list ${ratio(p50.worklist!)}, cross-sell ${ratio(p50.crossSell!)}\n` +
        `\nThe next day (a service whose clock says ${addDays(TODAY, 1)}): the first page read recomputes the advisor's households whose state ` +
        `expired, the second reads:\n\n` +
        markdownTable(['book (households)', 'households recomputed', 'first read ms', 'second read ms'], daily) +
        `\n\nWhat the write paths pay for keeping the state (${WRITE_ROUNDS} alternating rounds of ${WRITE_SECONDS} s each way, one writer, batches of ${WRITE_BATCH}; ` +
        `"without" = the same writes with the before-commit hook unregistered):\n\n` +
        markdownTable(['write path', 'without state (/s)', 'with state (/s)', 'with / without'], writes) +
        `\n\n(total bench time ${((Date.now() - started) / 1000).toFixed(0)} s)\n`,
    );
  } finally {
    await app?.close().catch(() => undefined);
    await bench.stop();
  }
}

/** The first and second work-list read of the next day for each advisor (the daily cost: stale households recomputed on the first read). */
async function nextDay(db: Database, advisors: Array<{ size: number; advisorId: string }>, worklistPage: string): Promise<Array<Array<string | number>>> {
  const tomorrow = addDays(TODAY, 1);
  const later = await startBenchApp(db, { clock: fixedClock(tomorrow) });
  const repo = new WorklistRepository(db, later.app.cypher);
  const rows: Array<Array<string | number>> = [];
  try {
    for (const { size, advisorId } of advisors) {
      const page = await repo.page({ advisorId, kinds: WORK_ITEM_KINDS, today: tomorrow, birthdays: birthdayWindow(tomorrow), after: null, limit: 1 });
      const stale = 'stale' in page ? page.stale.length : 0;
      const timed = async (): Promise<number> => {
        const t0 = process.hrtime.bigint();
        await later.gql(worklistPage, { a: advisorId }, { role: 'ADVISOR', sub: advisorId });
        return Number(process.hrtime.bigint() - t0) / 1e6;
      };
      rows.push([size.toLocaleString('en-US'), stale.toLocaleString('en-US'), fmtMs(await timed()), fmtMs(await timed())]);
    }
  } finally {
    await later.close();
  }
  return rows;
}

const WRITE_SECONDS = Number(process.env.BENCH_WRITE_SECONDS ?? 4);
const WRITE_ROUNDS = 3;
const WRITE_BATCH = 100;

/**
 * Writes per second through the services with and without the work-list hook, alternating
 * rounds so that drift (caches, the machine) hits both sides alike:
 * - ingestion: identity events of new people (2 identifiers each; the hook finds no household);
 * - member updates: updatePerson on members of the 1,000-household book (premiumBudget;
 *   each recomputes its household);
 * - policy upserts: upsertPolicies of that book's policies, premium changed (each recomputes
 *   the households of holder and insured).
 */
async function writeCosts(
  app: Awaited<ReturnType<typeof startBenchApp>>,
  db: Database,
  run: string,
  advisors: Array<{ size: number; advisorId: string }>,
): Promise<Array<Array<string | number>>> {
  const { identity, coverage, worklist } = app.app.services;
  const book = advisors.find((a) => a.size === 1000) ?? advisors[0]!;
  const rng = new Rng(SEED, 7);
  // Recreate the book's generator output: the loaded households have exactly these members and policies.
  const source = new Rng(SEED, book.size);
  const loaded = Array.from({ length: book.size }, (_, i) => household(source, run, book.advisorId, i));
  const members = loaded.flatMap((h) => h.members);
  const policies = members.flatMap((m) => m.policies.map((p) => ({ ...p, holder: { oneId: m.oneId }, insured: { oneId: m.oneId } })));
  let serial = 0;
  const phone = (): string => {
    for (;;) {
      const sub = String(rng.int(10_000_000, 99_999_999));
      if (!/^(\d)\1{7}$/.test(sub)) return `13${rng.int(0, 9)}${sub}`;
    }
  };
  const paths: Array<[string, () => Promise<unknown>]> = [
    [
      'ingestion (events)',
      () =>
        identity.ingest(
          Array.from({ length: WRITE_BATCH }, () => {
            serial += 1;
            return {
              eventId: `${run}-ev${serial}`,
              source: 'bench',
              observedAt: '2026-05-01T00:00:00.000Z',
              identifiers: [
                { type: 'PHONE', value: phone() },
                { type: 'EMAIL', value: `w${serial}.${run}@bench-kg.cn` },
              ],
              attributes: { displayName: `Writer ${serial}` },
            };
          }),
        ),
    ],
    [
      'member updates (updatePerson)',
      async () => {
        for (let i = 0; i < WRITE_BATCH; i += 1) {
          serial += 1;
          await identity.updatePerson(members[serial % members.length]!.oneId, { premiumBudget: 1000 + (serial % 5000) });
        }
      },
    ],
    [
      'policy upserts (upsertPolicies)',
      () => {
        const batch = Array.from({ length: WRITE_BATCH }, () => {
          serial += 1;
          const p = policies[serial % policies.length]!;
          return { ...p, annualPremium: p.annualPremium + (serial % 7) };
        });
        return coverage.upsertPolicies(batch as never);
      },
    ],
  ];
  const hook: BeforeCommit = (tx, touched) => worklist.refresh(tx, touched);
  const rows: Array<Array<string | number>> = [];
  for (const [name, write] of paths) {
    const done = { with: 0, without: 0 };
    const spent = { with: 0, without: 0 };
    await write(); // warm-up
    for (let round = 0; round < WRITE_ROUNDS; round += 1) {
      for (const mode of ['with', 'without'] as const) {
        db.beforeCommit('worklist', mode === 'with' ? hook : null);
        const t0 = Date.now();
        while (Date.now() - t0 < WRITE_SECONDS * 1000) {
          await write();
          done[mode] += WRITE_BATCH;
        }
        spent[mode] += Date.now() - t0;
      }
    }
    db.beforeCommit('worklist', hook);
    const [withRate, withoutRate] = [done.with / (spent.with / 1000), done.without / (spent.without / 1000)];
    rows.push([name, withoutRate.toFixed(0), withRate.toFixed(0), (withRate / withoutRate).toFixed(2)]);
    log(`${name}: ${withRate.toFixed(0)}/s with state, ${withoutRate.toFixed(0)}/s without`);
  }
  // The writes without the hook left some state behind: bring it back before anything reads it.
  await worklist.rebuild();
  return rows;
}

if (require.main === module) runBench(main);
