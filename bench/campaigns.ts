/**
 * `npm run bench:campaigns`: the referral programme's dashboard (issue 14) over all time, at
 * 10,000 and 100,000 invitations (BENCH_SIZES), 8 concurrent clients (BENCH_CONNECTIONS):
 * - referralBreakdown by [CAMPAIGN, CHANNEL] and by [ADVISOR, MONTH];
 * - referralDrillDown's first page (INVITED, 50 rows), without and with its totalCount;
 * each through the GraphQL API (HTTP on 127.0.0.1, autocannon in a child process, as ADMIN)
 * and side by side the raw Cypher it runs (the same statements in the same read transaction
 * through the driver: CampaignsRepository), so the ratio shows what the API layer adds.
 *
 * Data: a synthetic programme bulk-loaded with UNWIND Cypher shaped exactly like the API
 * writes it (cypher/bench/campaigns-*): people in households of three with 1 advisor per 1,000
 * people, invitations over two years from heavy-tailed inviters (the k-th invitation's inviter
 * is person floor(k * u^2)), 8 campaigns (20% none), 5 channels that are accepted at
 * different rates (agent 60%, WeChat 40%, QR 25%, poster 8%, SMS 5%), a third of the accepted
 * converted, and spend per campaign and channel. Into NEO4J_URI or a throwaway local Neo4j
 * (data under .data/bench-campaigns-<pid>); against NEO4J_URI the run's data is deleted at
 * the end unless BENCH_KEEP=1. Prints markdown tables.
 *
 * Env: BENCH_SIZES (default "10000,100000"), BENCH_SECONDS per measurement (default 8),
 * BENCH_WARMUP_SECONDS (default 3), BENCH_CONNECTIONS (default 8), BENCH_SEED, BENCH_KEEP.
 */
import { grouping } from '../src/campaigns/campaigns.model';
import { CampaignsRepository } from '../src/campaigns/campaigns.repository';
import { Rng } from '../src/cli/rng';
import type { Database } from '../src/db/database';
import { validateFilter } from '../src/referral/referral.service';
import { httpLoad } from './http-load';
import { driverLoad, fmtMs, log, markdownTable, runBench, startBenchApp, startBenchDb } from './support';

const SIZES = (process.env.BENCH_SIZES ?? '10000,100000').split(',').map((s) => Number(s.trim()));
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 8);
const SEED = Number(process.env.BENCH_SEED ?? 20261202);
const BATCH = 5000;
const TIME_ZONE = 'Asia/Shanghai';

const CHANNELS: ReadonlyArray<readonly [string, number, number]> = [
  // channel, share of invitations, acceptance rate
  ['wechat_share', 40, 0.4],
  ['qr', 20, 0.25],
  ['poster', 15, 0.08],
  ['sms', 15, 0.05],
  ['agent', 10, 0.6],
];
const CAMPAIGNS = 8;

const BREAKDOWN = `query B($by: [ReferralDimension!]!) { referralBreakdown(by: $by) {
  rows { campaign channel advisorId period figures { participants invited accepted newPeople spreaders converted premium conversionRate kFactor cost roi }
         filter { campaign channel advisorId from to noCampaign noAdvisor } }
  total { participants invited accepted newPeople spreaders converted premium conversionRate kFactor cost roi } } }`;
const PAGE = `query P { referralDrillDown(metric: INVITED, first: 50) {
  pageInfo { hasNextPage endCursor } edges { cursor node { person { oneId } invitation { id sentAt status } advisor { advisorId } } } } }`;
const PAGE_TOTAL = `query P { referralDrillDown(metric: INVITED, first: 50) { totalCount
  pageInfo { hasNextPage endCursor } edges { cursor node { person { oneId } invitation { id sentAt status } advisor { advisorId } } } } }`;

/** Load `size` invitations (and their people, households, campaigns and spend) under the prefix `run`. */
async function load(db: Database, q: Record<'people' | 'invitations' | 'costs', string>, run: string, size: number): Promise<void> {
  const rng = new Rng(SEED, size);
  const persons = size + 1;
  const advisors = Math.max(1, Math.round(persons / 1000));
  for (let from = 0; from < persons; from += BATCH) {
    const rows = Array.from({ length: Math.min(BATCH, persons - from) }, (_, k) => {
      const x = from + k;
      const h = Math.floor(x / 3);
      return { oneId: `${run}-p${x}`, household: `${run}-h${h}`, advisorId: `${run}-adv${h % advisors}` };
    });
    await db.write((tx) => tx.run(q.people, { rows, createdAt: Date.parse('2024-01-01T00:00:00Z') }));
  }
  const start = Date.parse('2024-06-01T00:00:00Z');
  const span = 2 * 365 * 86_400_000;
  for (let from = 0; from < size; from += BATCH) {
    const rows = Array.from({ length: Math.min(BATCH, size - from) }, (_, k) => {
      const n = from + k;
      const inviter = Math.floor(n * rng.next() * rng.next());
      const [channel, , rate] = CHANNELS[pickChannel(rng.next())]!;
      const accepted = rng.chance(rate);
      const converted = accepted && rng.chance(1 / 3);
      const sent = start + Math.floor((n / size) * span) + rng.int(0, 86_400_000);
      return {
        id: `${run}-i${n}`,
        inviter: `${run}-p${inviter}`,
        invitee: accepted ? `${run}-p${n + 1}` : null,
        channel,
        campaign: rng.chance(0.2) ? null : `${run}-c${rng.int(0, CAMPAIGNS - 1)}`,
        advisorId: rng.chance(0.05) ? null : `${run}-adv${Math.floor(inviter / 3) % advisors}`,
        sentAt: new Date(sent).toISOString(),
        acceptedAt: accepted ? new Date(sent + 86_400_000).toISOString() : null,
        status: converted ? 'CONVERTED' : accepted ? 'ACCEPTED' : 'SENT',
        premium: converted ? rng.int(1, 30) * 500 : null,
      };
    });
    await db.write((tx) => tx.run(q.invitations, { rows }));
  }
  const costs = Array.from({ length: CAMPAIGNS }, (_, c) =>
    [...CHANNELS.map(([channel]) => channel), null].map((channel) => ({
      campaign: `${run}-c${c}`,
      id: `${run}-cost-${c}-${channel ?? 'general'}`,
      channel,
      amount: rng.int(1, 100) * Math.max(1, Math.round(size / 100)),
      spentAt: new Date(start + rng.int(0, span)).toISOString(),
    })),
  ).flat();
  await db.write((tx) => tx.run(q.costs, { rows: costs }));
}

function pickChannel(u: number): number {
  const total = CHANNELS.reduce((s, [, w]) => s + w, 0);
  let r = u * total;
  for (const [k, [, w]] of CHANNELS.entries()) {
    r -= w;
    if (r < 0) return k;
  }
  return CHANNELS.length - 1;
}

async function cleanup(db: Database, statement: string, prefix: string): Promise<void> {
  for (;;) {
    const [row] = await db.write((tx) => tx.run<{ deleted: number }>(statement, { prefix, limit: 10_000 }));
    if (!row || row.deleted === 0) return;
  }
}

async function main(): Promise<void> {
  const started = Date.now();
  const bench = await startBenchDb('campaigns', { heap: '2g', pageCache: '1g' });
  const app = await startBenchApp(bench.db);
  const q = {
    people: app.app.cypher.get('bench/campaigns-load-people'),
    invitations: app.app.cypher.get('bench/campaigns-load-invitations'),
    costs: app.app.cypher.get('bench/campaigns-load-costs'),
  };
  const cleanupStatement = app.app.cypher.get('bench/campaigns-cleanup');
  const repo = new CampaignsRepository(bench.db, app.app.cypher);
  const all = validateFilter(null);
  const rows: Array<Array<string | number>> = [];
  const p50s = new Map<string, number[]>();
  const runs: string[] = [];
  try {
    let loaded = 0;
    const run = `bench-${process.pid}-${Date.now().toString(36)}`;
    runs.push(run);
    for (const size of [...SIZES].sort((a, b) => a - b)) {
      // each size adds invitations to the same run, so the larger size measures everything loaded
      const t0 = Date.now();
      await load(bench.db, q, `${run}-${size}`, size - loaded);
      loaded = size;
      log(`${size} invitations loaded in ${Date.now() - t0} ms`);
      const headers = { authorization: `Bearer ${await app.token({ role: 'ADMIN', sub: 'bench' })}` };
      const cases: Array<{ name: string; body: string; raw: () => Promise<unknown> }> = [
        {
          name: 'breakdown by [CAMPAIGN, CHANNEL]',
          body: JSON.stringify({ query: BREAKDOWN, variables: { by: ['CAMPAIGN', 'CHANNEL'] } }),
          raw: () => repo.breakdown(all, grouping(['CAMPAIGN', 'CHANNEL']), TIME_ZONE, 1001, true),
        },
        {
          name: 'breakdown by [ADVISOR, MONTH]',
          body: JSON.stringify({ query: BREAKDOWN, variables: { by: ['ADVISOR', 'MONTH'] } }),
          raw: () => repo.breakdown(all, grouping(['ADVISOR', 'MONTH']), TIME_ZONE, 1001, false),
        },
        { name: 'drill-down first page (50)', body: JSON.stringify({ query: PAGE }), raw: () => repo.drillDown(all, 'INVITED', null, 51) },
        {
          name: 'drill-down first page + totalCount',
          body: JSON.stringify({ query: PAGE_TOTAL }),
          raw: () => Promise.all([repo.drillDown(all, 'INVITED', null, 51), repo.total(all, TIME_ZONE)]),
        },
      ];
      for (const c of cases) {
        await httpLoad({ url: app.app.server.url, headers, bodies: [c.body], connections: CONNECTIONS, seconds: WARMUP_SECONDS });
        const api = await httpLoad({ url: app.app.server.url, headers, bodies: [c.body], connections: CONNECTIONS, seconds: SECONDS });
        const raw = await driverLoad([c.raw], CONNECTIONS, SECONDS);
        // No answer within the measurement: autocannon reports 0 requests and p50 0, not a latency.
        const none = api.requests === 0;
        p50s.set(c.name, [...(p50s.get(c.name) ?? []), none ? Number.NaN : api.p50]);
        rows.push([
          size.toLocaleString('en-US'),
          c.name,
          none ? `none answered within ${SECONDS} s` : `${api.perSecond.toFixed(1)} (${api.p50} / ${api.p99})`,
          `${raw.perSecond.toFixed(1)} (${fmtMs(raw.p50)} / ${fmtMs(raw.p99)})`,
          (api.perSecond / raw.perSecond).toFixed(2),
          api.errors + raw.errors,
        ]);
        log(`${size} ${c.name}: API ${none ? 'no answer' : `p50 ${api.p50} ms`}, raw p50 ${fmtMs(raw.p50)} ms`);
      }
    }
    const growth = [...p50s.entries()].map(([name, xs]) => [name, xs.length > 1 && xs.every(Number.isFinite) ? (xs.at(-1)! / Math.max(1, xs[0]!)).toFixed(2) : '-']);
    process.stdout.write(
      `\nThe referral dashboard over all time, ${CONNECTIONS} clients, ${SECONDS} s each, over HTTP on 127.0.0.1 ` +
        `(${new Date().toISOString().slice(0, 10)}, seed ${SEED}); req/s (p50 / p99 ms):\n\n` +
        markdownTable(['invitations', 'query', 'kingraph API', 'its raw Cypher', 'API / raw', 'errors'], rows) +
        `\n\np50 at the largest size / p50 at the smallest:\n\n` +
        markdownTable(['query', 'growth'], growth) +
        `\n\n(total bench time ${((Date.now() - started) / 1000).toFixed(0)} s)\n`,
    );
  } finally {
    await app.close().catch(() => undefined);
    if (!bench.local && process.env.BENCH_KEEP !== '1') for (const run of runs) await cleanup(bench.db, cleanupStatement, run).catch(() => undefined);
    await bench.stop();
  }
}

runBench(main);
