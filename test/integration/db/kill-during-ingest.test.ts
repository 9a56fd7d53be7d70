/**
 * Breaking things on purpose (issue 19, item 4): six clients ingest overlapping batches into
 * an app whose Neo4j (a supervised server of this test's own) is killed with SIGKILL halfway.
 * While it is down every failed request is a coded 503 (SERVICE_UNAVAILABLE, Retry-After) and
 * nothing else; the supervisor starts it again; each client retries its failed batch as the
 * README tells clients to, and the people that result are exactly the partition of an
 * undisturbed run of the same events (the identity reference model, as the concurrency test).
 * The measured times (kill to first coded answer, kill to ready) are printed for the README.
 */
import { randomInt } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { startLocalNeo4j } from '../../../src/db/localNeo4j';
import { superviseLocalNeo4j, type Supervised } from '../../../src/db/supervisor';
import { repoRoot } from '../../../src/paths';
import { INGEST, INGEST_EVENTS, startTestApp, type IngestOut, type TestApp } from '../../kit';
import { concretize, makePool, observe, referencePartition, type AbstractEvent, type ConcreteEvent } from '../identity/reference';

jest.setTimeout(300_000);

const TIMEOUT_MS = 1500;
const CLIENTS = 6;
const BATCH = 5;
const dataDir = join(repoRoot(), '.data', `kill-test-${process.pid}`);
const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
let supervised: Supervised;
let t: TestApp;

beforeAll(async () => {
  rmSync(dataDir, { recursive: true, force: true });
  supervised = await superviseLocalNeo4j((port) => startLocalNeo4j({ dataDir, port, heap: '512m', pageCache: '64m' }), quiet, { first: 500, max: 5000 });
  t = await startTestApp({ neo4jUri: supervised.current().uri, env: { NEO4J_TIMEOUT_MS: String(TIMEOUT_MS) } });
});
afterAll(async () => {
  await t?.close();
  await supervised?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

interface Answer {
  status: number;
  retryAfter: string | null;
  codes: string[];
  at: number;
  result?: IngestOut;
}

async function send(events: ConcreteEvent[], client: number): Promise<Answer> {
  try {
    const res = await fetch(t.app.server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await t.token({ ...INGEST, sub: `client-${client}` })}` },
      body: JSON.stringify({ query: INGEST_EVENTS, variables: { events: events.map((e) => e.input) } }),
    });
    const body = (await res.json()) as { data?: { ingestIdentityEvents: IngestOut } | null; errors?: Array<{ extensions?: { code?: string } }> };
    return {
      status: res.status,
      retryAfter: res.headers.get('retry-after'),
      codes: (body.errors ?? []).map((e) => String(e.extensions?.code)),
      at: Date.now(),
      result: body.data?.ingestIdentityEvents ?? undefined,
    };
  } catch {
    return { status: 0, retryAfter: null, codes: ['NETWORK'], at: Date.now() };
  }
}

async function ready(): Promise<boolean> {
  const res = await fetch(new URL('/readyz', t.app.server.url)).catch(() => null);
  return res?.status === 200;
}

test('SIGKILL during concurrent ingestion: coded 503s, a supervised restart, and retried batches end in the undisturbed partition', async () => {
  const persons = 12;
  const pool = makePool(t, { PHONE: persons * 2, EMAIL: persons * 2, DEVICE_ID: persons, NATIONAL_ID: persons, ACCOUNT: persons, IOT_DEVICE: 3, JUNK: 2 });
  const owned = (p: number): number[] =>
    pool
      .map((e, i) => ({ e, i }))
      .filter(({ e }) => e.kind !== 'IOT_DEVICE' && e.kind !== 'JUNK' && Number(e.label.split('#')[1]) % persons === p)
      .map(({ i }) => i);
  const iots = pool.map((e, i) => (e.kind === 'IOT_DEVICE' ? i : -1)).filter((i) => i >= 0);
  const stream: AbstractEvent[] = Array.from({ length: 240 }, () => {
    const mine = owned(randomInt(persons));
    const ids = Array.from({ length: 1 + randomInt(3) }, () => mine[randomInt(mine.length)]);
    if (randomInt(4) === 0) ids.push(iots[randomInt(iots.length)]);
    return { ids, spelling: randomInt(3) };
  });
  const events = concretize(pool, stream, 'kill-test');
  const expected = referencePartition(events);

  // each client owns a share of the events, cut into batches sent one after another
  const batches: ConcreteEvent[][][] = Array.from({ length: CLIENTS }, (_, c) => {
    const share = events.filter((_, i) => i % CLIENTS === c);
    return Array.from({ length: Math.ceil(share.length / BATCH) }, (_, b) => share.slice(b * BATCH, (b + 1) * BATCH));
  });
  const failures: Answer[] = [];
  const finals: Array<{ events: ConcreteEvent[]; result: IngestOut }> = [];
  let committed = 0;
  const clients = batches.map(async (mine, client) => {
    for (const batch of mine) {
      for (;;) {
        const answer = await send(batch, client);
        if (answer.status === 200 && answer.result && answer.codes.length === 0) {
          finals.push({ events: batch, result: answer.result });
          committed += 1;
          break;
        }
        failures.push(answer);
        await new Promise((r) => setTimeout(r, 250 + randomInt(250)));
      }
    }
  });

  // kill once a few batches went through, while the others are in flight
  while (committed < 8) await new Promise((r) => setTimeout(r, 20));
  const { pid } = supervised.current();
  const killedAt = Date.now();
  process.kill(pid, 'SIGKILL');
  let readyAt = 0;
  const watchReady = (async () => {
    await new Promise((r) => setTimeout(r, 200));
    while (!(await ready())) await new Promise((r) => setTimeout(r, 100));
    readyAt = Date.now();
  })();
  await Promise.all(clients);
  await watchReady;

  // during the outage: only coded 503s, with Retry-After; the first one within the timeout
  expect(failures.length).toBeGreaterThan(0);
  for (const f of failures) {
    expect({ status: f.status, codes: f.codes, retryAfter: f.retryAfter }).toEqual({ status: 503, codes: ['SERVICE_UNAVAILABLE'], retryAfter: '5' });
  }
  const firstCoded = Math.min(...failures.map((f) => f.at)) - killedAt;
  expect(firstCoded).toBeLessThan(TIMEOUT_MS + 3000);
  expect(supervised.restarts()).toBe(1);
  expect(supervised.current().pid).not.toBe(pid);
  console.log(`kill test: first coded 503 after ${firstCoded} ms, ready again after ${readyAt - killedAt} ms, ${failures.length} refused attempts retried`);

  // every batch ended applied exactly once: the partition of the undisturbed reference run
  expect(finals.length).toBe(batches.flat().length);
  const resultOneIds = finals.flatMap((f) => f.result.results.map((r) => r.oneId));
  const observed = await observe(t, pool, events, resultOneIds);
  expect(observed.problems).toEqual([]);
  expect(observed.partition).toEqual(expected);
});
