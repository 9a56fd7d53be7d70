/**
 * `npm run bench:customers`: the customer dashboards through the API and, side by side, the
 * Cypher statement that serves each (through the driver, same parameters), in one run:
 * peopleSummary with no filter and with an advisor filter, the first people page for a
 * tier + segment + tag filter, and recordInteractions in batches of 1,000 (interactions/s;
 * the raw side runs cypher/customers/record-interactions without the stored-state hook).
 *
 * Data: `kingraph generate` households (BENCH_HOUSEHOLDS, default 10,000; seed BENCH_SEED)
 * loaded through `kingraph import` (every write path keeps the stored customer state), into
 * NEO4J_URI or a throwaway local Neo4j under .data/bench-customers-<pid>. Each measurement is
 * bounded by BENCH_BUDGET_MS (default 20 s) and BENCH_ITERATIONS (default 30). Prints a
 * markdown table (stdout); progress on stderr.
 */
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { generateToFile, truthFileOf } from '../src/cli/generate';
import { importFile } from '../src/cli/import';
import { fixedClock } from '../src/clock';
import { repoRoot } from '../src/paths';
import { fmtMs, log, markdownTable, percentile, runBench, startBenchApp, startBenchDb, timeLoop } from './support';

const HOUSEHOLDS = Number(process.env.BENCH_HOUSEHOLDS ?? 10_000);
const SEED = Number(process.env.BENCH_SEED ?? 42);
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 30);
const BUDGET_MS = Number(process.env.BENCH_BUDGET_MS ?? 20_000);
const BATCHES = Number(process.env.BENCH_INTERACTION_BATCHES ?? 5);
const AS_OF = '2026-06-01';

const SUMMARY = `query SummaryBench($filter: PeopleFilter) {
  peopleSummary(filter: $filter) { total revenue bySegment { segment count } byTier { tier count } topTags { name count } }
}`;
const PEOPLE = `query PeopleBench($filter: PeopleFilter) {
  people(filter: $filter, first: 20) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { oneId displayName value { revenue influence score tier } segment lastActivityAt } } }
}`;
const RECORD = `mutation RecordBench($interactions: [InteractionInput!]!) { recordInteractions(interactions: $interactions) { accepted duplicates } }`;

async function main(): Promise<void> {
  const bench = await startBenchDb('customers', { heap: '1g', pageCache: '512m' });
  const file = join(repoRoot(), '.data', `bench-customers-${process.pid}.ndjson`);
  let app: Awaited<ReturnType<typeof startBenchApp>> | null = null;
  try {
    app = await startBenchApp(bench.db, { clock: fixedClock(AS_OF) });
    const { services, cypher } = app.app;
    const generated = await generateToFile({ seed: SEED, households: HOUSEHOLDS, asOf: AS_OF, out: file });
    log(`generated ${generated.households} households (${generated.lines} lines)`);
    const t0 = Date.now();
    const imported = await importFile({ file, services, restart: true });
    log(`imported in ${((Date.now() - t0) / 1000).toFixed(1)} s: ${imported.totals.interactions} interactions, ${imported.totals.rejects} rejects`);

    const rows: Array<Array<string | number>> = [];
    const opts = { warmup: 3, iterations: ITERATIONS, budgetMs: BUDGET_MS };
    const measure = async (label: string, api: () => Promise<unknown>, raw: () => Promise<unknown>): Promise<void> => {
      const a = await timeLoop(api, opts);
      const c = await timeLoop(raw, opts);
      const [a50, a99, c50, c99] = [percentile(a.ms, 50), percentile(a.ms, 99), percentile(c.ms, 50), percentile(c.ms, 99)];
      rows.push([label, `${a.ms.length}/${c.ms.length}`, fmtMs(a50), fmtMs(a99), fmtMs(c50), fmtMs(c99), (a50 / c50).toFixed(2)]);
      log(`${label}: API p50 ${fmtMs(a50)} ms, Cypher p50 ${fmtMs(c50)} ms`);
    };
    const raw = (name: string, params: Record<string, unknown>) => () => bench.db.read((tx) => tx.run(cypher.get(name), params));

    const all = await app.gql<{ peopleSummary: { total: number; byTier: Array<{ tier: string; count: number }> } }>(SUMMARY, { filter: null });
    log(`people: ${all.peopleSummary.total}, by tier ${JSON.stringify(all.peopleSummary.byTier)}`);
    await measure('peopleSummary, no filter', () => app!.gql(SUMMARY, { filter: null }), raw('customers/people-summary', { f: services.customers.filterParams(null) }));
    const advisorId = await firstAdvisor(app);
    if (advisorId === null) throw new Error('no household with an advisor in the generated data');
    const byAdvisor = { advisorId };
    await measure(`peopleSummary, advisor filter`, () => app!.gql(SUMMARY, { filter: byAdvisor }), raw('customers/people-summary', { f: services.customers.filterParams(byAdvisor) }));
    const narrow = { tiers: ['STANDARD', 'GOLD'], segments: ['ACTIVE'], tags: ['UNPROTECTED_EARNER'] };
    await measure(
      'people first page, tier + segment + tag',
      () => app!.gql(PEOPLE, { filter: narrow }),
      raw('customers/people', { f: services.customers.filterParams(narrow as never), order: 'SCORE_DESC', afterKey: null, afterId: null, limit: 21 }),
    );

    // recordInteractions: batches of 1,000 new interactions on imported people.
    const people = await app.gql<{ people: { edges: Array<{ node: { oneId: string } }> } }>(`query { people(first: 200) { edges { node { oneId } } } }`);
    const oneIds = people.people.edges.map((e) => e.node.oneId);
    const batch = (tag: string) =>
      Array.from({ length: 1000 }, (_, k) => ({ id: `${tag}-${randomUUID()}`, person: { oneId: oneIds[k % oneIds.length] }, channel: 'APP', kind: 'VIEW_PRODUCT', at: `${AS_OF}T0${k % 10}:00:00Z`, source: 'bench' }));
    const timeBatches = async (call: () => Promise<unknown>): Promise<number> => {
      const started = Date.now();
      for (let i = 0; i < BATCHES; i++) await call();
      return (BATCHES * 1000) / ((Date.now() - started) / 1000);
    };
    const apiRate = await timeBatches(() => app!.gql(RECORD, { interactions: batch('api') }));
    const rawRate = await timeBatches(() =>
      bench.db.write((tx) =>
        tx.run(cypher.get('customers/record-interactions'), {
          rows: batch('raw').map((b) => ({ id: b.id, oneId: b.person.oneId, channel: b.channel, kind: b.kind, productType: null, at: b.at, source: b.source })),
          now: new Date().toISOString(),
          batch: randomUUID(),
        }),
      ),
    );
    rows.push(['recordInteractions, batches of 1,000 (interactions/s)', `${BATCHES}/${BATCHES}`, Math.round(apiRate), '', Math.round(rawRate), '', (apiRate / rawRate).toFixed(2)]);
    log(`recordInteractions: API ${Math.round(apiRate)}/s, Cypher ${Math.round(rawRate)}/s`);

    process.stdout.write(`\n## Customers: ${HOUSEHOLDS.toLocaleString('en-US')} households, ${all.peopleSummary.total.toLocaleString('en-US')} people\n\n`);
    process.stdout.write(`${markdownTable(['measurement', 'samples API/Cypher', 'API p50 ms', 'API p99 ms', 'Cypher p50 ms', 'Cypher p99 ms', 'API/Cypher p50'], rows)}\n`);
  } finally {
    await app?.close();
    await bench.stop();
    rmSync(file, { force: true });
    for (const f of [truthFileOf(file), `${file}.progress`, `${file}.rejects.ndjson`]) rmSync(f, { force: true });
  }
}

/** The advisor of one of the first listed people's households (null: none has one). */
async function firstAdvisor(app: { gql<T>(q: string, v?: Record<string, unknown>): Promise<T> }): Promise<string | null> {
  const data = await app.gql<{ people: { edges: Array<{ node: { household: { advisor: { advisorId: string } | null } | null } }> } }>(
    `query { people(first: 50) { edges { node { household { advisor { advisorId } } } } } }`,
  );
  return data.people.edges.map((e) => e.node.household?.advisor?.advisorId).find((a): a is string => !!a) ?? null;
}

runBench(main);
