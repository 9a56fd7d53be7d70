/**
 * Concurrent ingestion: several clients (on two app instances sharing the database) send
 * overlapping batches at once. The identity lock serializes them, so:
 * - conflict-free batches end in the same partition as ingesting everything sequentially;
 * - with conflicts, the result is exactly the reference applied to the batches in the
 *   order the database committed them, no person is over a limit, every identifier belongs
 *   to at most one person and none is lost.
 */
import fc from 'fast-check';
import { randomInt } from 'node:crypto';
import { graph, ingest, IngestOut, useTestApp } from '../../kit';
import { AbstractEvent, ConcreteEvent, concretize, Kind, makePool, observe, overLimit, poolKeys, referencePartition } from './reference';

// Two app instances sharing the database.
const t = useTestApp();
const t2 = useTestApp();
beforeAll(() => t.app.services.identity.warmUp(), 120_000);

const CLIENTS = 6;
const BATCHES_PER_CLIENT = 3;

interface SentBatch {
  client: number;
  events: ConcreteEvent[];
  result?: IngestOut;
}

/**
 * Deals events to clients: each event goes to one client, about a quarter also to a second
 * one (same eventId: whoever comes second gets a duplicate). Each client cuts its share into
 * batches.
 */
function deal(events: ConcreteEvent[]): SentBatch[][] {
  const shares: ConcreteEvent[][] = Array.from({ length: CLIENTS }, () => []);
  events.forEach((e, i) => {
    const c = i % CLIENTS;
    shares[c].push(e);
    if (randomInt(4) === 0) shares[(c + 1 + randomInt(CLIENTS - 1)) % CLIENTS].push(e);
  });
  return shares.map((share, client) => {
    const size = Math.ceil(share.length / BATCHES_PER_CLIENT);
    return Array.from({ length: BATCHES_PER_CLIENT }, (_, b) => ({ client, events: share.slice(b * size, (b + 1) * size) })).filter(
      (batch) => batch.events.length > 0,
    );
  });
}

/** All clients at once (half of them on the second app instance); each sends its batches in order. */
async function runConcurrently(clients: SentBatch[][]): Promise<void> {
  await Promise.all(
    clients.map(async (batches, c) => {
      for (const batch of batches) batch.result = await ingest(c % 2 === 0 ? t : t2, batch.events.map((e) => e.input), { role: 'INGEST', sub: `client-${c}` });
    }),
  );
}

function resultOneIds(clients: SentBatch[][]): Array<string | null> {
  return clients.flat().flatMap((b) => b.result!.results.map((r) => r.oneId));
}

function uniqueEvents(clients: SentBatch[][]): ConcreteEvent[] {
  const seen = new Map<string, ConcreteEvent>();
  for (const b of clients.flat()) for (const e of b.events) seen.set(e.input.eventId, e);
  return [...seen.values()];
}

it('conflict-free overlapping batches from 6 concurrent clients end in the sequential partition', async () => {
  // 10 people, each with identifiers within every limit; events are random subsets of one person's identifiers
  const persons = 10;
  const pool = makePool(t, { PHONE: persons * 2, EMAIL: persons * 2, DEVICE_ID: persons, NATIONAL_ID: persons, ACCOUNT: persons, IOT_DEVICE: 3, JUNK: 2 });
  const owned = (p: number): number[] =>
    pool
      .map((e, i) => ({ e, i }))
      .filter(({ e }) => e.kind !== 'IOT_DEVICE' && e.kind !== 'JUNK')
      .filter(({ e }) => Number(e.label.split('#')[1]) % persons === p)
      .map(({ i }) => i);
  const iots = pool.map((e, i) => (e.kind === 'IOT_DEVICE' ? i : -1)).filter((i) => i >= 0);
  const junk = pool.map((e, i) => (e.kind === 'JUNK' ? i : -1)).filter((i) => i >= 0);
  const stream: AbstractEvent[] = Array.from({ length: 120 }, () => {
    const mine = owned(randomInt(persons));
    const ids = Array.from({ length: 1 + randomInt(3) }, () => mine[randomInt(mine.length)]);
    if (randomInt(4) === 0) ids.push(iots[randomInt(iots.length)]);
    if (randomInt(6) === 0) ids.push(junk[randomInt(junk.length)]);
    return { ids, spelling: randomInt(3) };
  });
  const events = concretize(pool, stream, 'concurrent');
  const expected = referencePartition(events);
  expect(expected.groups.length).toBeGreaterThanOrEqual(persons);

  const clients = deal(events);
  await runConcurrently(clients);
  const all = clients.flat();
  expect(all.reduce((n, b) => n + b.result!.accepted, 0)).toBe(events.length);
  expect(all.reduce((n, b) => n + b.result!.duplicates, 0)).toBe(all.reduce((n, b) => n + b.events.length, 0) - events.length);

  const observed = await observe(t, pool, uniqueEvents(clients), resultOneIds(clients));
  expect(observed.problems).toEqual([]);
  expect(observed.partition).toEqual(expected);

  // the same stream structure with fresh values, sent by one client, one event after another
  const pool2 = makePool(t, { PHONE: persons * 2, EMAIL: persons * 2, DEVICE_ID: persons, NATIONAL_ID: persons, ACCOUNT: persons, IOT_DEVICE: 3, JUNK: 2 });
  const sequential = concretize(pool2, stream, 'sequential');
  const oneIds: Array<string | null> = [];
  for (let i = 0; i < sequential.length; i += 40) {
    oneIds.push(...(await ingest(t, sequential.slice(i, i + 40).map((e) => e.input))).results.map((r) => r.oneId));
  }
  const observed2 = await observe(t, pool2, sequential, oneIds);
  expect(observed2.problems).toEqual([]);
  expect(observed2.partition).toEqual(observed.partition);
}, 180_000);

it('with conflicts: the commit order explains the result; no person over a limit, nobody shares an identifier, none lost', async () => {
  const counts: Partial<Record<Kind, number>> = { NATIONAL_ID: 4, ACCOUNT: 4, WECHAT_UNIONID: 3, PHONE: 8, EMAIL: 8, WECHAT_OPENID: 4, DEVICE_ID: 8, IOT_DEVICE: 2, JUNK: 2 };
  const pool = makePool(t, counts);
  const stream = fc.sample(
    fc.record({ ids: fc.array(fc.nat({ max: pool.length - 1 }), { minLength: 1, maxLength: 4 }), spelling: fc.nat({ max: 3 }) }),
    { numRuns: 150 },
  );
  const events = concretize(pool, stream, 'concurrent-conflicts');
  const clients = deal(events);
  await runConcurrently(clients);

  const observed = await observe(t, pool, uniqueEvents(clients), resultOneIds(clients));
  expect(observed.problems).toEqual([]);
  for (const p of observed.people) expect(overLimit(pool, p.labels)).toEqual([]);

  // none lost: every identifier that was applied is stored (owned by one person, or shared by nobody)
  const appliedLabels = new Set(events.flatMap((e) => e.entries).filter((e) => e.kind !== 'JUNK').map((e) => e.label));
  const keys = poolKeys(t, pool.filter((e) => appliedLabels.has(e.label)));
  const g = graph(t);
  expect(await g.count('identity/identifiers-by-key', { keys: [...keys.values()] })).toBe(keys.size);

  // serializability: the batches took the identity lock one after another; applying them in
  // the order they were committed (IdentityEvent.appliedAt) gives exactly what the API shows
  const ids = events.map((e) => e.input.eventId);
  const applied = await g.rows<{ eventId: string; appliedAt: string }>('identity/events-by-id', { eventIds: ids });
  const appliedAt = new Map(applied.map((r) => [r.eventId, r.appliedAt]));
  expect(appliedAt.size).toBe(events.length);
  const batches = clients.flat().filter((b) => b.result!.accepted > 0);
  const commitTime = (b: SentBatch): string => {
    const firstNew = b.events.find((e, i) => !b.result!.results[i].duplicate)!;
    return appliedAt.get(firstNew.input.eventId)!;
  };
  for (const b of batches) {
    // every event a batch applied carries the batch's commit time
    b.events.forEach((e, i) => {
      if (!b.result!.results[i].duplicate) expect(appliedAt.get(e.input.eventId)).toBe(commitTime(b));
    });
  }
  const order = [...batches].sort((a, b) => commitTime(a).localeCompare(commitTime(b)));
  expect(new Set(order.map(commitTime)).size).toBe(order.length);
  const serial: ConcreteEvent[] = order.flatMap((b) => b.events);
  expect(observed.partition).toEqual(referencePartition(serial));
}, 180_000);
