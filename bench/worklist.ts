/**
 * `npm run bench:worklist`: the advisor's work-list and cross-sell first pages for one advisor
 * with a book of 100, 1,000 and 10,000 households in the same database, 32 concurrent clients
 * over HTTP on 127.0.0.1 (autocannon in a child process), side by side with the raw Cypher the
 * work-list page runs (page + count statements through the driver, 32 concurrent callers).
 *
 * Households come from the cross-sell bench's generator (bench/crosssell.ts), bulk-loaded with
 * UNWIND Cypher, then their stored work-list state is built once (WorklistService.rebuild), as
 * a service starting on a database without it does. Also timed: the cost the write path pays
 * for keeping the state (policy upserts per second through the service, batches of 100).
 *
 * Env: BENCH_SIZES (default "100,1000,10000"), BENCH_SECONDS per measurement (default 8),
 * BENCH_CONNECTIONS (default 32), BENCH_SEED. Prints a markdown table.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixedClock } from '../src/clock';
import { Rng } from '../src/cli/rng';
import { repoRoot } from '../src/paths';
import { WorklistRepository } from '../src/worklist/worklist.repository';
import { birthdayWindow } from '../src/worklist/state';
import { WORK_ITEM_KINDS } from '../src/worklist/worklist.model';
import { household } from './crosssell';
import { httpLoad } from './http-load';
import { driverLoad, fmtMs, log, markdownTable, runBench, startBenchApp, startBenchDb } from './support';

const TODAY = '2026-06-01';
const SIZES = (process.env.BENCH_SIZES ?? '100,1000,10000').split(',').map((s) => Number(s.trim()));
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const SEED = Number(process.env.BENCH_SEED ?? 20260601);
const BATCH = 500;

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
      // Warm-up: plans compiled and caches filled before anything is timed.
      for (let i = 0; i < 5; i += 1) {
        await app.gql(worklistPage, { a: advisorId }, { role: 'ADVISOR', sub: advisorId });
        await app.gql(crossSellPage, { a: advisorId }, { role: 'ADVISOR', sub: advisorId });
      }
      const wl = await httpLoad({ url: app.app.server.url, headers, bodies: [body(worklistPage)], connections: CONNECTIONS, seconds: SECONDS });
      const cs = await httpLoad({ url: app.app.server.url, headers, bodies: [body(crossSellPage)], connections: CONNECTIONS, seconds: SECONDS });
      const raw = await driverLoad(
        [() => repo.page({ advisorId, kinds: WORK_ITEM_KINDS, today: TODAY, birthdays: birthdayWindow(TODAY), after: null, limit: 21 })],
        CONNECTIONS,
        SECONDS,
      );
      p50.worklist!.push(wl.p50);
      p50.crossSell!.push(cs.p50);
      rows.push([
        size.toLocaleString('en-US'),
        first.advisorWorklist.totalCount.toLocaleString('en-US'),
        `${wl.perSecond.toFixed(0)} (${wl.p50} / ${wl.p99})`,
        `${raw.perSecond.toFixed(0)} (${fmtMs(raw.p50)} / ${fmtMs(raw.p99)})`,
        (wl.perSecond / raw.perSecond).toFixed(2),
        `${cs.perSecond.toFixed(0)} (${cs.p50} / ${cs.p99})`,
        wl.errors + cs.errors + raw.errors,
      ]);
      log(`${size}: work-list ${wl.perSecond.toFixed(0)}/s, raw ${raw.perSecond.toFixed(0)}/s, cross-sell ${cs.perSecond.toFixed(0)}/s`);
    }
    const ratio = (xs: number[]): string => (xs.length > 1 ? (xs.at(-1)! / Math.max(1, xs[0]!)).toFixed(2) : '-');
    process.stdout.write(
      `\nFirst pages for one advisor, ${CONNECTIONS} clients, ${SECONDS} s each, over HTTP on 127.0.0.1 ` +
        `(${new Date().toISOString().slice(0, 10)}, today fixed at ${TODAY}, seed ${SEED}); req/s (p50 / p99 ms):\n\n` +
        markdownTable(['book (households)', 'work items', 'advisorWorklist', 'raw Cypher (page + count)', 'API / raw', 'crossSellOpportunities', 'errors'], rows) +
        `\n\np50 at the largest book / p50 at the smallest: work-list ${ratio(p50.worklist!)}, cross-sell ${ratio(p50.crossSell!)}\n` +
        `(total bench time ${((Date.now() - started) / 1000).toFixed(0)} s)\n`,
    );
  } finally {
    await app?.close().catch(() => undefined);
    await bench.stop();
  }
}

if (require.main === module) runBench(main);
