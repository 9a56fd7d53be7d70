/**
 * `npm run bench:crosssell`: first-page latency of crossSellOpportunities for advisors with
 * 100, 1,000 and 10,000 households in one run.
 *
 * Synthetic households (1 to 7 members: a breadwinner, often a spouse, children, elders;
 * 0 to 3 policies per member, mostly ACTIVE; recent marriages and expiring policies so
 * triggers fire) are bulk-loaded with UNWIND Cypher straight into Neo4j (NEO4J_URI, or a
 * throwaway local server under .data/bench-crosssell-<pid>), then the first page (20
 * opportunities with gaps, reasons and triggers) is requested over HTTP on 127.0.0.1 as the
 * advisor. The households' stored work-list state is built once after the load (as a service
 * starting on a database without it does). Also timed: the page's statements alone (stale
 * check, page, state inputs of the page's households, in one read transaction), so the
 * table shows where time goes.
 * Bounded: each measurement stops after BENCH_BUDGET_MS (default 60 s). Prints a markdown table.
 *
 * Env: BENCH_SIZES (default "100,1000,10000"), BENCH_ITERATIONS (default 30), BENCH_SEED.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixedClock } from '../src/clock';
import { Rng } from '../src/cli/rng';
import { repoRoot } from '../src/paths';
import { WorklistRepository } from '../src/worklist/worklist.repository';
import { fmtMs, log, markdownTable, percentile, runBench, startBenchApp, startBenchDb, timeLoop } from './support';

const TODAY = '2026-06-01';
const SIZES = (process.env.BENCH_SIZES ?? '100,1000,10000').split(',').map((s) => Number(s.trim()));
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 30);
const BUDGET_MS = Number(process.env.BENCH_BUDGET_MS ?? 60_000);
const SEED = Number(process.env.BENCH_SEED ?? 20260601);
const BATCH = 500;
const PRODUCTS = ['LIFE', 'CRITICAL_ILLNESS', 'MEDICAL', 'ACCIDENT', 'ANNUITY', 'EDUCATION', 'SAVINGS'] as const;

const FIRST_PAGE = readFileSync(join(repoRoot(), 'schema', 'operations', 'crossSellFirstPage.graphql'), 'utf8');

interface SynthHousehold {
  id: string;
  name: string;
  advisorId: string;
  members: Array<{
    oneId: string;
    role: string;
    displayName: string;
    birthDate: string;
    annualIncome: number | null;
    policies: Array<{ policyNo: string; productType: string; sumAssured: number; annualPremium: number; status: string; startDate: string; endDate: string | null }>;
  }>;
  spouses: Array<{ a: string; b: string; since: string }>;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function date(rng: Rng, fromYear: number, toYear: number): string {
  return `${rng.int(fromYear, toYear)}-${pad(rng.int(1, 12))}-${pad(rng.int(1, 28))}`;
}

/** One synthetic household (deterministic for a seed, advisor and index). */
export function household(rng: Rng, run: string, advisorId: string, index: number): SynthHousehold {
  const id = `${run}-${advisorId}-h${index}`;
  const roles: string[] = ['BREADWINNER'];
  if (rng.chance(0.75)) roles.push('SPOUSE');
  for (let c = rng.weighted<number>([[0, 3], [1, 4], [2, 3], [3, 1]]); c > 0; c -= 1) roles.push('CHILD');
  for (let e = rng.weighted<number>([[0, 5], [1, 3], [2, 2]]); e > 0; e -= 1) roles.push('ELDER');
  const members = roles.map((role, m) => {
    const oneId = `${id}-p${m}`;
    const birthDate =
      role === 'CHILD' ? (rng.chance(0.05) ? date(rng, 2025, 2025) : date(rng, 2008, 2024)) : role === 'ELDER' ? date(rng, 1940, 1960) : date(rng, 1970, 1998);
    const earner = role === 'BREADWINNER' || (role === 'SPOUSE' && rng.chance(0.6));
    const annualIncome = earner ? Math.round(rng.logNormal(150_000, 0.6) / 1000) * 1000 : null;
    const policies = Array.from({ length: rng.weighted<number>([[0, 3], [1, 4], [2, 2], [3, 1]]) }, (_, k) => {
      const active = rng.chance(0.8);
      const expiring = active && rng.chance(0.05);
      return {
        policyNo: `${oneId}-pol${k}`,
        productType: rng.pick(PRODUCTS),
        sumAssured: rng.int(1, 40) * 50_000,
        annualPremium: rng.int(1, 60) * 500,
        status: active ? 'ACTIVE' : rng.pick(['LAPSED', 'EXPIRED', 'CANCELLED']),
        startDate: date(rng, 2015, 2025),
        endDate: expiring ? `2026-06-${pad(rng.int(2, 30))}` : rng.chance(0.5) ? date(rng, 2027, 2060) : null,
      };
    });
    return { oneId, role, displayName: `Member ${index}.${m}`, birthDate, annualIncome, policies };
  });
  const spouses =
    roles[1] === 'SPOUSE'
      ? [{ a: members[0]!.oneId, b: members[1]!.oneId, since: rng.chance(0.05) ? '2026-04-15' : date(rng, 1995, 2024) }]
      : [];
  return { id, name: `Household ${index}`, advisorId, members, spouses };
}

async function main(): Promise<void> {
  const started = Date.now();
  const bench = await startBenchDb('crosssell');
  const run = `bench-${process.pid}-${Date.now().toString(36)}`;
  const advisors = SIZES.map((size) => ({ size, advisorId: `adv${size}` }));
  let app: Awaited<ReturnType<typeof startBenchApp>> | null = null;
  try {
    app = await startBenchApp(bench.db, { clock: fixedClock(TODAY) });
    const load = app.app.cypher.get('bench/coverage-load');
    let persons = 0;
    let policies = 0;
    for (const { size, advisorId } of advisors) {
      const t0 = Date.now();
      const rng = new Rng(SEED, size);
      const advisor = `${run}-${advisorId}`;
      for (let from = 0; from < size; from += BATCH) {
        const batch = Array.from({ length: Math.min(BATCH, size - from) }, (_, i) => household(rng, run, advisor, from + i));
        persons += batch.reduce((s, h) => s + h.members.length, 0);
        policies += batch.reduce((s, h) => s + h.members.reduce((p, m) => p + m.policies.length, 0), 0);
        await bench.db.write((tx) => tx.run(load, { households: batch, at: '2026-01-01T00:00:00.000Z', atMs: Date.parse('2026-01-01T00:00:00Z') }));
      }
      log(`loaded ${size} households for ${advisor} in ${Date.now() - t0} ms`);
    }
    log(`total loaded: ${persons} persons, ${policies} policies`);

    const t1 = Date.now();
    log(`stored work-list state of ${await app.app.services.worklist.rebuild()} households built in ${Date.now() - t1} ms`);
    const repo = new WorklistRepository(bench.db, app.app.cypher);
    const rows: Array<Array<string | number>> = [];
    for (const { size, advisorId } of advisors) {
      const advisor = `${run}-${advisorId}`;
      let totalCount = 0;
      const http = await timeLoop(
        async () => {
          const data = await app!.gql<{ crossSellOpportunities: { totalCount: number } }>(FIRST_PAGE, { a: advisor }, { role: 'ADVISOR', sub: advisor });
          totalCount = data.crossSellOpportunities.totalCount;
        },
        { warmup: 3, iterations: ITERATIONS, budgetMs: BUDGET_MS },
      );
      const scan = await timeLoop(() => repo.crossSellPage({ advisorId: advisor, today: TODAY, after: null, limit: 21 }), { warmup: 1, iterations: ITERATIONS, budgetMs: BUDGET_MS / 2 });
      rows.push([
        size.toLocaleString('en-US'),
        totalCount.toLocaleString('en-US'),
        http.ms.length,
        fmtMs(percentile(http.ms, 50)),
        fmtMs(percentile(http.ms, 99)),
        fmtMs(percentile(scan.ms, 50)),
        fmtMs(percentile(http.ms, 50) - percentile(scan.ms, 50)),
      ]);
      log(`${size}: p50 ${fmtMs(percentile(http.ms, 50))} ms over ${http.ms.length} requests${http.truncated ? ' (time budget reached)' : ''}`);
    }
    process.stdout.write(
      `\ncrossSellOpportunities(first: 20), first page as the advisor, over HTTP on 127.0.0.1 (${new Date().toISOString().slice(0, 10)}, ` +
        `today fixed at ${TODAY}, seed ${SEED}):\n\n` +
        markdownTable(
          ['households', 'with a gap', 'requests', 'p50 ms', 'p99 ms', 'page statements p50 ms', 'rest p50 ms (gaps, reasons + HTTP)'],
          rows,
        ) +
        `\n\n(total bench time ${((Date.now() - started) / 1000).toFixed(0)} s)\n`,
    );
    if (!bench.local) {
      const cleanup = app.app.cypher.get('bench/coverage-cleanup');
      for (const { advisorId } of advisors) {
        let deleted = 1;
        while (deleted > 0) {
          const [row] = await bench.db.write((tx) => tx.run<{ deleted: number }>(cleanup, { advisorId: `${run}-${advisorId}`, limit: 1000 }));
          deleted = row?.deleted ?? 0;
        }
      }
    }
  } finally {
    await app?.close().catch(() => undefined);
    await bench.stop();
  }
}

if (require.main === module) runBench(main);
