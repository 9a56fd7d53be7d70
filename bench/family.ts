/**
 * `npm run bench:family [-- --households 10000 --seconds 10 --concurrency 32]`: the family
 * view (schema/operations/familyView.graphql) over HTTP against the same data read by one
 * hand-written Cypher statement (cypher/bench/family-view.cypher) through the driver.
 *
 * Synthetic households (a breadwinner, usually a spouse, 0-3 children, 0-2 elders who are
 * the breadwinner's parents; a quarter of breadwinners are siblings of the previous
 * household's) are bulk-loaded with UNWIND Cypher into Neo4j (NEO4J_URI, or a throwaway
 * local server under .data/bench-family-<pid>). Each side then runs `concurrency` clients
 * for `seconds` (after a warm-up) on random households. The HTTP clients are autocannon's,
 * in a child process (bench/http-load.ts, as in every bench), so they do not share the
 * server's event loop. Targets 127.0.0.1 only.
 * The baseline reads the family part of the view (household, members, identifiers,
 * relatives, links), so the GraphQL side runs the view without its coverage fields; the full
 * view (with policies and gaps, computed in TS) is measured on a third row.
 * Prints a markdown table: requests/s, p50, p99 and the ratio of the two sides.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, print, visit } from 'graphql';
import { mintToken } from '../src/auth/jwt';
import { Rng } from '../src/cli/rng';
import { repoRoot } from '../src/paths';
import { httpLoad, type HttpLoadResult } from './http-load';
import { profiled } from './profile';
import { driverLoad, fmtMs, log, markdownTable, runBench, startBenchApp, startBenchDb } from './support';

const BATCH = 500;
const SEED = 20260601;
/** Warm-up per side, and once at the start for the server and Neo4j (JIT, plan cache) on both views. */
const WARMUP_MS = 2_000;
const FIRST_WARMUP_MS = 10_000;
/** Fields the coverage feature adds to the family view; the Cypher baseline reads the family part only. */
const COVERAGE_FIELDS = new Set(['policies', 'coverageGaps', 'totalGap']);

interface Options {
  households: number;
  seconds: number;
  concurrency: number;
}

function parseArgs(argv: string[]): Options {
  const opts: Options = { households: 10_000, seconds: 10, concurrency: 32 };
  for (let i = 0; i < argv.length; i += 2) {
    const name = argv[i]?.replace(/^--/, '') as keyof Options;
    const value = Number(argv[i + 1]);
    if (!(name in opts) || !Number.isInteger(value) || value < 1) throw new Error(`usage: --households N --seconds S --concurrency C (got ${argv[i]} ${argv[i + 1]})`);
    opts[name] = value;
  }
  return opts;
}

// ---------------------------------------------------------------- synthetic data

interface SynthMember {
  oneId: string;
  role: string;
  displayName: string;
  gender: string;
  birthDate: string;
  phoneKey: string;
  masked: string;
}

function synthHousehold(rng: Rng, run: string, index: number): { id: string; name: string; advisorId: string; members: SynthMember[]; links: Array<{ a: string; b: string; type: string }> } {
  const id = `${run}-h${index}`;
  const member = (m: number, role: string, year: [number, number]): SynthMember => ({
    oneId: `${id}-p${m}`,
    role,
    displayName: `Member ${index}.${m}`,
    gender: rng.chance(0.5) ? 'FEMALE' : 'MALE',
    birthDate: `${rng.int(year[0], year[1])}-0${rng.int(1, 9)}-1${rng.int(0, 9)}`,
    phoneKey: `${id}-p${m}-phone`,
    masked: `139****${String(rng.int(0, 9999)).padStart(4, '0')}`,
  });
  const bw = member(0, 'BREADWINNER', [1975, 1992]);
  const members = [bw];
  const links: Array<{ a: string; b: string; type: string }> = [];
  if (rng.chance(0.8)) {
    members.push(member(1, 'SPOUSE', [1975, 1992]));
    links.push({ a: bw.oneId, b: members[1]!.oneId, type: 'SPOUSE' });
  }
  const parents = members.map((p) => p.oneId);
  for (let c = rng.int(0, 3); c > 0; c -= 1) {
    const kid = member(members.length, 'CHILD', [2005, 2024]);
    members.push(kid);
    for (const p of parents) links.push({ a: p, b: kid.oneId, type: 'PARENT' });
  }
  for (let e = rng.int(0, 2); e > 0; e -= 1) {
    const elder = member(members.length, 'ELDER', [1945, 1960]);
    members.push(elder);
    links.push({ a: elder.oneId, b: bw.oneId, type: 'PARENT' });
  }
  if (index > 0 && rng.chance(0.25)) links.push({ a: bw.oneId, b: `${run}-h${index - 1}-p0`, type: 'SIBLING' });
  return { id, name: `Household ${index}`, advisorId: `${run}-adv${index % 100}`, members, links };
}

// ---------------------------------------------------------------- HTTP

interface HttpJob {
  url: string;
  token: string;
  query: string;
}

/** One FamilyView request; throws on an HTTP or GraphQL error. */
async function familyView(job: HttpJob, id: string): Promise<{ members: unknown[]; relationships: unknown[] }> {
  const res = await fetch(job.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${job.token}` },
    body: JSON.stringify({ query: job.query, operationName: 'FamilyView', variables: { id } }),
  });
  const json = (await res.json()) as { data?: { household: { members: unknown[]; relationships: unknown[] } }; errors?: unknown[] };
  if (!res.ok || json.errors || !json.data) throw new Error(`FamilyView failed: ${res.status} ${JSON.stringify(json.errors ?? null).slice(0, 300)}`);
  return json.data.household;
}

// ---------------------------------------------------------------- main

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  const started = Date.now();
  const bench = await startBenchDb('family');
  const secret = randomBytes(32).toString('base64url');
  const app = await startBenchApp(bench.db, { env: { JWT_SECRET: secret } }).catch(async (e: unknown) => {
    await bench.stop();
    throw e;
  });
  const run = `fam-${process.pid}-${Date.now().toString(36)}`;
  try {
    const load = app.app.cypher.get('bench/family-load');
    const loadStarted = Date.now();
    const rng = new Rng(SEED);
    const ids: string[] = [];
    let persons = 0;
    let links = 0;
    for (let from = 0; from < opts.households; from += BATCH) {
      const batch = Array.from({ length: Math.min(BATCH, opts.households - from) }, (_, i) => synthHousehold(rng, run, from + i));
      ids.push(...batch.map((h) => h.id));
      persons += batch.reduce((n, h) => n + h.members.length, 0);
      links += batch.reduce((n, h) => n + h.links.length, 0);
      await bench.db.write((tx) => tx.run(load, { households: batch, at: '2026-01-01T00:00:00.000Z', atMs: Date.parse('2026-01-01T00:00:00Z') }));
    }
    log(`loaded ${opts.households} households, ${persons} persons, ${links} family links in ${Date.now() - loadStarted} ms`);

    const fullView = readFileSync(join(repoRoot(), 'schema', 'operations', 'familyView.graphql'), 'utf8');
    const familyPart = print(visit(parse(fullView), { Field: (node) => (COVERAGE_FIELDS.has(node.name.value) ? null : undefined) }));
    const statement = app.app.cypher.get('bench/family-view');
    const job: HttpJob = { url: app.app.server.url, token: await mintToken(secret, { role: 'ADMIN', sub: 'bench' }, { expiresIn: '2h' }), query: familyPart };
    // Both sides must read the same family.
    const sample = await familyView(job, ids[0]!);
    const [direct] = await bench.db.read((tx) => tx.run<{ members: unknown[]; relationships: unknown[] }>(statement, { id: ids[0] }));
    if (sample.members.length !== direct?.members.length || sample.relationships.length !== direct.relationships.length) {
      throw new Error('the GraphQL family view and the Cypher statement disagree on the sample household');
    }

    // The same random households on both sides: 2,000 request bodies, cycled.
    const picks = Array.from({ length: Math.min(2000, ids.length) }, () => ids[Math.floor(Math.random() * ids.length)]!);
    const bodies = (query: string): string[] => picks.map((id) => JSON.stringify({ query, operationName: 'FamilyView', variables: { id } }));
    const http = (query: string) => (durationMs: number) =>
      httpLoad({ url: job.url, headers: { authorization: `Bearer ${job.token}` }, bodies: bodies(query), connections: opts.concurrency, seconds: durationMs / 1000 });
    const cypherCalls = picks.map((id) => async (): Promise<void> => {
      if ((await bench.db.read((tx) => tx.run(statement, { id }))).length !== 1) throw new Error('no household');
    });
    const measure = async (what: string, go: (durationMs: number) => Promise<HttpLoadResult>): Promise<HttpLoadResult> => {
      await go(WARMUP_MS);
      const result = await go(opts.seconds * 1000);
      log(`${what}: ${result.requests} requests, ${result.errors} errors`);
      return result;
    };
    log(`warming up (${FIRST_WARMUP_MS / 1000} s per view)`);
    await http(familyPart)(FIRST_WARMUP_MS);
    await http(fullView)(FIRST_WARMUP_MS);
    const api = await profiled('familyView', () => measure('FamilyView, family part', http(familyPart)));
    const cypher = await measure('Cypher statement', (durationMs) => driverLoad(cypherCalls, opts.concurrency, durationMs / 1000));
    const full = await measure('FamilyView with coverage', http(fullView));

    const row = (name: string, r: HttpLoadResult): Array<string | number> => [name, r.requests, r.perSecond.toFixed(0), fmtMs(r.p50), fmtMs(r.p99), r.errors];
    process.stdout.write(
      `\nFamily view, ${opts.households.toLocaleString('en-US')} households (${persons.toLocaleString('en-US')} persons, ` +
        `${links.toLocaleString('en-US')} family links), ${opts.concurrency} concurrent clients, ${opts.seconds} s per side, 127.0.0.1:\n\n` +
        markdownTable(
          ['side', 'requests', 'requests/s', 'p50 ms', 'p99 ms', 'errors'],
          [
            row('GraphQL FamilyView (family part) over HTTP (autocannon)', api),
            row('one hand-written Cypher statement (driver)', cypher),
            ['ratio GraphQL / Cypher', '', `${(api.perSecond / cypher.perSecond).toFixed(2)}x`, `${(api.p50 / cypher.p50).toFixed(2)}x`, `${(api.p99 / cypher.p99).toFixed(2)}x`, ''],
            row('GraphQL FamilyView with coverage (policies, gaps)', full),
          ],
        ) +
        `\n\n(total bench time ${((Date.now() - started) / 1000).toFixed(0)} s)\n`,
    );
    if (!bench.local) {
      const cleanup = app.app.cypher.get('bench/family-cleanup');
      for (let deleted = 1; deleted > 0; ) {
        const [row] = await bench.db.write((tx) => tx.run<{ deleted: number }>(cleanup, { run, limit: 500 }));
        deleted = row?.deleted ?? 0;
      }
    }
  } finally {
    await app.close().catch(() => undefined);
    await bench.stop();
  }
}

runBench(main);
