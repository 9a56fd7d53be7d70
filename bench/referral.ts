/**
 * `npm run bench:referral`: Person.referralTree on trees of 1,000, 10,000 and 100,000
 * descendants and Person.referralChain at depth 1,000, in one run; plus topReferrers over a
 * whole tree's campaign.
 *
 * Synthetic trees (uniform random recursive trees: each newcomer was invited by a uniformly
 * chosen earlier member, so depth grows like ln n; about 20% converted) and one chain 1,000
 * deep are bulk-loaded with UNWIND Cypher shaped exactly like acceptInvitation and
 * convertInvitation write them, into NEO4J_URI or a throwaway local Neo4j under
 * .data/bench-referral-<pid>. Each query is timed through the GraphQL API (HTTP on 127.0.0.1,
 * as ADMIN) and, side by side, the Cypher statement that serves it run straight through the
 * driver, so the ratio shows what the API layer adds. Bounded: each measurement stops after
 * BENCH_BUDGET_MS (default 20 s). Prints a markdown table.
 *
 * Env: BENCH_SIZES (default "1000,10000,100000"), BENCH_CHAIN (default 1000),
 * BENCH_ITERATIONS (default 30), BENCH_BUDGET_MS, BENCH_SEED, BENCH_KEEP=1 (keep the data in an external NEO4J_URI).
 */
import { Rng } from '../src/cli/rng';
import type { Database } from '../src/db/database';
import { treeLevelsStatement } from '../src/referral/referral.repository';
import { fmtMs, log, markdownTable, percentile, Samples, startBenchApp, startBenchDb, timeLoop } from './support';

const SIZES = (process.env.BENCH_SIZES ?? '1000,10000,100000').split(',').map((s) => Number(s.trim()));
const CHAIN = Number(process.env.BENCH_CHAIN ?? 1000);
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 30);
const BUDGET_MS = Number(process.env.BENCH_BUDGET_MS ?? 20_000);
const SEED = Number(process.env.BENCH_SEED ?? 20260301);
const BATCH = 5000;

const TREE = `query TreeBench($oneId: ID!, $maxDepth: Int) {
  person(oneId: $oneId) { referralTree(maxDepth: $maxDepth) { root { oneId } size maxDepth converted premium levels { depth accepted converted premium } } }
}`;
const CHAIN_QUERY = `query ChainBench($oneId: ID!) {
  person(oneId: $oneId) { referralChain { root { oneId } depth links { id status sentAt acceptedAt premium inviter { oneId } invitee { oneId } } } }
}`;
const TOP = `query TopBench($campaign: String!) {
  topReferrers(filter: { campaign: $campaign }, first: 20) { person { oneId } invited converted descendants treePremium }
}`;

interface Shape {
  name: string;
  campaign: string;
  root: string;
  /** The deepest person (the chain's bottom). */
  bottom: string;
  size: number;
  depth: number;
}

/** Load one tree: `size` descendants under a root; parentOf(i) picks the inviter of person i (1..size). */
async function loadTree(db: Database, q: { persons: string; edges: string }, run: string, name: string, size: number, parentOf: (i: number) => number, rng: Rng): Promise<Shape> {
  const t0 = Date.now();
  const prefix = `${run}-${name}-p`;
  const campaign = `${run}-${name}`;
  for (let from = 0; from <= size; from += BATCH) {
    const oneIds = Array.from({ length: Math.min(BATCH, size + 1 - from) }, (_, k) => `${prefix}${from + k}`);
    await db.write((tx) => tx.run(q.persons, { oneIds, createdAt: Date.parse('2026-01-01T00:00:00Z') }));
  }
  const depthOf = new Int32Array(size + 1);
  let depth = 0;
  let bottom = 0;
  for (let from = 1; from <= size; from += BATCH) {
    const rows: Array<{ id: string; parent: string; child: string; premium: number | null }> = [];
    for (let i = from; i < Math.min(from + BATCH, size + 1); i += 1) {
      const parent = parentOf(i);
      depthOf[i] = depthOf[parent] + 1;
      if (depthOf[i] > depth) [depth, bottom] = [depthOf[i], i];
      rows.push({ id: `${campaign}-i${i}`, parent: `${prefix}${parent}`, child: `${prefix}${i}`, premium: rng.chance(0.2) ? rng.int(1, 40) * 500 : null });
    }
    await db.write((tx) =>
      tx.run(q.edges, {
        rows,
        campaign,
        sentAt: '2026-03-01T00:00:00.000Z',
        acceptedAt: '2026-03-02T00:00:00.000Z',
        convertedAt: '2026-03-20T00:00:00.000Z',
      }),
    );
  }
  log(`loaded ${name}: ${size.toLocaleString('en-US')} descendants, depth ${depth}, in ${Date.now() - t0} ms`);
  return { name, campaign, root: `${prefix}0`, bottom: `${prefix}${bottom}`, size, depth };
}

async function main(): Promise<void> {
  const started = Date.now();
  const bench = await startBenchDb('referral', { heap: '1g', pageCache: '512m' });
  const run = `bref-${process.pid}-${Date.now().toString(36)}`;
  let app: Awaited<ReturnType<typeof startBenchApp>> | null = null;
  try {
    app = await startBenchApp(bench.db);
    const cypher = app.app.cypher;
    const load = { persons: cypher.get('bench/referral-load-persons'), edges: cypher.get('bench/referral-load-edges') };
    const shapes: Shape[] = [];
    for (const size of SIZES) {
      const rng = new Rng(SEED, size);
      shapes.push(await loadTree(bench.db, load, run, `tree${size}`, size, (i) => Math.floor(rng.next() * i), rng));
    }
    const chain = await loadTree(bench.db, load, run, `chain${CHAIN}`, CHAIN, (i) => i - 1, new Rng(SEED, 1));

    const rows: Array<Array<string | number>> = [];
    const measure = async (label: string, size: string, api: () => Promise<unknown>, raw: () => Promise<unknown>, iterations = ITERATIONS): Promise<void> => {
      const opts = { warmup: 3, iterations, budgetMs: BUDGET_MS };
      const a: Samples = await timeLoop(api, opts);
      const c: Samples = await timeLoop(raw, opts);
      const [a50, a99, c50, c99] = [percentile(a.ms, 50), percentile(a.ms, 99), percentile(c.ms, 50), percentile(c.ms, 99)];
      rows.push([label, size, `${a.ms.length}/${c.ms.length}`, fmtMs(a50), fmtMs(a99), fmtMs(c50), fmtMs(c99), (a50 / c50).toFixed(2)]);
      log(`${label} (${size}): API p50 ${fmtMs(a50)} ms, Cypher p50 ${fmtMs(c50)} ms${a.truncated || c.truncated ? ' (time budget reached)' : ''}`);
    };
    const readStatement = (statement: string, params: Record<string, unknown>) => () => bench.db.read((tx) => tx.run(statement, params));
    const read = (name: string, params: Record<string, unknown>) => readStatement(cypher.get(name), params);
    const check = (got: number, want: number, what: string): void => {
      if (got !== want) throw new Error(`${what}: expected ${want}, got ${got}`);
    };

    for (const s of [...shapes, chain]) {
      const tree = await app.gql<{ person: { referralTree: { size: number; maxDepth: number } } }>(TREE, { oneId: s.root, maxDepth: 1000 });
      check(tree.person.referralTree.size, s.size, `${s.name} size`);
      check(tree.person.referralTree.maxDepth, s.depth, `${s.name} depth`);
      await measure(
        `referralTree(maxDepth: 1000)`,
        `${s.size.toLocaleString('en-US')} (depth ${s.depth})`,
        () => app!.gql(TREE, { oneId: s.root, maxDepth: 1000 }),
        readStatement(treeLevelsStatement(cypher.get('referral/tree-levels'), 1000), { roots: [{ oneId: s.root, maxDepth: 1000 }] }),
      );
    }
    const biggest = shapes[shapes.length - 1];
    if (biggest) {
      await measure(
        'referralTree (default maxDepth 10)',
        `${biggest.size.toLocaleString('en-US')} (depth ${biggest.depth})`,
        () => app!.gql(TREE, { oneId: biggest.root }),
        readStatement(treeLevelsStatement(cypher.get('referral/tree-levels'), 10), { roots: [{ oneId: biggest.root, maxDepth: 10 }] }),
      );
    }
    const chainView = await app.gql<{ person: { referralChain: { depth: number; links: unknown[] } } }>(CHAIN_QUERY, { oneId: chain.bottom });
    check(chainView.person.referralChain.depth, CHAIN, 'chain depth');
    check(chainView.person.referralChain.links.length, CHAIN, 'chain links');
    await measure(
      'referralChain (links with inviter, invitee)',
      `depth ${CHAIN.toLocaleString('en-US')}`,
      () => app!.gql(CHAIN_QUERY, { oneId: chain.bottom }),
      read('referral/chains', { oneIds: [chain.bottom] }),
    );
    for (const s of shapes) {
      await measure(
        'topReferrers(campaign, first: 20)',
        `${s.size.toLocaleString('en-US')} (depth ${s.depth})`,
        () => app!.gql(TOP, { campaign: s.campaign }),
        () =>
          bench.db.read(async (tx) => {
            const filter = { campaign: s.campaign, channel: null, advisorId: null, from: null, to: null };
            const candidates = await tx.run<{ oneId: string }>(cypher.get('referral/top-referrers-candidates'), filter);
            return tx.run(cypher.get('referral/top-referrers-regions'), { candidates: candidates.map((c) => c.oneId) });
          }),
        10,
      );
    }

    process.stdout.write(
      `\nReferral reads as ADMIN over HTTP on 127.0.0.1 (API) and the serving Cypher through the driver (Cypher), ` +
        `${new Date().toISOString().slice(0, 10)}, seed ${SEED}:\n\n` +
        markdownTable(['query', 'people below the root', 'samples api/cypher', 'API p50 ms', 'API p99 ms', 'Cypher p50 ms', 'Cypher p99 ms', 'API/Cypher p50'], rows) +
        `\n\n(total bench time ${((Date.now() - started) / 1000).toFixed(0)} s)\n`,
    );
    if (!bench.local && process.env.BENCH_KEEP !== '1') {
      const cleanup = cypher.get('bench/referral-cleanup');
      for (const s of [...shapes, chain]) {
        let deleted = 1;
        while (deleted > 0) {
          const [row] = await bench.db.write((tx) => tx.run<{ deleted: number }>(cleanup, { campaign: s.campaign, prefix: `${run}-${s.name}-p`, limit: 5000 }));
          deleted = row?.deleted ?? 0;
        }
      }
    }
  } finally {
    await app?.close().catch(() => undefined);
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
